package stdsets

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
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
	if len(cands) == 0 && len(strings.Fields(resp)) > 5 {
		lower := strings.ToLower(resp)
		for i, o := range options {
			if o != "" && strings.Contains(lower, strings.ToLower(o)) {
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
			at = strings.LastIndex(strings.ToLower(resp), strings.ToLower(options[c[0]-'A']))
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

// normalizeStr is the official normalize_str: a number (commas removed) rounded to two
// decimals, else lower-cased text; a single character becomes " c" and "c " to avoid
// trivial matches.
func normalizeStr(s string) []normVal {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil && !math.IsNaN(f) {
		return []normVal{{isNum: true, num: math.Round(f*100) / 100}}
	}
	s = strings.ToLower(s)
	if len([]rune(s)) == 1 {
		return []normVal{{str: " " + s}, {str: s + " "}}
	}
	return []normVal{{str: s}}
}

var (
	numCommas     = regexp.MustCompile(`-?\b\d{1,3}(?:,\d{3})+\b`)
	numScientific = regexp.MustCompile(`-?\d+(?:\.\d+)?[eE][+-]?\d+`)
	numSimple     = regexp.MustCompile(`-?(?:\d+\.\d+|\.\d+|\d+)`)
)

// extractNumbers is the official extract_numbers (Go's regexp has no lookahead, so the
// simple pattern's "not followed by an exponent, comma or digit" is checked by hand).
func extractNumbers(s string) []string {
	out := numCommas.FindAllString(s, -1)
	out = append(out, numScientific.FindAllString(s, -1)...)
	for _, loc := range numSimple.FindAllStringIndex(s, -1) {
		rest := s[loc[1]:]
		if rest != "" && (rest[0] == ',' || (rest[0] >= '0' && rest[0] <= '9')) {
			continue
		}
		if len(rest) > 1 && (rest[0] == 'e' || rest[0] == 'E') {
			r := strings.TrimLeft(rest[1:], "+-")
			if r != "" && r[0] >= '0' && r[0] <= '9' {
				continue
			}
		}
		m := s[loc[0]:loc[1]]
		// \d+\b: an integer must end at a word boundary.
		if !strings.Contains(m, ".") && rest != "" && isWordByte(rest[0]) {
			continue
		}
		out = append(out, m)
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func parseOpenResponse(response string) []normVal {
	resp := strings.ToLower(strings.Trim(strings.TrimSpace(response), "."))
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
		shortest, found := "", false
		for _, ind := range inds {
			if strings.Contains(r, ind) {
				parts := strings.Split(r, ind)
				tail := strings.TrimSpace(parts[len(parts)-1])
				if !found || len(tail) < len(shortest) {
					shortest, found = tail, true
				}
			}
		}
		if found && shortest != "" && !strings.Contains(":,.!?;'", shortest) {
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
