package vlrubric

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// tierScores builds results: for each tier, one score per question (the tier's
// questions in order, cycling through scores), for one variant.
// approx compares fractions and scores to within 0.001 (absolute).
var approx = cmpopts.EquateApprox(0, 1e-3)

func tierScores(variant int, scores map[int][]float64) []Result {
	var out []Result
	for _, id := range IDs() {
		xs := scores[Tier(id)]
		if len(xs) == 0 {
			continue
		}
		n := 0
		for _, r := range out {
			if Tier(r.ID) == Tier(id) && r.Variant == variant {
				n++
			}
		}
		out = append(out, Result{ID: id, Variant: variant, Score: xs[n%len(xs)]})
	}
	return out
}

func roleNames(s Summary) []Role { return s.Qualified }

func TestRoleThresholds(t *testing.T) {
	tests := []struct {
		name   string
		scores map[int][]float64
		want   []Role
	}{
		{"all five", map[int][]float64{1: {5}, 2: {5}, 3: {5}}, []Role{WorkerVision, VisionEscalation, VisionArchitect}},
		{"T1 exactly 4, T2 exactly 3", map[int][]float64{1: {4}, 2: {3}, 3: {1}}, []Role{WorkerVision}},
		// T1 questions 4.0, 4.0, 3.9: mean 3.97 < 4.
		{"T1 just under 4", map[int][]float64{1: {4, 4, 3.9}, 2: {5}, 3: {5}}, nil},
		{"T2 just under 3", map[int][]float64{1: {5}, 2: {3, 3, 2.9}, 3: {5}}, nil},
		// T1 mean 4.97 but one question below 5: "= 5" fails, worker passes.
		{"T1 one question 4.9", map[int][]float64{1: {5, 5, 4.9}, 2: {5}, 3: {5}}, []Role{WorkerVision}},
		{"escalation boundaries", map[int][]float64{1: {5}, 2: {4}, 3: {3}}, []Role{WorkerVision, VisionEscalation}},
		{"escalation T3 2.97", map[int][]float64{1: {5}, 2: {4}, 3: {3, 3, 3, 2.9}}, []Role{WorkerVision}},
		{"architect T3 exactly 4", map[int][]float64{1: {5}, 2: {5}, 3: {4}}, []Role{WorkerVision, VisionEscalation, VisionArchitect}},
		{"architect T2 one 4.9", map[int][]float64{1: {5}, 2: {5, 5, 4.9}, 3: {5}}, []Role{WorkerVision, VisionEscalation}},
		{"missing T3", map[int][]float64{1: {5}, 2: {5}}, []Role{WorkerVision}},
		{"missing T2", map[int][]float64{1: {5}, 3: {5}}, nil},
		{"nothing", map[int][]float64{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Summarize(tierScores(0, tt.scores))
			if diff := cmp.Diff(tt.want, roleNames(s)); diff != "" {
				t.Errorf("Summarize().Qualified mismatch (-want +got):\n%s\n%s", diff, s)
			}
		})
	}
}

func TestFailures(t *testing.T) {
	s := Summarize(tierScores(0, map[int][]float64{1: {5, 5, 4.9}, 2: {3.5}}))
	got := s.Failures(VisionEscalation)
	want := []Failure{
		{Role: VisionEscalation, Tier: 1, Score: (5 + 5 + 4.9) / 3, Min: 5, AllFive: true, Lowest: 4.9},
		{Role: VisionEscalation, Tier: 2, Score: 3.5, Min: 4, Lowest: 3.5},
		{Role: VisionEscalation, Tier: 3, Min: 3, Missing: true},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("Failures(vision_escalation) mismatch (-want +got):\n%s", diff)
	}
	var lines []string
	for _, f := range got {
		lines = append(lines, f.String())
	}
	wantLines := []string{
		"vision_escalation: T1 score 4.97, lowest question 4.9; needs every question 5",
		"vision_escalation: T2 score 3.50 < minimum 4",
		"vision_escalation: T3 has no scores (needs T3 ≥ 3)",
	}
	if diff := cmp.Diff(wantLines, lines); diff != "" {
		t.Errorf("Failure.String() mismatch (-want +got):\n%s", diff)
	}
	if got := s.Failures(Role("nope")); len(got) != 1 || got[0].Gate == nil {
		t.Errorf("Failures(unknown role) = %v, want one gate failure", got)
	}
}

func TestGates(t *testing.T) {
	s := Summarize(tierScores(0, map[int][]float64{1: {5}, 2: {5}, 3: {5}}))
	slow := func(r Role) error {
		if min, _ := r.Floors(); min > 30 {
			return errors.New("generation 25 t/s, needs > 40 t/s")
		}
		return nil
	}
	if s.Qualifies(WorkerVision, slow) {
		t.Errorf("Qualifies(worker_vision, slow gate) = true, want false")
	}
	if !s.Qualifies(VisionEscalation, slow, nil) {
		t.Errorf("Qualifies(vision_escalation, slow gate) = false, want true: %v", s.Failures(VisionEscalation, slow))
	}
	f := s.Failures(WorkerVision, slow)
	if len(f) != 1 || f[0].String() != "worker_vision: generation 25 t/s, needs > 40 t/s" {
		t.Errorf("Failures(worker_vision, slow) = %v", f)
	}
}

func TestSummarizeVariants(t *testing.T) {
	var rs []Result
	for v, x := range []float64{4, 5, 3} {
		rs = append(rs, tierScores(v, map[int][]float64{1: {x}})...)
	}
	s := Summarize(rs)
	ts := s.Tiers[1]
	// Per-variant tier scores 4, 5, 3: mean 4, sd 1, t(2) = 4.303, half 4.303/√3.
	half := 4.303 / 1.7320508
	want := TierSummary{Tier: 1, Questions: map[string]float64{"VL-T1-Q1": 4, "VL-T1-Q2": 4, "VL-T1-Q3": 4},
		Mean: 4, N: 9, Variants: 3, CI: Interval{Lo: 4 - half, Hi: 5, Method: "t"}, Min: 3}
	if diff := cmp.Diff(want, ts, approx); diff != "" {
		t.Errorf("Summarize() tier 1 mismatch (-want +got):\n%s", diff)
	}
	one := Summarize(tierScores(0, map[int][]float64{1: {4.5}})).Tiers[1].CI
	if diff := cmp.Diff(Interval{Lo: 4.5, Hi: 4.5, Method: "degenerate: n=1"}, one); diff != "" {
		t.Errorf("one variant: interval mismatch (-want +got):\n%s", diff)
	}
}

func ExampleSummarize() {
	var rs []Result
	for v := 0; v < 3; v++ {
		rs = append(rs, tierScores(v, map[int][]float64{1: {5}, 2: {4, 5}, 3: {3}})...)
	}
	s := Summarize(rs)
	fmt.Println(s)
	for _, f := range s.Failures(VisionArchitect) {
		fmt.Println(f)
	}
	// Output:
	// T1: 5.00 [5.00, 5.00] (t, 9 scores, 3 variants), all 5
	// T2: 4.33 [4.33, 4.33] (t, 9 scores, 3 variants)
	// T3: 3.00 [3.00, 3.00] (t, 12 scores, 3 variants)
	// qualifies: worker_vision, vision_escalation
	// vision_architect: T2 score 4.33, lowest question 4.0; needs every question 5
	// vision_architect: T3 score 3.00 < minimum 4
}
