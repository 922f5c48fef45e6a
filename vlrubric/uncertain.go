package vlrubric

import (
	"fmt"
	"strings"
	"unicode"
)

// This file says when the rules are unsure: answers that they cannot read with
// confidence are marked, per criterion, with the reason, so that results and the
// report can count them and a judge (-judge) is asked about exactly those criteria.
// The rules' fractions stay the score; the mark only says "look here".

// valueCriterion names, per question, the criterion that needs a number in the answer.
var valueCriterion = map[string]string{
	"VL-T1-Q2": "correct total count",
	"VL-T2-Q1": "correct value for B",
	"VL-T2-Q2": "correct total extraction",
	"VL-T3-Q1": "correct answer",
}

// English function words, and those of the other languages local VLMs answer in most
// often. The lists are only for telling the language of an answer, never for scoring.
var (
	englishWords = wordSet("the a an is are of and in to it this that there with on for as be by was has have which")
	otherWords   = wordSet("le la les est et un une des du dans il elle sont der die das und ist ein eine nicht mit auf el los las es y en con por una para que del al ist sie")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// uncertainty returns, per criterion of question id, why the rules could not read the
// answer with confidence; nil when nothing is uncertain.
//
//   - Most of the answer is not English (letters of other scripts, or mostly another
//     language's function words): every criterion the rules gave less than full
//     credit is uncertain, since the rules read English words.
//   - A question that needs a value (a count, a bar's value, a total, x) got an answer
//     with no number in it at all that earned nothing on that criterion: the value may
//     be there in a form the rules do not read.
//   - A long answer (over 120 words) that earned nothing on any main criterion.
func uncertainty(id string, plain string, res []CriterionResult, foreign string) map[string]string {
	out := map[string]string{}
	if why := foreign; why != "" {
		for _, c := range res {
			if c.Fraction < 1 {
				out[c.Name] = why
			}
		}
	}
	if name, ok := valueCriterion[id]; ok && len(Numbers(plain)) == 0 {
		for _, c := range res {
			if c.Name == name && c.Fraction == 0 {
				out[name] = "no number found in the answer where one is required"
			}
		}
	}
	if words := len(strings.Fields(plain)); words > 120 {
		main := 0.0
		for _, c := range res {
			if !guard[c.Name] {
				main += c.Fraction
			}
		}
		if main == 0 {
			for _, c := range res {
				if !guard[c.Name] {
					out[c.Name] = fmt.Sprintf("a long answer (%d words) in which the rules matched nothing", words)
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// foreignReason says why an answer is mostly not English, or "" when it is.
func foreignReason(s string) string {
	letters, other := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.In(r, unicode.Latin) {
				other++
			}
		}
	}
	if letters > 0 && other*10 >= letters*3 {
		return fmt.Sprintf("mostly not English: %d%% of its letters are of other scripts", 100*other/letters)
	}
	if other >= 6 && other*10 >= letters {
		return fmt.Sprintf("mixed languages: %d%% of its letters are of other scripts", 100*other/letters)
	}
	en, fo, n := 0, 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		n++
		switch _, known := lexicon[w]; {
		case englishWords[w]:
			en++
		case otherWords[w], known:
			fo++ // a function word or a word of the lexicon's other languages
		}
	}
	if n >= 5 && fo >= 2 && fo > 2*en {
		return fmt.Sprintf("mostly not English: %d function words of other languages, %d English", fo, en)
	}
	return ""
}
