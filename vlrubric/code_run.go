package vlrubric

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

// The code question's functions are a handful of Python lines: assignments, one for
// loop over a range, one if, a return. runCode runs such a function on a list of
// integers, so that a worked example in an answer ("find_max([2, 7, 4]) returns 4") can
// be checked against what the code in the image does, and what its fixed version does.

// pyLine is one statement of the function body with its indentation.
type pyLine struct {
	indent int
	text   string
}

// runCode runs the function in code on list. ok is false when the code is outside the
// small language it reads, or raises (an index out of range).
func runCode(code string, list []int) (result int, ok bool) {
	v, ok, _ := runCodeRaised(code, list)
	return v, ok
}

// runCodeRaised is runCode that also tells a code that raised (an index out of range)
// from one it cannot read.
func runCodeRaised(code string, list []int) (result int, ok, raised bool) {
	var body []pyLine
	param := ""
	for _, l := range strings.Split(code, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, `"""`) || strings.HasPrefix(t, "'''"):
			continue
		case strings.HasPrefix(t, "def "):
			m := defRe.FindStringSubmatch(t)
			if m == nil || param != "" {
				return 0, false, false
			}
			param = m[1]
			continue
		}
		body = append(body, pyLine{len(l) - len(strings.TrimLeft(l, " \t")), t})
	}
	if param == "" {
		return 0, false, false
	}
	r := &pyRun{vars: map[string]int{}, list: param, values: list}
	v, returned, ok := r.block(body)
	return v, ok && returned, r.raised
}

var (
	defRe    = regexp.MustCompile(`^def\s+\w+\(\s*(\w+)\s*\)\s*:$`)
	forRe    = regexp.MustCompile(`^for\s+(\w+)\s+in\s+range\((.*)\)\s*:$`)
	ifRe     = regexp.MustCompile(`^if\s+(.+?)\s*(>=|<=|==|!=|>|<)\s*(.+?)\s*:$`)
	assignRe = regexp.MustCompile(`^(\w+)\s*(=|\+=|-=)\s*(.+)$`)
	returnRe = regexp.MustCompile(`^return\s+(.+)$`)
	termRe   = regexp.MustCompile(`^\s*(?:(-?\d+)|len\(\s*(\w+)\s*\)|(\w+)\s*\[\s*([^\]]+?)\s*\]|(\w+))\s*`)
)

type pyRun struct {
	vars   map[string]int
	list   string
	values []int
	steps  int
	raised bool // an index out of range: the code ran and failed
}

// block runs statements at one indentation: it returns the value of a return, and
// whether one ran.
func (r *pyRun) block(lines []pyLine) (int, bool, bool) {
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		j := i + 1
		for j < len(lines) && lines[j].indent > l.indent {
			j++
		}
		inner := lines[i+1 : j]
		if r.steps++; r.steps > 10000 {
			return 0, false, false
		}
		switch {
		case forRe.MatchString(l.text):
			m := forRe.FindStringSubmatch(l.text)
			var args []int
			for _, a := range strings.Split(m[2], ",") {
				v, ok := r.expr(a)
				if !ok {
					return 0, false, false
				}
				args = append(args, v)
			}
			lo, hi, step := 0, 0, 1
			switch len(args) {
			case 1:
				hi = args[0]
			case 2:
				lo, hi = args[0], args[1]
			case 3:
				lo, hi, step = args[0], args[1], args[2]
			}
			if step == 0 || len(inner) == 0 {
				return 0, false, false
			}
			for k := lo; step > 0 && k < hi || step < 0 && k > hi; k += step {
				r.vars[m[1]] = k
				if v, ret, ok := r.block(inner); !ok || ret {
					return v, ret, ok
				}
			}
		case ifRe.MatchString(l.text):
			m := ifRe.FindStringSubmatch(l.text)
			a, ok1 := r.expr(m[1])
			b, ok2 := r.expr(m[3])
			if !ok1 || !ok2 || len(inner) == 0 {
				return 0, false, false
			}
			if compare(a, m[2], b) {
				if v, ret, ok := r.block(inner); !ok || ret {
					return v, ret, ok
				}
			}
		case returnRe.MatchString(l.text):
			v, ok := r.expr(returnRe.FindStringSubmatch(l.text)[1])
			return v, ok, ok
		case assignRe.MatchString(l.text) && len(inner) == 0:
			m := assignRe.FindStringSubmatch(l.text)
			v, ok := r.expr(m[3])
			if !ok {
				return 0, false, false
			}
			switch m[2] {
			case "=":
				r.vars[m[1]] = v
			case "+=":
				r.vars[m[1]] += v
			case "-=":
				r.vars[m[1]] -= v
			}
		default:
			return 0, false, false
		}
		i = j - 1
	}
	return 0, false, true
}

