package vlrubric

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

// labelMention is where an answer names a bar.
type labelMention struct {
	label      string
	start, end int
}

// labelMentions finds the bars named in s: "bar B", "category B", "B = 25",
// "B: 25", "B (25)", "B is", "B has", "B with", "B itself", "B which", "B's",
// "| B |", "B →", and at the end of a clause after "is", "are", "and", "or", ":",
// "=" or "→" ("the highest is B.", "tallest = D"). Single-letter labels are matched
// case-sensitively and only in these forms, so the article "A" in "A bar chart" is
// not bar A.
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
			`(?i:bar|category|column|label|group)s?\s*(?:(?i:labell?ed|named|called|marked|titled)\s+)?["'(“‘«]?\s?(` + flag + q + `)\s?["')”’»]?(?:$|[^\pL\pN_])`,
			`(?:(?i:\bis|\bare|\bwas|\band|\bor)\s+(?:(?i:the)\s+)?|[:=→]\s*)(` + flag + q + `)(?:\s*[.!,;)\n]|\s*$|\s+(?:and|or)\b|\s+#\s)`,
			`(?:^|[\s(|"'“‘«*,/])(` + flag + q + `)\s?["”’»]?(?:\s*(?:=|:|\(|\)|,|\||→|≈|-\s|—|'s\b|’s\b)|\s+(?:is|has|had|with|at|reaches|shows|stands|comes|equals|was|bar|looks|appears|seems|sits|rises|measures|goes|tops|peaks|hits|value|itself|alone|which|who|qui|que|(?:elle|lui)-\S+|=|\d))`,
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

// followedByRe, between a superlative and a bar, makes the bar one of those after the
// highest: "the tallest bar, followed by T".
var followedByRe = regexp.MustCompile(`(?i)\b(?:followed by|then|next(?: comes| is)?|ahead of|before)\b`)

// The two gridlines a bar's top lies between: "between the 30 and 40 gridlines".
var (
	gridlinePairAfter  = regexp.MustCompile(`(?i)^\s*and\s+(?:the\s+)?\d+(?:\.\d+)?\s+(?:grid\s*lines?|lines?|ticks?|marks?)\b`)
	gridlinePairBefore = regexp.MustCompile(`(?i)\bbetween\s+(?:the\s+)?\d+(?:\.\d+)?\s+and\s+(?:the\s+)?$`)
	gridlineAfter      = regexp.MustCompile(`(?i)^\s*(?:grid\s*lines?|lines?|ticks?|marks?)\b`)
)

// enumeratorRe follows the number of a question in a list: "(2) which bar …".
var enumeratorRe = regexp.MustCompile(`(?i)^\)\s+(?:what|which|how|where|who|why|is|does)\b`)

