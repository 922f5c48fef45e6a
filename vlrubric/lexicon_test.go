package vlrubric

import (
	"strings"
	"testing"
)

// The Chinese and Japanese terms are replaced in table order, so a term that holds an
// earlier one can never match ("为什么不是" after "不"): longer terms must come first.
func TestLexiconHanOrder(t *testing.T) {
	for i, kv := range lexiconHan {
		for _, earlier := range lexiconHan[:i] {
			if earlier[0] != kv[0] && strings.Contains(kv[0], earlier[0]) {
				t.Errorf("lexiconHan: %q can never match: the earlier %q is replaced first", kv[0], earlier[0])
			}
		}
	}
}

func TestDegree(t *testing.T) {
	for in, want := range map[string]string{
		"la plus grande valeur":  "the largest valeur",
		"une valeur plus grande": "une valeur larger",
		"el valor más alto":      "el valor highest",
		"più alto di uno":        "higher than uno",
		"la más pequeña":         "la smallest",
	} {
		if got := degreeRe.ReplaceAllStringFunc(in, degree); got != want {
			t.Errorf("degree(%q) = %q, want %q", in, got, want)
		}
	}
}
