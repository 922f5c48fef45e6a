package vlrubric

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	strongCueRe = regexp.MustCompile(`(?i)\b(?:should|answer|go(?:es)? (?:in|into|there|here)|belongs?|fill(?:s|ing)?|complet\w*|solution|must|would be|needs?)\b`)
	// gridLineRe opens a line that lists a row's or a column's cells ("Row 3: a red
	// circle, ?, …"): an uncounted shape on it describes the grid, no answer (a counted
	// one that is no other cell fills the empty one: "Row 3: …, 3 triangles").
	gridLineRe    = regexp.MustCompile(`(?i)^\W*(?:row|column|col)\s*\d\b[^:\n]{0,20}:`)
	gridCellMark  = regexp.MustCompile(`[,:|]\s*\**$`)
	answerCueRe   = regexp.MustCompile(`(?i)\b(?:missing|empty|blank|question mark|placed?)\b|\?`)
	progressionRe = regexp.MustCompile(`(?i)\b1\s*,\s*2\s*,\s*(?:and\s+)?3\b|\bone\s*,\s*two\s*,\s*(?:and\s+)?three\b|\b1\s*(?:→|-|–)\s*2\s*(?:→|-|–)\s*3\b|\bincreas\w*|\bgrow\w*|\b(?:one|1) more\b|\bby one\b|\bby 1\b|\bascending\b|\bprogress\w*|\b(?:climbs?|rises?|goes up|counts? up)\b|\bfrom (?:one|1) to (?:three|3)\b|\b(?:k|n) copies\b|\bcopies\b|\bonce\b[^.;]{0,80}?\btwice\b|\bone\s*[-–→]\s*two\s*[-–→]\s*three\b`)
	// axisNumberRe says the count is an axis's number ("equals its column number").
	axisNumberRe = regexp.MustCompile(`(?i)\b(column|row)(?:'s)? (?:number|index|position)\b|\b(column|row)\s+[kn]\s+(?:has|holds|contains|gets|shows)\s+[kn]\b|\bmatch(?:es)?\s+(?:the\s+)?(column|row)\s+(?:it(?:'s| is)|that it is)\s+in\b`)
	rowNames     = [3][]string{{"first row", "top row", "row 1", "row one"}, {"second row", "middle row", "row 2", "row two"}, {"third row", "bottom row", "last row", "row 3", "row three", "final row"}}
	colNames     = [3][]string{{"first column", "left column", "leftmost column", "column 1", "column one"}, {"second column", "middle column", "column 2", "column two"}, {"third column", "last column", "right column", "rightmost column", "column 3", "column three", "final column"}}
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
	plain = glyphsAsWords(plain)
	for _, m := range jsonAnswerRe.FindAllStringSubmatch(a.raw, -1) {
		// {"answer": {"shape": "triangle", "count": 1, "color": "green"}}
		if j := jsonAsText(m[1]); j != m[1] {
			plain += "\nThe answer is " + strings.TrimSpace(j[len(m[1]):]) + "."
		}
	}
	whole := plain // the rule said before a correction stands unless the correction restates one
	if from := finalClaim(plain); from > 0 && (len(shapeMentions(plain[from:], []string{strings.ToLower(pt.AnswerShape)})) > 0 ||
		strongCueRe.MatchString(plain[from:]) && len(shapeMentions(plain[from:], allShapes())) > 0) {
		plain = plain[from:] // a self-correction: its final claim is scored ("Actually … Final answer: 2 diamonds")
	}
	shape := strings.ToLower(pt.AnswerShape)
	all := []string{shape}
	for s := range knownShapes {
		if s != shape {
			all = append(all, s)
		}
	}
	ms := shapeMentions(plain, all)
	// "the triangle row", "the circles column": a row's name, not a shape claimed.
	kept := ms[:0]
	for _, m := range ms {
		if !axisNameAfter.MatchString(plain[m.span.End:]) {
			kept = append(kept, m)
		}
	}
	ms = kept
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
	sens := sentences(plain)
	for si, sen := range sens {
		if si > 0 && strings.HasSuffix(strings.TrimSpace(plain[sens[si-1].Start:min(len(plain), sens[si-1].End+1)]), "?") && answeredNo.MatchString(sen.Text) {
			continue // "An orange star? No — stars belong to row 2": why an option is ruled out
		}
		if wrongOptionRe.MatchString(sen.Text) {
			continue // "A blue triangle would be wrong, since blue belongs to column 2"
		}
		for _, cue := range []struct {
			re   *regexp.Regexp
			list *[]shapeMention
		}{{strongCueRe, &strong}, {answerCueRe, &weak}} {
			loc := cue.re.FindStringIndex(sen.Text)
			if loc == nil {
				continue
			}
			if cue.list == &weak && sen.Text[loc[0]:loc[1]] == "?" && gridCellMark.MatchString(sen.Text[:loc[0]]) {
				continue // "Row 3: a red circle, **?**, an orange circle": the cell listed, not filled
			}
			at := sen.Start + loc[0]
			var after, before *shapeMention
			for i := range ms {
				m := &ms[i]
				if m.span.Start < sen.Start || m.span.End > sen.End || (cue.list == &weak && inGrid(*m) && !m.article) ||
					comparedToRe.MatchString(plain[max(0, numberStart(plain, m.span.Start)-16):numberStart(plain, m.span.Start)]) {
					// ("one less than the 2 hexagons next to it": the cell it is compared to)
					continue
				}
				if m.span.Start >= at && (after == nil || after.count < 0 && m.count > 0) {
					after = m // the first after the cue, or the first after it with a count
				}
				if m.span.Start < at && m.span.Start >= clauseStart(plain, at) && (before == nil || m.span.Start > before.span.Start) {
					before = m // the nearest before the cue, in its clause ("…, which confirms the purple one belongs")
				}
			}
			if after == nil && si+1 < len(sens) && introduces(plain, sen) {
				// "…, so it should contain:" / "Answer": the claim is the next line.
				nx := sens[si+1]
				for i := range ms {
					if m := &ms[i]; m.span.Start >= nx.Start && m.span.End <= nx.End && (after == nil || after.count < 0 && m.count > 0) {
						after = m
					}
				}
			}
			if after == nil && before != nil && before.count < 0 {
				// "… of the triangle row needs 3 of them": the count after the cue, the
				// shape before it.
				if m := countAfterCue.FindStringSubmatch(sen.Text[loc[1]:]); m != nil {
					if v, ok := numberIn(m[1]); ok {
						c := *before
						c.count = int(v)
						before = &c
					}
				}
			}
			if after != nil && after.count < 0 {
				// "it must contain hexagons (row rule) and three of them (column rule)":
				// the count said after the shape.
				rest := plain[after.span.End:min(len(plain), after.span.End+80)]
				if i := strings.IndexAny(rest, ".!?\n"); i >= 0 {
					rest = rest[:i]
				}
				if m := ofThemRe.FindStringSubmatch(rest); m != nil {
					if m[1] == "" {
						m[1] = m[2]
					}
					if v, ok := numberIn(m[1]); ok {
						c := *after
						c.count = int(v)
						after = &c
					}
				}
			}
			if after == nil || after.count < 0 && before != nil && before.count > 0 {
				// "Two triangles should go there because the column is all triangles":
				// the counted subject of the cue, not a shape named in its reason.
				after = before
			}
			if after != nil && after.count > 0 {
				// "the bottom row needs one triangle, two triangles, and then three
				// triangles in the last cell": the run's last is the claim.
				for i := range ms {
					if m := &ms[i]; m.span.Start > after.span.End && m.span.End <= sen.End && m.shape == after.shape && m.count == after.count+1 &&
						runGapRe.MatchString(plain[after.span.End:numberStart(plain, m.span.Start)]) {
						after = m
					}
				}
			}
			if after != nil {
				*cue.list = append(*cue.list, *after)
				// "either two triangles or two diamonds", "— or possibly a single larger
				// triangle": the option offered with it; "(or possibly two)": its count.
				offered := false
				for i := range ms {
					if m := &ms[i]; m.span.Start > after.span.End && m.span.End <= sen.End && orBetweenRe.MatchString(plain[after.span.End:m.span.Start]) {
						alt := *m
						alt.article = false // offered as the answer, not a mention of one of many
						*cue.list = append(*cue.list, alt)
						offered = true
						break
					}
				}
				if !offered && after.span.End <= sen.End { // (a claim on the next line offers none here)
					if c := orCountRe.FindStringSubmatch(plain[after.span.End:sen.End]); c != nil {
						if v, ok := numberIn(c[1]); ok && int(v) != after.count {
							alt := *after
							alt.count, alt.article = int(v), false
							*cue.list = append(*cue.list, alt)
						}
					}
				}
			}
		}
	}
	claims := strong
	// A terse answer leads with it: "Three triangles. Each row …" (beside a later cue
	// that names the shape without its count: "… must contain three of them").
	if sens := sentences(plain); len(sens) > 0 && !rowWordRe.MatchString(sens[0].Text) && !columnWordRe.MatchString(sens[0].Text) {
		for _, m := range ms {
			if m.span.Start >= sens[0].Start && m.span.End <= sens[0].End && m.count > 0 &&
				len(strings.Fields(sens[0].Text)) <= 6 {
				claims = append(claims, m)
				break
			}
		}
	}
	if len(claims) == 0 {
		claims = weak
	}
	if len(claims) == 0 {
		// No cue: a terse answer is its shape ("Triangles."); in a longer one only a
		// counted shape that is no other cell is (an uncounted one names a row).
		terse := len(strings.Fields(plain)) <= 15
		for _, m := range ms {
			if !inGrid(m) && (m.count > 0 || terse && !gridLineRe.MatchString(plain[lineStart(plain, m.span.Start):m.span.Start])) {
				claims = append(claims, m)
				break
			}
		}
	}
	counted := map[string]bool{} // shapes (and shape/colour pairs) given a count in figures or words
	named := map[string]bool{}   // shapes claimed with any count, an article's too ("A green triangle.")
	for _, c := range claims {
		if c.count > 0 && !c.article {
			counted[c.shape] = true
			counted[c.shape+"/"+c.color] = true
		}
		if c.count > 0 {
			named[c.shape] = true
		}
	}
	var right, shapeOnly, other []string
	for _, c := range claims {
		if c.color == "" && pt.AnswerColor != "" {
			// "…must also be a hexagon" beside "the missing shape is an orange
			// hexagon": the fuller claim of the empty cell.
			for _, w := range weak {
				if w.shape == c.shape && w.count == c.count && w.color != "" && !inGrid(w) {
					c = w
					break
				}
			}
		}
		if c.count < 0 && (counted[c.shape] || named[c.shape]) || c.article && (counted[c.shape+"/"+c.color] || c.color == "" && counted[c.shape]) {
			continue // "three triangles … a triangle": the count said once is the claim
		}
		if c.color == "" && moreSpecific(claims, c) {
			continue // "a triangle … one green triangle": the fuller claim is the claim
		}
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
	undecided := undecidedRe.FindString(plain)
	switch {
	case len(right) > 0 && len(other) == 0 && len(shapeOnly) == 0 && undecided != "":
		res[0] = cr(0.5, "answers %s, but leaves it open: %s", right[0], quote(undecided))
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

	// The pattern: the rule's two parts, each stated or not.
	partA, partB, evA, evB := ruleParts(plain, pt, len(right) == 0)
	if (partA == 0 || partB == 0) && whole != plain && !inventedRuleRe.MatchString(plain) {
		// "Correction: the empty cell is in the third column, which is orange": a
		// correction of the answer; a part of the rule stated before it and not
		// restated stands.
		wa, wb, wevA, wevB := ruleParts(whole, pt, len(right) == 0)
		origA, origB := partA, partB
		if origA == 0 && wa > 0 && (origB > 0 || !ruleWordRe.MatchString(plain)) {
			partA, evA = wa, wevA
		}
		if origB == 0 && wb > 0 && origA == 0 && !ruleWordRe.MatchString(plain) {
			partB, evB = wb, wevB // (a count or colour rule said again the wrong way is not filled in)
		}
	}
	res[1] = cr(0.5*partA+0.5*partB, "%s; %s", evA, evB)
	invented := ""
	for _, m := range inventedRuleRe.FindAllStringIndex(plain, -1) {
		if !negated(plain, m[0]) && (pt.RuleKind != "color" || !colourWordRe.MatchString(plain[m[0]:m[1]])) {
			invented = plain[m[0]:m[1]]
			break
		}
	}
	if invented != "" && res[1].Fraction > 0 {
		// A rule the grid does not have, beside the true ones, costs a quarter.
		res[1] = cr(res[1].Fraction*0.75, "%s; %s; but also a rule the grid does not have: %s", evA, evB, quote(invented))
	}

	// Reasoning: the answer follows from the pattern stated; without an answer the
	// pattern alone is half an explanation.
	answered := res[0].Fraction > 0
	switch {
	case res[1].Fraction == 0:
		res[2] = cr(0, "no part of the pattern stated, nothing reasoned")
	case !answered && len(claims) == 0:
		res[2] = cr(math.Min(0.5, res[1].Fraction), "the pattern is described but no answer drawn from it")
	case !answered && (res[1].Fraction < 1 || invented != ""):
		// A wrong answer drawn from a rule that is wrong or half told: the reasoning
		// explains nothing true (40 of the experts' 44 rows).
		res[2] = cr(0, "a wrong answer from a rule the grid does not have, or half of its rule")
	case invented != "":
		res[2] = cr(math.Min(0.5, res[1].Fraction), "the reasoning leans on a rule the grid does not have: %s", quote(invented))
	case !answered:
		res[2] = cr(res[1].Fraction, "a misread answer, but the reasoning follows the pattern stated")
	case undecided != "":
		res[2] = cr(math.Min(0.5, res[1].Fraction), "the reasoning does not commit to an answer")
	default:
		res[2] = cr(res[1].Fraction, "the answer follows from %s of the pattern", map[bool]string{true: "all", false: "half"}[res[1].Fraction == 1])
	}
	return res[:], nil
}

var (
	jsonAnswerRe   = regexp.MustCompile(`(?i)"(?:answer|solution|missing(?:_shape|_cell_content)?|result|empty_cell)"\s*:\s*(\{[^{}]*\})`)
	wrongOptionRe  = regexp.MustCompile(`(?i)\b(?:(?:you|one) might (?:think|guess|expect)|at first glance|would be (?:wrong|incorrect)|is (?:wrong|incorrect)|ruled out|rules? out|can't be|cannot be|doesn't fit|does not fit|wouldn't fit)\b`)
	axisNameAfter  = regexp.MustCompile(`(?i)^[ \t]+(?:row|column)s?\b`)
	countAfterCue  = regexp.MustCompile(`(?i)^\s*(?:to (?:be|have|hold)\s+|exactly\s+)?(\d+|one|two|three|four|five|six)\s+(?:of them|more)\b`)
	ruleClauseRe   = regexp.MustCompile(`(?i),|;|\s[—–]\s|\b(?:and|while|whereas|but)\b`)
	orBetweenRe    = regexp.MustCompile(`(?i)^[\s*_)"”,;—–-]*\bor\s+(?:maybe\s+|perhaps\s+|possibly\s+)?[\s*_("“]*(?:[\pL\pN]+\s+){0,3}$`)
	orCountRe      = regexp.MustCompile(`(?i)^[\s*_)"”]*[,;(—–-]?\s*\(?\s*or\s+(?:maybe\s+|perhaps\s+|possibly\s+)?(\d+|one|two|three|four|five|six)\b`)
	vaguePatternRe = regexp.MustCompile(`(?i)\b(?:a|the)?\s*(?:consistent|same|regular|clear|simple|logical|certain|specific)\s+(?:pattern|rule|logic|sequence|order)\b`)
	keepsRe        = regexp.MustCompile(`(?i)\b(?:entirely|made (?:up )?of|composed (?:only |entirely )?of|consists? (?:only |entirely )?of|same|constant|unchanged|stays|remains|does(?:n't| not) change|(?:just |only )?one (?:shape|kind|type|figure|sort)|single (?:shape|kind|type|figure|sort)|only|keeps?|kept|fixe[sd]|consistent|uniform|dedicated|its own|repeats? (?:a|one|the same|its|a single) (?:shape|kind|type|figure)|shares?|shared|sticks? to|a (?:different|distinct) shape|each (?:has|uses|contains|is)|all (?:\w+ )?(?:are|have))\b`)
	// sameOrderRe says a line of the grid repeats another's order.
	rightToLeftRe = regexp.MustCompile(`(?i)\bright to left\b|\bfrom the right\b`)
	sameOrderRe   = regexp.MustCompile(`(?i)\bsame\b[^.;]{0,30}\b(?:order|sequence)\b`)
	rowWordRe     = regexp.MustCompile(`(?i)\brows?\b|\bhorizontal\w*`)
	columnWordRe  = regexp.MustCompile(`(?i)\bcolumns?\b|\bvertical\w*`)
	colourWordRe  = regexp.MustCompile(`(?i)\bcolou?rs?\b`)
	// ruleWordRe marks a sentence that states a rule, not one that lists a row's cells.
	ruleWordRe = regexp.MustCompile(`(?i)\b(?:share\w*|each|every|per|grows?|goes|count|number|increas\w*|from|across|down)\b`)
	// inventedRuleRe is a rule about the cells' look that no rubric grid has.
	inventedRuleRe = regexp.MustCompile(`(?i)\b(?:rotat\w*|cycl\w*|diagonal\w*|quarter[\s-]turn|turns? (?:by|through)|alternat(?:e|es|ed|ing|ion|ions)|gets? (?:darker|lighter|bigger|smaller|larger)|(?:grows?|increases?|changes?) in size|sizes? (?:grows?|increases?|changes?)|darker|lighter|shad(?:e|es|ed|ing)|flip\w*|mirror\w*|colou?rs? (?:change|changes|alternate|alternates|shift|shifts|cycle|cycles))\b`)
	doublingRe     = regexp.MustCompile(`(?i)\bdoubl\w*|\btwice\b|\bmultipl\w*`)
)

// ruleParts says which parts of the puzzle's rule an answer states, each 0 or 1 with
// its evidence. Every rule has two: for "rows", each row keeps one shape (a sentence
// about rows that says so, or rows listed with their shapes) and the count grows by
// one (1, 2, 3; "increases"; not a doubling); "cols" is the same down the columns;
// "color": each row keeps one shape, each column one colour. The parts are read from
// what the answer claims about rows, columns, counts and colours, never from the words
// of the prompt ("shape", "pattern").
func ruleParts(s string, pt *fixtures.PuzzleTruth, wrongAnswer bool) (a, b float64, evA, evB string) {
	keepAxis, keepOther := rowWordRe, columnWordRe
	axisName, otherName := "row", "column"
	if pt.RuleKind == "cols" {
		keepAxis, keepOther, axisName, otherName = columnWordRe, rowWordRe, "column", "row"
	}
	sens := sentences(s)
	shapes := map[string]bool{}
	for _, row := range pt.Grid {
		for _, cell := range row {
			if _, _, sh, ok := cellSpec(cell); ok {
				shapes[sh] = true
			}
		}
	}
	shapes[strings.ToLower(pt.AnswerShape)] = true
	var names []string
	for sh := range shapes {
		names = append(names, sh)
	}
	evA = "no " + axisName + " said to keep one shape"
	for _, sen := range sens {
		// "the shapes follow a consistent pattern across the rows" restates the prompt:
		// a pattern said to be consistent is no shape kept.
		t := vaguePatternRe.ReplaceAllString(sen.Text, "pattern")
		if keepOther.MatchString(t) && sameOrderRe.MatchString(sen.Text) && distinctShapes(shapeMentions(t, names)) >= 2 {
			// "every row lists the same three shapes in the same order — square, star,
			// hexagon": each column keeps its shape, said of the other axis (dev 680).
			a, evA = 1, "each "+axisName+" keeps one shape, as every "+otherName+" repeats one order: "+quote(t)
			break
		}
		if !keepAxis.MatchString(t) {
			continue
		}
		// "each row uses one shape"; "Row 3 is the triangle row"; "the top row has
		// hexagons, the middle row squares, …" (rows with their shapes).
		listed := len(shapeMentions(t, names)) >= 2 && (len(keepAxis.FindAllString(t, -1)) >= 2 || axisListRe(axisName).MatchString(t) && distinctShapes(shapeMentions(t, names)) >= 2)
		alt := strings.Join(names, "|")
		named := cachedRegexp(`(?i)\b(?:` + alt + `)s?\s+` + axisName + `\b|\b` + axisName + `s?\s+(?:(?:\d|one|two|three)\s+)?(?:is|are|has|have|holds?|contains?|of)\s+(?:all\s+|only\s+)?(?:` + alt + `)`).MatchString(t)
		if keepOther.MatchString(t) && !listed && !named && !sameAfterAxis(t, keepAxis) {
			// Both axes in one sentence: the clause that names this axis alone may say
			// it ("the shape is constant along each row and the count grows per column").
			for _, c := range ruleClauseRe.Split(t, -1) {
				if keepAxis.MatchString(c) && !keepOther.MatchString(c) && keepsRe.MatchString(c) {
					a, evA = 1, "each "+axisName+" keeps one shape: "+quote(c)
				}
			}
			if a == 1 {
				break
			}
			continue // the sameness is said of the other axis
		}
		if keepsRe.MatchString(t) || listed || named {
			a, evA = 1, "each "+axisName+" keeps one shape: "+quote(t)
			break
		}
	}
	if pt.RuleKind == "color" {
		evB = "no column said to keep one colour"
		for _, sen := range sens {
			// "the colours go green, blue, red from left to right" orders them along the
			// rows: each column keeps one (dev 681).
			along := acrossRe.MatchString(sen.Text) && columnColours(pt, colourRe.FindAllString(sen.Text, -1), rightToLeftRe.MatchString(sen.Text))
			if along || columnWordRe.MatchString(sen.Text) && (colourWordRe.MatchString(sen.Text) || len(colourRe.FindAllString(sen.Text, -1)) >= 2) {
				b, evB = 1, "columns keep a colour: "+quote(sen.Text)
				break
			}
		}
		return a, b, evA, evB
	}
	evB = "no count growing by one"
	for _, sen := range sens {
		if doublingRe.MatchString(sen.Text) {
			continue
		}
		// "the count equals its column number": right only for the axis the count
		// runs along; said of the other axis, the sentence's counts are of that axis.
		if m := axisNumberRe.FindStringSubmatch(sen.Text); m != nil {
			for _, g := range m[2:] {
				if m[1] == "" {
					m[1] = g // "row k holds k of each", "matches the row it's in"
				}
			}
			if keepOther.MatchString(m[1]) {
				b, evB = 1, "the count is the "+strings.ToLower(m[1])+"'s number: "+quote(m[0])
				break
			}
			continue
		}
		if m := progressionRe.FindString(sen.Text); m != "" {
			if d := crossDirection(sen.Text, pt); d != "" && wrongAnswer {
				// "the count grows 1, 2, 3 from left to right" where it grows down the
				// columns, and a wrong count drawn from it: the rule misread, not
				// misworded (a right answer keeps it: the experts mostly forgive the
				// wording then).
				evB = "the count said to grow " + quote(d) + ", the wrong way, and a wrong answer drawn"
				continue
			}
			b, evB = 1, "the count grows: "+quote(m)
			break
		}
		// "1, 2, 3" in a sentence that states a rule, or shown for two or more rows
		// ("row 1 is triangle 1 2 3, row 2 is diamond 1 2 3, …").
		if countsInOrder(sen.Text) && (ruleWordRe.MatchString(sen.Text) || countRuns(sen.Text) >= 2 && len(keepAxis.FindAllString(sen.Text, -1)) >= 2) {
			b, evB = 1, "the count grows 1, 2, 3: "+quote(sen.Text)
			break
		}
		// "column 3 always has three shapes", "row 3 has three of everything": the
		// count equals the position along the other axis.
		if m := indexCount(sen.Text, keepOther); m != "" {
			b, evB = 1, "the count is the "+otherName+"'s number: "+quote(m)
			break
		}
	}
	return a, b, evA, evB
}

// crossDirection is the direction a sentence gives the count's growth when it is the
// other axis's: along the rows for a count that grows down the columns, and so on.
// "Across rows" (from row to row) says neither.
func crossDirection(sen string, pt *fixtures.PuzzleTruth) string {
	re := downRe // a rows puzzle's count grows left to right
	switch pt.RuleKind {
	case "cols":
		re = acrossRe
	case "color":
		return ""
	}
	return re.FindString(sen)
}

var (
	acrossRe = regexp.MustCompile(`(?i)\b(?:(?:from )?left to right|from the left|right to left|(?:along|within|in|across) (?:each|every|the|a) row|horizontally)\b`)
	downRe   = regexp.MustCompile(`(?i)\b(?:(?:from )?top to bottom|from the top|bottom to top|(?:along|within|in|down) (?:each|every|the|a) column|downwards?|vertically)\b`)
)

// runGapRe joins the items of a run of counts: ", ", " and then ".
var runGapRe = regexp.MustCompile(`(?i)^[\s,;]*(?:and\s+)?(?:then\s+)?$`)

// numberStart is where the count before the shape word at pos begins: "three
// triangles" at "triangles" begins at "three".
func numberStart(s string, pos int) int {
	if m := countBeforeShapeRe.FindStringIndex(s[max(0, pos-24):pos]); m != nil {
		return max(0, pos-24) + m[0]
	}
	return pos
}

// ofThemRe gives a count to a shape named before it: "hexagons, and three of them".
// "two or three of them" gives the first, and the option beside it hedges (orCountRe).
var ofThemRe = regexp.MustCompile(`(?i)\b(?:(\d+|one|two|three|four|five|six)\s+or\s+)?(\d+|one|two|three|four|five|six)\s+of\s+them\b`)

// comparedToRe ends the words before a cell that another is compared to: "one shape
// less than the 2 hexagons", "the same as the".
var comparedToRe = regexp.MustCompile(`(?i)\b(?:than|as|like)\s+(?:the\s+|its\s+)?$`)

var countBeforeShapeRe = regexp.MustCompile(`(?i)\b(?:\d+|one|two|three|four|five|six)\s+(?:[a-z]+\s+)?$`)

// countRuns is how many times a sentence gives the counts 1, 2, 3 in that order.
func countRuns(t string) int {
	runs, want := 0, 1.0
	for _, n := range Numbers(t) {
		switch {
		case n.Value == want:
			want++
		case n.Value == 1:
			want = 2
		}
		if want > 3 {
			runs, want = runs+1, 1
		}
	}
	return runs
}

var indexCountRe = regexp.MustCompile(`(?i)\b(rows?|columns?)\s+(2|3|two|three)\s+(?:always\s+|each\s+)?(?:has|have|holds?|contains?|shows?|is|are|gets?)\s+(?:all\s+|exactly\s+)?(2|3|two|three)\b`)

// indexCount finds "<axis> k has k …" with the axis the count runs along.
func indexCount(t string, axis *regexp.Regexp) string {
	for _, m := range indexCountRe.FindAllStringSubmatch(t, -1) {
		k, n := Numbers(m[2]), Numbers(m[3])
		if axis.MatchString(m[1]) && len(k) == 1 && len(n) == 1 && k[0].Value == n[0].Value {
			return m[0]
		}
	}
	return ""
}

// countsInOrder reports whether a sentence gives the counts 1, 2 and 3 in that order
// ("1 shape in the top row, 2 in the middle row, 3 in the bottom row").
// axisIndexBefore ends with an axis word whose number follows: "column 2", "row 3".
var axisIndexBefore = regexp.MustCompile(`(?i)\b(?:columns?|rows?|cols?|cells?|zeile|spalte|fila|columna|colonne|ligne)\s*#?$`)

func countsInOrder(t string) bool {
	want := 1.0
	for _, n := range Numbers(t) {
		if axisIndexBefore.MatchString(t[max(0, n.Start-12):n.Start]) {
			continue // "triangles in column 1, circles in column 2": the axes' numbers
		}
		if n.Value == want {
			want++
		}
	}
	return want > 3
}

// sameAfterAxis reports whether the sameness in t is said right after the axis word
// ("each row uses one shape, and the columns …").
func sameAfterAxis(t string, axis *regexp.Regexp) bool {
	loc := axis.FindStringIndex(t)
	if loc == nil {
		return false
	}
	rest := t[loc[1]:min(len(t), loc[1]+40)]
	for _, other := range []*regexp.Regexp{columnWordRe, rowWordRe} {
		if o := other.FindStringIndex(rest); o != nil {
			rest = rest[:o[0]] // up to the other axis
		}
	}
	return keepsRe.MatchString(rest)
}

var glyphRunRe = regexp.MustCompile(`([▲△▴●○⬤■□◼★☆⬢⬡◆◇♦])(?:\s*([▲△▴●○⬤■□◼★☆⬢⬡◆◇♦]))*`)

var glyphShape = map[rune]string{'▲': "triangle", '△': "triangle", '▴': "triangle", '●': "circle", '○': "circle",
	'⬤': "circle", '■': "square", '□': "square", '◼': "square", '★': "star", '☆': "star", '⬢': "hexagon",
	'⬡': "hexagon", '◆': "diamond", '◇': "diamond", '♦': "diamond"}

// glyphsAsWords writes a run of shape glyphs as words: "▲ ▲ ▲" is "3 triangles".
func glyphsAsWords(s string) string {
	return glyphRunRe.ReplaceAllStringFunc(s, func(m string) string {
		n, shape := 0, ""
		for _, r := range m {
			if sh, ok := glyphShape[r]; ok {
				if shape != "" && sh != shape {
					return m
				}
				shape, n = sh, n+1
			}
		}
		if n == 1 {
			return " 1 " + shape + " "
		}
		return fmt.Sprintf(" %d %s ", n, plural(shape))
	})
}

// moreSpecific reports whether claims hold one of c's shape and count that also gives a
// colour.
func moreSpecific(claims []shapeMention, c shapeMention) bool {
	for _, o := range claims {
		if o.shape == c.shape && o.count == c.count && o.color != "" {
			return true
		}
	}
	return false
}

// axisListRe matches an axis that lists its shapes: "Rows: circles, squares, triangles"
// ("Rows (top to bottom): …", "By row —").
func axisListRe(axis string) *regexp.Regexp {
	return cachedRegexp(`(?i)\b(?:by\s+)?` + axis + `s?\b[^:—–\n]{0,25}[:—–]\s*\pL`)
}

func distinctShapes(ms []shapeMention) int {
	seen := map[string]bool{}
	for _, m := range ms {
		seen[m.shape] = true
	}
	return len(seen)
}

// introduces reports whether a sentence hands over to the next: it ends with a colon
// ("so it should contain:") or is a heading of a word or two ("✅ Answer").
func introduces(s string, sen Span) bool {
	t := strings.TrimSpace(sen.Text)
	if sen.End < len(s) && s[sen.End] == ':' || strings.HasSuffix(t, ":") {
		return true
	}
	return len(strings.Fields(t)) <= 3
}

// columnColours reports whether said, colours named in order, run through the grid's
// column colours left to right (right to left when back): "green, blue, red", not "red,
// blue, red" (an answer's own colour may come before them).
func columnColours(pt *fixtures.PuzzleTruth, said []string, back bool) bool {
	if len(pt.Grid) == 0 {
		return false
	}
	cols := make([]string, len(pt.Grid[0]))
	for _, row := range pt.Grid {
		for j, cell := range row {
			if _, c, _, ok := cellSpec(cell); ok && j < len(cols) {
				cols[j] = c
			}
		}
	}
	for k := 0; k+len(cols) <= len(said); k++ {
		same := true
		for i := range cols {
			want := cols[i]
			if back {
				want = cols[len(cols)-1-i]
			}
			same = same && strings.ToLower(said[k+i]) == want
		}
		if same {
			return true
		}
	}
	return false
}

// allShapes is every shape the scorers know.
func allShapes() []string { return slices.Collect(maps.Keys(knownShapes)) }
