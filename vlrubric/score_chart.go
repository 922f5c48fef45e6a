package vlrubric

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

// labelMention is where an answer names a bar.
type labelMention struct {
	label      string
	start, end int
}

// labelMentions finds the bars named in s: "bar B", "category B", "B = 25",
// "B: 25", "B (25)", "B is", "B has", "B with", "B's", "| B |", "B →", and at the end
// of a clause after "is", "are", "and", "or" or ":" ("the highest is B."). Single-letter
// labels are matched case-sensitively and only in these forms, so the article "A"
// in "A bar chart" is not bar A.
func labelMentions(s string, labels []string) []labelMention {
	var out []labelMention
	seen := map[int]bool{}
	for _, l := range labels {
		q := regexp.QuoteMeta(l)
		flag := ""
		if len([]rune(l)) > 1 {
			flag = "(?i)"
		}
		exprs := []string{
			`(?i:bar|category|column|label|group)s?\s*["'(]?(` + flag + q + `)["')]?(?:$|[^\pL\pN_])`,
			`(?:(?i:\bis|\bare|\bwas|\band|\bor)\s+|:\s*)(` + flag + q + `)(?:\s*[.!,;)]|\s*$|\s+(?:and|or)\b)`,
			`(?:^|[\s(|"'*,/])(` + flag + q + `)(?:\s*(?:=|:|\(|\)|,|\||→|≈|-\s|—|'s\b|’s\b)|\s+(?:is|has|had|with|at|reaches|shows|stands|comes|equals|was|bar|=|\d))`,
		}
		for _, e := range exprs {
			for _, m := range cachedRegexp(e).FindAllStringSubmatchIndex(s, -1) {
				if !seen[m[2]] {
					seen[m[2]] = true
					out = append(out, labelMention{l, m[2], m[3]})
				}
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var (
	superlativeRe = regexp.MustCompile(`(?i)\b(?:highest|tallest|largest|greatest|biggest|maximum|most|top|peak|max|leads?|winner)\b`)
	listJoin      = regexp.MustCompile(`^\s*(?:,|and|or|&|/|, and|, or)\s*$`)
	windowEndRe   = regexp.MustCompile(`[.!?](?:\s|$)|[;\n]`)
)

// attribution is a value the answer gives to a bar.
type attribution struct {
	label string
	num   Number
}

// attributions pairs each bar mention with the first number after it, before the
// next bar mention, the end of the sentence or line, and within 60 bytes.
func attributions(s string, ms []labelMention) []attribution {
	var out []attribution
	for i, m := range ms {
		end := len(s)
		if i+1 < len(ms) {
			end = ms[i+1].start
		}
		if e := windowEndRe.FindStringIndex(s[m.end:]); e != nil && m.end+e[0] < end {
			end = m.end + e[0]
		}
		if end > m.end+60 {
			end = m.end + 60
		}
		for _, n := range Numbers(s[m.end:end]) {
			n.Start += m.end
			n.End += m.end
			out = append(out, attribution{m.label, n})
			break
		}
	}
	return out
}

// scoreChart scores VL-T2-Q1 (bar chart reading).
//
// A value is given to a bar when a number follows its mention (see labelMentions,
// attributions); values within a tenth of the grid step (0.5 for a step of 5) count
// as equal.
//
//   - correct value for b: 1 when every value given to the asked bar is right, 0.5
//     when right and wrong values are both given, 0 otherwise.
//   - correct highest identification: in each sentence with a superlative
//     ("highest", "tallest", "largest", "maximum", "most", ...) that is not negated,
//     the bar named nearest to it (with any bars listed with it: "B and D") is
//     claimed highest. 1 when only the right
//     bar is claimed, 0.5 when others are too, 0 otherwise.
//   - no value confusion: the share of all values given to any bar that are that
//     bar's true value (so swapping B's and D's values, or reading the axis maximum
//     as a bar's value, costs). 0 when no value is given to any bar.
func scoreChart(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	ct := t.Chart
	if ct == nil || len(ct.Bars) == 0 || ct.Asked == "" {
		return nil, errNoTruth(t, "Chart")
	}
	var res [3]CriterionResult
	truth := map[string]float64{}
	var labels []string
	for _, b := range ct.Bars {
		truth[b.Label] = b.Value
		labels = append(labels, b.Label)
	}
	tol := ct.YStep / 10
	if tol <= 0 {
		tol = 0.5
	}
	eq := func(a, b float64) bool { return math.Abs(a-b) <= tol+1e-9 }
	ms := labelMentions(plain, labels)
	atts := attributions(plain, ms)

	var okAsked, badAsked []string
	right, all := 0, 0
	var confused []string
	for _, a := range atts {
		all++
		ok := eq(a.num.Value, truth[a.label])
		if ok {
			right++
		} else {
			confused = append(confused, fmt.Sprintf("%s=%s (is %g)", a.label, a.num.Text, truth[a.label]))
		}
		if a.label == ct.Asked {
			if ok {
				okAsked = append(okAsked, a.num.Text)
			} else {
				badAsked = append(badAsked, a.num.Text)
			}
		}
	}
	want := truth[ct.Asked]
	switch {
	case len(okAsked) > 0 && len(badAsked) == 0:
		res[0] = cr(1, "gives %s = %s", ct.Asked, okAsked[0])
	case len(okAsked) > 0:
		res[0] = cr(0.5, "gives %s = %s but also %s", ct.Asked, okAsked[0], strings.Join(badAsked, ", "))
	case len(badAsked) > 0:
		res[0] = cr(0, "gives %s = %s, want %g", ct.Asked, strings.Join(badAsked, ", "), want)
	default:
		res[0] = cr(0, "no value given to bar %s (want %g)", ct.Asked, want)
	}

	claimed := map[string]bool{}
	var claimEv []string
	for _, sen := range sentences(plain) {
		for _, sm := range superlativeRe.FindAllStringIndex(sen.Text, -1) {
			pos := sen.Start + sm[0]
			if negated(plain, pos) {
				continue
			}
			best, bestD := -1, -1
			for i, m := range ms {
				if m.start < sen.Start || m.end > sen.End || negated(plain, m.start) {
					continue
				}
				d := m.start - pos
				if d < 0 {
					d = pos - m.end
				}
				if bestD < 0 || d < bestD {
					best, bestD = i, d
				}
			}
			if best < 0 {
				continue
			}
			// A list of bars ("B and D") is claimed together.
			lo, hi := best, best
			for lo > 0 && listJoin.MatchString(plain[ms[lo-1].end:ms[lo].start]) {
				lo--
			}
			for hi+1 < len(ms) && listJoin.MatchString(plain[ms[hi].end:ms[hi+1].start]) {
				hi++
			}
			for _, m := range ms[lo : hi+1] {
				if !claimed[m.label] {
					claimed[m.label] = true
					claimEv = append(claimEv, fmt.Sprintf("%s (%s)", m.label, quote(sen.Text)))
				}
			}
		}
	}
	switch {
	case claimed[ct.Highest] && len(claimed) == 1:
		res[1] = cr(1, "claims highest: %s", claimEv[0])
	case claimed[ct.Highest]:
		res[1] = cr(0.5, "claims more than one bar highest: %s", strings.Join(claimEv, "; "))
	case len(claimed) > 0:
		res[1] = cr(0, "claims highest: %s, want %s", strings.Join(claimEv, "; "), ct.Highest)
	default:
		res[1] = cr(0, "no bar named next to a superlative (want %s)", ct.Highest)
	}

	switch {
	case all == 0:
		res[2] = cr(0, "no value given to any bar, nothing to check")
	case right == all:
		res[2] = cr(1, "all %d values given to bars are right", all)
	default:
		res[2] = cr(float64(right)/float64(all), "%d of %d values given to bars are wrong: %s", all-right, all, strings.Join(confused, ", "))
	}
	return res[:], nil
}
