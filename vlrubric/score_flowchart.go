package vlrubric

import (
	"encoding/json"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	numberPartRe = regexp.MustCompile(`^\d+(?:\.\d+)?$`)
	labelPartRe  = regexp.MustCompile(`[\pL\pN_]+|>=|<=|==|!=|[<>=≥≤≠]`)
	yesRe        = regexp.MustCompile(`(?i)\b(?:yes|true|satisfied|met|holds|correct)\b|✓|✔`)
	noRe         = regexp.MustCompile(`(?i)\b(?:no|false|not met|fails?|unsatisfied|not satisfied)\b|✗|✘`)
	branchNo     = regexp.MustCompile(`(?i)\bno\b\s*(?:→|\)|:|-|,|\.|branch|path|edge|arrow)|\(no\)`)
	// untakenRe is a sentence that describes branches and says they are not followed:
	// "The No branches lead to Log Only, but neither is taken in this case."
	untakenRe = regexp.MustCompile(`(?i)\b(?:neither|none)\b[^.;]*\b(?:is|are|was|gets?)\s+(?:taken|followed|used|reached)\b|\b(?:branch|path|edge|arrow)\b[^.;]*\b(?:is|are|was)\s+(?:not|never)\s+(?:taken|followed|used)\b|\b(?:neither|none)\s+(?:of\s+(?:them|these|those)\s+)?appl(?:y|ies)\b`)
	// hypotheticRe is hypotheticalRe (normalize_text.go) and the words of a branch not
	// taken: "otherwise", "skips", "only if", "if flag is false".
	hypotheticRe  = regexp.MustCompile(hypotheticalRe.String() + `|(?i:\b(?:would|otherwise|were|else|had|could|alternatively|instead|skip\w*|bypass\w*|avoid\w*|never|only if|not taken|if (?:it|input|the flag|flag)?\s*(?:was|is|were)?\s*(?:false|no|not|<|≤))\b|\bif\b[^.]*\b(?:false|no|not)\b)`)
	operatorWords = map[string]string{
		">":  `(?:>|(?:is\s+)?(?:greater|more|larger|bigger|higher)\s+than|exceeds|(?:is\s+)?(?:above|over))`,
		"<":  `(?:<|(?:is\s+)?(?:less|smaller|lower|fewer)\s+than|(?:is\s+)?below|under)`,
		">=": `(?:>=|≥|(?:is\s+)?(?:greater|more)\s+than\s+or\s+equal\s+to|at\s+least)`,
		"≥":  `(?:>=|≥|(?:is\s+)?(?:greater|more)\s+than\s+or\s+equal\s+to|at\s+least)`,
		"<=": `(?:<=|≤|(?:is\s+)?less\s+than\s+or\s+equal\s+to|at\s+most)`,
		"≤":  `(?:<=|≤|(?:is\s+)?less\s+than\s+or\s+equal\s+to|at\s+most)`,
		"=":  `(?:==?|:=|is\s+equal\s+to|equals?|is|set\s+to)`,
		"==": `(?:==?|is\s+equal\s+to|equals?|is)`,
		"!=": `(?:!=|≠|is\s+not|does\s+not\s+equal|isn't)`,
		"≠":  `(?:!=|≠|is\s+not|does\s+not\s+equal|isn't)`,
	}
)

