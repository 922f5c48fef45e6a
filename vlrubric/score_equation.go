package vlrubric

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	mulSign    = regexp.MustCompile(`(\d)\s*[*·×]\s*([a-zA-Z])`)
	chainStop  = regexp.MustCompile(`(?i)[,;→✓⇔]|\s(?:and|so|then|since|because|which|check|thus|therefore|hence|giving|gives)\b|[.!?](?:\s|$)|\n`)
	answerWord = regexp.MustCompile(`(?i)\b(?:answer|solution|result)\s*(?:is|:|=)\s*`)
	eqShape    = regexp.MustCompile(`(?i)(-?\d*)\s*([a-z])\s*([+-])\s*(\d+)\s*=\s*(-?\d+)`)
)

// mathText prepares plain text for reading arithmetic: no "$" at all (there is no
// currency in an equation), "÷" is "/", and "2·x", "2*x", "2 × x" are "2x".
func mathText(plain string) string {
	s := strings.NewReplacer("$", "", "÷", "/", "−", "-").Replace(plain)
	return mulSign.ReplaceAllString(s, "$1$2")
}

// chainValue reads what follows "x =" (or "answer:"): the parts of a chain
// "8/2 = 4" up to the end of the clause, and returns the value of the last part that
// is plain arithmetic or a number in words. "x = 4y" has no value.
func chainValue(rest string) (float64, string, bool) {
	if m := chainStop.FindStringIndex(rest); m != nil {
		rest = rest[:m[0]]
	}
	parts := strings.Split(rest, "=")
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSpace(parts[i])
		if v, ok := evalArith(p); ok {
			return v, p, true
		}
		if v, ok := numberIn(p); ok {
			return v, p, true
		}
		if i == len(parts)-1 && p != "" {
			// "x = 4 (since 2·4 + 5 = 13)" keeps its first number.
			if m := cachedRegexp(`^-?\d+(?:\.\d+)?\b`).FindString(p); m != "" && !cachedRegexp(`^-?\d+(?:\.\d+)?\s*[a-zA-Z(]`).MatchString(p) {
				v, _ := strconv.ParseFloat(m, 64)
				return v, m, true
			}
		}
	}
	return 0, "", false
}

// solutionClaims returns every value the answer gives the variable: "x = 4",
// "x = 8/2 = 4", "x equals four", "x is 4", "answer: 4" (and "\boxed{4}", which
// Plain has already made "4" after "x =" or "answer").
func solutionClaims(s, v string) []string {
	var out []string
	re := cachedRegexp(`(?i)(?:^|[^\pL\pN_])` + regexp.QuoteMeta(v) + `\s*(?:=|equals|is equal to|is|:)\s*`)
	for _, loc := range append(re.FindAllStringIndex(s, -1), answerWord.FindAllStringIndex(s, -1)...) {
		if val, _, ok := chainValue(s[loc[1]:]); ok {
			out = append(out, fmt.Sprintf("%d\x00%g", loc[0], val))
		}
	}
	// Order by position.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && posOf(out[j]) < posOf(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	for i := range out {
		out[i] = out[i][strings.IndexByte(out[i], 0)+1:]
	}
	return out
}

func posOf(s string) int {
	n, _ := strconv.Atoi(s[:strings.IndexByte(s, 0)])
	return n
}

// stepFound reports whether the answer shows the step "lhs = rhs": lhs (spaces
// allowed inside, not glued to a longer number or name) followed by "=" and a chain
// with a part worth rhs ("2x = 13 - 5 = 8"), or "rhs = lhs" the other way round.
func stepFound(s, step string) bool {
	i := strings.Index(step, "=")
	if i < 0 {
		return false
	}
	lhs := compact(step[:i])
	rhs, ok := evalArith(strings.TrimSpace(step[i+1:]))
	if !ok || lhs == "" {
		return false
	}
	var parts []string
	for _, r := range lhs {
		parts = append(parts, regexp.QuoteMeta(string(r)))
	}
	lp := strings.Join(parts, `\s*`)
	fwd := cachedRegexp(`(?i)(?:^|[^\pL\pN_.])` + lp + `\s*=`)
	for _, m := range fwd.FindAllStringIndex(s, -1) {
		rest := s[m[1]:]
		if e := chainStop.FindStringIndex(rest); e != nil {
			rest = rest[:e[0]]
		}
		for _, p := range strings.Split(rest, "=") {
			if v, ok := evalArith(p); ok && math.Abs(v-rhs) < 1e-9 {
				return true
			}
		}
	}
	back := cachedRegexp(`(?i)(?:^|[^\pL\pN_.])(-?\d+(?:\.\d+)?)\s*=\s*` + lp + `(?:$|[^\pL\pN_])`)
	for _, m := range back.FindAllStringSubmatch(s, -1) {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && math.Abs(v-rhs) < 1e-9 {
			return true
		}
	}
	return false
}

