package vlrubric

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	sideRe       = regexp.MustCompile(`(?i)\b(?:left|first|right|second)\b|\b(?:image|panel|picture)\s*(?:1|2|a|b)\b`)
	absenceRe    = regexp.MustCompile(`(?i)\b(?:missing|absent|no|not|without|gone|removed|disappear\w*|lacks?|lacking|none|doesn't|does not|isn't|is not)\b`)
	presenceRe   = regexp.MustCompile(`(?i)\b(?:only|has|have|contains?|there is|there's|appears?|present|shows?|includes?|features?|visible|bigger|larger|smaller|brighter|darker|higher|lower|wider|taller)\b`)
	diffClaimRe  = regexp.MustCompile(`(?i)\b(?:differ\w*|missing|absent|only|instead|whereas|while|changed?|added|removed|extra|more|fewer|less|larger|smaller|bigger|taller|shorter|wider|narrower|darker|lighter|brighter|duller|paler|thicker|thinner|higher|lower|moved|shifted|vs\.?|versus|but|no longer|gone)\b|→`)
	sameRe       = regexp.MustCompile(`(?i)\b(?:both|same|identical|unchanged|otherwise|everything else|no other|nothing else|no difference|not different|rest of|remain\w*|consistent|match(?:es)?|only differences|the only)\b`)
	identicalRe  = regexp.MustCompile(`(?i)\b(?:identical|no differences?|the same|not differ|cannot find any|can't find any|couldn't find any)\b`)
	sceneObjects = []string{"sun", "tree", "door", "window", "sky", "house", "roof", "chimney", "cloud",
		"bird", "grass", "fence", "path", "flower", "smoke", "mountain", "hill", "car", "person", "dog",
		"cat", "bush", "ground", "wall", "curtain", "doorknob", "knob", "handle", "leaves", "leaf", "trunk",
		"apple", "star", "moon", "rainbow", "road", "mailbox", "garage", "step", "frame", "background"}
)

// sideOf maps a side word to "left" or "right".
func sideOf(w string) string {
	w = strings.ToLower(w)
	switch {
	case strings.Contains(w, "left"), strings.Contains(w, "first"), strings.HasSuffix(w, "1"), strings.HasSuffix(w, "a"):
		return "left"
	}
	return "right"
}

// fewerRe and moreRe say a count changed without giving both counts.
var (
	fewerRe = regexp.MustCompile(`(?i)\b(?:missing|lacks?|lost|loses|fewer|less|one less|removed)\b`)
	moreRe  = regexp.MustCompile(`(?i)\b(?:more|extra|additional|an added|one more|gains?|added)\b`)
)

var sideAfterRe = regexp.MustCompile(`(?i)^[\s,]*(?:\pL+\s+)?(?:on|in|at|for|from)\s+(?:the\s+)?(left|right|first|second)\b`)

// sideFor returns the side ("left", "right" or "") that the words at [start, end)
// of s are said of: a side right after them ("red on the right", "missing in the
// left one"), else the nearest side before them in the same clause ("Right: no
// sun"), else the nearest side anywhere.
func sideFor(s string, start, end int) string {
	if m := sideAfterRe.FindStringSubmatch(s[end:]); m != nil {
		return sideOf(m[1])
	}
	cs := clauseStart(s, start)
	best := ""
	for _, m := range sideRe.FindAllStringIndex(s[cs:start], -1) {
		best = sideOf(s[cs+m[0] : cs+m[1]])
	}
	if best != "" {
		return best
	}
	// A side later in the clause: "| No sun at all on the right |".
	if ce := clauseEnd(s, end); ce > end {
		if m := sideRe.FindStringIndex(s[end:ce]); m != nil {
			return sideOf(s[end+m[0] : end+m[1]])
		}
	}
	bestD := -1
	for _, m := range sideRe.FindAllStringIndex(s, -1) {
		d := m[0] - end
		if d < 0 {
			d = start - m[1]
		}
		if d < 0 {
			d = 0
		}
		if bestD < 0 || d < bestD {
			best, bestD = sideOf(s[m[0]:m[1]]), d
		}
	}
	return best
}