// nodePattern builds the pattern that finds a flowchart node in an answer.
// Conditions ("input > 10?") are matched part by part, with operators also in words
// ("input is greater than 10", "flag is true"); other labels ("Send Alert") match
// by word stems in either order with up to two words between ("sends an alert",
// "alert is sent").
func nodePattern(n fixtures.FlowNode) *regexp.Regexp {
	parts := labelPartRe.FindAllString(strings.TrimSpace(n.Label), -1)
	if len(parts) == 0 {
		return nil
	}
	hasOp := false
	for _, p := range parts {
		_, op := operatorWords[p]
		hasOp = hasOp || op
	}
	if hasOp {
		var b []string
		for _, p := range parts {
			if o, ok := operatorWords[p]; ok {
				b = append(b, `(?:is\s+)?`+o)
			} else {
				b = append(b, regexp.QuoteMeta(p))
			}
		}
		expr := strings.Join(b, `\s*`)
		if len(parts) == 3 && numberPartRe.MatchString(parts[2]) && !numberPartRe.MatchString(parts[0]) {
			// The condition evaluated on its input: "size is 6, 6 is bigger than 5",
			// "size 6 > 5", "size = 6, which is greater than 5", "level = 49 is not
			// less than 25".
			expr += `|` + b[0] + `\s*(?:is|=|:|of|equals)?\s*\(?\d+(?:\.\d+)?\)?(?:\s*,?\s*(?:which|that|and|so|\d+(?:\.\d+)?))?\s*(?:(?:is\s+)?not\s+)?` + b[1] + `\s*` + b[2]
		}
		return cachedRegexp(`(?i)(?:^|[^\pL\pN_])(` + expr + `)(?:$|[^\pL\pN_])`)
	}
	stem := func(w string) string {
		w = strings.ToLower(w)
		if len(w) > 4 {
			w = w[:len(w)-1]
		}
		return regexp.QuoteMeta(w) + `\w*`
	}
	var fwd []string
	for _, p := range parts {
		fwd = append(fwd, stem(p))
	}
	// Up to two words between a label's words, within a sentence ("Hold Order. Ship
	// Order" holds no "Order Ship").
	gap := `(?:[^\pL\pN\n.!?;]+[\pL\pN]+){0,2}?[^\pL\pN\n.!?;]+`
	alt := strings.Join(fwd, gap)
	if len(fwd) == 2 {
		alt += "|" + fwd[1] + gap + fwd[0]
	}
	return cachedRegexp(`(?i)\b(` + alt + `)\b`)
}

type nodeMention struct {
	id         string
	start, end int
}

func nodeMentions(s string, nodes []fixtures.FlowNode) []nodeMention {
	var out []nodeMention
	for _, n := range nodes {
		re := nodePattern(n)
		if re == nil {
			continue
		}
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, nodeMention{n.ID, m[2], m[3]})
		}
	}
	// "the log box", "the alert box": an action box named by a word of its label that
	// no other node has.
	for _, n := range nodes {
		if n.Kind != "action" {
			continue
		}
		for _, w := range labelPartRe.FindAllString(n.Label, -1) {
			if len(w) < 3 || !unicode.IsLetter(rune(w[0])) || sharedWord(nodes, n.ID, w) {
				continue
			}
			re := cachedRegexp(`(?i)\bthe\s+(` + regexp.QuoteMeta(w) + `)\s+(?:box|step|action|node|outcome|end box)\b`)
			for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
				out = append(out, nodeMention{n.ID, m[2], m[3]})
			}
		}
	}
	// "the first diamond", "the second decision": the chart's decisions in order.
	var decisions []string
	for _, n := range nodes {
		if n.Kind == "decision" {
			decisions = append(decisions, n.ID)
		}
	}
	for _, m := range ordinalDecisionRe.FindAllStringSubmatchIndex(s, -1) {
		if k := ordinalIndex[strings.ToLower(s[m[2]:m[3]])]; k < len(decisions) {
			out = append(out, nodeMention{decisions[k], m[0], m[1]})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// outcomeRedoneRe is an outcome corrected in place: "Yes… no, No", "Nein — nein, Ja".
var outcomeRedoneRe = regexp.MustCompile(`(?i)\b(?:yes|no|ja|nein|oui|non|sí|si)\s*(?:\.\.\.|…|[—–-])?\s*(?:(?:\.\.\.|…|[—–-])\s*(?:no|nein|non|wait)|korrektur|correction|corrección|actually|i mean),?:?\s+(yes|no|ja|nein|oui|non|sí|si)\b`)

// sharedWord reports whether another node's label has the word w.
func sharedWord(nodes []fixtures.FlowNode, id, w string) bool {
	for _, n := range nodes {
		if n.ID == id {
			continue
		}
		for _, o := range labelPartRe.FindAllString(n.Label, -1) {
			if strings.EqualFold(o, w) {
				return true
			}
		}
	}
	return false
}

// outcomeBefore is an outcome said just before its decision: "Yes at", "No on".
var outcomeBefore = regexp.MustCompile(`(?i)\b(yes|no)\s+(?:at|on|for|from)\s*["“']?\s*$`)

var (
	ordinalDecisionRe = regexp.MustCompile(`(?i)\b(?:the\s+)?(first|second|1st|2nd)\s+(?:diamond|decision|condition|check|question)\b`)
	ordinalIndex      = map[string]int{"first": 0, "1st": 0, "second": 1, "2nd": 1}
	// inventoryRe joins action boxes listed as the chart's parts ("two action boxes
	// (\"Send Alert\" and \"Log Only\")"): a description of the chart, no route.
	inventoryRe = regexp.MustCompile(`^["'”’)\s*]*(?:,|and|&)\s*(?:the\s+)?["'“‘(\s*]*$`)
	// onlyIfAfter follows a box said to be reached only on a condition: "Hold Order is
	// reached only if score < 60".
	onlyIfAfter = regexp.MustCompile(`(?i)^[^.;]{0,40}\bonly\s+(?:be\s+)?(?:reached\s+|taken\s+)?(?:if|when)\b`)
	// onlyIfRe is a sentence that says a box is reached only on a condition contrary
	// to fact: "The Reject box would only be reached if enabled were false."
	onlyIfRe = regexp.MustCompile(`(?i)\bif\b[^.;]*\b(?:were|had been)\b|\bwould only\b|\bonly (?:be )?(?:reached|taken|used) (?:if|when)\b`)
)

// inventory reports whether mention i of ms is an action box listed with another one
// ("Send Alert and Log Only").
func inventory(s string, ms []nodeMention, i int, node map[string]fixtures.FlowNode) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(ms) || node[ms[j].id].Kind != "action" || ms[j].id == ms[i].id {
			continue
		}
		a, b := ms[min(i, j)], ms[max(i, j)]
		if a.end <= b.start && inventoryRe.MatchString(s[a.end:b.start]) {
			return true
		}
	}
	return false
}

