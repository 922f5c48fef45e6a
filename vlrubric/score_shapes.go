package vlrubric

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vlbench/vlbench/fixtures"
)

// knownShapes are the shape nouns the scorers recognise, with their synonyms.
var knownShapes = map[string][]string{
	"circle": {"circle", "disc", "disk"}, "square": {"square"}, "triangle": {"triangle"},
	"rectangle": {"rectangle"}, "star": {"star"}, "hexagon": {"hexagon"}, "pentagon": {"pentagon"},
	"oval": {"oval", "ellipse"}, "diamond": {"diamond", "rhombus"}, "heart": {"heart"},
	"octagon": {"octagon"}, "cross": {"cross"}, "arrow": {"arrow"}, "dot": {"dot", "speck"},
	"line": {"line"},
}

// knownColors are the colour words the scorers recognise; the value is the colour
// they name.
var knownColors = map[string]string{
	"red": "red", "blue": "blue", "green": "green", "yellow": "yellow", "orange": "orange",
	"purple": "purple", "violet": "purple", "pink": "pink", "black": "black", "white": "white",
	"gray": "gray", "grey": "gray", "brown": "brown", "cyan": "cyan", "magenta": "magenta",
	"teal": "teal", "navy": "blue", "crimson": "red", "gold": "yellow",
}

func shapeWords(shape string) []string {
	shape = strings.ToLower(shape)
	if s, ok := knownShapes[shape]; ok {
		return s
	}
	return []string{shape}
}

func colorName(w string) string {
	if c, ok := knownColors[strings.ToLower(w)]; ok {
		return c
	}
	return strings.ToLower(w)
}

var (
	kindsRe       = regexp.MustCompile(`(?i)\b(?:kinds?|types?|sorts?|varieties|different|distinct|colou?rs?)\b`) // "two kinds of shape" counts kinds
	totalNounRe   = regexp.MustCompile(`(?i)^[^\S\n]+(?:([a-z-]+)[^\S\n]+){0,2}?(shapes|shape|objects|items|figures|elements|things)\b`)
	totalBeforeRe = regexp.MustCompile(`(?i)\b(?:total|altogether|overall|in all)(?:[\s_]+(?:count|number|shapes))?(?:\s+of\s+(?:shapes|objects))?[\s|]*(?:is|=|:|of|are)?[\s|]*$`)
	countBeforeRe = regexp.MustCompile(`(?i)\b(?:number of (?:shapes|objects|figures|items)|shape count|(?:i )?count(?:ed)?|how many shapes)\s*(?:is|=|:|are)?[\s|*]*$`)
	totalHedgeRe  = regexp.MustCompile(`(?i)^\s+(?:or|to|-)\s+(?:maybe\s+|perhaps\s+|possibly\s+)?\d+\s+(?:shapes|objects|items|figures)\b`)
	totalAfterRe  = regexp.MustCompile(`(?i)^[ \t]*(?:shapes\s+)?(?:in total|total|altogether|in all)\b`)
	wordsRe       = regexp.MustCompile(`[\pL\pN]+`)
)

// shapeMention is a shape noun in the answer with the count and colour attached to it.
type shapeMention struct {
	shape string // canonical shape
	span  Span
	count int // -1 if none attached
	color string
	// article is set when the count is an article ("a circle"), not a number.
	article bool
}

// pointedRe follows a number that describes a shape, not their count: "(5-pointed)".
var pointedRe = regexp.MustCompile(`(?i)^[\s-]*(?:pointed|sided|point|sides|points)\b`)

// oneOfPairRe marks a sentence that places a group's shapes one by one: "one … the
// other", "one … another".
var oneOfPairRe = regexp.MustCompile(`(?i)\b(?:the other|another|the second|the rest|the others|the remaining)\b`)

// itemCountEnd is a list item's count at its end: "… → 5", "…: **4**".
var itemCountEnd = regexp.MustCompile(`(?:→|=>|->|[=:—–])\s*\**\s*(\d+)\s*\**\s*$`)

var partitiveDet = map[string]bool{"the": true, "these": true, "those": true, "its": true}

