package report

import (
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/vlrubric"
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
	// The same items, every T2 answer 0.4 lower: the role is lost, and the paired
	// comparison sees the fall too.
	if len(r.List) != 2 || r.List[0].What != "quality (paired)" || r.List[0].Text != "T2 fell −0.40 on 3 shared items (paired 95% CI −0.40 to −0.40, Wilcoxon p 0.15)" ||
		r.List[1].What != "quality" || !strings.Contains(r.List[1].Text, "no longer meets vision_escalation: T2 score 3.90 < minimum 4") {
		t.Fatalf("Compare = %q, want T2 fallen (paired) and vision_escalation lost on T2", r.List)
	}
	// A role the baseline did not meet cannot be lost; equal scores are no fall.
	if r := Compare(old, Join(&Set{Runs: []*Run{fakeRun("A-30B-Q4_K_M", "moe4", 5, 4.3, 3.0)}}), "old"); len(r.List) != 1 || !strings.HasPrefix(r.List[0].Text, "T3 fell") {
		t.Errorf("lower T3 only: %v, want the paired T3 fall alone", r.List)
	}
	if r := Compare(worse, worse, "old"); len(r.List) != 0 || r.Quality != 1 || r.Paired != 3 || r.Unpaired != 0 {
		t.Errorf("self comparison: %v (compared %d, paired %d, unpaired %d)", r.List, r.Quality, r.Paired, r.Unpaired)
	}
}

// variantRun is a rubric run of A-30B moe4 with the given variants of every question,
// each scored score(id, variant).
func variantRun(variants []int, score func(id string, v int) float64) *Report {
	r := fakeRun("A-30B-Q4_K_M", "moe4", 0, 0, 0)
	r.Answers = nil
	for _, v := range variants {
		for _, id := range vlrubric.IDs() {
			r.Answers = append(r.Answers, results.Answer{ID: id, Variant: v, Tier: vlrubric.Tier(id), Score: score(id, v)})
		}
	}
	return Join(&Set{Runs: []*Run{r}})
}

// TestComparePairedSharedItems: a run that got worse on the items it shares with the
// baseline, while its new items score well, regresses by the paired rule although its
// tier means rose; with no shared item the unpaired rule decides, and says so.
func TestComparePairedSharedItems(t *testing.T) {
	drop := map[string]float64{"VL-T2-Q1": 0.4, "VL-T2-Q2": 0.5, "VL-T2-Q3": 0.6}
	base := func(id string, v int) float64 { return map[int]float64{1: 5, 2: 4.4, 3: 3.5}[vlrubric.Tier(id)] }
	old := variantRun([]int{0}, base)
	cur := variantRun([]int{0, 1, 2}, func(id string, v int) float64 {
		if v == 0 {
			return base(id, v) - drop[id]
		}
		return 5
	})
	if o, n := old.Models[0].Entries[0].Sum.Tiers[2].Mean, cur.Models[0].Entries[0].Sum.Tiers[2].Mean; n <= o {
		t.Fatalf("T2 mean %.2f → %.2f: the fixture should rise unpaired", o, n)
	}
	r := Compare(old, cur, "old")
	want := "A-30B Q4_K_M moe4: T2 fell −0.50 on 3 shared items (paired 95% CI −0.75 to −0.25, Wilcoxon p 0.25)"
	if len(r.List) != 1 || r.List[0].What != "quality (paired)" || r.List[0].String() != want {
		t.Errorf("Compare = %q, want only %q", r.List, want)
	}
	if r.Paired != 3 || r.Unpaired != 0 {
		t.Errorf("paired %d, unpaired %d; want 3 tiers paired", r.Paired, r.Unpaired)
	}
	var md strings.Builder
	r.markdown(&md)
	if !strings.Contains(md.String(), "3 rubric tiers and standard-set runs paired on shared items") || !strings.Contains(md.String(), "**quality (paired)** "+want) {
		t.Errorf("markdown:\n%s", md.String())
	}

	// No shared item (the new run has variants 1 and 2 only): unpaired, new interval
	// against the old mean.
	low := variantRun([]int{1, 2}, func(id string, v int) float64 {
		if vlrubric.Tier(id) == 2 {
			return 3 + 0.1*float64(v)
		}
		return base(id, v)
	})
	r = Compare(old, low, "old")
	var unpaired []string
	for _, x := range r.List {
		if x.What == "quality (unpaired)" {
			unpaired = append(unpaired, x.Text)
		}
	}
	if r.Paired != 0 || r.Unpaired != 3 || len(unpaired) != 1 || !strings.HasPrefix(unpaired[0], "T2 3.15 (95% CI") || !strings.HasSuffix(unpaired[0], "below the baseline's 4.40; the runs share no item") {
		t.Errorf("no shared items: %q (paired %d, unpaired %d)", r.List, r.Paired, r.Unpaired)
	}
}
