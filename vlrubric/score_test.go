package vlrubric

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/fixtures"
)

func TestCriteriaTable(t *testing.T) {
	for _, id := range IDs() {
		cs := Criteria(id)
		if len(cs) == 0 {
			t.Errorf("Criteria(%s) is empty", id)
		}
		sum := 0.0
		for _, c := range cs {
			sum += c.Weight
			// RUBRIC.md's names: lower case, not the plan's Title Case ("correct
			// value for B" keeps its bar label).
			if c.Name[:1] != strings.ToLower(c.Name[:1]) {
				t.Errorf("Criteria(%s): name %q is not as RUBRIC.md writes it", id, c.Name)
			}
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("Criteria(%s): weights sum to %v, want 1", id, sum)
		}
		if scorers[id] == nil {
			t.Errorf("no scorer for %s", id)
		}
		if Tier(id) < 1 || Tier(id) > 3 {
			t.Errorf("Tier(%s) = %d", id, Tier(id))
		}
	}
	if Criteria("VL-T9-Q9") != nil {
		t.Errorf("Criteria(unknown) != nil")
	}
}

func TestScoreEdges(t *testing.T) {
	tests := []struct {
		name    string
		truth   fixtures.Truth
		answer  string
		score   float64
		refusal bool
		final   string
	}{
		{"empty", canonical("VL-T1-Q1"), "", 1, true, ""},
		{"think only", canonical("VL-T1-Q1"), "<think>It says Hello World 123", 1, true, ""},
		{"refusal", canonical("VL-T2-Q2"), "I'm sorry, but I cannot view images.", 1, true, "I'm sorry, but I cannot view images."},
		{"hedged refusal that answers", canonical("VL-T1-Q1"), "I'm not able to be fully certain, but the text reads \"Hello World 123\".", 5, false,
			"I'm not able to be fully certain, but the text reads \"Hello World 123\"."},
		{"unknown question", fixtures.Truth{ID: "VL-T9-Q9"}, "anything", 1, false, "anything"},
		{"missing truth", fixtures.Truth{ID: "VL-T1-Q1"}, "Hello World 123", 1, false, "Hello World 123"},
		{"scored on final only", canonical("VL-T1-Q3"), "<think>a briefcase? no</think>A folder with a tab.", 5, false, "A folder with a tab."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(tt.truth, tt.answer)
			got := struct {
				Score   float64
				Refusal bool
				Final   string
			}{r.Score, r.Refusal, r.Final}
			want := struct {
				Score   float64
				Refusal bool
				Final   string
			}{tt.score, tt.refusal, tt.final}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Score() mismatch (-want +got):\n%s\n%s", diff, r)
			}
			for _, c := range r.Criteria {
				if c.Evidence == "" {
					t.Errorf("criterion %q has no evidence", c.Name)
				}
			}
		})
	}
}

func TestScoreRounding(t *testing.T) {
	// 1 + 4 × (0.7 + 0.2/3 + 0.1) = 4.4666… → 4.5.
	res := []CriterionResult{{Weight: 0.7, Fraction: 1}, {Weight: 0.2, Fraction: 1.0 / 3}, {Weight: 0.1, Fraction: 1}}
	if got := total(res); got != 4.5 {
		t.Errorf("total() = %v, want 4.5", got)
	}
}

func ExampleScore() {
	truth := fixtures.Truth{ID: "VL-T3-Q1", Equation: &fixtures.EquationTruth{
		Equation: "2x + 5 = 13", Var: "x", A: 2, B: 5, C: 13, Solution: 4, Steps: []string{"2x = 8", "x = 4"}}}
	r := Score(truth, "<think>13 - 5 = 8, 8 / 2 = 4</think>\nThe answer is $x = \\boxed{4}$.")
	fmt.Println(r)
	// Output:
	// VL-T3-Q1 variant 0: score 3.8
	//   correct answer                   w=0.5 f=1.00  x = 4
	//   shows working                    w=0.3 f=0.00  does not isolate 2x = 8; no division step shown
	//   reads equation correctly         w=0.2 f=1.00  not restated, but solved: it was read
}

func ExampleScore_refusal() {
	truth := fixtures.Truth{ID: "VL-T1-Q1", Text: &fixtures.TextTruth{Text: "Hello World 123"}}
	r := Score(truth, "I'm sorry, but I can't see any image.")
	fmt.Println(r.Score, r.Refusal)
	fmt.Println(r.Criteria[0].Evidence)
	// Output:
	// 1 true
	// refusal: "I'm sorry"
}

// TestScoreSurvivesAPanickingRule: a scorer that panics on an answer scores it 1, says
// why, and marks every criterion uncertain, so a run goes on (and the calibration
// tests, which check for the reason, fail).
func TestScoreSurvivesAPanickingRule(t *testing.T) {
	saved := scorers["VL-T1-Q1"]
	defer func() { scorers["VL-T1-Q1"] = saved }()
	scorers["VL-T1-Q1"] = func(fixtures.Truth, answerText) ([]CriterionResult, error) {
		var s []int
		_ = s[3] // index out of range
		return nil, nil
	}
	r := Score(canonical("VL-T1-Q1"), "Hello World 123")
	if r.Score != 1 || len(r.Criteria) != 3 || !strings.HasPrefix(r.Criteria[0].Evidence, errScorerFailed.Error()) {
		t.Fatalf("Score with a panicking rule = %v, want 1 with the failure as evidence", r)
	}
	if len(r.Uncertain) != 3 {
		t.Errorf("Uncertain = %v, want every criterion", r.Uncertain)
	}
}
