package vlrubric

import (
	"regexp"
	"strconv"
	"strings"
)

// Number is a number read from an answer: digits (with thousands separators,
// decimals, a leading currency sign or minus) or number words ("twenty-five",
// "one hundred and five").
type Number struct {
	Value      float64
	Text       string // as written
	Start, End int    // byte offsets in the text it was read from
	Currency   bool   // written with a currency sign or a currency word after it
	Words      bool   // written in words
}

var (
	digitNumber = regexp.MustCompile(`(?i)(?:(?:US)?\$\s?|€|£|USD\s?)?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:dollars?|usd)\b)?`)
	wordToken   = regexp.MustCompile(`(?i)[a-z]+`)
)

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// ParseNumberWords reads an English cardinal written in words, such as "five",
// "twenty-five", "one hundred and five" or "two thousand three hundred". It accepts
// hyphens or spaces between parts and "and" after hundred/thousand, and reports false
// for anything else.
func ParseNumberWords(s string) (int, bool) {
	fields := strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", " ")))
	if len(fields) == 0 {
		return 0, false
	}
	total, cur, seen := 0, 0, false
	for i, f := range fields {
		switch {
		case f == "and":
			if i == 0 || i == len(fields)-1 {
				return 0, false
			}
		case f == "hundred":
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		case f == "thousand":
			if cur == 0 {
				cur = 1
			}
			total += cur * 1000
			cur = 0
		default:
			v, ok := smallNumbers[f]
			if !ok {
				return 0, false
			}
			cur += v
			seen = true
		}
	}
	if !seen && total == 0 && cur == 0 {
		return 0, false
	}
	return total + cur, true
}

// Numbers returns the numbers written in s, in order. "1,042" is one thousand and
// forty-two, "$87.21" is currency, "twenty-five" is 25. Digits glued to letters
// ("2x", "A1") are read too; callers that care look at the neighbours.
func Numbers(s string) []Number {
	var out []Number
	for _, m := range digitNumber.FindAllStringIndex(s, -1) {
		if s[m[0]] == '-' && m[0] > 0 && s[m[0]-1] >= '0' && s[m[0]-1] <= '9' {
			m[0]++ // "30-35": a range's dash, not a minus
		}
		text := s[m[0]:m[1]]
		if m[0] > 0 && isWordByte(s[m[0]-1]) && !strings.ContainsAny(text[:1], "$€£") {
			// the tail of an identifier such as "Q3" or "len2": skip.
			if c := s[m[0]-1]; c < '0' || c > '9' {
				continue
			}
		}
		clean := strings.ToLower(text)
		cur := strings.ContainsAny(clean, "$€£") || strings.Contains(clean, "usd") || strings.Contains(clean, "dollar")
		clean = strings.NewReplacer("us$", "", "$", "", "€", "", "£", "", "usd", "", "dollars", "", "dollar", "", ",", "", " ", "").Replace(clean)
		v, err := strconv.ParseFloat(clean, 64)
		if err != nil {
			continue
		}
		out = append(out, Number{Value: v, Text: text, Start: m[0], End: m[1], Currency: cur})
	}
	out = append(out, wordNumbers(s)...)
	sortNumbers(out)
	return moneyWords(s, out)
}

var (
	dollarsAfter = regexp.MustCompile(`(?i)^\s*(?:us\s+)?dollars?\b`)
	centsAfter   = regexp.MustCompile(`(?i)^\s*(?:and\s+)?$`)
	centsWord    = regexp.MustCompile(`(?i)^\s*cents?\b`)
)

// moneyWords joins "eighty-seven dollars and twenty-one cents" (or "87 dollars and 21
// cents") into one amount of currency, 87.21.
func moneyWords(s string, ns []Number) []Number {
	var out []Number
	for i := 0; i < len(ns); i++ {
		n := ns[i]
		if m := dollarsAfter.FindStringIndex(s[n.End:]); m != nil && !n.Currency {
			n.Currency, n.End = true, n.End+m[1]
			if i+1 < len(ns) && centsAfter.MatchString(s[n.End:ns[i+1].Start]) {
				if c := centsWord.FindStringIndex(s[ns[i+1].End:]); c != nil && ns[i+1].Value < 100 {
					n.Value += ns[i+1].Value / 100
					n.End = ns[i+1].End + c[1]
					i++
				}
			}
			n.Text = s[n.Start:n.End]
		}
		out = append(out, n)
	}
	return out
}

// wordNumbers finds maximal runs of number words.
func wordNumbers(s string) []Number {
	var out []Number
	toks := wordToken.FindAllStringIndex(s, -1)
	for i := 0; i < len(toks); i++ {
		if !isNumberWord(s[toks[i][0]:toks[i][1]]) || strings.EqualFold(s[toks[i][0]:toks[i][1]], "and") {
			continue
		}
		j := i
		for j+1 < len(toks) {
			gap := s[toks[j][1]:toks[j+1][0]]
			if strings.TrimSpace(strings.ReplaceAll(gap, "-", "")) != "" || len(gap) > 2 {
				break
			}
			if !isNumberWord(s[toks[j+1][0]:toks[j+1][1]]) {
				break
			}
			j++
		}
		for j > i && strings.EqualFold(s[toks[j][0]:toks[j][1]], "and") {
			j--
		}
		text := s[toks[i][0]:toks[j][1]]
		if v, ok := ParseNumberWords(text); ok {
			out = append(out, Number{Value: float64(v), Text: text, Start: toks[i][0], End: toks[j][1], Words: true})
		}
		i = j
	}
	return out
}

func isNumberWord(w string) bool {
	w = strings.ToLower(w)
	_, ok := smallNumbers[w]
	return ok || w == "hundred" || w == "thousand" || w == "and"
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func sortNumbers(n []Number) {
	for i := 1; i < len(n); i++ {
		for j := i; j > 0 && n[j].Start < n[j-1].Start; j-- {
			n[j], n[j-1] = n[j-1], n[j]
		}
	}
}

// numberIn reports whether s is exactly one number (digits or words) and its value.
func numberIn(s string) (float64, bool) {
	s = strings.Trim(strings.TrimSpace(s), ".,;:!*()")
	ns := Numbers(s)
	if len(ns) == 1 && ns[0].Start == 0 && ns[0].End == len(s) {
		return ns[0].Value, true
	}
	return 0, false
}