var (
	superlativeRe = regexp.MustCompile(`(?i)\b(?:highest|tallest|largest|greatest|biggest|maximum|max|the most|winner)\b`)
	betweenBefore = regexp.MustCompile(`(?i)\bbetween\s*$`)
	andAfterRe    = regexp.MustCompile(`^\s*and\s*(\d+(?:\.\d+)?)`)
	rangeAfterRe  = regexp.MustCompile(`^\s*(?:or|to|-|–|—|/)\s*(?:maybe\s+|perhaps\s+|possibly\s+)?(\d+(?:\.\d+)?)`)
	extraBarRe    = regexp.MustCompile(`(?i)\b(?:a|an)\s+(?:\w+\s+){0,3}?(?:fifth|sixth|fourth|extra|additional|another|other|hidden|small|faint)\s+(?:\w+\s+)?bar\b`)
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
			if n.Words && n.Value == 1 && strings.EqualFold(n.Text, "one") {
				continue // "the tallest one", "one of the bars": a pronoun
			}
			if countOfBars.MatchString(s[max(0, n.Start-14):n.Start]) && !gridOf.MatchString(s[max(0, n.Start-24):n.Start]) {
				continue // "the lowest of the four": a count of bars
			}
			if enumeratorRe.MatchString(s[n.End:]) && n.Start > 0 && s[n.Start-1] == '(' {
				continue // "bar S, and (2) which bar …": a question's number
			}
			if gridlinePairAfter.MatchString(s[n.End:]) || gridlinePairBefore.MatchString(s[max(0, n.Start-30):n.Start]) && gridlineAfter.MatchString(s[n.End:]) {
				continue // "halfway between the 30 and 40 gridlines": the lines it lies between, no value
			}
			if comparisonAfter.MatchString(s[n.End:]) {
				break // "5 more than D", "five times L": a difference, no value
			}
			// "T has a value of 30, I mean 35": corrected on the spot, the bar's value is
			// the one after the correction.
			if loc := selfCorrection.FindStringIndex(s[n.End-1 : end]); loc != nil { // (from the number's last character: the marker's \b)
				at := n.End - 1 + loc[1]
				if later := Numbers(s[at:end]); len(later) > 0 {
					n2 := later[0]
					n2.Start += at
					n2.End += at
					n = n2
				}
			}
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
	if j := jsonLines(a.raw); j != "" {
		plain = j
		if strings.Contains(a.raw, "```") {
			plain = a.prose // the JSON's lines with the prose around it ("Correction: R is at 20")
		}
	}
	plain = strings.ReplaceAll(plain, "_", " ") // "value_of_B: 25", a YAML key
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
	if len(atts) == 0 && len(strings.Fields(plain)) <= 12 {
		// A terse answer to the two questions in order: "25. B."
		if ns := Numbers(plain); len(ns) > 0 {
			atts = append(atts, attribution{ct.Asked, ns[0]})
		}
	}
	// The value a bar is given after a self-correction is its final one.
	if from := finalClaim(plain); from > 0 {
		var final []attribution
		for _, a := range atts {
			if a.num.Start >= from {
				final = append(final, a)
			}
		}
		if len(final) > 0 {
			atts = final
		}
	}
	var okAsked, badAsked, hedgeAsked []string
	hedgeFrac := 0.0
	var confused, misread []string
	isOtherBar := func(label string, v float64) string {
		for _, b := range ct.Bars {
			if b.Label != label && eq(v, b.Value) {
				return b.Label
			}
		}
		return ""
	}
	for _, a := range atts {
		ok := eq(a.num.Value, truth[a.label])
		// A hedge: "24 or 25", "22–27".
		m := rangeAfterRe.FindStringSubmatch(plain[a.num.End:])
		if m == nil && betweenBefore.MatchString(plain[max(0, a.num.Start-12):a.num.Start]) {
			m = andAfterRe.FindStringSubmatch(plain[a.num.End:]) // "between 30 and 35"
		}
		if m != nil && (!ok || a.label == ct.Asked) {
			// The truth first or second ("about 20 or 25", "24 or 25"): either way a hedge.
			var hi float64
			fmt.Sscan(m[1], &hi)
			lo := a.num.Value
			if lo > hi {
				lo, hi = hi, lo
			}
			if truth[a.label] >= lo-tol && truth[a.label] <= hi+tol {
				if a.label == ct.Asked {
					f := 0.75 // two values, the truth among them
					if hi-lo > 2*ct.YStep/5+tol {
						f = 0.5 // a wide range
					}
					hedgeAsked = append(hedgeAsked, fmt.Sprintf("%s–%g", a.num.Text, hi))
					hedgeFrac = max(hedgeFrac, f)
				}
				continue
			}
		}
		if !ok {
			if other := isOtherBar(a.label, a.num.Value); other != "" {
				confused = append(confused, fmt.Sprintf("%s=%s is %s's value", a.label, a.num.Text, other))
			} else {
				misread = append(misread, fmt.Sprintf("%s=%s (is %g)", a.label, a.num.Text, truth[a.label]))
			}
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
	if len(okAsked)+len(badAsked)+len(hedgeAsked) == 0 {
		// A terse answer that leads with the value asked for, set apart: "50 — and
		// that's also the tallest bar".
		if ns := Numbers(plain); len(ns) > 0 && leadsAnswer(plain, ns[0]) {
			if ns[0].Value == want {
				okAsked = append(okAsked, ns[0].Text)
			} else {
				badAsked = append(badAsked, ns[0].Text)
			}
		}
	}
	switch {
	case len(okAsked) > 0 && len(badAsked) == 0:
		res[0] = cr(1, "gives %s = %s", ct.Asked, okAsked[0])
	case len(okAsked) > 0:
		res[0] = cr(0.5, "gives %s = %s but also %s", ct.Asked, okAsked[0], strings.Join(badAsked, ", "))
	case len(hedgeAsked) > 0 && len(badAsked) == 0:
		res[0] = cr(hedgeFrac, "hedges %s = %s, the truth %g among them", ct.Asked, hedgeAsked[0], want)
	case len(badAsked) > 0:
		res[0] = cr(0, "gives %s = %s, want %g", ct.Asked, strings.Join(badAsked, ", "), want)
	default:
		res[0] = cr(0, "no value given to bar %s (want %g)", ct.Asked, want)
	}

	// Invented bars: a label the chart does not have, given a value, or a claim of
	// one more bar.
	var others []string
	inChart := map[string]bool{}
	for _, l := range labels {
		inChart[l] = true
	}
	if len(labels) > 0 && len([]rune(labels[0])) == 1 {
		for c := 'A'; c <= 'Z'; c++ {
			if !inChart[string(c)] && c != 'A' && c != 'I' {
				others = append(others, string(c))
			}
		}
	}
	otherMs := labelMentions(plain, others)
	// "A" and "I" are words too: as labels they count only in a table cell, after
	// "bar", or with "=" or ":" ("| A | 5 |", "bar A", "A = 5").
	for _, m := range labelMentions(plain, []string{"A", "I"}) {
		if !inChart[m.label] && articleLabelRe.MatchString(plain[max(0, m.start-5):min(len(plain), m.end+3)]) {
			otherMs = append(otherMs, m)
		}
	}
	sort.Slice(otherMs, func(i, j int) bool { return otherMs[i].start < otherMs[j].start })
	var invented, hedgedInv []string
	for _, a := range attributions(plain, otherMs) {
		if hedgeRe.MatchString(sentenceAt(plain, a.num.Start)) {
			hedgedInv = append(hedgedInv, fmt.Sprintf("%s = %s", a.label, a.num.Text))
		} else {
			invented = append(invented, fmt.Sprintf("%s = %s", a.label, a.num.Text))
		}
	}
	for _, m := range extraBarRe.FindAllStringIndex(plain, -1) {
		if negated(plain, m[0]) {
			continue
		}
		if hedgeRe.MatchString(sentenceAt(plain, m[0])) {
			hedgedInv = append(hedgedInv, quote(plain[m[0]:m[1]]))
		} else {
			invented = append(invented, quote(plain[m[0]:m[1]]))
		}
	}

	claimed := map[string]bool{}
	var claimEv []string
	from := finalClaim(plain)
	sens := sentences(plain)
	for si, sen := range sens {
		for _, sm := range superlativeRe.FindAllStringIndex(sen.Text, -1) {
			pos := sen.Start + sm[0]
			if pos < from && claimingSuperlative(plain, from) {
				continue // taken back by the self-correction
			}
			if ordinalBefore.MatchString(plain[max(0, pos-16):pos]) {
				continue // "the second-highest": no claim of the highest
			}
			// Its clause: a dash or semicolon ends one ("B has the highest value — it
			// exceeds D").
			cs, ce := clauseAround(plain, sen.Start, sen.End, pos)
			if hypotheticalRe.MatchString(plain[cs:ce]) {
				continue // "if R were left out, T would be the largest"
			}
			if negated(plain, pos) {
				continue
			}
			if question := strings.HasPrefix(plain[sen.End:], "?"); question || askedRe.MatchString(plain[cs:pos]) {
				// "Which bar is the highest?", "you asked which bar is the highest": the
				// question; a sentence after it that opens on a bar answers it ("Which bar
				// has the highest value? Bar B, with 25.").
				// A question that asks for a bar's value first ("(1) what is the value of
				// bar S, and (2) which bar …?") is answered first on that bar.
				if question && si+1 < len(sens) && nearestMention(plain, ms, sen.Start, sen.Start, pos) < 0 {
					next := sens[si+1]
					if i := nearestMention(plain, ms, next.Start, next.Start, min(next.End, next.Start+24)); i >= 0 && !claimed[ms[i].label] {
						claimed[ms[i].label] = true
						claimEv = append(claimEv, fmt.Sprintf("%s (%s, after the question)", ms[i].label, quote(next.Text)))
					}
				}
				continue
			}
			// The bar nearest the superlative in its clause, else in its sentence.
			best := nearestMention(plain, ms, pos, cs, ce)
			if best < 0 {
				best = nearestMention(plain, ms, pos, sen.Start, sen.End)
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
	if len(claimed) == 0 {
		// "Ranking the bars from tallest to shortest: 1. B — 25 …": the first ranked.
		if m := rankedFromTop.FindStringIndex(plain); m != nil {
			for _, bm := range ms {
				if bm.start >= m[1] {
					claimed[bm.label] = true
					claimEv = append(claimEv, fmt.Sprintf("%s (first of a ranking from the top)", bm.label))
					break
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
	case len(strings.Fields(plain)) <= 12 && loneLabel(plain, ct.Highest, labels):
		res[1] = cr(1, "a terse answer names %s alone", ct.Highest)
	default:
		res[1] = cr(0, "no bar named next to a superlative (want %s)", ct.Highest)
	}

	switch {
	case len(atts) == 0 && len(invented)+len(hedgedInv) == 0 && len(okAsked) > 0:
		res[2] = cr(1, "the one value given, %s, is the asked bar's", okAsked[0])
	case len(atts) == 0 && len(invented)+len(hedgedInv) == 0:
		res[2] = cr(0, "no value given to any bar, nothing to check")
	case len(confused) > 0 || len(invented) > 0:
		res[2] = cr(0, "confuses bars: %s", strings.Join(append(confused, invented...), "; "))
	case len(hedgedInv) > 0:
		res[2] = cr(0.5, "a hedged invented bar: %s", strings.Join(hedgedInv, "; "))
	case len(misread) > 0:
		res[2] = cr(1, "no bar given another's value (misread, charged to accuracy: %s)", strings.Join(misread, ", "))
	default:
		res[2] = cr(1, "all %d values given to bars are right", len(atts))
	}
	return res[:], nil
}

// loneLabel reports whether a terse answer gives label as a sentence of its own, and
// names no other bar so: the second answer of "25. B.".
func loneLabel(s, label string, labels []string) bool {
	found := false
	for _, sen := range sentences(s) {
		toks := tokenRe.FindAllString(sen.Text, -1)
		if len(toks) != 1 {
			continue
		}
		for _, l := range labels {
			if toks[0] == l {
				if l != label {
					return false
				}
				found = true
			}
		}
	}
	return found
}

// claimingSuperlative reports whether s[from:] has a superlative that claims a bar
// highest: not an ordinal ("second-highest") and not in a hypothetical clause.
func claimingSuperlative(s string, from int) bool {
	for _, m := range superlativeRe.FindAllStringIndex(s[from:], -1) {
		pos := from + m[0]
		if ordinalBefore.MatchString(s[max(0, pos-16):pos]) {
			continue
		}
		sen := sentenceAt(s, pos)
		if hypotheticalRe.MatchString(sen) {
			continue
		}
		return true
	}
	return false
}

var (
	ordinalBefore = regexp.MustCompile(`(?i)\b(?:second|third|fourth|2nd|3rd|next)[-\s]*$`)
)

var (
	// askedRe ends a clause that restates the question: "which bar is the …".
	askedRe = regexp.MustCompile(`(?i)\b(?:which|what)\s+(?:bar|one|column|category|label)\b[^.;,]*$`)
	// rankedFromTop heads a ranking whose first item is the highest bar.
	rankedFromTop = regexp.MustCompile(`(?i)\b(?:rank\w*|order\w*|sort\w*|list\w*)\b[^.\n]{0,40}\bfrom\s+(?:the\s+)?(?:tallest|highest|largest|biggest|greatest)\s+to\b[^:\n]*:?`)
)

// gridOf is a grid line named by its value: "the line of the 5" gives the bar 5.
var gridOf = regexp.MustCompile(`(?i)\b(?:line|gridline|mark|level|tick)\s+of\s+the\s+$`)

var countOfBars = regexp.MustCompile(`(?i)\b(?:of the|of all|all|among the|the other)\s+$`)

var comparisonAfter = regexp.MustCompile(`(?i)^\s*(?:units?\s+|points?\s+)?(?:more|less|fewer|higher|lower|greater|smaller|taller|shorter|times|x\b|×)`)

var articleLabelRe = regexp.MustCompile(`\|\s*[AI]\s*\||(?i:bar)\s+[AI]\b|\b[AI]\s*[=:]`)

var dashOrSemicolon = regexp.MustCompile(`\s[—–]\s|\s\|\s|;|,?\s+(?:but|however|whereas|while)\s`)

// clauseAround returns the part of s[start:end] that holds pos, cut at dashes and
// semicolons.
func clauseAround(s string, start, end, pos int) (int, int) {
	cs, ce := start, end
	for _, m := range dashOrSemicolon.FindAllStringIndex(s[start:end], -1) {
		switch {
		case start+m[1] <= pos:
			cs = start + m[1]
		case start+m[0] >= pos && start+m[0] < ce:
			ce = start + m[0]
		}
	}
	return cs, ce
}

// nearestMention returns the index of the mention in ms nearest pos within s[lo:hi]
// that is not negated and not in an aside listing other bars, or -1.
func nearestMention(s string, ms []labelMention, pos, lo, hi int) int {
	best, bestD := -1, -1
	for i, m := range ms {
		if m.start < lo || m.end > hi || negated(s, m.start) || inListAside(s, ms, m, pos) || comparedAgainst(s, ms, i) {
			continue
		}
		if m.start > pos && followedByRe.MatchString(s[pos:m.start]) {
			continue // "R … the tallest bar, followed by T (35), U (30)": the ones after it
		}
		d := m.start - pos
		if d < 0 {
			d = pos - m.end
		}
		if bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// inListAside reports whether m is in parentheses that do not hold pos and that name
// two or more bars: "B is the tallest (A = 10, C = 15, D = 20)" compares B with the
// bars in the aside and claims none of them. An aside of one bar may be the claim
// ("the tallest bar (B)").
func inListAside(s string, ms []labelMention, m labelMention, pos int) bool {
	open := strings.LastIndexByte(s[:m.start], '(')
	if open < 0 || strings.IndexByte(s[open:m.start], ')') >= 0 {
		return false
	}
	end := strings.IndexByte(s[m.end:], ')')
	if end < 0 {
		return false
	}
	end += m.end
	if pos >= open && pos <= end {
		return false
	}
	n := 0
	for _, o := range ms {
		if o.start > open && o.end <= end {
			n++
		}
	}
	return n >= 2
}

// comparedBefore ends the words before a bar that another is compared with, or before
// the last of a list of them: "rising above", "higher than", "above A, C and".
var comparedBefore = regexp.MustCompile(`\b(?i:above|over|than|beyond|exceeds?|exceeding|beats?|beating|outranks?|surpass\w*)\s+(?:(?i:bars?|the|all|both)\s+)*(?:\pL{1,12}\s*(?:,|(?i:and|or)|&|/)\s*)*$`)

// comparedAgainst reports whether mention i of ms is a bar the answer compares
// another with ("D rises just above B", "rising above R, S and U"), alone or in a
// list after the comparison; such a bar is not the one claimed highest.
func comparedAgainst(s string, ms []labelMention, i int) bool {
	return comparedBefore.MatchString(s[max(0, ms[i].start-60):ms[i].start])
}
