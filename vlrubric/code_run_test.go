package vlrubric

import (
	"testing"
)

// TestRunCode runs every code variant's function, as drawn and as fixed, on lists that
// show each kind of bug: the fixed code does what its docstring says, the drawn code
// differs from it on at least one list, and code outside the small language is refused.
func TestRunCode(t *testing.T) {
	intent := map[string]func([]int) int{
		"find_max": func(l []int) int {
			m := l[0]
			for _, v := range l {
				m = max(m, v)
			}
			return m
		},
		"find_min": func(l []int) int {
			m := l[0]
			for _, v := range l {
				m = min(m, v)
			}
			return m
		},
		"sum_values": func(l []int) int {
			s := 0
			for _, v := range l {
				s += v
			}
			return s
		},
		"count_positive": func(l []int) int {
			n := 0
			for _, v := range l {
				if v > 0 {
					n++
				}
			}
			return n
		},
	}
	lists := [][]int{{3, 1, 7}, {5, 2, 8}, {-4, -7, -2}, {4, 9, 2}, {0, 0, 5}, {6, 2, 0, 1}}
	kinds := map[string]bool{}
	for v := 0; v < 40; v++ {
		ct := variantTruth("VL-T2-Q3", v).Code
		want, ok := intent[ct.Function]
		if !ok {
			t.Fatalf("v%d: a function this test does not know: %s", v, ct.Function)
		}
		fixed, ok := fixedCode(ct)
		if !ok {
			t.Fatalf("v%d: the fix %q does not apply to line %d of\n%s", v, ct.Fix, ct.BugLine, ct.Code)
		}
		differs := false
		for _, l := range lists {
			got, ok := runCode(fixed, l)
			if !ok || got != want(l) {
				t.Errorf("v%d: fixed %s(%v) = %d, %v; want %d\n%s", v, ct.Function, l, got, ok, want(l), fixed)
			}
			if b, ok := runCode(ct.Code, l); ok && b != want(l) {
				differs = true
			}
		}
		if !differs {
			t.Errorf("v%d: the drawn code (bug: %s) gives the right result on every list\n%s", v, ct.Bug, ct.Code)
		}
		kinds[ct.Function+": "+ct.Bug] = true
	}
	if len(kinds) < 8 {
		t.Errorf("only %d kinds of function and bug in 40 variants", len(kinds))
	}
	for _, code := range []string{
		"def f(xs):\n    return sorted(xs)[0]\n",
		"def f(xs):\n    while True:\n        pass\n",
		"x = 1\n",
	} {
		if v, ok := runCode(code, []int{1, 2}); ok {
			t.Errorf("runCode(%q) = %d, ok; want refused", code, v)
		}
	}
	if v, ok := runCode("def f(xs):\n    return xs[5]\n", []int{1, 2}); ok {
		t.Errorf("an index out of range ran: %d", v)
	}
}