var (
	attributeRe = regexp.MustCompile(`(?i)\b(?:red|blue|green|yellow|orange|purple|pink|black|white|gr[ae]y|brown|colou?r\w*|large\w*|small\w*|big\w*|tall\w*|short\w*|wide\w*|size|one|two|three|four|\d+)\b`)
	itemLineRe  = regexp.MustCompile(`^\s*(?:\d{1,2}[.)]\s|[-*•]\s|\**[\pL' ]{2,25}\**\s*:)`)
)

// sideItemClaim reports whether a sentence is an item of a list of differences that
// gives a side its own look ("2. The chimney is grey colour on right side", "Tree: the
// left one is larger"): such an item claims a difference even without a word for one.
// presentOnSideRe says something is there on one side: "There is a bird flying in the
// Right image", "the right house has a chimney".
var presentOnSideRe = regexp.MustCompile(`(?i)\bthere(?:'s|’s| is| are)\b[^.;]{0,50}\b(?:left|right)\b|\b(?:left|right)\b[^.;]{0,25}\b(?:has|have|shows?|contains?|features?)\b|\b(?:appears?|visible|present|shown)\b[^.;]{0,15}\b(?:in|on)\s+the\s+(?:left|right)\b`)

// presentOnOneSide reports whether a sentence says something is there on one side
// only: on one side named alone, or on one and not the other ("the right house has a
// chimney that the left one doesn't have"); "there is a tree on the left and on the
// right" is no difference.
func presentOnOneSide(t string) bool {
	if !presentOnSideRe.MatchString(t) {
		return false
	}
	both := bothSidesRe.MatchString(t)
	return !both || negationWord.MatchString(t)
}

var bothSidesRe = regexp.MustCompile(`(?i)\bboth\b|\beach\b|\bleft\b[^.;]*\bright\b|\bright\b[^.;]*\bleft\b`)

// questionOpenRe opens a question: "Is there …", "Could the door …".
var questionOpenRe = regexp.MustCompile(`(?i)^\W*(?:is|are|does|do|did|could|can|was|were|what|which|where|how|why|maybe|perhaps)\b`)

// sideRowClaim reports whether a table row gives its sides different cells ("| 3 |
// brown door on the left | green door on the right |", as sideTable writes them).
func sideRowClaim(t string) bool {
	m := sideRowRe.FindStringSubmatch(t)
	return m != nil && !strings.EqualFold(strings.TrimSpace(m[1]), strings.TrimSpace(m[2]))
}

var sideRowRe = regexp.MustCompile(`(?i)\|([^|\n]*?)\s*on the left\s*\|([^|\n]*?)\s*on the right\s*\|`)

func sideItemClaim(s string, sen Span) bool {
	lineStart := strings.LastIndexByte(s[:sen.Start], '\n') + 1
	if lineStart < sen.Start && strings.TrimSpace(s[lineStart:sen.Start]) != "" && !itemLineRe.MatchString(s[lineStart:sen.Start]) {
		return false // not the first sentence of its line
	}
	return itemLineRe.MatchString(s[lineStart:sen.End]) && sideRe.MatchString(sen.Text) && attributeRe.MatchString(sen.Text)
}

// containerObject names the parts of the scene that hold the others: said beside a
// true difference ("the house has one window", "the sky has no sun"), they are where it
// is, not a claim of their own.
var containerObject = map[string]bool{"house": true, "wall": true, "sky": true, "ground": true, "grass": true, "scene": true, "picture": true, "image": true, "background": true}

func isAbsentState(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "absent", "missing", "none", "no", "0", "":
		return true
	}
	return false
}

// stateSpans finds a difference's state ("brown", "2") in s: the word itself, its
// colour synonyms, or the number in digits or words.
func stateSpans(s, state string) []Span {
	var out []Span
	if v, ok := numberIn(state); ok {
		for _, n := range Numbers(s) {
			if n.Value == v {
				out = append(out, Span{Text: n.Text, Start: n.Start, End: n.End})
			}
		}
		return out
	}
	col := colorName(state)
	for w, c := range knownColors {
		if c == col {
			out = append(out, findPhrase(s, w)...)
		}
	}
	if len(out) == 0 {
		out = findPhrase(s, state)
	}
	return out
}

// diffGroups are the keyword groups that name a difference: the truth's, or else its
// object and any of its two states.
func diffGroups(d fixtures.Difference) [][]string {
	if len(d.Keywords) > 0 {
		return d.Keywords
	}
	return [][]string{{d.Object}, {d.Left, d.Right, d.Kind}}
}

