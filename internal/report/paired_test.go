package report

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/results"
)

// withScores sets the scores of the named questions.
func withScores(scores map[string]float64) func(*results.Run) {
	return func(r *results.Run) {
		for i, a := range r.Answers {
			if s, ok := scores[a.ID]; ok {
				r.Answers[i].Score = s
			}
		}
	}
}

// costReport: a MoE model whose moe4 rubric run lost 0, 0.5 and 1 point on the three T2
// questions and nothing else, with bench speeds 25 and 35 tok/s; a dense model with a
// spec-k8 run whose answers are the baseline's but one.
func costReport() *Report {
	moe4 := withScores(map[string]float64{"VL-T2-Q1": 4.4, "VL-T2-Q2": 3.9, "VL-T2-Q3": 3.4})
	answer := func(text string) func(*results.Run) {
		return func(r *results.Run) {
			for i := range r.Answers {
				r.Answers[i].Answer = "the same"
			}
			r.Answers[0].Answer = text
		}
	}
	return Join(&Set{
		Runs: []*Run{
			fakeRun("Moe-30B-Q4_K_M", "baseline", 5, 4.4, 3.5, withRSS(18)),
			fakeRun("Moe-30B-Q4_K_M", "moe4", 5, 4.4, 3.5, withRSS(18), moe4),
			fakeRun("Dense-7B-Q4_K_M", "baseline", 5, 4, 3, withRSS(6), answer("a cat")),
			fakeRun("Dense-7B-Q4_K_M", "spec-k8", 5, 4, 3, withRSS(6), answer("a dog")),
		},
		Benches: []*Bench{
			fakeBench("b", "Moe-30B-Q4_K_M", map[string][2]float64{"baseline": {25, 18}, "moe4": {35, 18}}),
			fakeBench("a", "Dense-7B-Q4_K_M", map[string][2]float64{"baseline": {15, 6}, "spec-k8": {45, 6}}),
		},
	})
}

