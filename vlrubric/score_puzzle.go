package vlrubric

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	answerCueRe   = regexp.MustCompile(`(?i)\b(?:should|answer|missing|empty|goes|go|belongs?|fill\w*|complet\w*|blank|question mark|placed?|needed|solution)\b|\?`)
	progressionRe = regexp.MustCompile(`(?i)\b1\s*,\s*2\s*,\s*(?:and\s+)?3\b|\bone\s*,\s*two\s*,\s*(?:and\s+)?three\b|\b1\s*→\s*2\s*→\s*3\b|\bincreas\w*|\bgrow\w*|\b(?:one|1) more\b|\bby one\b|\bby 1\b|\bascending\b|\bprogress\w*`)
	defaultRule   = [][]string{{"row"}, {"column", "left to right", "increas", "grow", "1, 2, 3", "one, two, three", "1 to 3", "count", "number"}}
	rowNames      = [3][]string{{"first row", "top row", "row 1", "row one"}, {"second row", "middle row", "row 2", "row two"}, {"third row", "bottom row", "last row", "row 3", "row three", "final row"}}
)

// cellSpec reads a grid cell such as "2 squares" into a count and a singular shape.
func cellSpec(cell string) (int, string, bool) {
	var n int
	var shape string
	if _, err := fmt.Sscanf(cell, "%d %s", &n, &shape); err != nil {
		return 0, "", false
	}
	shape = strings.ToLower(shape)
	for s := range knownShapes {
		if shape == s || shape == plural(s) {
			return n, s, true
		}
	}
	return n, strings.TrimSuffix(shape, "s"), true
}

// scorePuzzle scores VL-T3-Q4 (what goes in the empty grid cell).
//
//   - correct answer: the claims are the shapes with a count ("three triangles",
//     "3 triangles", "Answer: triangle ×3") that come first after an answer cue
//     ("should", "answer", "missing", "empty", "?", ...) in each sentence, else the
//     nearest before it. 1 when the claims are the truth's count and shape (and
//     colour, when the rule has one); 0.5 when the shape is right but the count (or
//     colour) is wrong or missing, or when a different shape is also claimed; else 0.
//   - pattern identified: the share of the truth's rule keyword groups that match
//     (by default: "row", and "column"/"increases"/"1, 2, 3"/"count").
//   - clear reasoning: only when the answer earned something: a third each for naming
//     the empty cell's row ("third row", "bottom row", "row 3"), saying how the count
//     progresses ("1, 2, 3", "increases by one") and naming the neighbouring cell's
//     content ("2 triangles" before the empty cell).
func scorePuzzle(t fixtures.Truth, plain string) ([]CriterionResult, error) {
	pt := t.Puzzle
	if pt == nil || pt.AnswerShape == "" || pt.AnswerCount <= 0 {
		return nil, errNoTruth(t, "Puzzle")
	}
	var res [3]CriterionResult
	shape := strings.ToLower(pt.AnswerShape)
	all := []string{shape}
	for s := range knownShapes {
		if s != shape {
			all = append(all, s)
		}
	}
	ms := shapeMentions(plain, all)
	var claims []shapeMention
	for _, sen := range sentences(plain) {
		cues := answerCueRe.FindAllStringIndex(sen.Text, -1)
		if len(cues) == 0 {
			continue
		}
		cue := sen.Start + cues[0][0]
		var after, before *shapeMention
		for i := range ms {
			m := &ms[i]
			if m.span.Start < sen.Start || m.span.End > sen.End {
				continue
			}
			if m.span.Start >= cue && after == nil {
				after = m
			}
			if m.span.Start < cue {
				before = m
			}
		}
		if after == nil {
			after = before
		}
		if after != nil {
			claims = append(claims, *after)
		}
	}
	if len(claims) == 0 && len(ms) > 0 {
		claims = append(claims, ms[0])
	}
	var right, shapeOnly, other []string
	for _, c := range claims {
		desc := fmt.Sprintf("%d %s", c.count, c.span.Text)
		switch {
		case c.shape != shape:
			other = append(other, quote(c.span.Text))
		case c.count == pt.AnswerCount && (pt.AnswerColor == "" || c.color == colorName(pt.AnswerColor)):
			right = append(right, quote(desc))
		default:
			shapeOnly = append(shapeOnly, quote(desc))
		}
	}
	want := fmt.Sprintf("%d %s", pt.AnswerCount, plural(shape))
	if pt.AnswerColor != "" {
		want = fmt.Sprintf("%d %s %s", pt.AnswerCount, pt.AnswerColor, plural(shape))
	}
	switch {
	case len(right) > 0 && len(other) == 0 && len(shapeOnly) == 0:
		res[0] = cr(1, "answers %s", right[0])
	case len(right) > 0:
		res[0] = cr(0.5, "answers %s but also %s", right[0], strings.Join(append(other, shapeOnly...), ", "))
	case len(shapeOnly) > 0:
		res[0] = cr(0.5, "right shape, wrong count or colour: %s (want %s)", shapeOnly[0], want)
	case len(other) > 0:
		res[0] = cr(0, "answers %s, want %s", strings.Join(other, ", "), want)
	default:
		res[0] = cr(0, "no shape given for the empty cell (want %s)", want)
	}

	groups := pt.RuleKeywords
	if len(groups) == 0 {
		groups = defaultRule
	}
	matched, found := keywordGroups(plain, groups)
	res[1] = cr(float64(matched)/float64(len(groups)), "%d of %d rule keyword groups: %s", matched, len(groups), strings.Join(found, ", "))

	if res[0].Fraction == 0 && matched == 0 {
		res[2] = cr(0, "no answer and no pattern, nothing reasoned")
		return res[:], nil
	}
	n := 0
	var ev []string
	r, c := pt.Missing[0], pt.Missing[1]
	if r >= 0 && r < 3 {
		if sp, ok := hasAny(plain, rowNames[r]...); ok {
			n++
			ev = append(ev, "row "+quote(sp.Text))
		} else {
			ev = append(ev, "empty cell's row not named")
		}
	}
	if m := progressionRe.FindString(plain); m != "" {
		n++
		ev = append(ev, "progression "+quote(m))
	} else {
		ev = append(ev, "progression not said")
	}
	nc := c - 1
	if nc < 0 {
		nc = c + 1
	}
	if r >= 0 && r < 3 && nc >= 0 && nc < 3 {
		if cnt, sh, ok := cellSpec(pt.Grid[r][nc]); ok {
			hit := false
			for _, m := range shapeMentions(plain, []string{sh}) {
				hit = hit || m.count == cnt
			}
			if hit {
				n++
				ev = append(ev, "neighbour "+quote(pt.Grid[r][nc]))
			} else {
				ev = append(ev, "neighbour "+quote(pt.Grid[r][nc])+" not named")
			}
		}
	}
	res[2] = cr(float64(n)/3, "%d of 3: %s", n, strings.Join(ev, "; "))
	return res[:], nil
}