// scoreFlowchart scores VL-T3-Q2 (trace a flowchart path).
//
//   - correct path: the outcome is the last node of the truth's path. 1 when it is
//     named (not negated) and no other action node is asserted; 0.5 when another
//     action is asserted too; 0 otherwise. Another action is not asserted when it is
//     negated ("does not go to Log Only", "Log Only is not reached") or hypothetical ("otherwise it would Log
//     Only", "if flag were false …").
//   - understands conditions: for each decision on the path, the first outcome word
//     after each mention of it (before the next node is named): "Yes"/"true"/"met"
//     or "No"/"false". 1 per decision whose outcomes are all right, 0.5 when right and
//     wrong both appear or when no outcome is said but the path goes on to the right
//     next node; the fraction is the mean over the decisions.
//   - complete trace: the share of the path's nodes named in order (the longest run
//     found greedily from the start).
func scoreFlowchart(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	// "Yes… no, No →": an outcome taken back on the spot is the one after it.
	plain := outcomeRedoneRe.ReplaceAllString(a.plain, "$1")
	ft := t.Flowchart
	if ft == nil || len(ft.Path) == 0 || len(ft.Nodes) == 0 {
		return nil, errNoTruth(t, "Flowchart")
	}
	if j := jsonOutcomes(a.raw, ft); j != "" {
		plain = j
	} else if c := finalChain(plain, ft.Nodes); c != "" {
		// The answer's own summary of its route, with its outcomes ("Start → size >
		// 95? (No) → Log Only") is its claim: the chart described before it and the
		// asides after it are not.
		plain = c
	}
	var res [3]CriterionResult
	node := map[string]fixtures.FlowNode{}
	for _, n := range ft.Nodes {
		node[n.ID] = n
	}
	onPath := map[string]bool{}
	for _, id := range ft.Path {
		onPath[id] = true
	}
	ms := nodeMentions(plain, ft.Nodes)
	if from := finalClaim(plain); from > 0 {
		// A self-correction: the route it finally gives is its answer.
		var final []nodeMention
		for _, m := range ms {
			if m.start >= from {
				final = append(final, m)
			}
		}
		for _, m := range final {
			if node[m.id].Kind == "action" {
				ms = final
				break
			}
		}
	}
	sens := sentences(plain)
	// "No" as a branch label ("No → Log Only", "(No)") is not a negation.
	masked := branchNo.ReplaceAllStringFunc(plain, func(m string) string {
		i := strings.Index(strings.ToLower(m), "no")
		return m[:i] + "__" + m[i+2:]
	})
	final := ft.Path[len(ft.Path)-1]
	var finalAt, wrongAt *nodeMention
	for i := range ms {
		m := &ms[i]
		if negated(masked, m.start) || node[m.id].Kind == "action" && inventory(plain, ms, i, node) {
			continue
		}
		if sen := sentenceAround(sens, m.start); onlyIfRe.MatchString(sen.Text) {
			continue // "The Reject box would only be reached if enabled were false"
		}
		if m.id == final && finalAt == nil {
			finalAt = m
		}
		if m.id != final && node[m.id].Kind == "action" && wrongAt == nil {
			sen := sentenceAround(sens, m.start)
			// "Hold Order is reached only if score < 60": the condition of another box,
			// not a claim that it is reached.
			if !hypotheticRe.MatchString(plain[sen.Start:m.start]) && !negatedAfter(plain, m.end) && !untakenRe.MatchString(sen.Text) && !onlyIfAfter.MatchString(plain[m.end:max(m.end, sen.End)]) {
				wrongAt = m
			}
		}
	}
	lbl := func(m *nodeMention) string { return quote(plain[m.start:m.end]) }
	asserted := func(m nodeMention) bool {
		if negated(masked, m.start) || negatedAfter(plain, m.end) || notEvaluatedRe.MatchString(plain[m.end:]) {
			return false
		}
		if rest := plain[m.end:min(len(plain), m.end+60)]; notVisitedRe.MatchString(strings.SplitN(rest, ".", 2)[0]) {
			return false // "the flag = true? diamond (reached only via No) is never visited"
		}
		sen := sentenceAround(sens, m.start)
		return !hypotheticRe.MatchString(plain[sen.Start:m.start]) && !untakenRe.MatchString(sen.Text)
	}
	// The route as the answer gives it: each step from a decision to the next node
	// named, with the outcome said between them, must be an edge of the chart.
	wrongEdge := map[string]string{} // decision ID → the step that is not an edge
	var route []nodeMention
	for _, m := range ms {
		if asserted(m) && !inPremise(plain, sens, ms, m, node) {
			route = append(route, m)
		}
	}
	for i := 0; i+1 < len(route); i++ {
		from, to := route[i], route[i+1]
		if node[from.id].Kind != "decision" || from.id == to.id || node[to.id].Kind == "start" {
			continue
		}
		between := plain[from.end:to.start]
		outcome := ""
		if y, n := yesRe.FindStringIndex(between), noRe.FindStringIndex(between); y != nil && (n == nil || y[0] < n[0]) {
			outcome = "yes"
		} else if n != nil {
			outcome = "no"
		}
		ok := false
		for _, e := range ft.Edges {
			if e.From == from.id && e.To == to.id && (outcome == "" || strings.EqualFold(e.Label, outcome)) {
				ok = true
			}
		}
		// The true outcome of a decision on the path.
		trueOutcome := ""
		if fi := indexOf(ft.Path, from.id); fi >= 0 {
			k := 0
			for j := 0; j < fi; j++ {
				if node[ft.Path[j]].Kind == "decision" {
					k++
				}
			}
			if k < len(ft.Answers) {
				trueOutcome = ft.Answers[k]
			}
		}
		// A step that jumps ahead along the true path with the true outcome leaves
		// nodes out (the trace's loss), it does not take a wrong route.
		if fi, ti := indexOf(ft.Path, from.id), indexOf(ft.Path, to.id); !ok && fi >= 0 && ti > fi {
			ok = outcome == "" || strings.EqualFold(trueOutcome, outcome)
		}
		// An edge of the chart taken on the wrong outcome of a decision on the path
		// ("size < 75 is Yes so it goes to Hold Order", the true route being No) is a
		// wrong route, wherever it ends.
		if ok && outcome != "" && trueOutcome != "" && !strings.EqualFold(trueOutcome, outcome) {
			ok = false
		}
		if !ok && onPath[from.id] {
			wrongEdge[from.id] = quote(plain[from.start:to.end])
		}
	}
	invented := inventedNodes(plain, ft.Nodes)
	if invented == "" {
		invented = inventedListNode(a.raw, ft.Nodes)
	}
	if invented == "" {
		invented = inventedJSONNode(a.raw, ft.Nodes)
	}
	var wrongRoute string
	for _, id := range ft.Path {
		if w, ok := wrongEdge[id]; ok {
			wrongRoute = w
			break
		}
	}
	// A route that names other nodes of the path but never the decision between them
	// and the end skipped it ("input > 10? Yes → Send Alert", flag = true? never
	// checked): the right end through a wrong route (RUBRIC.md).
	if wrongRoute == "" && finalAt != nil {
		mentioned := map[string]bool{}
		for _, m := range ms {
			mentioned[m.id] = true
		}
		named, skipped := 0, ""
		for _, id := range ft.Path[:len(ft.Path)-1] {
			switch {
			case mentioned[id]:
				named++
			case node[id].Kind == "decision" && skipped == "":
				skipped = node[id].Label
			}
		}
		if skipped != "" && named >= 2 {
			wrongRoute = "skips " + quote(skipped)
		}
	}
	switch {
	case finalAt != nil && wrongAt == nil && wrongRoute != "":
		res[0] = cr(0.5, "ends at %s, but through a wrong route: %s", lbl(finalAt), wrongRoute)
	case finalAt != nil && wrongAt == nil && invented != "":
		res[0] = cr(0.5, "ends at %s, but the path has a node the chart does not: %s", lbl(finalAt), quote(invented))
	case finalAt != nil && wrongAt == nil && undecidedRe.MatchString(a.plain):
		res[0] = cr(0.5, "ends at %s, but leaves the outcome open: %s", lbl(finalAt), quote(undecidedRe.FindString(a.plain)))
	case finalAt != nil && wrongAt == nil:
		res[0] = cr(1, "ends at %s", lbl(finalAt))
	case finalAt != nil:
		res[0] = cr(0.5, "reaches %s but also asserts %s", lbl(finalAt), lbl(wrongAt))
	case wrongAt != nil:
		res[0] = cr(0, "ends at %s, want %s", lbl(wrongAt), quote(node[final].Label))
	default:
		res[0] = cr(0, "the outcome %s is not named", quote(node[final].Label))
	}

	var decisions []int
	for i, id := range ft.Path {
		if node[id].Kind == "decision" {
			decisions = append(decisions, i)
		}
	}
	score, k := 0.0, 0
	var ev []string
	for _, i := range decisions {
		id := ft.Path[i]
		want := "Yes"
		if k < len(ft.Answers) {
			want = ft.Answers[k]
		}
		k++
		wantYes := strings.EqualFold(want, "yes") || strings.EqualFold(want, "true")
		ok, bad, seen := false, false, false
		for j, m := range ms {
			if m.id != id {
				continue
			}
			seen = true
			end := len(plain)
			if j+1 < len(ms) {
				end = ms[j+1].start
			}
			if end > m.end+80 {
				end = m.end + 80
			}
			win := plain[m.end:end]
			if o := outcomeBefore.FindStringSubmatch(plain[max(0, m.start-16):m.start]); o != nil {
				win = o[1] // "then Yes at \"flag = true?\"": the outcome said before the node
			}
			y, n := yesRe.FindStringIndex(win), noRe.FindStringIndex(win)
			switch {
			case y != nil && (n == nil || y[0] < n[0]):
				ok = ok || wantYes
				bad = bad || !wantYes
			case n != nil:
				ok = ok || !wantYes
				bad = bad || wantYes
			}
		}
		name := quote(node[id].Label)
		switch {
		case ok && !bad && wrongEdge[id] != "":
			// Judged right, then sent down the wrong arrow: the route is charged to
			// the path (RUBRIC.md), the condition stands (dev 194, 441, 484).
			score++
			ev = append(ev, name+": "+want+", though routed wrongly: "+wrongEdge[id])
		case ok && !bad:
			score++
			ev = append(ev, name+": "+want)
		case ok:
			score += 0.5
			ev = append(ev, name+": both outcomes said")
		case bad:
			ev = append(ev, name+": wrong outcome")
		case seen && i+1 < len(ft.Path) && followedBy(ms, id, ft.Path[i+1]):
			score += 0.5
			ev = append(ev, name+": no outcome said, goes on to "+quote(node[ft.Path[i+1]].Label))
		default:
			ev = append(ev, name+": not resolved")
		}
	}
	anyDecision := false
	for _, m := range ms {
		anyDecision = anyDecision || node[m.id].Kind == "decision"
	}
	switch {
	case len(decisions) == 0:
		res[1] = cr(0, "the path has no decision")
	case !anyDecision && res[0].Fraction > 0:
		res[1] = cr(0.5, "names the right end without evaluating a condition")
	case res[0].Fraction == 0 && score > 0 && wrongAt != nil:
		res[1] = cr(math.Min(0.5, score/float64(len(decisions))), "%s; but the end it reaches does not follow from them", strings.Join(ev, "; "))
	default:
		res[1] = cr(score/float64(len(decisions)), "%s", strings.Join(ev, "; "))
	}

	pos, n := 0, 0
	var named []string
	for _, id := range ft.Path {
		for _, m := range ms {
			if m.id == id && m.start >= pos {
				pos, n = m.end, n+1
				named = append(named, node[id].Label)
				break
			}
		}
	}
	res[2] = cr(float64(n)/float64(len(ft.Path)), "%d of %d path nodes in order: %s", n, len(ft.Path), strings.Join(named, " → "))
	return res[:], nil
}

