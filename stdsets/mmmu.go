package stdsets

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseMultiChoice reads the chosen letter from a response to a multiple-choice question
// with the given options (A, B, … in order), in the manner of MMMU's official
// parse_multi_choice_response (MMMU-Benchmark/MMMU eval/eval_utils.py, as lmms-eval's
// mmmu_mcq_utils): surrounding punctuation is stripped; then, in this order of
// preference, "(A)", "A " and "A." are looked for, then (for a response longer than five
// words) an option's text; where several letters match, the one that occurs last wins.
//
// The choice that differs from the official parser: when nothing matches, it returns
// ok=false (counted as unparsed, and wrong), never a random letter, so that scores are
// reproducible. A <think> block is removed first.
func ParseMultiChoice(response string, options []string) (letter string, ok bool) {
	letters := make([]string, len(options))
	for i := range options {
		letters[i] = string(rune('A' + i))
	}
	resp := FinalAnswer(response)
	resp = strings.Trim(resp, ",.!?;:'")
	resp = " " + resp + " "

	var cands []string
	withBracket, byLetter := false, true
	for _, c := range letters {
		if strings.Contains(resp, "("+c+")") {
			cands = append(cands, c)
			withBracket = true
		}
	}
	if len(cands) == 0 {
		for _, c := range letters {
			if strings.Contains(resp, c+" ") {
				cands = append(cands, c)
			}
		}
	}
	if len(cands) == 0 {
		for _, c := range letters {
			if strings.Contains(resp, c+".") {
				cands = append(cands, c)
			}
		}
	}
	if len(cands) == 0 && len(pyFields(resp)) > 5 {
		lower := pyLower(resp)
		for i, o := range options {
			if o != "" && strings.Contains(lower, pyLower(o)) {
				cands = append(cands, letters[i])
				byLetter = false
			}
		}
	}
	switch len(cands) {
	case 0:
		return "", false
	case 1:
		return cands[0], true
	}
	best, bestAt := "", -2
	for _, c := range cands {
		var at int
		switch {
		case !byLetter:
			at = strings.LastIndex(pyLower(resp), pyLower(options[c[0]-'A']))
		case withBracket:
			at = strings.LastIndex(resp, "("+c+")")
		default:
			at = strings.LastIndex(resp, " "+c+" ")
		}
		if at > bestAt { // the first candidate wins a tie, as numpy's argmax
			best, bestAt = c, at
		}
	}
	return best, true
}

// MMMUOpen scores an open MMMU question as the official eval_open does: the response is
// cut to its key sub-responses (after "so", "is", "therefore", "answer", …, and "=" in
// the last sentence), numbers are extracted from them, and the answer is right when a
// normalized ground truth (a number rounded to 2 decimals, or lower-cased text) equals
// a predicted number or is contained in a predicted text.
func MMMUOpen(response string, truths []string) (pred []string, right bool) {
	preds := parseOpenResponse(FinalAnswer(response))
	var gts []normVal
	for _, t := range truths {
		gts = append(gts, normalizeStr(t)...)
	}
	for _, p := range preds {
		pred = append(pred, p.String())
		for _, g := range gts {
			if p.isNum && g.isNum && p.num == g.num {
				right = true
			}
			if !p.isNum && !g.isNum && strings.Contains(p.str, g.str) {
				right = true
			}
		}
	}
	return pred, right
}

type normVal struct {
	isNum bool
	num   float64
	str   string
}

func (v normVal) String() string {
	if v.isNum {
		return strconv.FormatFloat(v.num, 'f', -1, 64)
	}
	return v.str
}

// normalizeStr is the official normalize_str: a number (as Python's float() reads it,
// commas removed) rounded to two decimals as Python's round() does, else the text
// lower-cased as Python's lower(); a single character becomes " c" and "c " to avoid
// trivial matches.
func normalizeStr(s string) []normVal {
	s = pyStrip(s)
	if f, ok := pyFloat(strings.ReplaceAll(s, ",", "")); ok {
		return []normVal{{isNum: true, num: pyRound(f, 2)}}
	}
	s = pyLower(s)
	if utf8.RuneCountInString(s) == 1 {
		return []normVal{{str: " " + s}, {str: s + " "}}
	}
	return []normVal{{str: s}}
}

