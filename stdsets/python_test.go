package stdsets

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// Expected values in this file's tables were computed with Python 3.11 (Unicode 14.0) in
// the interpreter, with the reference's own calls: round(x, n), float(s), int(s),
// s.lower(), s.isspace(), unicodedata.decimal(c), re.match(r"\w", c), and for MMMU the
// official extract_numbers (lmms-eval mmmu/utils.py) pasted as is. TestAgainstPython
// asks python3 again, on many generated inputs, when it is on the PATH.

func TestPyRound(t *testing.T) {
	for _, c := range []struct {
		x    float64
		n    int
		want float64
	}{
		{0.125, 2, 0.12}, // the values: a binary tie rounds to even,
		{2.675, 2, 2.67}, // 2.675 is 2.67499999… in binary,
		{0.25, 1, 0.2},   // a tie again.
		{0.375, 2, 0.38}, // round(0.375, 2): tie, to even 8
		{1.005, 2, 1.0},  // 1.00499999999999989…
		{2.5, 0, 2},      // round(2.5, 0) == 2.0
		{3.5, 0, 4},
		{-0.125, 2, -0.12},
		{0.285, 2, 0.28}, // 0.28499999999999998…
		{1.115, 2, 1.11}, // 1.11499999999999999111…: below the tie
		{3.14159, 2, 3.14},
		{1e20, 2, 1e20},
		{0.1 + 0.2, 2, 0.3},
	} {
		if got := pyRound(c.x, c.n); got != c.want {
			t.Errorf("pyRound(%v, %d) = %v, want %v (Python's round)", c.x, c.n, got, c.want)
		}
	}
	if got := pyRound(math.Inf(1), 2); !math.IsInf(got, 1) {
		t.Errorf("pyRound(inf) = %v", got)
	}
}

func TestPyFloat(t *testing.T) {
	for _, c := range []struct {
		s    string
		want float64
		ok   bool
	}{
		{"1e-3", 0.001, true},
		{"1_2", 12, true}, // float("1_2") == 12.0
		{"1__2", 0, false},
		{"_12", 0, false},
		{"12_", 0, false},
		{".5", 0.5, true},
		{"5.", 5, true},
		{".", 0, false},
		{" \t12\n", 12, true},
		{"\x1c12\x1f", 12, true}, // information separators are white space to Python
		{"+1.5E+2", 150, true},
		{"-.5e-1", -0.05, true},
		{"1e", 0, false},
		{"1e_2", 0, false},
		{"1e1_0", 1e10, true},
		{"0x10", 0, false}, // Go would read hexadecimal
		{"1,000", 0, false},
		{"５", 5, true},     // full-width digit
		{"٣.٥", 3.5, true}, // Arabic-Indic digits
		{"1e999", math.Inf(1), true},
		{"--1", 0, false},
		{"1 2", 0, false},
		{"", 0, false},
	} {
		got, ok := pyFloat(c.s)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("pyFloat(%q) = %v, %v; want %v, %v (Python's float)", c.s, got, ok, c.want, c.ok)
		}
	}
	for _, s := range []string{"inf", "-Infinity", "nan", "NaN", "-nan", "+NAN", " +iNf "} {
		if _, ok := pyFloat(s); !ok {
			t.Errorf("pyFloat(%q) failed; Python reads it", s)
		}
	}
	for _, c := range []struct{ s, want string }{{"12", "12"}, {" 007 ", "7"}, {"1_000", "1000"}, {"-٣", "-3"},
		{"12345678901234567890123", "12345678901234567890123"}, {"1.0", ""}, {"1e3", ""}, {"+", ""}} {
		if got, ok := pyInt(c.s); got != c.want || ok != (c.want != "") {
			t.Errorf("pyInt(%q) = %q, %v; want %q (Python's int)", c.s, got, ok, c.want)
		}
	}
}