// describe grades the description of difference d in text: 1 right, 0.5 when only
// one state is said or the sides are not said, 0 when the sides are swapped. Where text
// also holds other differences ("the right has a chimney the left lacks, while the left
// has a cloud missing from the right"), the clauses that name d's object are read first:
// a side and state said there are d's; only when they say neither is the whole text read.
func describe(d fixtures.Difference, all []fixtures.Difference, text string) (float64, string) {
	if namesOther(text, d, all) || len(asserted(text, sceneObjects...)) > 1 {
		if own := objectClauses(text, d); own != "" && own != text {
			if f, why := describeIn(d, own); f != 0.5 {
				return f, why
			}
		}
	}
	return describeIn(d, text)
}

// objectClauses is the clauses of text (clauseStart, clauseEnd) that name the object of
// difference d, in order, joined by "; ".
func objectClauses(text string, d fixtures.Difference) string {
	var parts []string
	last := -1
	for _, kw := range diffGroups(d)[0] {
		for _, sp := range findAllKeyword(text, kw) {
			cs, ce := clauseStart(text, sp.Start), clauseEnd(text, sp.End)
			if cs < last {
				continue
			}
			parts = append(parts, strings.TrimSpace(text[cs:ce]))
			last = ce
		}
	}
	return strings.Join(parts, "; ")
}

// sidedState reads the first match of re in text ("missing", "has", "fewer") and the
// side it is said of: 1 on the side where it holds, 0 on the other (swapped); ok is
// false when re does not match or no side is said.
func sidedState(text string, re *regexp.Regexp, what, side, other string) (f float64, why string, ok bool) {
	m := re.FindStringIndex(text)
	if m == nil {
		return 0, "", false
	}
	switch sideFor(text, m[0], m[1]) {
	case side:
		return 1, what + " on the " + side, true
	case other:
		return 0, "says " + what + " on the " + other + " (swapped)", true
	}
	return 0, "", false
}

func describeIn(d fixtures.Difference, text string) (float64, string) {
	leftAbsent, rightAbsent := isAbsentState(d.Left), isAbsentState(d.Right)
	if d.Kind == "missing" || leftAbsent != rightAbsent {
		absentSide, presentSide := "right", "left"
		if leftAbsent {
			absentSide, presentSide = "left", "right"
		}
		if f, why, ok := sidedState(text, absenceRe, "absent", absentSide, presentSide); ok {
			return f, why
		}
		if f, why, ok := sidedState(text, presenceRe, "present", presentSide, absentSide); ok {
			return f, why
		}
		return 0.5, "side not said"
	}
	ls, rs := stateSpans(text, d.Left), stateSpans(text, d.Right)
	if d.Kind == "count" && (len(ls) == 0 || len(rs) == 0) {
		// Said as a change: "the house on the right is missing one of its windows",
		// "one window fewer on the right", "an extra window on the left".
		l, lerr := strconv.Atoi(d.Left)
		r, rerr := strconv.Atoi(d.Right)
		if lerr == nil && rerr == nil && l != r {
			fewer, more := "right", "left"
			if l < r {
				fewer, more = "left", "right"
			}
			if f, why, ok := sidedState(text, fewerRe, "fewer", fewer, more); ok {
				return f, why
			}
			if f, why, ok := sidedState(text, moreRe, "more", more, fewer); ok {
				return f, why
			}
		}
	}
	switch {
	case len(ls) > 0 && len(rs) > 0:
		l, r := sideFor(text, ls[0].Start, ls[0].End), sideFor(text, rs[0].Start, rs[0].End)
		if l == "right" && r == "left" {
			return 0, fmt.Sprintf("%s/%s on swapped sides", d.Left, d.Right)
		}
		if l == "" && r == "" {
			return 0.5, fmt.Sprintf("%s and %s said, sides not said", d.Left, d.Right)
		}
		return 1, fmt.Sprintf("%s → %s", d.Left, d.Right)
	case len(ls) > 0 || len(rs) > 0:
		return 0.5, "only one of " + d.Left + "/" + d.Right + " said"
	}
	return 0.5, "states not said"
}