// extractNumbers is the official extract_numbers: all matches of each of three Python
// regular expressions in turn, which Go's regexp cannot express (they need lookahead
// and backtracking into alternatives), so each is matched by hand, as Python's
// re.findall does: at each position the first alternative that matches (greedy, with
// backtracking), then on from the match's end. \d is any Unicode decimal digit and \b
// a boundary of Python's \w, as in Python on a str.
//
//	commas:     -?\b\d{1,3}(?:,\d{3})+\b
//	scientific: -?\d+(?:\.\d+)?[eE][+-]?\d+
//	simple:     -?(?:\d+\.\d+|\.\d+|\d+\b)(?![eE][+-]?\d+)(?![,\d])
//
// So "1.5e3" gives "1.5e3", then "1" and "3" (the simple pattern's first alternative
// fails on the exponent, its last takes the "1"), and "12.5," gives "12".
func extractNumbers(s string) []string {
	r := []rune(s)
	var out []string
	for _, match := range []func([]rune, int) int{matchCommas, matchScientific, matchSimple} {
		for i := 0; i < len(r); {
			if e := match(r, i); e > i {
				out = append(out, string(r[i:e]))
				i = e
			} else {
				i++
			}
		}
	}
	return out
}

func isDigitAt(r []rune, i int) bool {
	if i < 0 || i >= len(r) {
		return false
	}
	_, ok := digitValue(r[i])
	return ok
}

func digitRun(r []rune, i int) int {
	n := 0
	for isDigitAt(r, i+n) {
		n++
	}
	return n
}

func wordAt(r []rune, i int) bool { return i >= 0 && i < len(r) && pyWord(r[i]) }

func boundaryAt(r []rune, i int) bool { return wordAt(r, i-1) != wordAt(r, i) }

// optMinus is where the number after an optional "-" at i starts. Without the "-" a
// pattern would have to match at the "-" itself, which none of the three can.
func optMinus(r []rune, i int) int {
	if r[i] == '-' {
		return i + 1
	}
	return i
}

// matchCommas: -?\b\d{1,3}(?:,\d{3})+\b; the end of the match at i, or -1.
func matchCommas(r []rune, i int) int {
	p := optMinus(r, i)
	if !boundaryAt(r, p) {
		return -1
	}
	for k := min(digitRun(r, p), 3); k >= 1; k-- {
		var ends []int
		for q := p + k; q < len(r) && r[q] == ',' && digitRun(r, q+1) >= 3; q += 4 {
			ends = append(ends, q+4)
		}
		for g := len(ends) - 1; g >= 0; g-- {
			if boundaryAt(r, ends[g]) {
				return ends[g]
			}
		}
	}
	return -1
}

// matchScientific: -?\d+(?:\.\d+)?[eE][+-]?\d+.
func matchScientific(r []rune, i int) int {
	p := optMinus(r, i)
	d := digitRun(r, p)
	if d == 0 {
		return -1
	}
	q := p + d
	if q < len(r) && r[q] == '.' && digitRun(r, q+1) > 0 {
		q += 1 + digitRun(r, q+1)
	}
	if e := exponentAt(r, q); e > q {
		return e
	}
	return -1
}

// exponentAt is the end of [eE][+-]?\d+ at q, or q.
func exponentAt(r []rune, q int) int {
	if q >= len(r) || (r[q] != 'e' && r[q] != 'E') {
		return q
	}
	k := q + 1
	if k < len(r) && (r[k] == '+' || r[k] == '-') {
		k++
	}
	if n := digitRun(r, k); n > 0 {
		return k + n
	}
	return q
}

