package report

import (
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/results"
)

// Truncated answers stay out of the tiers unless the run accepted them, and the report
// says how many there were, per question, with the budget.
func TestTruncatedAnswers(t *testing.T) {
	cut := func(accept bool) func(*results.Run) {
		return func(r *results.Run) {
			r.Settings.MaxTokens, r.Settings.AcceptTruncated = 4096, accept
			for i := range r.Answers {
				if r.Answers[i].ID == "VL-T3-Q4" {
					r.Answers[i].Truncated, r.Answers[i].Score = true, 1
				}
			}
			r.Answers[0].Uncertain = map[string]string{"exact text match": "mostly not English"}
		}
	}
	for _, tc := range []struct {
		accept  bool
		wantT3  float64
		verdict string
	}{
		{false, 4, "kept out of the tiers and roles"},
		{true, (4*3 + 1) / 4.0, "counted, as the run accepted them"},
	} {
		rep := Join(&Set{Runs: []*Run{fakeRun("M-Q4_K_M", "baseline", 5, 5, 4, cut(tc.accept))}})
		e := rep.Models[0].Entries[0]
		if got := e.Sum.Tiers[3].Mean; got != tc.wantT3 {
			t.Errorf("accept %v: T3 mean %.3f, want %.3f", tc.accept, got, tc.wantT3)
		}
		notes := strings.Join(rep.Notes, "\n")
		want := "1 of 10 answers truncated at the budget of 4096 tokens (VL-T3-Q4 1; " + tc.verdict + "); 1 uncertain to the rules"
		if !strings.Contains(notes, want) {
			t.Errorf("accept %v: notes %q, want %q", tc.accept, notes, want)
		}
	}
}