func TestPyLower(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"İstanbul", "i̇stanbul"}, // U+0130: i and a combining dot, two characters
		{"ΟΔΟΣ", "οδος"},          // final sigma at the end of a word
		{"ΟΔΟΣ ΚΑΙ", "οδος και"},
		{"ΣΑ", "σα"},     // a sigma that starts a word
		{"Σ", "σ"},       // alone: no cased letter before it
		{"ΑΣ'Β", "ασ'β"}, // case-ignorable "'", then a cased letter: not final
		{"ΑΣ.", "ας."},
		{"Hello WORLD", "hello world"},
		{"ẞ", "ß"},
	} {
		if got := pyLower(c.s); got != c.want {
			t.Errorf("pyLower(%q) = %q, want %q (Python's lower)", c.s, got, c.want)
		}
	}
	if got := foldDigits("５٣۵७𝟖"); got != "53578" {
		t.Errorf("foldDigits = %q", got)
	}
}

func TestScanNumbers(t *testing.T) {
	for _, c := range []struct {
		s    string
		want []string // Text, and "%" when Percent
		vals []float64
	}{
		{"1e-3", []string{"1e-3"}, []float64{0.001}}, // not -3
		{"1_2", []string{"1_2"}, []float64{12}},      // not 2
		{"x = 1.5e3 m", []string{"1.5e3"}, []float64{1500}},
		{"12.5, 13", []string{"12.5", "13"}, []float64{12.5, 13}},
		{"1,234,567.5", []string{"1,234,567.5"}, []float64{1234567.5}},
		{"3,4", []string{"3", "4"}, []float64{3, 4}},
		{"1,2345", []string{"1", "2345"}, []float64{1, 2345}},
		{"3-5", []string{"3", "5"}, []float64{3, 5}},
		{"x = -5.", []string{"-5"}, []float64{-5}},
		{"[.2, .4]", []string{".2", ".4"}, []float64{0.2, 0.4}},
		{"50% and 7", []string{"50%", "7"}, []float64{50, 7}},
		{"２e", []string{"２"}, []float64{2}},
		{"no numbers", nil, nil},
	} {
		var got []string
		var vals []float64
		for _, n := range scanNumbers(c.s, true) {
			text := n.Text
			if n.Percent {
				text += "%"
			}
			got, vals = append(got, text), append(vals, n.Value)
			if n.Start < 0 || n.End > len(c.s) || !strings.HasPrefix(c.s[n.Start:], n.Text) {
				t.Errorf("scanNumbers(%q): %+v: offsets do not match the text", c.s, n)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("scanNumbers(%q) texts (-want +got):\n%s", c.s, diff)
		}
		if diff := cmp.Diff(c.vals, vals); diff != "" {
			t.Errorf("scanNumbers(%q) values (-want +got):\n%s", c.s, diff)
		}
	}
}

func TestScanNumbersUngrouped(t *testing.T) {
	for _, c := range []struct {
		grouping bool
		want     []float64
	}{{true, []float64{100200, 7}}, {false, []float64{100, 200, 7}}} {
		var got []float64
		for _, n := range scanNumbers("(100,200) 7", c.grouping) {
			got = append(got, n.Value)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("scanNumbers(grouping %v) (-want +got):\n%s", c.grouping, diff)
		}
	}
}

func TestExtractNumbers(t *testing.T) {
	// Each want is re.findall over the official three patterns, in their order.
	for _, c := range []struct {
		s    string
		want []string
	}{
		{"1.5e3", []string{"1.5e3", "1", "3"}},
		{"12.5,", []string{"12"}},
		{"1,234 and 5", []string{"1,234", "234", "5"}}, // the simple pattern finds "234" again
		{"-2.5 or .5", []string{"-2.5", ".5"}},
		{"a1,234", []string{"234"}}, // no \b before the 1; "1" is followed by ","
		{"x2y", nil},                // \d+\b: no boundary after 2
		{"٣٤", []string{"٣٤"}},      // \d is Unicode
		{"1,2345", []string{"2345"}},
		{"3e5 7", []string{"3e5", "5", "7"}}, // "3" is followed by an exponent, "5" is not
	} {
		got := extractNumbers(c.s)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("extractNumbers(%q) (-want +got):\n%s", c.s, diff)
		}
	}
}