// matchSimple: -?(?:\d+\.\d+|\.\d+|\d+\b)(?![eE][+-]?\d+)(?![,\d]). Backtracking into
// a shorter run of digits never helps (a digit would follow), so each alternative is
// tried with its longest runs, in order.
func matchSimple(r []rune, i int) int {
	p := optMinus(r, i)
	free := func(e int) bool { // the two lookaheads
		return exponentAt(r, e) == e && !(e < len(r) && r[e] == ',') && !isDigitAt(r, e)
	}
	d := digitRun(r, p)
	if d > 0 && p+d < len(r) && r[p+d] == '.' {
		if f := digitRun(r, p+d+1); f > 0 && free(p+d+1+f) {
			return p + d + 1 + f
		}
	}
	if d == 0 && p < len(r) && r[p] == '.' {
		if f := digitRun(r, p+1); f > 0 && free(p+1+f) {
			return p + 1 + f
		}
	}
	if d > 0 && boundaryAt(r, p+d) && free(p+d) {
		return p + d
	}
	return -1
}

func parseOpenResponse(response string) []normVal {
	resp := pyLower(strings.Trim(pyStrip(response), "."))
	// The official split is on "\.\s(?=[A-Z])" after lower-casing, so it only ever
	// splits on newlines; kept so.
	subs := splitKeepCase(resp)
	indicators := []string{"could be ", "so ", "is ", "thus ", "therefore ", "final ", "answer ", "result "}
	var keys []string
	for i, r := range subs {
		inds := indicators
		if i == len(subs)-1 {
			inds = append(slices.Clone(indicators), "=")
		}
		// As the official loop: an empty tail is falsy there, so any later one replaces
		// it; lengths are in characters.
		shortest := ""
		for _, ind := range inds {
			if strings.Contains(r, ind) {
				parts := strings.Split(r, ind)
				tail := pyStrip(parts[len(parts)-1])
				if shortest == "" || utf8.RuneCountInString(tail) < utf8.RuneCountInString(shortest) {
					shortest = tail
				}
			}
		}
		if shortest != "" && !slices.Contains([]string{":", ",", ".", "!", "?", ";", "'"}, shortest) {
			keys = append(keys, shortest)
		}
	}
	if len(keys) == 0 {
		keys = []string{resp}
	}
	all := slices.Clone(keys)
	for _, k := range keys {
		all = append(all, extractNumbers(k)...)
	}
	var out []normVal
	seen := map[normVal]bool{}
	for _, p := range all {
		for _, v := range normalizeStr(p) {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func splitKeepCase(s string) []string { return strings.Split(s, "\n") }

// MMMUDisciplines maps MMMU's 30 subjects (the middle of an id like
// "validation_Art_Theory_12") to its six disciplines, as the official DOMAIN_CAT2SUB_CAT.
var MMMUDisciplines = map[string]string{
	"Art": "Art and Design", "Art_Theory": "Art and Design", "Design": "Art and Design", "Music": "Art and Design",
	"Accounting": "Business", "Economics": "Business", "Finance": "Business", "Manage": "Business", "Marketing": "Business",
	"Biology": "Science", "Chemistry": "Science", "Geography": "Science", "Math": "Science", "Physics": "Science",
	"Basic_Medical_Science": "Health and Medicine", "Clinical_Medicine": "Health and Medicine",
	"Diagnostics_and_Laboratory_Medicine": "Health and Medicine", "Pharmacy": "Health and Medicine",
	"Public_Health": "Health and Medicine",
	"History":       "Humanities and Social Science", "Literature": "Humanities and Social Science",
	"Sociology": "Humanities and Social Science", "Psychology": "Humanities and Social Science",
	"Agriculture": "Tech and Engineering", "Architecture_and_Engineering": "Tech and Engineering",
	"Computer_Science": "Tech and Engineering", "Electronics": "Tech and Engineering",
	"Energy_and_Power": "Tech and Engineering", "Materials": "Tech and Engineering",
	"Mechanical_Engineering": "Tech and Engineering",
}

var mmmuID = regexp.MustCompile(`^[^_]+_(.+?)_\d+$`)

// MMMUSubject is the subject of an MMMU id ("validation_Art_Theory_12" → "Art_Theory").
func MMMUSubject(id string) string {
	if m := mmmuID.FindStringSubmatch(id); m != nil {
		return m[1]
	}
	return ""
}