// shapeMentions finds every asserted shape noun, the number right before it (at
// most three words before, with only adjectives between: "3 red filled circles") or
// right after a separator ("circles: 3", "Circle | Red | 3"), and the colour word
// nearest to it in the same way ("red circles", "circles (red)", "the circles are
// red").
func shapeMentions(plain string, shapes []string) []shapeMention {
	var out []shapeMention
	colorAlt := strings.Join(mapKeys(knownColors), "|")
	afterCount := cachedRegexp(`(?i)^\s*(?:\([^()\n]{1,30}\)\s*)?(?:[:(=|×-]|->|[→⇒—–]|x\s)\s*(?:[x×]\s?)?(?:(?:` + colorAlt + `)\s*[|:),-]?\s*)?(\d+|[a-z]+(?:-[a-z]+)?)\b`)
	afterColor := cachedRegexp(`(?i)^\s*(?:[:(|,-]\s*|(?:are|is)\s+(?:all\s+|both\s+)?|in\s+|(?:of|in)\s+(?:the\s+)?colou?r\s+|colou?red\s+)(` + colorAlt + `)\b`)
	for _, shape := range shapes {
		for _, w := range shapeWords(shape) {
			for _, sp := range findPhrase(plain, w) {
				if negated(plain, sp.Start) || rejected(plain, sp.Start) {
					continue
				}
				m := shapeMention{shape: shape, span: sp, count: -1}
				// Words before, nearest first.
				before := wordsRe.FindAllString(plain[clauseStartSoft(plain, sp.Start):sp.Start], -1)
				last := len(before) - 1
				if last >= 1 && strings.EqualFold(before[last-1], "of") && partitiveDet[strings.ToLower(before[last])] {
					last = -1 // "one of the circles is larger": a part of the group, not its count
				}
				for i, k := last, 0; i >= 0 && k < 6; i, k = i-1, k+1 {
					b := strings.ToLower(before[i])
					if b == "pointed" || b == "sided" || b == "point" {
						i-- // "five-pointed stars": no count
						continue
					}
					if countFiller[b] && m.color != "" {
						continue // "Three of them are red circles"
					}
					if _, ok := knownColors[b]; ok && m.color == "" {
						m.color = colorName(b)
						continue
					}
					if v, ok := numberIn(b); ok {
						if b == "one" && i > 0 && strings.EqualFold(before[i-1], "the") {
							break // "the one square in the corner": which one, not how many
						}
						m.count = int(v)
						if b == "one" && oneOfPairRe.MatchString(sentenceAt(plain, sp.Start)) {
							m.article = true // "one square near the top and another in the corner": item by item
						}
						break
					}
					if b == "a" || b == "an" || b == "single" {
						m.count, m.article = 1, b != "single" // "a single hexagon" says how many
						break
					}
					if isShapeWord(b) {
						break
					}
				}
				rest := plain[sp.End:]
				if lineEnd := strings.IndexByte(rest, '\n'); listItemAt(plain, sp.Start) || leadsLine(plain, sp.Start) {
					// "1. Red circles – one at the top, … and three along the bottom → 5":
					// an item that ends on its count gives it; the words before place them.
					line := rest
					if lineEnd >= 0 {
						line = rest[:lineEnd]
					}
					if c := itemCountEnd.FindStringSubmatch(line); c != nil && !namesShape(line) {
						if v, ok := numberIn(c[1]); ok {
							m.count = int(v)
						}
					}
				}
				if m.count < 0 {
					if c := afterCount.FindStringSubmatchIndex(rest); c != nil && !pointedRe.MatchString(rest[c[3]:]) {
						if v, ok := numberIn(rest[c[2]:c[3]]); ok {
							m.count = int(v)
						}
					} else if c := cachedRegexp(`(?i)^\s+(?:(?:` + colorAlt + `)\s+)?[x×]\s?(\d+)\b`).FindStringSubmatch(rest); c != nil {
						m.count, _ = strconv.Atoi(c[1]) // "circle red x5"
					}
				}
				if m.color == "" {
					if c := cachedRegexp(`(?i)^\s*[:|=]\s*\d+\s*[(|,-]\s*(` + colorAlt + `)\b`).FindStringSubmatch(rest); c != nil {
						m.color = colorName(c[1]) // "Circles: 3 (red)"
					} else if c := cachedRegexp(`(?i)^[ \t]+(` + colorAlt + `)\b`).FindStringSubmatch(rest); c != nil && !isShapeWord(firstWords(rest[len(c[0]):], 1)) {
						m.color = colorName(c[1]) // "4 triángulos naranjas": the colour after the noun
					} else if c := afterColor.FindStringSubmatch(rest); c != nil {
						m.color = colorName(c[1])
					} else if c := cachedRegexp(`(?i)^\s*(?:\([^()\n]{1,30}\)\s*)?\|\s*(` + colorAlt + `)\b`).FindStringSubmatch(rest); c != nil {
						m.color = colorName(c[1])
					} else if listItemAt(plain, sp.Start) || leadsLine(plain, sp.Start) {
						// "1. Squares — 4" with "- Color: red" on a line under it, before
						// the next shape.
						lines := strings.SplitN(rest, "\n", 5)
						for _, l := range lines[1:min(len(lines), 4)] {
							if c := cachedRegexp(`(?i)^\W*colou?r\s*[:=]\s*(` + colorAlt + `)\b`).FindStringSubmatch(l); c != nil {
								m.color = colorName(c[1])
								break
							}
							if namesShape(l) {
								break
							}
						}
					}
				}
				out = append(out, m)
			}
		}
	}
	return out
}