// pythonCheck is what TestAgainstPython hands python3: each list's elements are
// computed there with Python's own functions.
const pythonCheck = `
import json, re, sys, unicodedata
q = json.load(sys.stdin)
def fl(s):
    try: return repr(float(s))
    except ValueError: return None
def it(s):
    try: return str(int(s))
    except ValueError: return None
def extract_numbers(string):
    pattern_commas = r"-?\b\d{1,3}(?:,\d{3})+\b"
    pattern_scientific = r"-?\d+(?:\.\d+)?[eE][+-]?\d+"
    pattern_simple = r"-?(?:\d+\.\d+|\.\d+|\d+\b)(?![eE][+-]?\d+)(?![,\d])"
    return re.findall(pattern_commas, string) + re.findall(pattern_scientific, string) + re.findall(pattern_simple, string)
chars = {"assigned": [], "space": [], "word": [], "decimal": [], "lower": []}
for c in range(0x110000):
    ch = chr(c)
    if unicodedata.category(ch) in ("Cn", "Cs"): continue
    chars["assigned"].append(c)
    if ch.isspace(): chars["space"].append(c)
    if re.match(r"\w", ch): chars["word"].append(c)
    d = unicodedata.decimal(ch, None)
    if d is not None: chars["decimal"].append([c, d])
    if ch.lower() != ch: chars["lower"].append([ch, ch.lower()])
json.dump({
    "round": [repr(round(float(x), n)) for x, n in q["round"]],
    "float": [fl(s) for s in q["float"]],
    "int": [it(s) for s in q["int"]],
    "extract": [extract_numbers(s) for s in q["extract"]],
    "lower": [s.lower() for s in q["lower"]],
    "chars": chars,
}, sys.stdout)
`