func TestCosts(t *testing.T) {
	rep := costReport()
	rows := rep.CostRows()
	if len(rows) != 2 {
		t.Fatalf("%d cost rows, want 2: %+v", len(rows), rows)
	}
	d, m := rows[0], rows[1]
	if d.Config != "spec-k8" || m.Config != "moe4" {
		t.Fatalf("rows %s, %s", d.Config, m.Config)
	}
	// T2 differences 0, −0.5, −1: mean −0.5, sd 0.5, t(2) = 4.303, half 4.303·0.5/√3 =
	// 1.242; Wilcoxon drops the zero, leaving two negatives of distinct size: V = 0,
	// exact p = 2·¼ = 0.5. 7.85·(0.5/0.5)² = 8 pairs over 3 questions: 2 variants.
	if want := "−0.50 (−1.74 to +0.74), n 3, W p 0.5"; m.T2 != want {
		t.Errorf("moe4 ΔT2 = %q, want %q", m.T2, want)
	}
	if want := "±0.00 (every pair), n 3"; m.T1 != want {
		t.Errorf("moe4 ΔT1 = %q, want %q", m.T1, want)
	}
	if !strings.HasPrefix(m.Speed, "1.40× (p=0.000 n=10)") || m.Lossless != "lossy: quality from the rubric" {
		t.Errorf("moe4 speed %q, lossless %q", m.Speed, m.Lossless)
	}
	if want := "T1 0 (sd 0.00), T2 2 (sd 0.50), T3 0 (sd 0.00)"; m.Power != want {
		t.Errorf("moe4 power %q, want %q", m.Power, want)
	}
	if !strings.HasPrefix(d.Lossless, "NOT lossless: 9 of 10 answers identical; first differ: VL-T1-Q1 v0 at byte 2 (\"cat\" vs \"dog\")") {
		t.Errorf("spec-k8 lossless %q", d.Lossless)
	}
	mx := rep.Matrix()
	want := []MatrixRow{
		{Model: "Dense-7B Q4_K_M", MoE: "No (dense)", Spec: "Yes: spec-k8 3.00×", Lookup: "untested"},
		{Model: "Moe-30B Q4_K_M", MoE: "Yes: moe4 1.40×, T2 −0.50", Spec: "untested", Lookup: "untested"},
	}
	if len(mx) != 2 || mx[0] != want[0] {
		t.Errorf("matrix %+v, want %+v", mx, want)
	}
	// The fixture's MoE model is written as qwen2vl (dense) by fakeRun: give it experts.
	rep.Models[1].ExpertCount = 128
	if mx := rep.Matrix(); mx[1] != want[1] {
		t.Errorf("matrix %+v, want %+v", mx[1], want[1])
	}
	figs, err := rep.Figures()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range figs {
		if f.Title == "Quality cost of acceleration" {
			found = true
			if _, err := png.Decode(bytes.NewReader(f.PNG)); err != nil {
				t.Error(err)
			}
			if !strings.Contains(f.Caption, "Paired: Dense-7B spec-k8, Moe-30B moe4.") {
				t.Errorf("caption %q", f.Caption)
			}
		}
	}
	if !found {
		t.Errorf("no cost figure among %d", len(figs))
	}
	var h bytes.Buffer
	if err := rep.HTML(&h, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>Quality cost of acceleration</h2>", "<h2>Acceleration Compatibility Matrix</h2>",
		`<td class="delta">−0.50 (−1.74 to &#43;0.74), n 3, W p 0.5</td>`, `<td class="differ">NOT lossless: 9 of 10`, "<td>Yes: moe4 1.40×, T2 −0.50</td>", `alt="Quality cost of acceleration"`} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// A standard set run by both configs: McNemar on the shared samples.
func TestCompareSetsPaired(t *testing.T) {
	mk := func(config string, scores []float64) *SetRun {
		r := &results.Run{Suite: "mmmu", Config: config, Metric: &results.Metric{Name: "accuracy"}}
		k := 0.0
		for i, s := range scores {
			r.Answers = append(r.Answers, results.Answer{ID: string(rune('a' + i)), Score: s})
			k += s
		}
		r.Metric.Value = k / float64(len(scores))
		return &SetRun{Set: "mmmu", Config: config, Run: &Run{Run: r}}
	}
	// 10 samples: 6 fell from 1 to 0, none rose: McNemar p = 2/64.
	base := mk("baseline", []float64{1, 1, 1, 1, 1, 1, 1, 0, 0, 1})
	moe := mk("moe4", []float64{0, 0, 0, 0, 0, 0, 1, 0, 0, 1})
	d := CompareSets(base, moe)
	if want := "mmmu −0.600 (n 10: 6 worse, 0 better, McNemar p 0.0313)"; d.String() != want || !d.worse() {
		t.Errorf("CompareSets = %q (worse %v), want %q", d, d.worse(), want)
	}
	// No shared samples: unpaired.
	other := mk("moe4", []float64{0, 1})
	for i := range other.Answers {
		other.Answers[i].ID = "z" + other.Answers[i].ID
	}
	if d := CompareSets(base, other); d.Paired || !strings.HasSuffix(d.String(), "(unpaired: no shared samples)") {
		t.Errorf("unpaired: %q", d)
	}
}

// A spec-k8 run whose answers differ from the baseline's does not lend the baseline its
// speed: the role gates judge the baseline at its own.
func TestAcceleratedShownLossy(t *testing.T) {
	rep := costReport()
	dense := rep.Models[0]
	if dense.Key.Name != "Dense-7B" {
		t.Fatalf("models %v", dense.Key)
	}
	if a := dense.Accelerated(dense.Entries[0]); a != dense.Entries[0] {
		t.Errorf("baseline accelerated by %s, whose answers differ; want itself", a.Config)
	}
	// The same answers: spec-k8 stands for the baseline.
	for i := range dense.Entries[1].Run.Answers {
		dense.Entries[1].Run.Answers[i].Answer = dense.Entries[0].Run.Answers[i].Answer
	}
	if a := dense.Accelerated(dense.Entries[0]); a.Config != "spec-k8" {
		t.Errorf("baseline accelerated by %s; want spec-k8 (answers identical, faster)", a.Config)
	}
}