// clauseStartSoft is where the words before pos stop counting for a shape: the
// previous sentence end, comma, semicolon, colon or table border.
func clauseStartSoft(s string, pos int) int {
	base := max(0, pos-clauseMax)
	for base > 0 && base < pos && !utf8.RuneStart(s[base]) {
		base++
	}
	start := base
	for _, m := range cachedRegexp(`[.!?](?:\s|$)|[,;:|\n(]|\band\b`).FindAllStringIndex(s[base:pos], -1) {
		start = base + m[1]
	}
	return start
}

// namesShape reports whether s names a shape ("…, "blue square": 2": the count at the
// end of the line is that shape's).
func namesShape(s string) bool {
	for _, w := range wordsRe.FindAllString(s, -1) {
		if isShapeWord(w) {
			return true
		}
	}
	return false
}

func isShapeWord(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(w), "s"), "e")
	for _, ws := range knownShapes {
		for _, s := range ws {
			if strings.TrimSuffix(s, "e") == w {
				return true
			}
		}
	}
	return false
}

func mapKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	// Longest first, so that alternations prefer "violet" over a prefix.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (len(out[j]) > len(out[j-1]) || len(out[j]) == len(out[j-1]) && out[j] < out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// scoreShapes scores VL-T1-Q2 (basic object count).
//
//   - correct total count: the stated totals are numbers followed by "shapes",
//     "objects", "items" or "figures" (with at most two words between that are not
//     colours or shapes), or next to "total"/"in total"/"altogether"; when every
//     group is the same shape, a count of that shape without a colour ("3 circles"). 1 when every
//     stated total is right; 0.5 when right and wrong totals are both stated, or when
//     no total is stated but the listed counts add up to it; else 0.
//   - correct per-shape count: a group (shape, colour) is right when every count
//     attached to its shape noun equals the truth's (colour must match too when the
//     truth has that shape in two colours); half when right and wrong counts are both
//     attached. A list of single shapes, one per line ("1. A red circle" three
//     times), counts by its lines. Shapes that are not in the image but asserted with a count ("1 green
//     triangle") count as wrong groups. The fraction is right ÷ (groups + invented).
//   - correct colors: a group is right when every colour word attached to its shape
//     noun is the truth's colour, half when some are not; 0 when no colour is attached.
func scoreShapes(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	raw := a.raw
	if y, rest := yamlAsJSON(raw); y != "" {
		raw = rest + "\n" + y // a YAML list of shapes is read as the JSON it stands for
	}
	if j := jsonAsText(raw); j != raw {
		plain = Plain(j)
		for _, l := range strings.Split(jsonLines(a.raw)+"\n"+yamlTotals(a.raw), "\n") {
			if strings.Contains(strings.ToLower(l), "total") {
				plain += "\n" + l // "total shapes: 5"
			}
		}
	}
	st := t.Shapes
	midLine := false // the text starts inside a line: its first line is no answer alone
	if from := finalClaim(plain); from > 0 && len(Numbers(plain[from:])) > 0 && st != nil && restatesAll(plain[from:], st) {
		midLine = plain[from-1] != '\n'
		plain = plain[from:] // a self-correction that restates the answer: its final claim is scored
	}
	if st == nil || len(st.Groups) == 0 {
		return nil, errNoTruth(t, "Shapes")
	}
	whole := plain // what the summary sums up: its colours stand when the summary gives none
	if from := summaryFrom(plain, st); from > 0 {
		// Counted row by row, then summed up: "So the image holds eight shapes — five
		// orange circles and three red squares." The summary is the answer; the rows'
		// partial counts are its working.
		midLine = plain[from-1] != '\n'
		plain = plain[from:]
	}
	var res [3]CriterionResult
	var shapes []string
	inTruth := map[string]int{}
	for _, g := range st.Groups {
		s := strings.ToLower(g.Shape)
		if inTruth[s] == 0 {
			shapes = append(shapes, s)
		}
		inTruth[s]++
	}
	var others []string
	for s := range knownShapes {
		if inTruth[s] == 0 {
			others = append(others, s)
		}
	}
	mentions := shapeMentions(plain, shapes)
	shared := ""
	if len(shapes) == 1 && len(st.Groups) > 1 {
		shared = shapes[0]
	}

	// Total count.
	var totals []Number
	for _, n := range Numbers(plain) {
		if n.Currency || rowIndexCell(plain, n.Start, n.End) {
			continue // "| 1 | Star | Red | 5 |": a row's number
		}
		rest := plain[n.End:]
		if addendRe.MatchString(rest) || sumBefore.MatchString(plain[max(0, n.Start-12):n.Start]) && sumAfter.MatchString(rest) {
			continue // "2 + 4 = 6 shapes": the addends are not totals
		}
		if m := totalNounAfter(rest, n); m != nil {
			if m[1] == "" || (!isShapeWord(m[1]) && knownColors[strings.ToLower(m[1])] == "") {
				totals = append(totals, n)
				continue
			}
		}
		if !midLine && (lineAlone(plain, n) || leadsAnswer(plain, n)) {
			totals = append(totals, n) // "5" alone on its first line, or "7 — 4 red squares, …": the count asked for
			continue
		}
		if totalHedgeRe.MatchString(rest) {
			totals = append(totals, n)
			continue
		}
		if shared != "" {
			// Every shape is a circle: "3 circles" (no colour) is the total.
			if m := cachedRegexp(`(?i)^\s+(?:[a-z-]+\s+){0,1}?(` + strings.Join(shapeWords(shared), "|") + `)s?\b`).FindStringSubmatch(rest); m != nil {
				if first := firstWords(rest, 1); knownColors[strings.ToLower(first)] == "" {
					totals = append(totals, n)
					continue
				}
			}
		}
		if (totalBeforeRe.MatchString(plain[max(0, n.Start-60):n.Start]) || countBeforeRe.MatchString(plain[max(0, n.Start-60):n.Start]) || totalAfterRe.MatchString(rest)) && !namesKind(rest) {
			totals = append(totals, n)
		}
	}
	right, wrong := 0, []string{}
	for _, n := range totals {
		if int(n.Value) == st.Total && float64(int(n.Value)) == n.Value {
			right++
		} else {
			wrong = append(wrong, n.Text)
		}
	}
	sum, listed := 0, map[string]bool{}
	for _, m := range mentions {
		key := m.shape + "/" + m.color
		if m.count > 0 && !listed[key] {
			listed[key] = true
			sum += m.count
		}
	}
	switch {
	case right > 0 && len(wrong) == 0:
		res[0] = cr(1, "states total %d (%s)", st.Total, quote(totals[0].Text+" "+firstWords(plain[totals[0].End:], 2)))
	case right > 0:
		res[0] = cr(0.5, "states total %d but also %s", st.Total, strings.Join(wrong, ", "))
	case len(wrong) > 0:
		res[0] = cr(0, "states total %s, want %d", strings.Join(wrong, ", "), st.Total)
	case sum == st.Total && cutAtTotal.MatchString(strings.TrimSpace(plain)):
		res[0] = cr(0, "cut off where the total was to be said (the listed counts add up to %d)", st.Total)
	case sum == st.Total:
		res[0] = cr(0.5, "no total stated; the listed counts add up to %d", st.Total)
	default:
		res[0] = cr(0, "no total stated (want %d)", st.Total)
	}

	// Per-shape counts and colours.
	perShape, colors := 0.0, 0.0
	var evCount, evColor []string
	unnamed := make([]bool, len(st.Groups)) // groups the answer never names by their shape
	for gi, g := range st.Groups {
		shape, col := strings.ToLower(g.Shape), colorName(g.Color)
		var counts []int
		okCount, badCount, okCol, badCol := false, false, false, false
		okNumber, badArticle := false, false // a right count in figures or words; "a …" said of one of the group
		var bad []string
		for _, m := range mentions {
			if m.shape != shape {
				continue
			}
			if inTruth[shape] > 1 && m.color != col {
				continue
			}
			if m.count >= 0 {
				counts = append(counts, m.count)
				switch {
				case m.count == g.Count:
					okCount = true
					okNumber = okNumber || !m.article
				case m.article:
					badArticle = true // "a second blue square", item by item
				default:
					badCount = true
				}
			}
			if m.color != "" {
				if m.color == col {
					okCol = true
				} else {
					badCol = true
					bad = append(bad, m.color+" "+m.span.Text)
				}
			}
		}
		if !okCol && !badCol && whole != plain {
			// "Total: 5 stars + 3 squares = 8 shapes" after "Red stars — 5": the
			// colours of the breakdown.
			for _, m := range shapeMentions(whole, shapes) {
				if m.shape == shape && m.color != "" && (inTruth[shape] == 1 || m.color == col) {
					if m.color == col {
						okCol = true
					} else {
						badCol = true
						bad = append(bad, m.color+" "+m.span.Text)
					}
				}
			}
		}
		// "a blue square" said of one of the group, beside "2 blue squares", is no count.
		badCount = badCount || badArticle && !okNumber
		// An answer that lists the shapes one by one ("1. A red circle", "2. A red
		// circle", ...) counts them by its lines.
		if !okCount || badCount {
			// A shape of its own in the image keeps its count under a wrong colour
			// (the colour is charged to colours); one item of a list is one shape.
			lines := map[int]bool{}
			enumerated, items := true, 0
			for _, m := range mentions {
				if m.shape != shape || (inTruth[shape] > 1 && m.color != "" && m.color != col) || strings.HasSuffix(strings.ToLower(m.span.Text), "s") {
					continue
				}
				if m.count > 1 {
					enumerated = false
				}
				if listItemAt(plain, m.span.Start) {
					items++
				}
				lines[strings.Count(plain[:m.span.Start], "\n")] = true
			}
			if enumerated && len(lines) == g.Count && (g.Count > 1 || items == 1) {
				okCount, badCount = true, false
				counts = append(counts, len(lines))
			}
			// "blue circle blue circle blue circle blue circle": a count by repetition.
			if run := repeatRun(plain, mentions, shape, col); !okCount && run == g.Count && g.Count > 1 {
				okCount, badCount = true, false
				counts = append(counts, run)
			}
		}
		name := fmt.Sprintf("%d %s %s", g.Count, g.Color, plural(g.Shape))
		switch {
		case okCount && !badCount:
			perShape++
			evCount = append(evCount, name+": right")
		case okCount:
			perShape += 0.5
			evCount = append(evCount, fmt.Sprintf("%s: right and wrong counts %v", name, counts))
		case len(counts) > 0:
			evCount = append(evCount, fmt.Sprintf("%s: wrong count %v", name, counts))
		default:
			evCount = append(evCount, name+": no count found")
		}
		// The colour of a shape with a wrong count is still its colour.
		switch {
		case okCol && !badCol:
			colors++
			evColor = append(evColor, g.Color+" "+plural(g.Shape)+": right")
		case okCol:
			colors += 0.5
			evColor = append(evColor, g.Color+" "+plural(g.Shape)+": also called "+strings.Join(bad, ", "))
		case badCol:
			evColor = append(evColor, g.Color+" "+plural(g.Shape)+": called "+strings.Join(bad, ", "))
		default:
			evColor = append(evColor, g.Color+" "+plural(g.Shape)+": no colour given")
			unnamed[gi] = len(counts) == 0
		}
	}
	// A shape that is not in the image, asserted with a count or as a listed item,
	// is an invention: it costs half of the per-shape count, a hedged one a quarter
	// (RUBRIC.md charges an invented shape to this criterion).
	//
	// But a shape named, with the group's count, in place of a group the answer names
	// nowhere else is that group misread ("2 green triangles" for the 2 green stars):
	// its wrong type costs the group's count only, and its colour, when the group's, is
	// the group's colour.
	factor := 1.0
	misnamed := map[string]int{} // invented shape → the group it stands for
	for _, m := range shapeMentions(plain, others) {
		sent := sentenceAt(plain, m.span.Start)
		if m.count == 0 || m.count < 0 && !listItemAt(plain, m.span.Start) && !articleBefore(plain, m.span.Start) {
			continue
		}
		gi, seen := misnamed[m.shape]
		if !seen {
			gi = -1
			for i, g := range st.Groups {
				if unnamed[i] && m.count == g.Count && (gi < 0 || m.color == colorName(g.Color)) {
					gi = i
				}
			}
			if gi >= 0 {
				unnamed[gi] = false
				misnamed[m.shape] = gi
				g := st.Groups[gi]
				if m.color == colorName(g.Color) {
					colors++
					evColor[gi] = fmt.Sprintf("%s %s: right, though called %s", g.Color, plural(g.Shape), quote(m.span.Text))
				}
				evCount = append(evCount, fmt.Sprintf("%s misread as %s", plural(g.Shape), quote(m.span.Text)))
			}
		}
		if gi >= 0 {
			continue
		}
		if hedgeRe.MatchString(sent) {
			factor = min(factor, 0.75)
			evCount = append(evCount, "a hedged invented "+quote(m.span.Text))
		} else {
			factor = 0.5
			evCount = append(evCount, "invented "+quote(m.span.Text))
		}
	}
	res[1] = cr(factor*perShape/float64(len(st.Groups)), "%s", strings.Join(evCount, "; "))
	res[2] = cr(colors/float64(len(st.Groups)), "%s", strings.Join(evColor, "; "))
	return res[:], nil
}