// scoreEquation scores VL-T3-Q1 (solve a*x + b = c).
//
//   - correct answer: the claims are "x = …" (chains like "x = 8/2 = 4" count by
//     their last part), "x is 4", "x equals four", "answer: 4", "\boxed{4}". 1 when
//     the last claim is the solution, 0.5 when an earlier one is, else 0.
//   - shows working: the intermediate steps of the truth (its Steps without the final
//     "x = solution", e.g. "2x = 8"), each found as an equation in the answer
//     (spacing, "·" and "13 - 5" chains allowed) or said in words ("subtract 5 from
//     both sides" for the a·x = c − b step). The fraction is the share found.
//   - reads equation correctly: 1 when the answer restates the equation (spacing
//     ignored) or shows a working step (which can only come from reading it); 0 when
//     it restates a different equation of the same shape; 0.5 when it only gets the
//     solution right; else 0.
func scoreEquation(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	et := t.Equation
	if et == nil || et.Var == "" || et.A == 0 {
		return nil, errNoTruth(t, "Equation")
	}
	var res [3]CriterionResult
	s := mathText(plain)
	claims := solutionClaims(s, et.Var)
	want := fmt.Sprint(et.Solution)
	hit := false
	for _, c := range claims {
		hit = hit || c == want
	}
	switch {
	case len(claims) > 0 && claims[len(claims)-1] == want:
		res[0] = cr(1, "%s = %s", et.Var, want)
	case hit:
		res[0] = cr(0.5, "gives %s = %s but ends with %s = %s", et.Var, want, et.Var, claims[len(claims)-1])
	case len(claims) > 0:
		res[0] = cr(0, "gives %s = %s, want %s", et.Var, strings.Join(claims, ", "), want)
	default:
		res[0] = cr(0, "no value given for %s (want %s)", et.Var, want)
	}

	final := compact(et.Var + "=" + want)
	var steps []string
	for _, st := range et.Steps {
		if compact(st) != final {
			steps = append(steps, st)
		}
	}
	if len(steps) == 0 && et.A != 1 {
		steps = append(steps, fmt.Sprintf("%d%s = %d", et.A, et.Var, et.C-et.B))
	}
	verbal := `(?i)\b(?:subtract(?:ing)?|minus|take away|taking away)\s+` + strconv.Itoa(et.B) + `\b`
	if et.B < 0 {
		verbal = `(?i)\b(?:add(?:ing)?|plus)\s+` + strconv.Itoa(-et.B) + `\b`
	}
	found := 0
	var ev []string
	for _, st := range steps {
		switch {
		case stepFound(s, st):
			found++
			ev = append(ev, "shows "+quote(st))
		case cachedRegexp(verbal).MatchString(s):
			found++
			ev = append(ev, "says "+quote(cachedRegexp(verbal).FindString(s)))
		default:
			ev = append(ev, "missing "+quote(st))
		}
	}
	if len(steps) == 0 {
		res[1] = cr(0, "the truth lists no intermediate step")
	} else {
		res[1] = cr(float64(found)/float64(len(steps)), "%s", strings.Join(ev, "; "))
	}

	eqc := compact(strings.NewReplacer("−", "-", "·", "").Replace(et.Equation))
	var other string
	for _, m := range eqShape.FindAllString(s, -1) {
		if compact(m) != eqc && !strings.HasSuffix(eqc, compact(m)) {
			other = m
		}
	}
	switch {
	case strings.Contains(compact(s), eqc):
		res[2] = cr(1, "restates %s", quote(et.Equation))
	case other != "":
		res[2] = cr(0, "restates a different equation %s (want %s)", quote(other), quote(et.Equation))
	case found > 0:
		res[2] = cr(1, "not restated, but the working uses its numbers")
	case res[0].Fraction > 0:
		res[2] = cr(0.5, "not restated; only the solution shows it was read")
	default:
		res[2] = cr(0, "equation not restated and nothing shows it was read")
	}
	return res[:], nil
}

// evalArith evaluates integer and decimal arithmetic with + - * / × ÷ · and
// parentheses ("(13 - 5) / 2", "2(4) + 5"). It reports false for anything else.
func evalArith(s string) (float64, bool) {
	s = strings.TrimSpace(strings.NewReplacer("×", "*", "·", "*", "÷", "/", "−", "-").Replace(s))
	if s == "" {
		return 0, false
	}
	p := &arith{s: s}
	v, ok := p.expr()
	p.space()
	if !ok || p.i != len(p.s) || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

type arith struct {
	s     string
	i     int
	depth int
}

func (p *arith) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *arith) expr() (float64, bool) {
	v, ok := p.term()
	for ok {
		p.space()
		if p.i >= len(p.s) || (p.s[p.i] != '+' && p.s[p.i] != '-') {
			break
		}
		op := p.s[p.i]
		p.i++
		var w float64
		if w, ok = p.term(); op == '+' {
			v += w
		} else {
			v -= w
		}
	}
	return v, ok
}

func (p *arith) term() (float64, bool) {
	v, ok := p.factor()
	for ok {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '(' {
			w, ok2 := p.factor() // implicit product: 2(4)
			v, ok = v*w, ok2
			continue
		}
		if p.i >= len(p.s) || (p.s[p.i] != '*' && p.s[p.i] != '/') {
			break
		}
		op := p.s[p.i]
		p.i++
		var w float64
		if w, ok = p.factor(); op == '*' {
			v *= w
		} else {
			v /= w
		}
	}
	return v, ok
}

func (p *arith) factor() (float64, bool) {
	p.space()
	if p.i >= len(p.s) {
		return 0, false
	}
	switch c := p.s[p.i]; {
	case c == '-':
		p.i++
		v, ok := p.factor()
		return -v, ok
	case c == '(':
		if p.depth > 20 {
			return 0, false
		}
		p.i++
		p.depth++
		v, ok := p.expr()
		p.depth--
		p.space()
		if !ok || p.i >= len(p.s) || p.s[p.i] != ')' {
			return 0, false
		}
		p.i++
		return v, true
	case c >= '0' && c <= '9':
		j := p.i
		for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '.') {
			j++
		}
		v, err := strconv.ParseFloat(p.s[p.i:j], 64)
		if err != nil {
			return 0, false
		}
		p.i = j
		return v, true
	}
	return 0, false
}