// expr evaluates terms joined by + and -: integers, names, len(list), list[expr].
func (r *pyRun) expr(s string) (int, bool) {
	s = strings.TrimSpace(s)
	total, sign := 0, 1
	for {
		m := termRe.FindStringSubmatchIndex(s)
		if m == nil {
			return 0, false
		}
		var v int
		switch sub := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}; {
		case sub(1) != "":
			v, _ = strconv.Atoi(sub(1))
		case sub(2) != "":
			if sub(2) != r.list {
				return 0, false
			}
			v = len(r.values)
		case sub(3) != "":
			k, ok := r.expr(sub(4))
			if sub(3) != r.list || !ok {
				return 0, false
			}
			if k < 0 {
				k += len(r.values)
			}
			if k < 0 || k >= len(r.values) {
				r.raised = true // IndexError
				return 0, false
			}
			v = r.values[k]
		default:
			var ok bool
			if v, ok = r.vars[sub(5)]; !ok {
				return 0, false
			}
		}
		total += sign * v
		s = s[m[1]:]
		if s == "" {
			return total, true
		}
		switch s[0] {
		case '+':
			sign = 1
		case '-':
			sign = -1
		default:
			return 0, false
		}
		s = s[1:]
	}
}

func compare(a int, op string, b int) bool {
	switch op {
	case ">":
		return a > b
	case "<":
		return a < b
	case ">=":
		return a >= b
	case "<=":
		return a <= b
	case "==":
		return a == b
	}
	return a != b
}

// rangeCallRe is a range(...) call in a line of code.
var rangeCallRe = regexp.MustCompile(`range\([^()]*(?:\([^()]*\)[^()]*)*\)`)

// fixedCode is the truth's code with its fix applied: the fix is a range(...) that
// replaces the buggy line's range, or the whole corrected line.
func fixedCode(ct *fixtures.CodeTruth) (string, bool) {
	lines := strings.Split(ct.Code, "\n")
	if ct.BugLine < 1 || ct.BugLine > len(lines) || ct.Fix == "" {
		return "", false
	}
	l := lines[ct.BugLine-1]
	if strings.HasPrefix(ct.Fix, "range(") {
		if !rangeCallRe.MatchString(l) {
			return "", false
		}
		l = rangeCallRe.ReplaceAllLiteralString(l, ct.Fix)
	} else {
		l = l[:len(l)-len(strings.TrimLeft(l, " \t"))] + ct.Fix
	}
	lines[ct.BugLine-1] = l
	return strings.Join(lines, "\n"), true
}

// Worked examples. An answer shows the bug on an input: "find_max([2, 7, 4]) returns
// 4", "For [10, 20, 30] it returns 50 instead of 60", a table row of input, expected
// and actual, a JSON example. The results it states must be what the code returns or
// what it should return; any other is an example the code does not bear out.
// resultTail follows a number that is not a result: "3 iterations", "2.5".
const resultTail = `(?:\s*(?:iterations?|elements?|items?|values?|numbers?|times|ind(?:ex|ices|exes)|steps?|loops?|comparisons?|positions?|positives?)\b|\.\d)`