// scoreDiff scores VL-T3-Q3 (spot the differences).
//
// The answer is read sentence by sentence (list items and lines are sentences). A
// difference is found in a sentence (or, for lists with sub-items, in that sentence
// and the two after it) where all its keyword groups match and its object is not
// negated ("no difference in the door" does not find the door).
//
//   - finds all differences: the share of the truth's differences found (partial
//     credit per difference).
//   - correct descriptions: per difference, 1 when the found sentence gives the
//     states on the right sides ("brown on the left, red on the right"; "missing on
//     the right"), 0.5 when one state or the sides are left out, 0 when the sides are
//     swapped; the fraction is the sum over all the truth's differences ÷ their number.
//     The side of a state is the side said right after it ("red on the right"), else
//     the nearest before it in its clause ("Right: red"), else the nearest at all; the
//     sentence read is the one that found the difference with the sub-items after it
//     that name no other difference.
//   - no false positives: a false positive is a sentence that claims a difference
//     (a difference word: "differ", "missing", "instead", "bigger", "→", ...) about a
//     scene object (the truth's objects or a common one: cloud, chimney, bird, ...)
//     and finds no true difference; sentences saying things are the same ("both",
//     "identical", "no other") claim nothing. The fraction is 1 − false ÷ true
//     differences, at least 0; 0 when no difference was found.
func scoreDiff(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	dt := t.Diff
	if dt == nil || len(dt.Differences) == 0 {
		return nil, errNoTruth(t, "Diff")
	}
	var res [3]CriterionResult
	plain = sideTable(plain)
	sens := sentences(plain)
	matchedSen := make([]bool, len(sens))
	found, desc := 0, 0.0
	var evFound, evDesc []string
	for _, d := range dt.Differences {
		groups := diffGroups(d)
		hit, text := findDifference(plain, sens, d, groups, dt.Differences, matchedSen)
		if hit < 0 {
			evFound = append(evFound, d.Object+": not found")
			evDesc = append(evDesc, d.Object+": not found")
			continue
		}
		found++
		evFound = append(evFound, d.Object+": "+quote(sens[hit].Text))
		// Sub-items after it that name no other difference describe this one.
		end := sens[hit].End
		for k := hit + 1; k < len(sens) && k <= hit+2; k++ {
			if sens[k].End <= sens[hit].Start+len(text) {
				continue
			}
			if namesOther(sens[k].Text, d, dt.Differences) {
				break
			}
			end = sens[k].End
		}
		if end > sens[hit].Start+len(text) {
			text = plain[sens[hit].Start:end]
		}
		f, why := describe(d, dt.Differences, text)
		if f == 0.5 {
			// "All three appear in the Left image and are missing from the Right
			// one:" then the list: the heading says it of every item.
			if h := listHeading(plain, sens, hit, dt.Differences); h != "" {
				if f2, why2 := describe(d, dt.Differences, h+" "+text); f2 != 0.5 {
					f, why = f2, why2+" (said of the list)"
				}
			}
		}
		if f == 0.5 {
			// "The left image has … two windows. The right image has … only one
			// window.": each side's sentence says one state.
			if j := sideSentences(plain, sens, d); j != "" {
				if f2, why2 := describeIn(d, j); f2 > f {
					f, why = f2, why2+" (said side by side)"
				}
			}
		}
		desc += f
		evDesc = append(evDesc, d.Object+": "+why)
	}
	n := float64(len(dt.Differences))
	res[0] = cr(float64(found)/n, "%d of %d: %s", found, len(dt.Differences), strings.Join(evFound, "; "))
	// RUBRIC.md: "descriptions" checks side and values of the differences found.
	if found > 0 {
		res[1] = cr(desc/float64(found), "%s", strings.Join(evDesc, "; "))
	} else {
		res[1] = cr(0, "%s", strings.Join(evDesc, "; "))
	}

	var noneFound CriterionResult // found == 0 and no invented difference listed: judged on what it says instead
	if found == 0 {
		claimed := ""
		for _, sen := range sens {
			if differenceNamedRe.MatchString(sen.Text) && len(asserted(sen.Text, append(append([]string(nil), dt.Objects...), sceneObjects...)...)) > 0 {
				claimed = sen.Text // "The only difference I can find is the cloud, …"
				break
			}
		}
		if claimed != "" {
			noneFound = cr(0, "no true difference found, and claims one: %s", quote(claimed))
		} else if m := sameRe.FindString(plain); m != "" && identicalRe.MatchString(plain) {
			noneFound = cr(1, "claims no difference (%s): a negation invents nothing", quote(m))
		} else {
			noneFound = cr(0, "no difference found, nothing to check")
		}
	}
	objects := append(append([]string(nil), dt.Objects...), sceneObjects...)
	var fps, hedged []string
	trueObject := map[string]bool{}
	for _, d := range dt.Differences {
		for _, w := range strings.Fields(strings.ToLower(d.Object)) {
			trueObject[strings.TrimSuffix(w, "s")] = true
		}
	}
	// A sentence that found a difference may list more ("the sun is bigger on the
	// right, the roof colour is different, and a cloud is missing"): its clauses that
	// name no true difference's object are read as claims of their own.
	var claims []Span
	for i, sen := range sens {
		if !matchedSen[i] {
			claims = append(claims, sen)
			continue
		}
		for _, c := range listClauses(plain, sen) {
			if namesAny(c.Text, dt.Differences) {
				continue
			}
			for _, sp := range asserted(c.Text, objects...) {
				if !containerObject[strings.TrimSuffix(strings.ToLower(sp.Text), "s")] {
					claims = append(claims, c) // "the roof colour is different"
					break
				}
			}
		}
	}
	// onlyHere: what a presence claim names is said nowhere else in the answer ("There
	// is an orange tree on the left …" and again of the right image describes both
	// panels, no difference).
	onlyHere := func(sen Span, objects []string) bool {
		for _, sp := range asserted(sen.Text, objects...) {
			if containerObject[strings.TrimSuffix(strings.ToLower(sp.Text), "s")] {
				continue
			}
			if len(findPhrase(plain[:sen.Start], sp.Text))+len(findPhrase(plain[sen.End:], sp.Text)) > 0 {
				return false
			}
		}
		return true
	}
	for i, sen := range claims {
		if strings.HasPrefix(plain[min(sen.End, len(plain)):], "?") && questionOpenRe.MatchString(sen.Text) {
			continue // "Is there a cloud on one side only?": a question asked, no claim
		}
		if sameRe.MatchString(sen.Text) || !diffClaimRe.MatchString(sen.Text) && !sideItemClaim(plain, sen) && !(presentOnOneSide(sen.Text) && onlyHere(sen, objects)) && !sideRowClaim(sen.Text) {
			continue
		}
		if a := asserted(sen.Text, objects...); len(a) > 0 {
			recap, retracted := true, false
			namesTrue := false
			for _, sp := range a {
				namesTrue = namesTrue || trueObject[strings.TrimSuffix(strings.ToLower(sp.Text), "s")]
			}
			for _, sp := range a {
				obj := strings.TrimSuffix(strings.ToLower(sp.Text), "s")
				if namesTrue && containerObject[obj] {
					continue // "the house has only one window": the house holds the difference
				}
				if !trueObject[obj] {
					recap = false // names something that is no true difference
				}
				// Taken back later: "Actually, the roof is the same on both."
				for _, later := range claims[i+1:] {
					if sameRe.MatchString(later.Text) && len(findPhrase(later.Text, sp.Text)) > 0 {
						retracted = true
					}
				}
			}
			if recap || retracted {
				continue // a summary of the differences found, or a claim taken back
			}
			if hedgeRe.MatchString(sen.Text) {
				hedged = append(hedged, quote(sen.Text))
			} else {
				fps = append(fps, quote(sen.Text))
			}
		}
	}
	// One invented difference costs the criterion, a hedged one half (RUBRIC.md).
	// With no true difference found, differences listed are all invented ("The door is
	// red on the left and blue on the right", "the sky is identical"); else the answer
	// is judged on what it says (a claim of none, or nothing).
	switch {
	case len(fps) > 0:
		res[2] = cr(0, "%d invented: %s", len(fps), strings.Join(fps, "; "))
	case found == 0:
		res[2] = noneFound
	case len(hedged) > 0:
		res[2] = cr(0.5, "a hedged invention: %s", strings.Join(hedged, "; "))
	default:
		res[2] = cr(1, "no claimed difference beyond the true ones")
	}
	return res[:], nil
}

