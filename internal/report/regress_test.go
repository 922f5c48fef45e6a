package report

import (
	"strings"
	"testing"
)

func TestCompareSpeed(t *testing.T) {
	bench := func(spec float64, mem float64) *Report {
		return Join(&Set{
			Runs:    []*Run{fakeRun("A-7B-Q4_K_M", "baseline", 5, 4, 3)},
			Benches: []*Bench{fakeBench("b", "A-7B-Q4_K_M", map[string][2]float64{"baseline": {15, 5}, "spec-k8": {spec, mem}})},
		})
	}
	old := bench(57, 6)
	tests := []struct {
		name          string
		new           *Report
		regs, improve []string
	}{
		{"same", bench(57, 6), nil, nil},
		// ±1% noise: a 0.3% shift is not significant.
		{"noise", bench(57.2, 6), nil, nil},
		{"slower", bench(50, 6), []string{"spec-k8: Generate tok/s 57.0 → 50.0 (-12.28%"}, nil},
		{"faster", bench(62, 6), nil, []string{"spec-k8: Generate tok/s 57.0 → 62.0 (+8.77%"}},
		// One memory sample: a U test of 1+1 samples is never significant.
		{"more memory, one sample", bench(57, 9), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compare(old, tt.new, "old")
			check := func(what string, got []Regression, want []string) {
				if len(got) != len(want) {
					t.Fatalf("%s = %v, want %d", what, got, len(want))
				}
				for i := range want {
					if !strings.Contains(got[i].String(), want[i]) {
						t.Errorf("%s[%d] = %q, want it to contain %q", what, i, got[i], want[i])
					}
				}
			}
			check("regressions", r.List, tt.regs)
			check("improvements", r.Improved, tt.improve)
		})
	}
}

func TestCompareLowerIsBetter(t *testing.T) {
	mk := func(ms float64) *Report {
		b := &Bench{Path: "b", Model: "A-Q4_K_M", Samples: map[SampleKey][]float64{}, Better: map[string]int{}}
		k := SampleKey{Bench: "Image", Config: "baseline", Unit: "ttft-ms"}
		for i := range 10 {
			b.Samples[k] = append(b.Samples[k], ms+float64(i%3))
		}
		return Join(&Set{Benches: []*Bench{b}})
	}
	if r := Compare(mk(100), mk(130), "old"); len(r.List) != 1 || !strings.Contains(r.List[0].Text, "ttft-ms") {
		t.Errorf("slower first token: %v, want a regression", r.List)
	}
	if r := Compare(mk(130), mk(100), "old"); len(r.List) != 0 || len(r.Improved) != 1 {
		t.Errorf("faster first token: regressions %v, improvements %v", r.List, r.Improved)
	}
}

func TestCompareQuality(t *testing.T) {
	old := Join(&Set{Runs: []*Run{fakeRun("A-30B-Q4_K_M", "moe4", 5, 4.3, 3.2)}})
	worse := Join(&Set{Runs: []*Run{fakeRun("A-30B-Q4_K_M", "moe4", 5, 3.9, 3.2)}})
	r := Compare(old, worse, "old")
	if len(r.List) != 1 || r.List[0].What != "quality" || !strings.Contains(r.List[0].Text, "no longer meets vision_escalation: T2 score 3.90 < minimum 4") {
		t.Fatalf("Compare = %v, want vision_escalation lost on T2", r.List)
	}
	// A lower score that still meets every role met before is not a regression, and a
	// role the baseline did not meet cannot be lost.
	if r := Compare(old, Join(&Set{Runs: []*Run{fakeRun("A-30B-Q4_K_M", "moe4", 5, 4.0, 3.0)}}), "old"); len(r.List) != 0 {
		t.Errorf("lower but still qualified: %v", r.List)
	}
	if r := Compare(worse, worse, "old"); len(r.List) != 0 || r.Quality != 1 {
		t.Errorf("self comparison: %v (compared %d)", r.List, r.Quality)
	}
}