var (
	// listLitRe is a list of integers given as an input (not an index: "values[0]").
	listLitRe = regexp.MustCompile(`(?:^|[^\w\])])\[\s*(-?\d+(?:\s*,\s*-?\d+)+)\s*\]`)
	// resultCueRe puts a stated result after it: a verb of returning (other languages
	// read through the lexicon), a contrast ("instead of 9", "not 9"), or what the result
	// should be ("the max is 7"). Numbers of something else ("3 iterations") are not
	// results.
	resultCueRe  = regexp.MustCompile(`(?i)(?:\b(?:returns?|returned|returning|would return|will return|gives?|gave|would give|yields?|outputs?|produces?|prints?|evaluates to|results? in|you(?:'d| would)? (?:get|expect)|we get|instead of|rather than|not|but)|\b(?:max(?:imum)?|min(?:imum)?|largest|smallest|sum|total|count|answer|result|output)(?:\s+(?:value|one))?\s+(?:is|would be|should be|will be))[\s\x60*"'(:,]{0,4}(-?\d+)\b` + resultTail + `?`)
	resultTailRe = regexp.MustCompile(resultTail + `$`)
	// callResultRe states a result right after the call or the list: "= 6", "→ 5".
	callResultRe = regexp.MustCompile(`[)\]][\x60*]*\s*(?:=|==|→|->|=>|⇒)\s*[\x60*]*(-?\d+)\b`)
	// jsonResultRe is a result field of a JSON example.
	jsonResultRe = regexp.MustCompile(`(?i)"(?:expected|actual|returned|returns|output|result|got|correct|buggy|fixed)[\w ]*"\s*:\s*(-?\d+)\b`)
	// resultHeadRe is a table column of results.
	resultHeadRe = regexp.MustCompile(`(?i)expect|actual|return|output|result|got|correct|should|buggy|fixed|current|code|function|erwartet|tatsächlich|attendu|obtenu|esperado|obtenido|期望|实际|结果|返回`)
	loneNumberRe = regexp.MustCompile(`^[\x60*\s]*(-?\d+)[\x60*\s]*(?:\(.*\))?\s*$`)
)

// falseExample returns a worked example of the answer whose stated result is neither
// what the drawn code returns on its input nor what the fixed code returns, or "".
func falseExample(ct *fixtures.CodeTruth, plain string) string {
	fixed, ok := fixedCode(ct)
	if !ok {
		return ""
	}
	lines := strings.Split(plain, "\n")
	for li, line := range lines {
		if strings.HasPrefix(strings.TrimSpace(line), "|") {
			if bad := falseTableRow(ct.Code, fixed, lines, li); bad != "" {
				return bad
			}
			continue
		}
		for _, sen := range sentences(line) {
			if bad := falseClaim(ct.Code, fixed, sen.Text); bad != "" {
				return bad
			}
		}
	}
	return ""
}

// clauseBreakRe ends the clause of one example: "…returns 3 instead of 2, and an
// empty list returns 1" is two.
var clauseBreakRe = regexp.MustCompile(`(?i);|,?\s+(?:and|while|whereas|but)\s+(?:an?|the|for|with|if|when|on)\s`)

// falseClaim checks the examples of one sentence: each input list's clause (from the
// list to the next clause break or list; "count starts at 1 instead of 0" before it is
// no result) must state only results that the drawn or the fixed code gives on it.
func falseClaim(code, fixed, sen string) string {
	lists := listLitRe.FindAllStringSubmatchIndex(sen, -1)
	breaks := clauseBreakRe.FindAllStringIndex(sen, -1)
	for k, l := range lists {
		from, to := l[0], len(sen)
		if k+1 < len(lists) {
			to = lists[k+1][0]
		}
		for _, b := range breaks {
			if b[0] >= l[1] && b[0] < to {
				to = b[0]
			}
		}
		in := parseInts(sen[l[2]:l[3]])
		b, okB := runCode(code, in)
		c, okC := runCode(fixed, in)
		if !okB || !okC {
			continue // an input the code raises on: nothing to check
		}
		clause := sen[from:to]
		for _, re := range []*regexp.Regexp{resultCueRe, callResultRe, jsonResultRe} {
			for _, m := range re.FindAllStringSubmatch(clause, -1) {
				if re == resultCueRe && resultTailRe.MatchString(m[0]) {
					continue // "3 iterations", "2.5": not a stated result
				}
				if v, err := strconv.Atoi(m[1]); err == nil && v != b && v != c {
					return sen
				}
			}
		}
	}
	return ""
}