// sideTable rewrites the rows of a markdown table whose header names the sides
// ("| Feature | Left | Right |") so that each cell says its side: "| Door | Brown |
// Red |" becomes "| Door | Brown on the left | Red on the right |".
func sideTable(plain string) string {
	lines := strings.Split(plain, "\n")
	var sides []string // by column; "" for a column that is no side
	for i, l := range lines {
		if strings.Count(l, "|") < 2 {
			sides = nil
			continue
		}
		cells := strings.Split(l, "|")
		if sides == nil {
			var hs []string
			found := false
			for _, c := range cells {
				side := ""
				if m := sideRe.FindString(c); m != "" && len(strings.Fields(c)) <= 3 {
					side, found = sideOf(m), true
				}
				hs = append(hs, side)
			}
			if found {
				sides = hs
			}
			continue
		}
		for j := range cells {
			if j < len(sides) && sides[j] != "" && strings.TrimSpace(cells[j]) != "" {
				cells[j] = " " + strings.TrimSpace(cells[j]) + " on the " + sides[j] + " "
			}
		}
		lines[i] = strings.Join(cells, "|")
	}
	return strings.Join(lines, "\n")
}

// namesOther reports whether s names the object of a difference other than d.
func namesOther(s string, d fixtures.Difference, all []fixtures.Difference) bool {
	for _, o := range all {
		if o.Object != d.Object {
			if m, _ := keywordGroups(s, diffGroups(o)[:1]); m > 0 {
				return true
			}
		}
	}
	return false
}

