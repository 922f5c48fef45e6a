package stdsets

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Numbers in answers. One grammar serves the rule-based readers (MathVista's stand-in
// extractor, ScreenSpot's points); pyFloat and pyInt read a whole string as Python's
// float() and int() do, for the metrics whose reference calls them; pyRound rounds as
// Python's round(). MMMU's open-answer parser keeps its own regular expressions
// (extractNumbers), since the reference defines the metric by them.

// numToken is a number as written in an answer, found by scanNumbers.
type numToken struct {
	Text       string  // as written
	Start, End int     // byte offsets in the scanned string
	Value      float64 // the number's value (a percentage's number, not divided by 100)
	Percent    bool    // a "%" follows the number
}

// scanNumbers finds the numbers in s, left to right, by this grammar (digit: a Unicode
// decimal digit, as Python's \d, so "５" and "٥" are 5):
//
//	number   = [ "-" ] mantissa [ exponent ] [ "%" ]
//	mantissa = integer [ "." digits ] | "." digits
//	integer  = digit{1,3} ( "," digit digit digit )+   (thousands: "1,234,567")
//	         | digits
//	digits   = digit { [ "_" ] digit }                 ("1_000", as Python reads it)
//	exponent = ( "e" | "E" ) [ "+" | "-" ] digits      (only when digits follow)
//
// The minus sign belongs to the number unless a letter, digit or "_" precedes it ("3-5"
// is 3 and 5; "x = -5" is -5). A comma group is a thousands separator only when exactly
// three digits follow and no digit after them ("3,4" is 3 and 4; "12.5," is 12.5). A
// full stop after the digits without a digit after it ends the sentence, not the number.
// Without grouping, the comma is never a thousands separator (coordinates and lists:
// "(100,200)" is 100 and 200).
func scanNumbers(s string, grouping bool) []numToken {
	var out []numToken
	for i := 0; i < len(s); {
		n, ok := scanNumber(s, i, grouping)
		if !ok {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			continue
		}
		out = append(out, n)
		i = n.End
	}
	return out
}

// scanNumber reads the number that starts at byte i of s, if one does.
func scanNumber(s string, i int, grouping bool) (numToken, bool) {
	start, j := i, i
	if j < len(s) && s[j] == '-' {
		if prev, _ := utf8.DecodeLastRuneInString(s[:j]); j > 0 && pyWord(prev) {
			return numToken{}, false
		}
		j++
	}
	mant := j
	if k, ok := thousands(s, j); ok && grouping {
		j = k
	} else {
		j = digitsAt(s, j)
	}
	if j < len(s) && s[j] == '.' {
		if k := digitsAt(s, j+1); k > j+1 {
			j = k
		}
	}
	if j == mant {
		return numToken{}, false
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if e := digitsAt(s, k); e > k {
			j = e
		}
	}
	n := numToken{Text: s[start:j], Start: start, End: j}
	v, ok := numberValue(n.Text)
	if !ok {
		return numToken{}, false
	}
	n.Value = v
	if j < len(s) && s[j] == '%' {
		n.Percent, n.End = true, j+1
	}
	return n, true
}

// digitsAt is the end of the digits (digit { [ "_" ] digit }) at byte i, i if none.
func digitsAt(s string, i int) int {
	end := i
	for j := i; j < len(s); {
		if _, w, ok := digitAt(s, j); ok {
			j += w
			end = j
			continue
		}
		if s[j] == '_' && end == j && j > i {
			if _, _, ok := digitAt(s, j+1); ok {
				j++
				continue
			}
		}
		break
	}
	return end
}

// thousands is the end of an integer with thousands separators at byte i.
func thousands(s string, i int) (int, bool) {
	j, n := i, 0
	for n < 3 {
		_, w, ok := digitAt(s, j)
		if !ok {
			break
		}
		j, n = j+w, n+1
	}
	if n == 0 {
		return i, false
	}
	if _, _, ok := digitAt(s, j); ok {
		return i, false // four digits before the first comma
	}
	groups := 0
	for j < len(s) && s[j] == ',' {
		k := j + 1
		m := 0
		for m < 3 {
			_, w, ok := digitAt(s, k)
			if !ok {
				break
			}
			k, m = k+w, m+1
		}
		if m != 3 {
			break
		}
		if _, _, ok := digitAt(s, k); ok {
			break
		}
		j, groups = k, groups+1
	}
	return j, groups > 0
}

func digitAt(s string, i int) (v, width int, ok bool) {
	if i >= len(s) {
		return 0, 0, false
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	v, ok = digitValue(r)
	return v, w, ok
}

// numberValue is the value of a number scanNumbers found.
func numberValue(text string) (float64, bool) {
	t := strings.NewReplacer(",", "", "_", "").Replace(foldDigits(text))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return v, true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// pyFloat is Python's float(s) on a str: white space around it is dropped, then
//
//	[ "+" | "-" ] ( number [ exponent ] | "inf" | "infinity" | "nan" )   (any case)
//	number   = [ digits ] "." digits | digits [ "." ]
//	digits   = digit { [ "_" ] digit }      (digit: any Unicode decimal digit)
//	exponent = ( "e" | "E" ) [ "+" | "-" ] digits
//
// Go's strconv.ParseFloat differs: it takes hexadecimal ("0x1p3"), refuses "1_000" and
// "５", and reports an error (not ±inf) for "1e999".
func pyFloat(s string) (float64, bool) {
	t := pyStrip(s)
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 {
		return 0, false
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		v, err := strconv.ParseFloat(t, 64)
		return v, err == nil
	case "nan": // signed too, which ParseFloat refuses
		return math.NaN(), true
	}
	j := digitsAt(body, 0)
	intDigits := j > 0
	if j < len(body) && body[j] == '.' {
		k := digitsAt(body, j+1)
		if !intDigits && k == j+1 {
			return 0, false
		}
		j = k
	} else if !intDigits {
		return 0, false
	}
	if j < len(body) && (body[j] == 'e' || body[j] == 'E') {
		k := j + 1
		if k < len(body) && (body[k] == '+' || body[k] == '-') {
			k++
		}
		e := digitsAt(body, k)
		if e == k {
			return 0, false
		}
		j = e
	}
	if j != len(body) {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(foldDigits(t), "_", ""), 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return v, true // out of range: ±inf (or 0), as Python
}

// pyInt is Python's int(s) in base 10 on a str, as its decimal text: white space around
// it dropped, [ "+" | "-" ] digits (underscores between digits allowed, leading zeros
// too), any Unicode decimal digit.
func pyInt(s string) (string, bool) {
	t := pyStrip(s)
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 || body == "" || digitsAt(body, 0) != len(body) {
		return "", false
	}
	n, ok := new(big.Int).SetString(strings.ReplaceAll(foldDigits(t), "_", ""), 10)
	if !ok {
		return "", false
	}
	return n.String(), true
}

// pyIntOfFloat is Python's str(int(f)): the integer part of f, exactly, however large;
// false for ±inf and NaN (int() raises).
func pyIntOfFloat(f float64) (string, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	i, _ := big.NewFloat(math.Trunc(f)).Int(nil)
	return i.String(), true
}

// pyRound is Python's round(x, ndigits) for ndigits ≥ 0: the exact decimal value of the
// binary float x, rounded to ndigits decimals with ties to even, read back as the
// nearest float. So 0.125 (exactly a tie) rounds to 0.12, and 2.675 (which is
// 2.67499999999999982236431605997495353221893310546875) to 2.67, where math.Round on
// x×100 gives 0.13 and 2.68. strconv's fixed-precision formatting is exact and rounds
// ties to even, as CPython's dtoa does.
func pyRound(x float64, ndigits int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || ndigits > 400 {
		return x
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', ndigits, 64), 64)
	if err != nil {
		return x
	}
	return v
}
