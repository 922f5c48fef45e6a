package stdsets

import (
	"math"
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
// then for multi_choice a lone letter, "(B)" or "B." at the start, or the text of exactly
// one choice; for integer and float the last number; for list the last [...] group.
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
			if c != "" && strings.Contains(strings.ToLower(tail), strings.ToLower(c)) {
				if hit != "" && hit != c {
					return "", false // two choices named: ambiguous
				}
				hit = c
			}
		}
		return hit, hit != ""
	case p.AnswerType == "integer" || p.AnswerType == "float":
		nums := numberRE.FindAllString(strings.ReplaceAll(tail, ",", ""), -1)
		if len(nums) == 0 {
			return "", false
		}
		return nums[len(nums)-1], true
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
	numberRE     = regexp.MustCompile(`-?\d+(?:\.\d+)?|-?\.\d+`)
	listRE       = regexp.MustCompile(`\[[^\[\]]*\]`)
	answerMarkRE = regexp.MustCompile(`(?i)(?:final answer|answer)\s*(?:is|:)\s*:?`)
	letterRE     = regexp.MustCompile(`^(?:\(([A-Z])\)|([A-Z])(?:[.:)]\s|[.:)]?$))`)
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
// starting with "A" is not read as choice A.
func leadingLetter(s string, n int) (string, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*"))
	m := letterRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	l := m[1] + m[2]
	if int(l[0]-'A') >= n {
		return "", false
	}
	return l, true
}

// MathVistaNormalize turns an extraction into the form it is compared in, as the
// official normalize_extracted_answer: for multi_choice a letter becomes its choice's
// text; an integer is int(float(x)); a float is rounded to the precision; a list is
// compared as its numbers. It reports whether the result equals the ground truth.
//
// Choices where this differs from the official code: a multiple-choice extraction that
// is neither a letter nor a choice is wrong (the official code picks the most similar
// choice by edit distance, which turns any text into some answer); floats and lists
// compare as numbers (the official code compares str(round(x, p)) with the answer
// text, so "1.50" and "1.5" differ there only by formatting).
func MathVistaNormalize(extraction string, p MathVistaProblem) (norm string, right bool) {
	e := strings.TrimSpace(extraction)
	switch {
	case p.QuestionType == "multi_choice":
		if l, ok := leadingLetter(e, len(p.Choices)); ok && len(e) <= 3 {
			e = p.Choices[l[0]-'A']
		}
		for _, c := range p.Choices {
			if strings.EqualFold(strings.TrimSpace(c), e) {
				return c, strings.TrimSpace(c) == strings.TrimSpace(p.Answer)
			}
		}
		return e, false
	case p.AnswerType == "integer":
		f, err := strconv.ParseFloat(strings.ReplaceAll(e, ",", ""), 64)
		if err != nil {
			return e, false
		}
		n := strconv.FormatInt(int64(f), 10)
		return n, n == strings.TrimSpace(p.Answer)
	case p.AnswerType == "float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(e, ",", ""), 64)
		a, aerr := strconv.ParseFloat(strings.TrimSpace(p.Answer), 64)
		if err != nil || aerr != nil {
			return e, false
		}
		r := roundTo(f, p.Precision)
		return strconv.FormatFloat(r, 'f', p.Precision, 64), r == roundTo(a, p.Precision)
	case p.AnswerType == "list":
		got, want := numberRE.FindAllString(e, -1), numberRE.FindAllString(p.Answer, -1)
		if len(got) != len(want) || len(want) == 0 {
			return e, strings.TrimSpace(e) == strings.TrimSpace(p.Answer)
		}
		for i := range got {
			g, _ := strconv.ParseFloat(got[i], 64)
			w, _ := strconv.ParseFloat(want[i], 64)
			if g != w {
				return e, false
			}
		}
		return e, true
	default:
		return e, strings.EqualFold(e, strings.TrimSpace(p.Answer))
	}
}

func roundTo(f float64, prec int) float64 {
	p := math.Pow(10, float64(prec))
	return math.Round(f*p) / p
}