// findDifference looks for difference d sentence by sentence; failing that, in a
// sentence naming its object together with the one or two after it that name no
// other difference's object (a heading with sub-items: "Sun / Left: a sun / Right:
// none"). It marks the sentences used and returns the first one's index (-1 if not
// found) and the text that matched.
func findDifference(plain string, sens []Span, d fixtures.Difference, groups [][]string, all []fixtures.Difference, used []bool) (int, string) {
	// A sentence that says things are the same ("Both panels show the same scene: … a
	// red roof, a door …") is read only when no other finds the difference.
	for pass := 0; pass < 2; pass++ {
		if pass == 1 && allSameRe.MatchString(plain) {
			break // "I could not find any differences. Both panels show … a door …"
		}
		if i, text := findDifferenceIn(plain, sens, d, groups, all, used, pass == 1); i >= 0 {
			return i, text
		}
	}
	return -1, ""
}

func findDifferenceIn(plain string, sens []Span, d fixtures.Difference, groups [][]string, all []fixtures.Difference, used []bool, sameToo bool) (int, string) {
	for w := 0; w <= 2; w++ {
		best, bestText, bestW, bestF := -1, "", 0, -1.0
		for i := 0; i+w < len(sens); i++ {
			if !sameToo && sameRe.MatchString(sens[i].Text) {
				continue
			}
			if w > 0 {
				if m, _ := keywordGroups(sens[i].Text, groups[:1]); m == 0 {
					continue
				}
				clash := false
				for k := i + 1; k <= i+w; k++ {
					clash = clash || namesOther(sens[k].Text, d, all)
				}
				if clash {
					continue
				}
			}
			text := plain[sens[i].Start:sens[i+w].End]
			if sameToo && sameOf(text, d) {
				continue // "the chimney and the bird are the same in both pictures"
			}
			if m, _ := keywordGroups(text, groups); m == len(groups) && !objectNegated(text, d, groups) {
				// Of the sentences that find it, the one that describes it best: a
				// description of one panel ("The house has a black door") before the
				// comparison ("the door is black on the left but blue on the right").
				if f, _ := describe(d, all, text); f > bestF {
					best, bestText, bestW, bestF = i, text, w, f
				}
			}
		}
		if best >= 0 {
			for k := best; k <= best+bestW; k++ {
				used[k] = true
			}
			return best, bestText
		}
	}
	return -1, ""
}

// objectNegated reports whether the difference's object is named only negated in
// text and text says nothing differs ("no difference in the door").
func objectNegated(text string, d fixtures.Difference, groups [][]string) bool {
	if !sameRe.MatchString(text) {
		return false
	}
	for _, kw := range groups[0] {
		for _, sp := range findAllKeyword(text, kw) {
			if !negated(text, sp.Start) {
				return false
			}
		}
	}
	return true
}