// followedBy reports whether a mention of next comes after a mention of id.
func followedBy(ms []nodeMention, id, next string) bool {
	first := -1
	for _, m := range ms {
		if m.id == id && first < 0 {
			first = m.start
		}
		if m.id == next && first >= 0 && m.start > first {
			return true
		}
	}
	return false
}

// sentenceAround returns the sentence (or line) of sens holding pos.
func sentenceAround(sens []Span, pos int) Span {
	for _, sen := range sens {
		if pos >= sen.Start && pos < sen.End {
			return sen
		}
	}
	return Span{Start: pos, End: pos}
}

var (
	chainSegRe    = regexp.MustCompile(`[^→\n]+`)
	parenthetical = regexp.MustCompile(`\([^()]*\)?`)
	evaluation    = regexp.MustCompile(`\d\s*(?:[<>=≤≥]|is)\s*\d|^\W*\d+\W*$`)
)

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// inventedNodes returns the first step of an arrow chain ("Start → … → End") that is no
// node of the chart, or "". Outcome labels ("Yes", "(No)") are not steps.
func inventedNodes(s string, nodes []fixtures.FlowNode) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.Count(line, "→") < 2 {
			continue
		}
		for _, seg := range chainSegRe.FindAllString(line, -1) {
			seg = parenthetical.ReplaceAllString(seg, " ")
			seg = strings.Trim(strings.TrimSpace(seg), "()[]*:.,\"'")
			if evaluation.MatchString(seg) {
				continue // "11 < 25": the condition worked out, not a node
			}
			if seg == "" || !lettersRe.MatchString(seg) || yesRe.MatchString(seg) && len(strings.Fields(seg)) <= 2 ||
				noRe.MatchString(seg) && len(strings.Fields(seg)) <= 2 {
				continue
			}
			if !isChartNode(seg, nodes) && len(strings.Fields(seg)) <= 4 {
				return seg
			}
		}
	}
	return ""
}

