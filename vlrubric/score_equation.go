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
	chainStop  = regexp.MustCompile(`(?i)[,;→✓⇔"“”\x60\]}|]|\(\s*[a-z]|\s(?:and|so|then|since|because|which|check|thus|therefore|hence|giving|gives)\b|[.!?](?:\s|$)|\n`)
	answerWord = regexp.MustCompile(`(?i)\b(?:answer|solution|result)(?:_?value)?["']?\s*(?:is|:|=)\s*`)
	eqShape    = regexp.MustCompile(`(?i)(-?\d*)\s*([a-z])\s*([+-])\s*(\d+)\s*=\s*(-?\d+)`)
)

// mathText prepares plain text for reading arithmetic: no "$" at all (there is no
// currency in an equation), "÷" is "/", "2·x", "2*x", "2 × x" are "2x", LaTeX
// alignment marks go, and arithmetic in words reads as symbols ("two x plus five
// equals thirteen" is "2x + 5 = 13").
func mathText(plain string) string {
	s := strings.NewReplacer("$", "", "÷", "/", "−", "-", "&", "", `\\`, "\n", "²", "^2").Replace(plain)
	s = digitsForWords(s)
	s = mathWords.Replace(s)
	s = gluedVar.ReplaceAllString(s, "$1$2$3")
	return mulSign.ReplaceAllString(s, "$1$2")
}

var (
	mathWords = strings.NewReplacer(" equals ", " = ", " is equal to ", " = ", " equal to ", " = ", " plus ", " + ",
		" minus ", " - ", " times ", " * ", " multiplied by ", " * ", " divided by ", " / ", " over ", " / ",
		" Equals ", " = ")
	// gluedVar joins a number and a one-letter variable written apart: "2 x" is "2x".
	gluedVar = regexp.MustCompile(`\b(\d+)[ \t]+([a-z])\b([ \t]*[=+\-^])`)
)