// namesKind reports whether one of the two words after a number is a colour or a
// shape: "3 red circles" counts one kind, not all shapes.
func namesKind(rest string) bool {
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	for _, w := range wordsRe.FindAllString(firstWords(rest, 2), -1) {
		if _, ok := knownColors[strings.ToLower(w)]; ok || isShapeWord(w) {
			return true
		}
	}
	return false
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// lineAlone reports whether number n is all the answer's first line holds ("5",
// "**5.**"): a bare count given first, before its breakdown.
func lineAlone(s string, n Number) bool {
	start := strings.LastIndexByte(s[:n.Start], '\n') + 1
	if start > 0 {
		return false
	}
	end := strings.IndexByte(s[n.End:], '\n')
	if end < 0 {
		end = len(s)
	} else {
		end += n.End
	}
	return strings.Trim(s[start:n.Start]+s[n.End:end], " .:*") == ""
}

// leadsAnswer reports whether n opens the answer and is set apart from what follows by
// a dash, colon or full stop ("7 — 4 red squares, 3 purple triangles."): a terse answer
// that gives the count asked for, then its breakdown.
func leadsAnswer(s string, n Number) bool {
	return strings.Trim(s[:n.Start], " *#\n") == "" && leadSep.MatchString(s[n.End:])
}

var countFiller = map[string]bool{"of": true, "them": true, "these": true, "those": true, "are": true, "were": true, "is": true}

var (
	// addendRe follows a number that is a term of a sum or product ("5 + 3 = 8", "$80.75
	// + $6.46", "five plus three"), not a count or an answer of its own.
	addendRe  = regexp.MustCompile(`(?i)^\s*(?:[+=×*/-]\s*[$€£]?\d|(?:plus|minus|times)\s)`)
	sumBefore = regexp.MustCompile(`(?i)(?:\+|\bplus)\s*$`)
	sumAfter  = regexp.MustCompile(`(?i)^\s*(?:=|equals\b|gives\b|makes\b|is\b)`)
)

var leadSep = regexp.MustCompile(`^\**\s*(?:[—–:]|-\s|\.\s)`)

// sentenceAt is the sentence or line of s holding pos.
func sentenceAt(s string, pos int) string {
	for _, sp := range sentences(s) {
		if pos >= sp.Start && pos < sp.End {
			return sp.Text
		}
	}
	return ""
}

var listItemRe = regexp.MustCompile(`^\s*(?:[-*•]|\d{1,2}[.)])\s`)

// listItemAt reports whether pos stands in an item of a list: a line of its own that
// holds one thing, as the list items "1. Red circle" and "- Small green triangle" do
// once Plain has taken their bullets off.
func listItemAt(s string, pos int) bool {
	start := lineStart(s, pos)
	end := strings.IndexByte(s[pos:], '\n')
	if end < 0 {
		end = len(s) - pos
	}
	line := s[start : pos+end]
	return listItemRe.MatchString(line) || start > 0 && len(strings.Fields(line)) <= 6
}

// leadsLine reports whether pos is within the first three words of its line.
func leadsLine(s string, pos int) bool {
	start := lineStart(s, pos)
	return len(strings.Fields(s[start:pos])) <= 2
}

func articleBefore(s string, pos int) bool {
	w := wordsRe.FindAllString(s[clauseStartSoft(s, pos):pos], -1)
	for i := len(w) - 1; i >= 0 && i >= len(w)-3; i-- {
		switch strings.ToLower(w[i]) {
		case "a", "an", "one", "another":
			return true
		}
	}
	return false
}

// restatesAll reports whether s, what an answer says after correcting itself, names a
// count for every kind of shape of the truth or a total: a correction of one item
// ("… so 4 squares and 1 rectangle") leaves the rest of the answer standing.
func restatesAll(s string, st *fixtures.ShapesTruth) bool {
	if totalWordRe.MatchString(s) {
		return true
	}
	for _, g := range st.Groups {
		found := false
		for _, m := range shapeMentions(s, []string{g.Shape}) {
			found = found || m.count >= 0
		}
		if !found {
			return false
		}
	}
	return true
}

var totalWordRe = regexp.MustCompile(`(?i)\b(?:total|altogether|in all|overall)\b`)

// cutAtTotal is an answer that stops where it was to give the total: "…, the total
// number of shapes is".
var cutAtTotal = regexp.MustCompile(`(?i)\b(?:total|altogether|in all|overall)\b[^.!?\n]{0,40}\b(?:is|are|comes to|makes|gives|of)\s*[:=]?\s*$|[:=]\s*$`)

// summaryLead opens a sentence that sums an answer up.
var summaryLead = regexp.MustCompile(`(?i)(?:^|[.!?:]\s+|\n)\W*(?:(?:so|thus|therefore|in total|overall|in summary|to summari[sz]e|altogether|final answer|answer|in short|(?:that|this|which) (?:makes|gives)|(?:corrected|final|updated|revised)\s+(?:count|tally|total))\b|total\s*:)`)

// summaryFrom returns where the last summary sentence of s begins when it (with what
// follows) gives a count for every group of the truth and a total, or 0.
func summaryFrom(s string, st *fixtures.ShapesTruth) int {
	locs := summaryLead.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return 0
	}
	from := locs[len(locs)-1][0]
	from += len(s[from:]) - len(strings.TrimLeft(s[from:], ".!?: \n"))
	if from == 0 {
		return 0
	}
	rest := s[from:]
	for _, g := range st.Groups {
		counted := false
		for _, m := range shapeMentions(rest, []string{strings.ToLower(g.Shape)}) {
			counted = counted || m.count > 0 && !m.article
		}
		if !counted {
			return 0
		}
	}
	for _, n := range Numbers(rest) {
		if totalNounAfter(rest[n.End:], n) != nil {
			return from
		}
	}
	return 0
}

