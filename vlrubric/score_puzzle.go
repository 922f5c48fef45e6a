package vlrubric

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	strongCueRe   = regexp.MustCompile(`(?i)\b(?:should|answer|goes|go|belongs?|fill\w*|complet\w*|solution|must|would be|needs?)\b`)
	answerCueRe   = regexp.MustCompile(`(?i)\b(?:missing|empty|blank|question mark|placed?)\b|\?`)
	progressionRe = regexp.MustCompile(`(?i)\b1\s*,\s*2\s*,\s*(?:and\s+)?3\b|\bone\s*,\s*two\s*,\s*(?:and\s+)?three\b|\b1\s*→\s*2\s*→\s*3\b|\bincreas\w*|\bgrow\w*|\b(?:one|1) more\b|\bby one\b|\bby 1\b|\bascending\b|\bprogress\w*`)
	defaultRule   = [][]string{{"row"}, {"column", "left to right", "increas", "grow", "1, 2, 3", "one, two, three", "1 to 3", "count", "number"}}
	rowNames      = [3][]string{{"first row", "top row", "row 1", "row one"}, {"second row", "middle row", "row 2", "row two"}, {"third row", "bottom row", "last row", "row 3", "row three", "final row"}}
	colNames      = [3][]string{{"first column", "left column", "leftmost column", "column 1", "column one"}, {"second column", "middle column", "column 2", "column two"}, {"third column", "last column", "right column", "rightmost column", "column 3", "column three", "final column"}}
)

// cellSpec reads a grid cell such as "2 squares" or "1 blue circle" into a count, a
// colour ("" if none) and a singular shape.
func cellSpec(cell string) (n int, color, shape string, ok bool) {
	f := strings.Fields(strings.ToLower(cell))
	if len(f) < 2 {
		return 0, "", "", false
	}
	if _, err := fmt.Sscan(f[0], &n); err != nil {
		return 0, "", "", false
	}
	if len(f) > 2 {
		color = colorName(f[1])
	}
	shape = f[len(f)-1]
	for s := range knownShapes {
		if shape == s || shape == plural(s) {
			return n, color, s, true
		}
	}
	return n, color, strings.TrimSuffix(shape, "s"), true
}

// scorePuzzle scores VL-T3-Q4 (what goes in the empty grid cell).
//
//   - correct answer: the claims are the shapes with a count ("three triangles",
//     "3 triangles") that come first after a strong answer cue ("should", "answer",
//     "goes", "belongs", "fill", ...) in each sentence, else the nearest before it;
//     without strong cues, the same after a weak one ("missing", "empty", "?"),
//     skipping what repeats another cell of the grid ("next to 2 triangles"). 1 when the claims are the truth's count and shape (and
//     colour, when the rule has one); 0.5 when the shape is right but the count (or
//     colour) is wrong or missing, or when a different shape is also claimed; else 0.
//   - pattern identified: the share of the truth's rule keyword groups that match
//     (by default: "row", and "column"/"increases"/"1, 2, 3"/"count").
//   - clear reasoning: only when the answer earned something: half each, up to 1, for
//     naming the empty cell's row or column ("third row", "bottom row", "last column"),
//     saying how the cells change ("1, 2, 3", "increases by one"; for a colour rule,
//     two of the grid's other colours) and naming a cell next to the empty one
//     ("2 triangles", "1 red hexagon").
func scorePuzzle(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
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
	// A mention that repeats another cell of the grid describes the grid, unless a
	// strong cue ("should", "answer", "goes") puts it in the empty cell.
	inGrid := func(m shapeMention) bool {
		for r, row := range pt.Grid {
			for c, cell := range row {
				if r == pt.Missing[0] && c == pt.Missing[1] {
					continue
				}
				if n, col, sh, ok := cellSpec(cell); ok && n == m.count && sh == m.shape && (col == "" || col == m.color) {
					return true
				}
			}
		}
		return false
	}
	var strong, weak []shapeMention
	for _, sen := range sentences(plain) {
		for _, cue := range []struct {
			re   *regexp.Regexp
			list *[]shapeMention
		}{{strongCueRe, &strong}, {answerCueRe, &weak}} {
			loc := cue.re.FindStringIndex(sen.Text)
			if loc == nil {
				continue
			}
			at := sen.Start + loc[0]
			var after, before *shapeMention
			for i := range ms {
				m := &ms[i]
				if m.span.Start < sen.Start || m.span.End > sen.End || (cue.list == &weak && inGrid(*m)) {
					continue
				}
				if m.span.Start >= at && after == nil {
					after = m
				}
				if m.span.Start < at {
					before = m
				}
			}
			if after == nil {
				after = before
			}
			if after != nil {
				*cue.list = append(*cue.list, *after)
			}
		}
	}
	claims := strong
	if len(claims) == 0 {
		claims = weak
	}
	if len(claims) == 0 {
		for _, m := range ms {
			if !inGrid(m) {
				claims = append(claims, m)
				break
			}
		}
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
	noun := shape
	if pt.AnswerCount != 1 {
		noun = plural(shape)
	}
	want := strings.TrimSpace(fmt.Sprintf("%d %s %s", pt.AnswerCount, pt.AnswerColor, noun))
	want = strings.Join(strings.Fields(want), " ")
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
	var lines []string
	if r >= 0 && r < 3 {
		lines = append(lines, rowNames[r]...)
	}
	if c >= 0 && c < 3 {
		lines = append(lines, colNames[c]...)
	}
	if sp, ok := hasAny(plain, lines...); ok {
		n++
		ev = append(ev, "line "+quote(sp.Text))
	} else {
		ev = append(ev, "the empty cell's row or column not named")
	}
	colours := map[string]bool{}
	for _, row := range pt.Grid {
		for _, cell := range row {
			if _, col, _, ok := cellSpec(cell); ok && col != "" && col != colorName(pt.AnswerColor) {
				colours[col] = true
			}
		}
	}
	named := 0
	for col := range colours {
		if _, ok := hasAny(plain, col); ok {
			named++
		}
	}
	switch m := progressionRe.FindString(plain); {
	case m != "":
		n++
		ev = append(ev, "progression "+quote(m))
	case pt.AnswerColor != "" && named >= 2:
		n++
		ev = append(ev, fmt.Sprintf("names %d of the grid's other colours", named))
	default:
		ev = append(ev, "how the cells change is not said")
	}
	neighbour := ""
	for _, d := range [][2]int{{0, -1}, {-1, 0}, {0, 1}, {1, 0}} {
		nr, nc := r+d[0], c+d[1]
		if nr < 0 || nr > 2 || nc < 0 || nc > 2 || neighbour != "" {
			continue
		}
		cnt, col, sh, ok := cellSpec(pt.Grid[nr][nc])
		if !ok {
			continue
		}
		for _, m := range shapeMentions(plain, []string{sh}) {
			if m.count == cnt && (col == "" || m.color == col) {
				neighbour = pt.Grid[nr][nc]
			}
		}
	}
	if neighbour != "" {
		n++
		ev = append(ev, "neighbour "+quote(neighbour))
	} else {
		ev = append(ev, "no neighbouring cell named")
	}
	res[2] = cr(math.Min(1, float64(n)/2), "%d of 3 (2 suffice): %s", n, strings.Join(ev, "; "))
	return res[:], nil
}
