package vlrubric

import (
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	tokenRe    = regexp.MustCompile(`[\pL\pN]+`)
	quotedRe   = regexp.MustCompile(`"([^"\n]+)"|(?:^|\s)'([^'\n]+)'(?:\s|$|[.,;:!?])`)
	moreTextRe = regexp.MustCompile(`(?i)\b(?:also|additional|another|second|smaller|more|extra|other) (?:text|line|lines|words?|caption|label|subtitle|heading)\b`)
	lettersRe  = regexp.MustCompile(`\pL`)
)

type token struct {
	text       string
	start, end int
}

func tokens(s string) []token {
	var out []token
	for _, m := range tokenRe.FindAllStringIndex(s, -1) {
		out = append(out, token{s[m[0]:m[1]], m[0], m[1]})
	}
	return out
}

// scoreText scores VL-T1-Q1 (simple OCR).
//
//   - exact text match: 1 when the words of the truth appear in the answer as one
//     consecutive run, ignoring case and the punctuation between words; otherwise
//     half the share of the truth's words found anywhere (so a near miss earns a
//     little, never much).
//   - correct capitalization: 1 when such a run also matches letter case exactly;
//     otherwise the share of the truth's words with letters that appear with exact
//     case.
//   - no hallucinations: the transcription is the quoted span holding most of the
//     truth's words, else the stretch of the line from its first to its last truth
//     word. Every word in it that is not in the truth is an invented word, and so is a
//     claim of further text ("also a second line"); the fraction is 1 − invented ÷
//     words of the truth, at least 0. It is 0 when no word of the truth was found.
func scoreText(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	if t.Text == nil || strings.TrimSpace(t.Text.Text) == "" {
		return nil, errNoTruth(t, "Text")
	}
	want := tokens(t.Text.Text)
	got := tokens(plain)
	exactRun, caseRun := -1, -1
	for i := 0; i+len(want) <= len(got); i++ {
		ok, okCase := true, true
		for j, w := range want {
			if !strings.EqualFold(got[i+j].text, w.text) {
				ok = false
				break
			}
			if got[i+j].text != w.text {
				okCase = false
			}
		}
		if ok && exactRun < 0 {
			exactRun = i
		}
		if ok && okCase {
			caseRun = i
			break
		}
	}
	var res [3]CriterionResult
	inTruth := map[string]bool{}
	for _, w := range want {
		inTruth[strings.ToLower(w.text)] = true
	}
	found, foundCase, letters, lettersCase := 0, 0, 0, 0
	for _, w := range want {
		f, fc := false, false
		for _, g := range got {
			if strings.EqualFold(g.text, w.text) {
				f = true
				fc = fc || g.text == w.text
			}
		}
		if f {
			found++
		}
		if lettersRe.MatchString(w.text) {
			letters++
			if fc {
				lettersCase++
			}
		}
		if fc {
			foundCase++
		}
	}
	span := func(i int) string { return plain[got[i].start:got[i+len(want)-1].end] }
	switch {
	case exactRun >= 0:
		res[0] = cr(1, "found %s", quote(span(exactRun)))
	case found > 0:
		res[0] = cr(0.5*float64(found)/float64(len(want)), "no exact run of %s; %d of %d words found scattered or altered", quote(t.Text.Text), found, len(want))
	default:
		res[0] = cr(0, "none of the words of %s found", quote(t.Text.Text))
	}
	switch {
	case caseRun >= 0:
		res[1] = cr(1, "case matches: %s", quote(span(caseRun)))
	case letters == 0:
		res[1] = cr(res[0].Fraction, "the text has no letters; follows the text match")
	default:
		res[1] = cr(float64(lettersCase)/float64(letters), "%d of %d words with letters written with the right case (%s)", lettersCase, letters, quote(t.Text.Text))
	}
	if found == 0 {
		res[2] = cr(0, "nothing of the text transcribed, nothing to check")
		return res[:], nil
	}
	// The transcription: the quoted span with most truth words, else the stretch of
	// the best line between its first and last truth word.
	best, bestN := "", 0
	for _, m := range quotedRe.FindAllStringSubmatch(plain, -1) {
		q := m[1] + m[2]
		if n := countIn(tokens(q), inTruth); n > bestN {
			best, bestN = q, n
		}
	}
	if bestN == 0 {
		for _, line := range strings.Split(plain, "\n") {
			toks := tokens(line)
			first, last, n := -1, -1, 0
			for i, tk := range toks {
				if inTruth[strings.ToLower(tk.text)] {
					if first < 0 {
						first = i
					}
					last, n = i, n+1
				}
			}
			if n > bestN {
				best, bestN = line[toks[first].start:toks[last].end], n
			}
		}
	}
	var extra []string
	for _, tk := range tokens(best) {
		if !inTruth[strings.ToLower(tk.text)] && !strings.EqualFold(tk.text, "and") {
			extra = append(extra, tk.text)
		}
	}
	if m := moreTextRe.FindString(plain); m != "" {
		extra = append(extra, "claims "+quote(m))
	}
	f := 1 - float64(len(extra))/float64(len(want))
	if len(extra) == 0 {
		res[2] = cr(1, "transcription %s adds nothing", quote(best))
	} else {
		res[2] = cr(f, "transcription %s invents %d: %s", quote(best), len(extra), strings.Join(extra, ", "))
	}
	return res[:], nil
}

func countIn(toks []token, set map[string]bool) int {
	n := 0
	for _, tk := range toks {
		if set[strings.ToLower(tk.text)] {
			n++
		}
	}
	return n
}