// digitsForWords writes the numbers in words of s as digits.
func digitsForWords(s string) string {
	ws := wordNumbers(s)
	if len(ws) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, n := range ws {
		if n.Text == "one" || n.Text == "One" {
			continue // "one" is as often a pronoun as a number
		}
		b.WriteString(s[last:n.Start])
		b.WriteString(strconv.Itoa(int(n.Value)))
		last = n.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// chainValue reads what follows "x =" (or "answer:"): the parts of a chain
// "8/2 = 4" up to the end of the clause, and returns the value of the last part that
// is plain arithmetic or a number in words. "x = 4y" has no value.
var sameAside = regexp.MustCompile(`^\s*(-?\d+(?:\.\d+)?)\s*\(\s*(-?\d+(?:\.\d+)?)\s*\)`)

var wordsAside = regexp.MustCompile(`\s*\([\pL\s-]+\)`)

func chainValue(rest string) (float64, string, bool) {
	if m := chainStop.FindStringIndex(rest); m != nil {
		rest = rest[:m[0]]
	}
	// A value said again in words ("9 (nine)", "9 (nueve)", read as "9 (9)") is no
	// product.
	rest = wordsAside.ReplaceAllString(rest, " ")
	if m := sameAside.FindStringSubmatchIndex(rest); m != nil && rest[m[2]:m[3]] == rest[m[4]:m[5]] {
		rest = rest[:m[3]] + rest[m[1]:]
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
			// "a = 3/7 (≈ 0.43)": a fraction before an aside is the value.
			if m := cachedRegexp(`^-?\d+(?:\.\d+)?\s*[/÷]\s*-?\d+(?:\.\d+)?`).FindString(p); m != "" {
				if v, ok := evalArith(m); ok {
					return v, m, true
				}
			}
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
// Plain has already made "4" after "x =" or "answer"), but not one under a condition
// contrary to fact.
func solutionClaims(s, v string) []string {
	var out []string
	sens := sentences(s)
	re := cachedRegexp(`(?i)(?:^|[^\pL\pN_])` + regexp.QuoteMeta(v) + `\s*(?:=|equals|is equal to|is|:)\s*`)
	for _, loc := range append(re.FindAllStringIndex(s, -1), answerWord.FindAllStringIndex(s, -1)...) {
		if rest := strings.TrimSpace(s[loc[1]:]); cutOffRe.MatchString(rest) && !strings.Contains(rest, "\n") {
			continue // "y = 56/7 =", "x = 22 ÷" and the answer stops: cut off before the value
		}
		if sep := s[loc[0]:loc[1]]; strings.Contains(sep, ":") && strings.Contains(sep[strings.LastIndexByte(sep, ':'):], "\n") {
			continue // "to isolate the term with x:" and the working on the next line
		}
		if counterfactualRe.MatchString(s[sentenceAround(sens, loc[0]).Start:loc[0]]) {
			continue // "if the sign were +11, y would be 41/7": not its answer
		}
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

// eqIMeanRe is an equation taken back on the spot: "6y = 28, I mean".
var eqIMeanRe = regexp.MustCompile(`(?i)[a-z0-9][^,;:\n=]*=[^,;:\n=]*,?\s+i mean\s+`)

// counterfactualRe is a condition contrary to fact: "if the sign were +11".
var counterfactualRe = regexp.MustCompile(`(?i)\bif\b[^.;]*\b(?:were|had been)\b`)

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

// cutOffRe is working that stops mid-step: a dangling "=", ":" or operator at the end.
var cutOffRe = regexp.MustCompile(`(?:[=:+\-×÷*/]|\\div|\bby|\bboth)\s*$`)

// scoreEquation scores VL-T3-Q1 (solve a*x + b = c), as RUBRIC.md's expert does.
//
// Arithmetic is read in symbols, LaTeX or words ("two x equals eight"); after a
// self-correction the final claim is the answer.
//
//   - correct answer: the claims are "x = …" (chains like "x = 8/2 = 4" count by
//     their last part), "x is 4", "x equals four", "answer: 4", "\boxed{4}". 1 when
//     the last claim is the solution, 0.5 when an earlier one is (a hedge between two
//     values), else 0.
//   - shows working: judged on the equation as the answer read it (its restatement,
//     else the image's), so that valid working for a misread equation counts. Two steps
//     of half each: isolating the term (an equation "ax = c − b", or "subtract b" in
//     words), and dividing (an equation "x = w/a", "divide by a" in words, or "x = …"
//     after an equation "ax = w" of the answer's own, right or not: a wrong operation
//     in one step costs that step only). Where a is 1 the first step is the working.
//   - reads equation correctly: 0 when it restates a different equation (a misread);
//     else 1 when it restates the equation, gets the solution, or works with the
//     equation's numbers; half when it also invents content beside it (a second
//     equation, a hint); 0 when nothing shows it was read.
func scoreEquation(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	et := t.Equation
	if et == nil || et.Var == "" || et.A == 0 {
		return nil, errNoTruth(t, "Equation")
	}
	var res [3]CriterionResult
	s := mathText(plain)
	s = eqIMeanRe.ReplaceAllString(s, "") // "6y = 28, I mean 6y = 48": the step as corrected
	claims := solutionClaims(s, et.Var)
	if from := finalClaim(s); from > 0 {
		if final := solutionClaims(s[from:], et.Var); len(final) > 0 {
			claims = final
		}
	}
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

	// The equation as the answer read it.
	eqc := compact(strings.NewReplacer("−", "-", "·", "").Replace(et.Equation))
	readA, readB, readC, sq := et.A, et.B, et.C, false
	var other string
	read := s // a self-correction that re-reads the equation: its final reading stands
	if from := finalClaim(s); from > 0 && readEqRe.MatchString(s[from:]) {
		read = s[from:]
	}
	restated := strings.Contains(compact(read), eqc)
	if !restated {
		for _, m := range readEqRe.FindAllStringSubmatch(read, -1) {
			if !strings.EqualFold(m[2], et.Var) {
				continue
			}
			ra := 1
			if m[1] != "" && m[1] != "-" {
				ra, _ = strconv.Atoi(m[1])
			} else if m[1] == "-" {
				ra = -1
			}
			rb, _ := strconv.Atoi(m[5])
			if m[4] == "-" {
				rb = -rb
			}
			rc, _ := strconv.Atoi(m[6])
			if ra != et.A || rb != et.B || rc != et.C || m[3] != "" {
				other = strings.TrimSpace(m[0])
				readA, readB, readC, sq = ra, rb, rc, m[3] != ""
			}
			break
		}
	}

	// Working, on the equation as read.
	term := fmt.Sprintf("%d%s", readA, et.Var)
	if readA == 1 {
		term = et.Var
	}
	if sq {
		term = et.Var + "^2"
		if readA != 1 {
			term = fmt.Sprintf("%d%s^2", readA, et.Var)
		}
	}
	iso := readC - readB
	var ev []string
	step1 := stepFound(s, fmt.Sprintf("%s = %d", term, iso))
	verbal1 := cachedRegexp(`(?i)\b(?:subtract(?:ing|s)?|minus|take away|taking away|taking|remove|removing|move|moving)\s+(?:the\s+)?` + strconv.Itoa(abs(readB)) + `\b|\b` + strconv.Itoa(readC) + `\s*-\s*` + strconv.Itoa(abs(readB)) + `\b`)
	if readB < 0 {
		verbal1 = cachedRegexp(`(?i)\b(?:add(?:ing|s)?|plus|move|moving)\s+(?:the\s+)?-?` + strconv.Itoa(-readB) + `\b|\b` + strconv.Itoa(readC) + `\s*\+\s*` + strconv.Itoa(-readB) + `\b`)
	}
	ownStep := cachedRegexp(`(?i)(?:^|[^\pL\pN_.])` + regexp.QuoteMeta(term) + `\s*=\s*(-?\d+(?:\.\d+)?)\b`).FindStringSubmatch(s)
	working := 0.0
	switch {
	case step1:
		working += 0.5
		ev = append(ev, "isolates "+quote(fmt.Sprintf("%s = %d", term, iso)))
	case verbal1.MatchString(s) && (ownStep == nil || ownStepIs(ownStep, iso)):
		working += 0.5
		ev = append(ev, "says "+quote(verbal1.FindString(s)))
	case ownStep != nil:
		ev = append(ev, fmt.Sprintf("isolates the term wrongly: %s (want %d)", quote(ownStep[0]), iso))
	default:
		ev = append(ev, fmt.Sprintf("does not isolate %s = %d", term, iso))
	}
	if readA != 1 || sq {
		divided := ""
		cutBeforeValue := len(claims) == 0 && cutOffRe.MatchString(s) // "Divide both sides by 7:\nx =" and it stops
		if m := cachedRegexp(`(?i)\b(?:divid(?:e|es|ed|ing)|split(?:ting)?)\b[^.\n]{0,30}?\b` + strconv.Itoa(abs(readA)) + `\b|\bhalv(?:e|es|ed|ing)\b|/\s*` + strconv.Itoa(abs(readA)) + `\b|√|\bsqrt|square root`).FindString(s); m != "" && (readA == 2 || !strings.HasPrefix(strings.ToLower(m), "halv")) && !cutBeforeValue {
			divided = "divides: " + quote(m)
		} else if (step1 || ownStep != nil) && len(claims) > 0 {
			divided = "then " + et.Var + " = " + claims[len(claims)-1]
		}
		if divided != "" {
			working += 0.5
			ev = append(ev, divided)
		} else {
			ev = append(ev, "no division step shown")
		}
	} else if working > 0 {
		working = 1
	}
	res[1] = cr(working, "%s", strings.Join(ev, "; "))

	invented := inventedBeside.FindString(plain)
	if invented != "" && negated(plain, strings.Index(plain, invented)) {
		invented = ""
	}
	switch {
	case other != "":
		res[2] = cr(0, "restates a different equation %s (want %s)", quote(other), quote(et.Equation))
	case (restated || res[0].Fraction > 0 || working > 0) && invented != "":
		res[2] = cr(0.5, "reads the equation, but also claims %s", quote(invented))
	case restated:
		res[2] = cr(1, "restates %s", quote(et.Equation))
	case res[0].Fraction > 0:
		res[2] = cr(1, "not restated, but solved: it was read")
	case working > 0:
		res[2] = cr(1, "not restated, but the working uses its numbers")
	default:
		res[2] = cr(0, "equation not restated and nothing shows it was read")
	}
	return res[:], nil
}

var (
	readEqRe       = regexp.MustCompile(`(?i)(-?\d*)\s*([a-z])(\^2)?\s*([+-])\s*(\d+)\s*=\s*(-?\d+)`)
	inventedBeside = regexp.MustCompile(`(?i)\b(?:also|another|second|additional|extra|below it|underneath|in the corner)\W+(?:[\pL-]+\W+){0,4}?(?:equations?|problems?|exercises?|hints?|notes?|questions?|formulas?|texts?|captions?)\b`)
)

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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

// ownStepIs reports whether the isolated term the answer wrote ("2x = 23") has the
// value want.
func ownStepIs(m []string, want int) bool {
	v, err := strconv.ParseFloat(m[1], 64)
	return err == nil && math.Abs(v-float64(want)) < 1e-9
}