// TestAgainstPython compares the Python-semantics helpers with python3 itself on
// generated inputs (rounding ties and near-ties, number strings from a small alphabet,
// mixed-script text) and on every character Python's Unicode assigns (14.0 in Python
// 3.11, all of which Go's 15.0 tables treat alike). Skipped without python3: the
// tables above hold the values it gave.
func TestAgainstPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: the reference values are in the tables above")
	}
	rng := rand.New(rand.NewPCG(18, 18))
	var q struct {
		Round   [][2]any `json:"round"`
		Float   []string `json:"float"`
		Int     []string `json:"int"`
		Extract []string `json:"extract"`
		Lower   []string `json:"lower"`
	}
	var rounds []struct {
		x float64
		n int
	}
	for range 3000 {
		n := rng.IntN(4)
		// k/10^(n+1) with last digit 5: the decimal ties, most of them not binary ties.
		x := float64(rng.IntN(200000)*10+5) / math.Pow(10, float64(n+1))
		if rng.IntN(3) == 0 {
			x = float64(rng.IntN(1<<12)) / 64 // exact binary ties
		}
		if rng.IntN(2) == 0 {
			x = -x
		}
		rounds = append(rounds, struct {
			x float64
			n int
		}{x, n})
		q.Round = append(q.Round, [2]any{strconv.FormatFloat(x, 'g', -1, 64), n})
	}
	gen := func(alphabet []string, n int) string {
		var b strings.Builder
		for range 1 + rng.IntN(n) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	numAlpha := []string{"0", "1", "2", "5", "9", ".", ",", "-", "+", "e", "E", "_", " ", "a", "x", "٣", "５", "%", "\n"}
	q.Float = append(q.Float, "inf", "-Infinity", "nan", "-nan", "+NaN", "infinit", "nan1", "in f", "+-inf")
	for range 4000 {
		q.Float = append(q.Float, gen(numAlpha, 8))
		q.Int = append(q.Int, gen(numAlpha, 5))
		q.Extract = append(q.Extract, gen(numAlpha, 14))
	}
	textAlpha := []string{"Σ", "σ", "ς", "Α", "a", "İ", "I", "ß", "'", ".", " ", "\u0301", "\u00ad", "ǅ", "Ω", "1", "ʰ", "\u200d"}
	for range 4000 {
		q.Lower = append(q.Lower, gen(textAlpha, 7))
	}
	in, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), py, "-c", pythonCheck)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var r struct {
		Round   []string   `json:"round"`
		Float   []*string  `json:"float"`
		Int     []*string  `json:"int"`
		Extract [][]string `json:"extract"`
		Lower   []string   `json:"lower"`
		Chars   struct {
			Assigned []rune      `json:"assigned"`
			Space    []rune      `json:"space"`
			Word     []rune      `json:"word"`
			Decimal  [][2]int    `json:"decimal"`
			Lower    [][2]string `json:"lower"`
		} `json:"chars"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("python3's answer: %v", err)
	}
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 30 {
			t.Errorf(format, args...)
		}
	}
	for i, c := range rounds {
		if got := pyRound(c.x, c.n); !sameFloat(got, r.Round[i]) {
			report("pyRound(%v, %d) = %v, Python %s", c.x, c.n, got, r.Round[i])
		}
	}
	for i, s := range q.Float {
		got, ok := pyFloat(s)
		if w := r.Float[i]; (w != nil) != ok || ok && !sameFloat(got, *w) {
			report("pyFloat(%q) = %v, %v; Python %v", s, got, ok, deref(w))
		}
	}
	for i, s := range q.Int {
		got, ok := pyInt(s)
		if w := r.Int[i]; (w != nil) != ok || ok && got != *w {
			report("pyInt(%q) = %q, %v; Python %v", s, got, ok, deref(w))
		}
	}
	for i, s := range q.Extract {
		if diff := cmp.Diff(r.Extract[i], extractNumbers(s), cmpEmpty); diff != "" {
			report("extractNumbers(%q) (-Python +Go):\n%s", s, diff)
		}
	}
	for i, s := range q.Lower {
		if got := pyLower(s); got != r.Lower[i] {
			report("pyLower(%q) = %q, Python %q", s, got, r.Lower[i])
		}
	}
	// Every assigned character: white space, \w, decimal digits, lower().
	set := func(rs []rune) map[rune]bool {
		m := map[rune]bool{}
		for _, c := range rs {
			m[c] = true
		}
		return m
	}
	space, word := set(r.Chars.Space), set(r.Chars.Word)
	decimal, lower := map[rune]int{}, map[rune]string{}
	for _, d := range r.Chars.Decimal {
		decimal[rune(d[0])] = d[1]
	}
	for _, l := range r.Chars.Lower {
		c, _ := utf8.DecodeRuneInString(l[0])
		lower[c] = l[1]
	}
	if len(r.Chars.Assigned) < 100000 {
		t.Fatalf("python3 listed %d assigned characters", len(r.Chars.Assigned))
	}
	for _, c := range r.Chars.Assigned {
		if got := pyIsSpace(c); got != space[c] {
			report("pyIsSpace(%U) = %v, Python %v", c, got, space[c])
		}
		if got := pyWord(c); got != word[c] {
			report(`pyWord(%U) = %v, Python's \w %v`, c, got, word[c])
		}
		v, ok := digitValue(c)
		if w, wok := decimal[c]; ok != wok || v != w {
			report("digitValue(%U) = %d, %v; Python %d, %v", c, v, ok, w, wok)
		}
		want, ok := lower[c]
		if !ok {
			want = string(c)
		}
		if got := pyLower(string(c)); got != want {
			report("pyLower(%U) = %q, Python %q", c, got, want)
		}
	}
	t.Logf("compared with Python: %d roundings, %d float(), %d int(), %d extract_numbers, %d lower(), %d characters (%d digits, %d lower-case mappings)",
		len(rounds), len(q.Float), len(q.Int), len(q.Extract), len(q.Lower), len(r.Chars.Assigned), len(decimal), len(lower))
}

var cmpEmpty = cmp.Transformer("nilEmpty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

func deref(p *string) any {
	if p == nil {
		return "an error"
	}
	return *p
}

// sameFloat: got equals Python's repr w, NaN equal to NaN, -0 apart from 0.
func sameFloat(got float64, w string) bool {
	want, err := strconv.ParseFloat(w, 64)
	if err != nil && !isRangeErr(err) {
		return false
	}
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return got == want && math.Signbit(got) == math.Signbit(want)
}