// listClauses splits a sentence at its commas, semicolons and "and"s.
func listClauses(s string, sen Span) []Span {
	var out []Span
	start := sen.Start
	for _, m := range listClauseBreak.FindAllStringIndex(s[sen.Start:sen.End], -1) {
		out = append(out, Span{Text: s[start : sen.Start+m[0]], Start: start, End: sen.Start + m[0]})
		start = sen.Start + m[1]
	}
	return append(out, Span{Text: s[start:sen.End], Start: start, End: sen.End})
}

var listClauseBreak = regexp.MustCompile(`(?i),\s*(?:and\s+)?|;\s*|\s+and\s+(?:there\s+is|the)\b`)

// differenceNamedRe says what a difference is: "the only difference I can find is".
var differenceNamedRe = regexp.MustCompile(`(?i)\b(?:only|one|main|the|a)\s+difference\b[^.;]{0,30}\b(?:is|was|:)`)

// sameLeadRe opens a list of what the panels share: "Both images show the same scene".
var sameLeadRe = regexp.MustCompile(`(?i)\b(?:both|the same|identical|in common|unchanged)\b`)

// allSameRe says the panels do not differ at all (not that some things are the same).
var allSameRe = regexp.MustCompile(`(?i)\b(?:no differences?|(?:could ?not|cannot|can't|couldn't|did not|didn't) (?:find|spot|see) any|(?:images|panels|pictures|scenes)\s+(?:are|appear|look|seem)\s+(?:to be\s+)?(?:\w+\s+)?(?:identical|the same)|identical copies)\b`)

// sameOfRe says a thing is the same ("both" alone does not: "both missing from the right").
var sameOfRe = regexp.MustCompile(`(?i)\b(?:same|identical|unchanged|not different|match(?:es)?)\b`)

// sameOf reports whether a clause of text that names d's object says it is the same.
func sameOf(text string, d fixtures.Difference) bool {
	for _, kw := range diffGroups(d)[0] {
		for _, sp := range findAllKeyword(text, kw) {
			if sameOfRe.MatchString(text[clauseStart(text, sp.Start):clauseEnd(text, sp.End)]) {
				return true
			}
			// "Both images show the same scene: a house …, a brown door and two
			// windows": an item of a list that a sameness opens.
			before := text[:sp.Start]
			if c := strings.LastIndexByte(before, ':'); c >= 0 && !strings.ContainsAny(before[c:], ".!?\n") {
				lead := before[:c]
				if e := strings.LastIndexAny(lead, ".!?\n"); e >= 0 {
					lead = lead[e+1:]
				}
				if sameLeadRe.MatchString(lead) {
					return true
				}
			}
		}
	}
	return false
}

// namesAny reports whether s names the object of any of the differences.
func namesAny(s string, all []fixtures.Difference) bool {
	for _, d := range all {
		if m, _ := keywordGroups(s, diffGroups(d)[:1]); m > 0 {
			return true
		}
	}
	return false
}

// listHeading is the heading of the list that holds sentence i: the nearest sentence
// before it that names no difference of all and ends with a colon or is a short line
// of its own ("There are three differences, all missing on the right:", "Present
// only in the left image"), or "".
func listHeading(s string, sens []Span, i int, all []fixtures.Difference) string {
	if lineStart(s, sens[i].Start) != sens[i].Start {
		return "" // not a line of its own (Plain has taken the list markers off)
	}
	for k := i - 1; k >= 0; k-- {
		t := strings.TrimSpace(s[sens[k].Start:min(len(s), sens[k].End+1)])
		if namesAny(t, all) {
			continue // an item before it
		}
		if strings.HasSuffix(t, ":") || len(strings.Fields(t)) <= 8 && lineStart(s, sens[k].Start) == sens[k].Start {
			return t
		}
		return ""
	}
	return ""
}

// sideSentences joins the sentences that name difference d's object and a side of
// their own, when there are two or more, with their other objects' clauses left out;
// or "".
func sideSentences(s string, sens []Span, d fixtures.Difference) string {
	var parts []string
	sides := map[string]bool{}
	for _, sen := range sens {
		own := objectClauses(sen.Text, d)
		if own == "" {
			continue
		}
		m := sideRe.FindString(sen.Text)
		if m == "" {
			continue
		}
		sides[sideOf(m)] = true
		// The side leads the sentence ("The right image has …"); the clause keeps it.
		parts = append(parts, m+": "+own)
	}
	if len(parts) < 2 || len(sides) < 2 {
		return ""
	}
	return strings.Join(parts, "; ")
}
