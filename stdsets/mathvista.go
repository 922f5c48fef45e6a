package stdsets

import (
	"regexp"
	"strconv"
	"strings"
)

// MathVistaProblem is what MathVista's extraction needs of a sample.
type MathVistaProblem struct {
	QuestionType string   // "multi_choice" or "free_form"
	AnswerType   string   // "text", "integer", "float", "list"
	Choices      []string // multi_choice options
	Precision    int      // float answers: decimals
	Answer       string   // ground truth as the set writes it
}

// MathVistaExtract extracts the answer from a response by rule. ok is false when no rule
// applies; the caller may then ask a judge (-judge), whose reply goes through
// MathVistaNormalize like a rule's.
//
// The official pipeline (lupantech/MathVista evaluation/extract_answer.py, as lmms-eval's
// mathvista_evals.py) takes the response as is when it is a choice or parses as the
// answer type, and otherwise asks GPT with few-shot examples. These rules stand in for
// GPT, in order: an "Answer:"/"answer is" tail when there is one, else the last line;
// then for multi_choice a lone letter, "(B)", "(b)" or "B." at the start, or the text of
// exactly one choice; for integer and float the last number (scanNumbers: "1e-3",
// "1_2", "1,234"); for list the last [...] group.
func MathVistaExtract(response string, p MathVistaProblem) (string, bool) {
	resp := FinalAnswer(response)
	if resp == "" {
		return "", false
	}
	if p.QuestionType == "multi_choice" {
		for _, c := range p.Choices {
			if resp == c {
				return c, true
			}
		}
	}
	// As the official extract_answer: a response that int() or float() reads whole is
	// the extraction.
	if p.AnswerType == "integer" {
		if n, ok := pyInt(resp); ok {
			return n, true
		}
	}
	if p.AnswerType == "float" {
		if _, ok := pyFloat(resp); ok {
			return pyStrip(resp), true
		}
	}
	tail := answerTail(resp)
	switch {
	case p.QuestionType == "multi_choice":
		if l, ok := leadingLetter(tail, len(p.Choices)); ok {
			return l, true
		}
		if l, ok := leadingLetter(resp, len(p.Choices)); ok {
			return l, true
		}
		hit := ""
		for _, c := range p.Choices {
			if c != "" && strings.Contains(pyLower(tail), pyLower(c)) {
				if hit != "" && hit != c {
					return "", false // two choices named: ambiguous
				}
				hit = c
			}
		}
		return hit, hit != ""
	case p.AnswerType == "integer" || p.AnswerType == "float":
		nums := scanNumbers(tail, true)
		if len(nums) == 0 {
			return "", false
		}
		return plainNumber(nums[len(nums)-1].Text), true
	case p.AnswerType == "list":
		l := listRE.FindAllString(tail, -1)
		if len(l) == 0 {
			return "", false
		}
		return l[len(l)-1], true
	default:
		return tail, tail != ""
	}
}

var (
	listRE       = regexp.MustCompile(`\[[^\[\]]*\]`)
	answerMarkRE = regexp.MustCompile(`(?i)(?:final answer|answer)\s*(?:is|:)\s*:?`)
	letterRE     = regexp.MustCompile(`^(?:\(([A-Za-z])\)|([A-Z])(?:[.:)]\s|[.:)]?$))`)
	// bracketLetterRE is the official normalize_extracted_answer's \(([a-zA-Z])\).
	bracketLetterRE = regexp.MustCompile(`\(([a-zA-Z])\)`)
)

// answerTail is the text after the last "answer is"/"Answer:", else the last non-empty line.
func answerTail(s string) string {
	if locs := answerMarkRE.FindAllStringIndex(s, -1); len(locs) > 0 {
		t := strings.TrimSpace(s[locs[len(locs)-1][1]:])
		if t != "" {
			return strings.TrimSpace(strings.SplitN(t, "\n", 2)[0])
		}
	}
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// leadingLetter reads a choice letter at the start of s: "B", "(B)", "B." or "B)" alone,
// or "(B) text", "B. text", "B) text", "B: text". Upper case only, so that a sentence
// starting with "A" is not read as choice A, except in brackets: "(b)" is B.
func leadingLetter(s string, n int) (string, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*"))
	m := letterRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	l := strings.ToUpper(m[1] + m[2])
	if int(l[0]-'A') >= n {
		return "", false
	}
	return l, true
}

// MathVistaNormalize turns an extraction into the form it is compared in, as the
// official normalize_extracted_answer: for multi_choice the first bracketed letter
// ("(c)", "(C) 5") or a letter alone becomes its choice's text; an integer is
// str(int(float(x))); a float is rounded to the precision as Python's round() does; a
// list is compared as its numbers. It reports whether the result equals the ground
// truth (as the official safe_equal: the text, white space around it dropped).
//
// Choices where this differs from the official code: a multiple-choice extraction that
// is neither a letter nor a choice's text (case aside) is wrong (the official code picks
// the most similar choice by edit distance, which turns any text into some answer);
// "B." and "B)" are letters too; commas are dropped from numbers before float() reads
// them; floats and lists compare as numbers (the official code compares
// str(round(x, p)) with the answer text, so "1.50" and "1.5" differ there only by
// formatting).
func MathVistaNormalize(extraction string, p MathVistaProblem) (norm string, right bool) {
	e := pyStrip(extraction)
	answer := pyStrip(p.Answer)
	switch {
	case p.QuestionType == "multi_choice":
		if m := bracketLetterRE.FindStringSubmatch(e); m != nil {
			e = strings.ToUpper(m[1])
		}
		if l, ok := leadingLetter(e, len(p.Choices)); ok && len(e) <= 3 {
			e = p.Choices[l[0]-'A']
		}
		for _, c := range p.Choices {
			if pyLower(pyStrip(c)) == pyLower(e) {
				return c, pyStrip(c) == answer
			}
		}
		return e, false
	case p.AnswerType == "integer":
		f, ok := pyFloat(strings.ReplaceAll(e, ",", ""))
		if !ok {
			return e, false
		}
		n, ok := pyIntOfFloat(f)
		if !ok {
			return e, false
		}
		return n, n == answer
	case p.AnswerType == "float":
		f, ok := pyFloat(strings.ReplaceAll(e, ",", ""))
		a, aok := pyFloat(answer)
		if !ok || !aok {
			return e, false
		}
		r := pyRound(f, p.Precision)
		return strconv.FormatFloat(r, 'f', -1, 64), r == pyRound(a, p.Precision)
	case p.AnswerType == "list":
		got, want := scanNumbers(e, false), scanNumbers(answer, false)
		if len(got) != len(want) || len(want) == 0 {
			return e, e == answer
		}
		for i := range got {
			if got[i].Value != want[i].Value {
				return e, false
			}
		}
		return e, true
	default:
		return e, e == answer
	}
}

// plainNumber is a number's text as Python's float() reads it: digits in ASCII,
// without thousands commas.
func plainNumber(text string) string { return strings.ReplaceAll(foldDigits(text), ",", "") }