// isChartNode reports whether t names one of the chart's nodes.
func isChartNode(t string, nodes []fixtures.FlowNode) bool {
	for _, n := range nodes {
		if re := nodePattern(n); re != nil && re.MatchString(t) {
			return true
		}
	}
	return false
}

// inventedListNode returns an item of a path written as a list ("- Start", "- count >
// 85? → Yes", "- Reject") that is no node of the chart but is written as one: one to
// four words in title case, "Notify Supervisor" (a parenthetical and a "Step N:" aside),
// or "". A table's column of nodes ("| Step | Node | … |") is such a list. Lists with
// fewer than two of the chart's nodes are not paths. s is the answer as written (its
// list markers kept).
func inventedListNode(s string, nodes []fixtures.FlowNode) string {
	isNode := func(t string) bool { return isChartNode(t, nodes) }
	var items []string
	flush := func() string {
		defer func() { items = nil }()
		named := 0
		for _, it := range items {
			if isNode(it) {
				named++
			}
		}
		if named < 2 {
			return ""
		}
		for _, it := range items {
			t := parenthetical.ReplaceAllString(it, " ")
			t = stepPrefixRe.ReplaceAllString(strings.TrimSpace(t), "")
			t = strings.Trim(strings.TrimSpace(t), "*_:.,\"'`")
			if t == "" || isNode(t) || yesRe.MatchString(t) || noRe.MatchString(t) || endWordRe.MatchString(t) {
				continue
			}
			if titleCaseRe.MatchString(t) {
				return t
			}
		}
		return ""
	}
	col := -1 // in a table: the column of its nodes ("| Step | Node | Branch |")
	for _, line := range strings.Split(s+"\n", "\n") {
		if m := listItemRe.FindStringIndex(line); m != nil {
			items = append(items, line[m[1]:])
			continue
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "|") {
			cells := strings.Split(strings.Trim(t, "|"), "|")
			switch {
			case tableRuleRe.MatchString(t):
			case col < 0:
				for i, c := range cells {
					if nodeColumnRe.MatchString(strings.TrimSpace(c)) {
						col = i
					}
				}
				if col < 0 {
					col = len(cells) // a table of something else
				}
			case col < len(cells):
				items = append(items, cells[col])
			}
			continue
		}
		col = -1
		if inv := flush(); inv != "" {
			return inv
		}
	}
	return ""
}

