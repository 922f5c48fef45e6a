package report

import (
	"fmt"
	"testing"

	"github.com/vlbench/vlbench/vlrubric"
)

func TestTierCell(t *testing.T) {
	s := vlrubric.Summarize([]vlrubric.Result{
		{ID: "VL-T1-Q1", Score: 5}, {ID: "VL-T1-Q2", Score: 5}, {ID: "VL-T1-Q3", Score: 4.9}, // mean 4.97
		{ID: "VL-T2-Q1", Score: 5}, {ID: "VL-T2-Q2", Score: 5}, {ID: "VL-T2-Q3", Score: 5},
	})
	for tier, want := range map[int]string{1: "4.97", 2: "5.0", 3: "–"} {
		if got := tierCell(&s, tier); got != want {
			t.Errorf("tierCell(T%d) = %q, want %q", tier, got, want)
		}
	}
}

func TestNaturalLess(t *testing.T) {
	for _, p := range [][2]string{{"Qwen3-VL-8B", "Qwen3-VL-30B"}, {"spec-k8", "spec-k16"}, {"Qwen2.5-VL-7B", "Qwen3-VL-2B"}, {"a", "ab"}} {
		if !naturalLess(p[0], p[1]) || naturalLess(p[1], p[0]) {
			t.Errorf("naturalLess(%q, %q) wrong", p[0], p[1])
		}
	}
	if !configLess("baseline", "a") || configLess("moe4", "baseline") {
		t.Error("baseline does not sort first")
	}
}

func TestSpeedRows(t *testing.T) {
	rep := Join(&Set{Benches: []*Bench{
		fakeBench("a", "Dense-7B-Q4_K_M", map[string][2]float64{"baseline": {15, 5}, "spec-k8": {57, 6}}),
		fakeBench("b", "Slow-Q8_0", map[string][2]float64{"baseline": {10.8, 9}}),
		fakeBench("c", "Odd-Q4_K_M", map[string][2]float64{"baseline": {30, 9}, "spec-k8": {25, 9}}),
	}})
	rows := rep.SpeedRows()
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	byName := map[string]SpeedRow{}
	for _, r := range rows {
		byName[r.Model] = r
	}
	if r := byName["Dense-7B"]; r.Optimized != "**57.0 t/s**" || r.Best != "Spec Decode K=8" || r.Gain < 3.7 || r.Gain > 3.9 {
		t.Errorf("Dense-7B row = %+v", r)
	}
	if r := byName["Slow"]; r.Baseline != "**10.8 t/s**" || r.Optimized != "N/A" || r.Notes != "too slow for worker_vision and vision_escalation" {
		t.Errorf("Slow row = %+v", r)
	}
	if r := byName["Odd"]; r.Best != "none (baseline fastest)" || r.Baseline != "**30.0 t/s**" {
		t.Errorf("Odd row = %+v", r)
	}
}

func ExampleAcceleration() {
	for _, c := range []string{"baseline", "spec-k8", "moe4", "moe4-t16", "ngram", "moe4+imgmax512-t8", "spec-k8+imgmax512", "custom"} {
		fmt.Printf("%s: %s (lossless %v)\n", c, Acceleration(c), Lossless(c))
	}
	// Output:
	// baseline: baseline (lossless false)
	// spec-k8: Spec Decode K=8 (lossless true)
	// moe4: MoE 4 experts (lossless false)
	// moe4-t16: MoE 4 experts (16 threads) (lossless false)
	// ngram: Prompt Lookup (n-gram) (lossless true)
	// moe4+imgmax512-t8: MoE 4 experts + image tokens ≤ 512 (8 threads) (lossless false)
	// spec-k8+imgmax512: Spec Decode K=8 + image tokens ≤ 512 (lossless false)
	// custom: custom (lossless false)
}
