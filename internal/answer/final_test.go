package answer

import "testing"

func TestFinal(t *testing.T) {
	tests := []struct {
		in, want string
		unclosed bool
	}{
		{"Hello", "Hello", false},
		{"<think>reasoning</think>\n\nAnswer", "Answer", false},
		{"<think>a</think>b<think>c</think>d", "bd", false},
		{"<THINKING>a</THINKING> b", "b", false},
		{"template opened the block\n</think>\nFinal", "Final", false},
		{"<think>ran out of tokens", "", true},
		{"Answer first <think>then more", "Answer first", true},
		{"42 <think>wait", "42", true},
		{"<think>A? B?</think>C", "C", false},
		{"<think>one</think><think>two</think>  C ", "C", false},
		{"<think>the total is</think> $87.21", "$87.21", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := Final(tt.in); got != tt.want {
			t.Errorf("Final(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := UnclosedThink(tt.in); got != tt.unclosed {
			t.Errorf("UnclosedThink(%q) = %v, want %v", tt.in, got, tt.unclosed)
		}
	}
}