// falseTableRow checks a table row that holds an input list: its lone numbers in
// result columns (by the header's names) must be the drawn or the fixed code's result.
func falseTableRow(code, fixed string, lines []string, li int) string {
	row := lines[li]
	lists := listLitRe.FindStringSubmatch(row)
	if lists == nil {
		return ""
	}
	head := li
	for head > 0 && strings.HasPrefix(strings.TrimSpace(lines[head-1]), "|") {
		head--
	}
	if head == li {
		return ""
	}
	in := parseInts(lists[1])
	b, okB := runCode(code, in)
	c, okC := runCode(fixed, in)
	if !okB || !okC {
		return ""
	}
	heads := strings.Split(strings.Trim(strings.TrimSpace(lines[head]), "|"), "|")
	cells := strings.Split(strings.Trim(strings.TrimSpace(row), "|"), "|")
	for i, cell := range cells {
		if i >= len(heads) || listLitRe.MatchString(cell) || !resultHeadRe.MatchString(heads[i]) {
			continue
		}
		if m := loneNumberRe.FindStringSubmatch(cell); m != nil {
			if v, _ := strconv.Atoi(m[1]); v != b && v != c {
				return strings.TrimSpace(row)
			}
		}
	}
	return ""
}

func parseInts(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

// Proposed changes. A change the answer proposes ("use `range(1, len(values) + 1)`",
// "`largest` should start at `0`: `largest = 0`") is put into the fixed code on the line
// it fits; a change that makes the fixed code give other results, or raise, does not
// fix the code. On the buggy line it is a fix that does not work; elsewhere it is a
// second, false bug with bad advice (shared 09).

// checkLists are inputs that tell the functions' bugs apart.
var checkLists = [][]int{{3, 1, 7}, {5, 2, 8}, {-4, -7, -2}, {4, 9, 2}, {0, 0, 5}, {6, 2, 0, 1}, {2, -3, 4, -1}, {7}}

var (
	indexedCompareRe = regexp.MustCompile(`^(?:if\s+)?(\w+\[\s*\w+\s*\]\s*(?:>=|<=|==|!=|>|<)\s*[\w\[\]-]+)\s*:?$`)
	assignLineRe     = regexp.MustCompile(`^(\w+)\s*=\s*([^=].*)$`)
	// proposalCueRe ends the text before a proposed fragment: "use", "should be",
	// "change it to", "Fix:".
	proposalCueRe = regexp.MustCompile(`(?i)(?:\buse|\busing|\bshould\s+(?:be|read|use|become)|\bto|\bwith|\bfix(?:ed)?|\bcorrect(?:ed|ion)?|\bbecomes?|\bwrite|:)[\s*\x60]*$`)
	// initProposalRe proposes a start value in words: "`largest` should be initialised
	// to `0`", "initialise count to 0".
	initProposalRe = regexp.MustCompile(`(?i)\x60?(\w+)\x60?\s+should\s+(?:be\s+)?(?:initiali[sz]ed|set|start(?:ed)?)\s+(?:to|at|with|from)\s+\x60?([\w\[\]-]+)\x60?|\binitiali[sz]e\s+\x60?(\w+)\x60?\s+(?:to|with)\s+\x60?([\w\[\]-]+)\x60?`)
	rejectFixRe    = regexp.MustCompile(`(?i)\b(?:not|don't|do not|never|avoid|instead of|rather than|wrong|incorrect|would (?:crash|overrun|raise|fail|break)|out of range|IndexError)\b`)
)

// applyChange puts frag into code on the line it fits: a range(...) into the for line,
// a test of the list's element into the if line, an assignment onto the first line
// that assigns the same name. It returns the changed code and the line (1-based).
func applyChange(code, frag string) (string, int, bool) {
	frag = strings.TrimSpace(strings.Trim(strings.TrimSpace(frag), "`"))
	lines := strings.Split(code, "\n")
	set := func(i int, text string) (string, int, bool) {
		l := lines[i]
		out := append([]string(nil), lines...)
		out[i] = l[:len(l)-len(strings.TrimLeft(l, " \t"))] + text
		return strings.Join(out, "\n"), i + 1, true
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "for ") && rangeCallRe.MatchString(t) && rangeCallRe.MatchString(frag):
			return set(i, rangeCallRe.ReplaceAllLiteralString(t, rangeCallRe.FindString(frag)))
		case strings.HasPrefix(t, "if ") && indexedCompareRe.MatchString(frag) && !strings.Contains(frag, "range("):
			return set(i, "if "+indexedCompareRe.FindStringSubmatch(frag)[1]+":")
		}
		if m := assignLineRe.FindStringSubmatch(frag); m != nil && !strings.Contains(frag, "range(") {
			if n := assignLineRe.FindStringSubmatch(t); n != nil && n[1] == m[1] {
				return set(i, m[1]+" = "+strings.TrimSpace(m[2]))
			}
		}
	}
	return "", 0, false
}