// totalNounAfter is the noun that makes number n a total ("5 shapes", "eight objects"):
// totalNounRe's match on what follows n, or nil. Kinds are no shapes ("two kinds of
// shape"), and a singular "shape" counts only after a number above one ("five shape").
func totalNounAfter(rest string, n Number) []string {
	m := totalNounRe.FindStringSubmatch(rest)
	if m == nil || kindsRe.MatchString(m[0]) || m[2] == "shape" && n.Value <= 1 {
		return nil
	}
	return m
}

// repeatRun is the longest run of one shape (in its colour or none) named again and again
// with nothing but commas and "and" between.
func repeatRun(plain string, mentions []shapeMention, shape, col string) int {
	best, run, lastEnd := 0, 0, -1
	for _, m := range mentions {
		if m.shape != shape || m.color != "" && m.color != col || m.count > 1 {
			continue
		}
		start := m.span.Start
		if m.color != "" {
			if i := strings.LastIndex(strings.ToLower(plain[max(0, start-12):start]), m.color); i >= 0 {
				start = max(0, start-12) + i
			}
		}
		if lastEnd >= 0 && lastEnd <= start && repeatGap.MatchString(plain[lastEnd:start]) {
			run++
		} else {
			run = 1
		}
		best, lastEnd = max(best, run), m.span.End
	}
	return best
}

var repeatGap = regexp.MustCompile(`(?i)^[\s,;]*(?:and\s+)?(?:an?\s+|another\s+|one more\s+)?$`)
