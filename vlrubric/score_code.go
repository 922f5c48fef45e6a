package vlrubric

import (
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	// bugDenialRe is an explicit claim that the code has no bug.
	bugDenialRe = regexp.MustCompile(`(?i)\b(?:no(?:\s+(?:obvious|apparent|real|actual|visible|logical))?\s+(?:bugs?|errors?|issues?|problems?)\b|(?:isn't|is not|aren't|are not|there's not|doesn't (?:have|contain)|does not (?:have|contain)|don't see|do not see|didn't find|did not find|can't (?:see|find|spot)|cannot (?:see|find|spot)|couldn't find|could not find)\s+(?:a|an|any)\s+(?:obvious\s+|apparent\s+)?(?:bugs?|errors?|issues?|problems?)\b|bug[\s-]free|(?:the\s+)?code\s+is\s+correct(?:\s+as\s+written)?\s*[.!]?\s*$)`)
	// bugAffirmRe is a claim that there is a bug, without saying which.
	bugAffirmRe = regexp.MustCompile(`(?i)\b(?:yes\b|there(?:'s| is) (?:a|one) (?:subtle )?(?:bug|error|issue|problem)|(?:the|a) bug\b|bug:|off[\s-]by[\s-]one|is (?:buggy|incorrect|wrong))`)
	// causeRe names where the bug sits in the code.
	causeRe = regexp.MustCompile(`(?i)\b(?:line \d+|range|loop|len\(|index|iterat\w*|comparison|operator|condition|initiali[sz]\w*|accumulator|starts? (?:at|from)|upper bound|lower bound|boundary)`)
	// exampleRe is a concrete input that shows the bug.
	exampleRe = regexp.MustCompile(`\[\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)+\s*\]`)
	// purposeAntonyms are groups of purpose words; a group that shares no word with the
	// truth's purpose or bug keywords marks a misreading when asserted.
	purposeAntonyms = [][]string{
		{"largest", "maximum", "biggest", "greatest", "highest"},
		{"smallest", "minimum", "lowest"},
		{"average"},
		{"sorts", "sorted"},
	}
)

// scoreCode scores VL-T2-Q3 (what does this code do; is there a bug).
//
//   - correct code reading: 1 when a purpose keyword of the truth is asserted (not
//     negated: "returns the largest value"); 0.5 when a purpose of another kind is
//     asserted too ("smallest" for find_max, unless the bug itself is about it); 0
//     otherwise.
//   - bug identification: 1 when every bug keyword group of the truth matches within
//     two consecutive sentences of the prose (fenced code blocks, which often just
//     quote the image, do not count; each
//     group is alternatives: where and what, e.g. "last" and "never"/"skip"/"- 1") or
//     the answer gives the exact fix (white space ignored); 0.5 of that when it also
//     says there is no bug ("there is no bug" alone earns 0); otherwise half the share
//     of groups matched, or 0.25 for a bare "yes, there is a bug".
//   - clear explanation: only when some of the actual bug was named (a keyword group
//     or the fix; a bare "yes, there is a bug" is not enough): a third
//     each for the cause (where in the code: the line, loop, range, index, comparison,
//     initialisation), the effect (every bug keyword group) and the remedy (the exact
//     fix, or a concrete failing input such as [1, 5, 9]). Length earns nothing.
func scoreCode(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	ct := t.Code
	if ct == nil || len(ct.BugKeywords) == 0 {
		return nil, errNoTruth(t, "Code")
	}
	var res [3]CriterionResult
	var purposeHit string
	for _, g := range ct.PurposeKeywords {
		for _, kw := range g {
			for _, sp := range findAllKeyword(plain, kw) {
				if !negated(plain, sp.Start) {
					purposeHit = sp.Text
					break
				}
			}
			if purposeHit != "" {
				break
			}
		}
	}
	own := map[string]bool{}
	for _, gs := range [][][]string{ct.PurposeKeywords, ct.BugKeywords} {
		for _, g := range gs {
			for _, kw := range g {
				own[strings.ToLower(strings.TrimSpace(kw))] = true
			}
		}
	}
	var misread string
	for _, g := range purposeAntonyms {
		shared := false
		for _, w := range g {
			shared = shared || own[w] || own[strings.TrimSuffix(w, "s")]
		}
		if shared {
			continue
		}
		if a := asserted(plain, g...); len(a) > 0 {
			misread = a[0].Text
			break
		}
	}
	switch {
	case purposeHit != "" && misread == "":
		res[0] = cr(1, "purpose: %s", quote(purposeHit))
	case purposeHit != "":
		res[0] = cr(0.5, "purpose %s, but also calls it %s", quote(purposeHit), quote(misread))
	case misread != "":
		res[0] = cr(0, "misreads the purpose as %s (want: %s)", quote(misread), ct.Purpose)
	default:
		res[0] = cr(0, "purpose not stated (want: %s)", ct.Purpose)
	}

	// Bug keywords are code fragments too ("range(1", "[0]"): they count only in
	// prose, not in a code block that quotes the image.
	matched, found := keywordGroupsNear(a.prose, ct.BugKeywords)
	all := matched == len(ct.BugKeywords)
	fix := ct.Fix != "" && strings.Contains(compact(plain), compact(ct.Fix))
	denial := bugDenialRe.FindString(a.prose)
	affirm := bugAffirmRe.FindString(a.prose)
	switch {
	case (all || fix) && denial != "":
		res[1] = cr(0.5, "names the bug (%s) but also says %s", strings.Join(found, ", "), quote(denial))
	case all:
		res[1] = cr(1, "names the bug: %s", strings.Join(found, ", "))
	case fix:
		res[1] = cr(1, "gives the fix %s", quote(ct.Fix))
	case denial != "":
		res[1] = cr(0, "denies the bug: %s (bug: %s)", quote(denial), ct.Bug)
	case matched > 0:
		res[1] = cr(0.5*float64(matched)/float64(len(ct.BugKeywords)), "names part of the bug (%s); bug: %s", strings.Join(found, ", "), ct.Bug)
	case affirm != "":
		res[1] = cr(0.25, "says there is a bug (%s) without naming it; bug: %s", quote(affirm), ct.Bug)
	default:
		res[1] = cr(0, "bug not identified (bug: %s)", ct.Bug)
	}

	if matched == 0 && !fix {
		res[2] = cr(0, "no credit for explaining a bug not found")
		return res[:], nil
	}
	n := 0
	var ev []string
	if m := causeRe.FindString(a.prose); m != "" {
		n++
		ev = append(ev, "cause "+quote(m))
	} else {
		ev = append(ev, "no cause (line, loop, range, index, comparison)")
	}
	if all {
		n++
		ev = append(ev, "effect "+quote(strings.Join(found, " … ")))
	} else {
		ev = append(ev, "effect incomplete")
	}
	switch m := exampleRe.FindString(plain); {
	case fix:
		n++
		ev = append(ev, "fix "+quote(ct.Fix))
	case m != "":
		n++
		ev = append(ev, "example "+quote(m))
	default:
		ev = append(ev, "no exact fix or failing example")
	}
	res[2] = cr(float64(n)/3, "%d of 3: %s", n, strings.Join(ev, "; "))
	return res[:], nil
}

// findAllKeyword returns every match of a keyword (see findKeyword) in s.
func findAllKeyword(s, kw string) []Span {
	var out []Span
	for off := 0; off < len(s); {
		sp, ok := findKeyword(s[off:], kw)
		if !ok {
			break
		}
		sp.Start += off
		sp.End += off
		out = append(out, sp)
		off = sp.End
		if sp.End == sp.Start {
			off++
		}
	}
	return out
}
