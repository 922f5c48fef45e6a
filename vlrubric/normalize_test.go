package vlrubric

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**Total: $87.21**", "Total: $87.21"},
		{"## Answer\n- 3 red circles\n- 2 blue squares", "Answer\n3 red circles\n2 blue squares"},
		{`\(x = 4\)`, "x = 4"},
		{`$x = \boxed{4}$`, "x = 4"},
		{`$$x = \frac{8}{2}$$`, "x = 8/2"},
		{`$2x + 5 = 13$`, "2x + 5 = 13"},
		{`Subtotal $80.75 + tax $6.46`, "Subtotal $80.75 + tax $6.46"},
		{`\text{Send Alert}`, "Send Alert"},
		{"a -> b => c ⇒ d", "a → b → c → d"},
		{"input \\gt 10", "input > 10"},
		{"2 \\times 4", "2 × 4"},
		{"| A | 10 |\n|---|---|\n| B | 25 |", "| A | 10 |\n| B | 25 |"},
		{"“Hello World 123”", `"Hello World 123"`},
		{"use `range(1, len(values))`", "use range(1, len(values))"},
		{"x \u2212 4", "x - 4"},
		{"*italic* text", "italic text"},
	}
	for _, tt := range tests {
		if got := Plain(tt.in); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseNumberWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"five", 5, true}, {"Twenty-five", 25, true}, {"twenty five", 25, true},
		{"one hundred and five", 105, true}, {"two thousand three hundred", 2300, true},
		{"eighty-seven", 87, true}, {"zero", 0, true}, {"a dozen", 0, false}, {"and", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumberWords(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseNumberWords(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNumbers(t *testing.T) {
	got := func(s string) []string {
		var out []string
		for _, n := range Numbers(s) {
			out = append(out, fmt.Sprintf("%g cur=%v", n.Value, n.Currency))
		}
		return out
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"Total: $1,042.50", []string{"1042.5 cur=true"}},
		{"twenty-five and 3", []string{"25 cur=false", "3 cur=false"}},
		{"87.21 USD", []string{"87.21 cur=true"}},
		{"10, 25, 15, 20", []string{"10 cur=false", "25 cur=false", "15 cur=false", "20 cur=false"}},
		{"bar Q3 and 2x", []string{"2 cur=false"}},
		{"one hundred and five apples and two pears", []string{"105 cur=false", "2 cur=false"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, got(tt.in)); diff != "" {
			t.Errorf("Numbers(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestNegated(t *testing.T) {
	tests := []struct {
		s, word string
		want    bool
	}{
		{"It's not a briefcase, it's a folder.", "briefcase", true},
		{"It's not a briefcase, it's a folder.", "folder", false},
		{"It's not a folder but a briefcase.", "folder", true},
		{"It's not a folder but a briefcase.", "briefcase", false},
		{"There is no bug in this code.", "bug", true},
		{"I don't think it is an envelope.", "envelope", true},
		{"A folder, rather than a book.", "book", true},
		{"The bug is on line 4.", "bug", false},
	}
	for _, tt := range tests {
		sp := findPhrase(tt.s, tt.word)
		if len(sp) == 0 {
			t.Fatalf("findPhrase(%q, %q) found nothing", tt.s, tt.word)
		}
		if got := negated(tt.s, sp[0].Start); got != tt.want {
			t.Errorf("negated(%q, %q) = %v, want %v", tt.s, tt.word, got, tt.want)
		}
	}
}

func TestFindKeyword(t *testing.T) {
	tests := []struct {
		s, kw string
		want  bool
	}{
		{"the last element is excluded", "exclud", true},
		{"range(1, len(values) - 1)", "- 1", true},
		{"starts at 10", "1", false},
		{"starts at 1.", "1", true},
		{"find_max returns", "max", false},
		{"the max value", "max", true},
		{"uses >= instead", ">=", true},
	}
	for _, tt := range tests {
		if _, got := findKeyword(tt.s, tt.kw); got != tt.want {
			t.Errorf("findKeyword(%q, %q) = %v, want %v", tt.s, tt.kw, got, tt.want)
		}
	}
}