// breaks reports whether changed gives a result other than fixed's on a check list, or
// raises where fixed does not; a change the small language cannot read breaks nothing.
func breaks(fixed, changed string) bool {
	for _, l := range checkLists {
		want, ok := runCode(fixed, l)
		if !ok {
			continue
		}
		got, ok, raised := runCodeRaised(changed, l)
		if raised || ok && got != want {
			return true
		}
	}
	return false
}

// badChange is a change the answer proposes that breaks the fixed code, with the line
// it changes; "" when there is none.
// jsonFixFieldRe is a JSON answer's fix: {"fix": "…"}.
var jsonFixFieldRe = regexp.MustCompile(`"(?:fix|fixed|fixed_code|fixed_line|suggested_fix|correction|corrected_line|corrected_code)"\s*:\s*"([^"\n]+)"`)

func badChange(ct *fixtures.CodeTruth, raw string) (frag string, line int) {
	fixed, ok := fixedCode(ct)
	if !ok {
		return "", 0
	}
	code := compact(ct.Code)
	var frags []string
	prose := fencedCode.ReplaceAllString(raw, "\n")
	for _, sen := range sentences(prose) {
		if !remedyRe.MatchString(sen.Text) && !fixContextRe.MatchString(sen.Text) {
			continue
		}
		for _, m := range inlineOrCallRe.FindAllStringIndex(sen.Text, -1) {
			before := sen.Text[max(0, m[0]-40):m[0]]
			if proposalCueRe.MatchString(before) && !rejectFixRe.MatchString(before) && !rejectFixRe.MatchString(sen.Text[m[1]:min(len(sen.Text), m[1]+40)]) {
				frags = append(frags, sen.Text[m[0]:m[1]])
			}
		}
		for _, m := range initProposalRe.FindAllStringSubmatch(sen.Text, -1) {
			if m[1] != "" {
				frags = append(frags, m[1]+" = "+m[2])
			} else {
				frags = append(frags, m[3]+" = "+m[4])
			}
		}
	}
	for _, m := range fencedCode.FindAllStringIndex(raw, -1) {
		for _, f := range jsonFixFieldRe.FindAllStringSubmatch(raw[m[0]:m[1]], -1) {
			frags = append(frags, f[1]) // {"fix": "for i in range(1, len(values) + 1):"}
		}
		if fixContextRe.MatchString(raw[max(0, m[0]-80):m[0]]) {
			for _, l := range strings.Split(strings.Trim(raw[m[0]:m[1]], "`"), "\n") {
				if i := strings.Index(l, "#"); i >= 0 {
					l = l[:i]
				}
				frags = append(frags, strings.TrimSpace(l))
			}
		}
	}
	for _, f := range frags {
		if c := compact(strings.Trim(f, "`")); c == "" || strings.Contains(code, c) {
			continue // a quote of the code as it is
		}
		changed, n, ok := applyChange(fixed, f)
		if ok && breaks(fixed, changed) {
			return strings.Trim(f, "`"), n
		}
	}
	return "", 0
}