var (
	tableRuleRe  = regexp.MustCompile(`^\|[\s:|-]+\|$`)
	nodeColumnRe = regexp.MustCompile(`(?i)^\**(?:node|box|element|shape|state)s?\**$`)
)

var (
	stepPrefixRe = regexp.MustCompile(`(?i)^(?:step\s*\d+\s*[:.)-]\s*|\d+[.)]\s*)`)
	endWordRe    = regexp.MustCompile(`(?i)^(?:end|stop|done|finish(?:ed)?|result|outcome|path|answer)\b`)
	titleCaseRe  = regexp.MustCompile(`^\p{Lu}\pL*(?:\s+\p{Lu}\pL*){0,3}$`)
)

// jsonOutcomes reads a JSON answer that lists the path's nodes and, apart, the outcomes
// of its decisions in order ({"path": ["Start", "input > 10?", …], "branches": ["Yes",
// "Yes"]}): it returns the path as text with each decision followed by its outcome
// ("input > 10?: Yes"), or "" when the answer holds no such JSON (outcomes already
// beside their decisions are read as they stand).
func jsonOutcomes(raw string, ft *fixtures.FlowchartTruth) string {
	m := jsonBlock.FindString(raw)
	if m == "" {
		return ""
	}
	dec := json.NewDecoder(strings.NewReader(m))
	var vals, outcomes []string
	decisionsBefore := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		var v string
		switch x := tok.(type) {
		case string:
			v = x
		case bool:
			v = map[bool]string{true: "Yes", false: "No"}[x]
		default:
			continue
		}
		if yesNoValue.MatchString(v) {
			outcomes = append(outcomes, v)
			continue
		}
		if len(outcomes) == 0 {
			for _, n := range ft.Nodes {
				if n.Kind == "decision" && nodeNamed(v, n) {
					decisionsBefore++
				}
			}
		}
		vals = append(vals, v)
	}
	if len(outcomes) == 0 || decisionsBefore < 2 {
		return ""
	}
	var b strings.Builder
	k := 0
	for _, v := range vals {
		b.WriteString(v)
		for _, n := range ft.Nodes {
			if n.Kind == "decision" && nodeNamed(v, n) && k < len(outcomes) {
				b.WriteString(": " + outcomes[k])
				k++
				break
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

var yesNoValue = regexp.MustCompile(`(?i)^\s*(?:yes|no|true|false)\b`)

// nodeNamed reports whether s names the node n.
func nodeNamed(s string, n fixtures.FlowNode) bool {
	re := nodePattern(n)
	return re != nil && re.MatchString(s)
}

// finalChain returns the last line of s that is a whole route in arrows: it starts at
// the chart's start node, ends at an action node, and says an outcome (Yes/No) after
// every decision it names; or "".
func finalChain(s string, nodes []fixtures.FlowNode) string {
	kind := map[string]string{}
	for _, n := range nodes {
		kind[n.ID] = n.Kind
	}
	lines := strings.Split(s, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if strings.Count(l, "→")+strings.Count(l, "->") < 2 {
			continue
		}
		ms := nodeMentions(l, nodes)
		if len(ms) < 3 {
			continue
		}
		sort.Slice(ms, func(a, b int) bool { return ms[a].start < ms[b].start })
		if kind[ms[0].id] != "start" || kind[ms[len(ms)-1].id] != "action" {
			continue
		}
		ok, decisions := true, 0
		for j, m := range ms {
			if kind[m.id] != "decision" || j > 0 && ms[j-1].id == m.id {
				continue // "flag = true? → Yes (flag is true)": the condition restated
			}
			decisions++
			next := len(l)
			if j+1 < len(ms) {
				next = ms[j+1].start
			}
			if !yesRe.MatchString(l[m.end:next]) && !noRe.MatchString(l[m.end:next]) {
				ok = false
			}
		}
		if ok && decisions > 0 {
			return l
		}
	}
	return ""
}

// notEvaluatedRe follows a decision the route never reaches, as a JSON value or a
// table cell: "flag = true?": "not evaluated", "| flag = true? | skipped |".
// notVisitedRe, in the clause after a node, says the route does not reach it.
var notVisitedRe = regexp.MustCompile(`(?i)\b(?:is|are|was|gets)\s+(?:never|not)\s+(?:visited|reached|evaluated|checked|used|taken)\b|\bis\s+skipped\b|\bnever\s+(?:gets\s+)?(?:visited|reached|evaluated|checked)\b`)

var notEvaluatedRe = regexp.MustCompile(`(?i)^[?"'\s:|=*-]{0,8}(?:not (?:evaluated|reached|checked|visited|taken|applicable)|never reached|skipped|n/a)\b`)

// routeStartRe is where a route begins in a sentence: "→", "the flowchart goes".
var routeStartRe = regexp.MustCompile(`(?i)→|->|\b(?:the (?:flowchart|flow|chart|path|route)|it|we|this)\s+(?:goes|go|follows?|moves?|leads?|proceeds?|takes?)\b`)

// premiseLead opens the inputs restated before the route: "When input > 10 and flag
// = true, …", "Conditions given: …".
var premiseLead = regexp.MustCompile(`(?i)^\W*(?:when|if|given|with|since|for|conditions?(?:\s+given)?|inputs?)\b`)

// inPremise reports whether mention m is in the restated inputs of the question: a
// sentence that opens on premiseLead and names two or more decisions and no action
// box before its route begins. They are not steps of the route.
func inPremise(s string, sens []Span, ms []nodeMention, m nodeMention, node map[string]fixtures.FlowNode) bool {
	sen := sentenceAround(sens, m.start)
	if !premiseLead.MatchString(sen.Text) {
		return false
	}
	end := sen.End
	if i := routeStartRe.FindStringIndex(s[sen.Start:sen.End]); i != nil {
		end = sen.Start + i[0] // "…, the flowchart goes: input > 10? → …"
	}
	if m.end > end {
		return false
	}
	decisions := map[string]bool{}
	for _, o := range ms {
		if o.start >= sen.Start && o.end <= end {
			switch node[o.id].Kind {
			case "decision":
				decisions[o.id] = true
			case "action":
				return false
			}
		}
	}
	return len(decisions) >= 2
}

// inventedJSONNode returns an item of a JSON path ({"path": ["Start", "score > 35?",
// "Abort", "End"]}) that is no node of the chart ("End"), or "". Outcome words are no
// items; a path with fewer than two of the chart's nodes is not one.
func inventedJSONNode(raw string, nodes []fixtures.FlowNode) string {
	m := jsonBlock.FindString(raw)
	if m == "" {
		return ""
	}
	var v map[string]any
	if json.Unmarshal([]byte(m), &v) != nil {
		return ""
	}
	for k, val := range v {
		if !jsonPathKeyRe.MatchString(k) {
			continue
		}
		items, _ := val.([]any)
		named, other := 0, ""
		for _, it := range items {
			str, ok := it.(string)
			if !ok {
				continue
			}
			str = strings.TrimSpace(str)
			switch {
			case isChartNode(str, nodes):
				named++
			case other == "" && lettersRe.MatchString(str) && !yesRe.MatchString(str) && !noRe.MatchString(str):
				other = str
			}
		}
		if named >= 2 && other != "" {
			return other
		}
	}
	return ""
}

var jsonPathKeyRe = regexp.MustCompile(`(?i)^(?:path|route|trace|nodes|steps)$`)
