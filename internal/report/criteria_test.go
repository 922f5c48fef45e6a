package report

import (
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/vlrubric"
)

// setRun is a standard set's run of model (baseline) with its headline metric.
func setRun(model, set, metric string, value float64) *Run {
	r := &results.Run{Schema: results.Schema, Suite: set, Config: "baseline",
		Model:  results.Model{Name: model, Quantization: "Q4_K_M"},
		Metric: &results.Metric{Name: metric, Value: value, Low: value - 0.01, High: value + 0.01, N: 500}}
	return &Run{Path: model + "/" + set + "/results.json", Run: r}
}

func withLoad(s float64) func(*results.Run) {
	return func(r *results.Run) { r.Server.LoadSeconds = s }
}

func TestCriteria(t *testing.T) {
	// Three small fast models that meet worker_vision's rubric and floors: one fails
	// DocVQA, one passes it, one never ran it.
	rep := Join(&Set{Runs: []*Run{
		fakeRun("A-2B-Q4_K_M", "baseline", 5, 4, 2, withRSS(3), withSpeed(90)),
		fakeRun("B-2B-Q4_K_M", "baseline", 5, 4, 2, withRSS(3), withSpeed(80)),
		fakeRun("C-2B-Q4_K_M", "baseline", 5, 4, 2, withRSS(3), withSpeed(70)),
		setRun("A-2B-Q4_K_M", "docvqa", "anls", 0.85),
		setRun("B-2B-Q4_K_M", "docvqa", "anls", 0.93),
		setRun("B-2B-Q4_K_M", "ocrbench", "ocrbench_score", 812),
	}})
	c := choice(t, rep, vlrubric.WorkerVision)
	if c.Chosen == nil || c.Chosen.Entry.Model.Name != "B-2B" {
		t.Fatalf("worker_vision chose %v, want B-2B (A-2B, faster, fails DocVQA)", c.Chosen)
	}
	if r := reason(c, "A-2B Q4_K_M baseline"); r != "docvqa 0.85 < 0.9; criteria: ocrbench not measured" {
		t.Errorf("A-2B's reason = %q", r)
	}
	// Not measured is said, never passed silently, and fails nothing.
	if r := reason(c, "C-2B Q4_K_M baseline"); !strings.HasPrefix(r, "qualifies; slower") || !strings.HasSuffix(r, "criteria: docvqa not measured, ocrbench not measured") {
		t.Errorf("C-2B's reason = %q", r)
	}
	var md strings.Builder
	if err := rep.Markdown(&md, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Chosen: **B-2B Q4_K_M baseline**: T1 5.0, T2 4.0, T3 2.0, 80.0 t/s (rubric timings), 3.0 GB (rubric peak RSS); criteria: docvqa 0.93 ≥ 0.9, ocrbench 812 ≥ 800.",
		"docvqa ≥ 0.9 where run, ocrbench ≥ 800 where run",
		"mmmu ≥ 0.55 where run, mathvista ≥ 0.6 where run, cold load < 30 s, videomme preferred",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}

	// Thresholds are configurable: at 0.80 A-2B passes and, fastest, is chosen.
	cs, err := ParseCriteria("docvqa=0.80, coldload=45")
	if err != nil {
		t.Fatal(err)
	}
	rep.Criteria = cs
	if c := choice(t, rep, vlrubric.WorkerVision); c.Chosen == nil || c.Chosen.Entry.Model.Name != "A-2B" {
		t.Errorf("with docvqa=0.80 chose %v, want A-2B", c.Chosen)
	}
	if got := rep.Requirements(vlrubric.VisionEscalation); !strings.Contains(got, "cold load < 45 s") {
		t.Errorf("requirements %q, want cold load < 45 s", got)
	}
}

func TestCriteriaColdLoad(t *testing.T) {
	rep := Join(&Set{Runs: []*Run{
		fakeRun("Slow-Q4_K_M", "baseline", 5, 4.5, 3.5, withRSS(20), withSpeed(30), withLoad(41)),
		fakeRun("Quick-Q4_K_M", "baseline", 5, 4.5, 3.0, withRSS(20), withSpeed(30), withLoad(12)),
	}})
	c := choice(t, rep, vlrubric.VisionEscalation)
	if c.Chosen == nil || c.Chosen.Entry.Model.Name != "Quick" {
		t.Fatalf("vision_escalation chose %v, want Quick (Slow's T3 is higher, its cold load 41 s)", c.Chosen)
	}
	if r := reason(c, "Slow Q4_K_M baseline"); !strings.HasPrefix(r, "cold load 41.0 s ≥ 30 s; criteria: mmmu not measured") {
		t.Errorf("Slow's reason = %q", r)
	}
	// A bench file's BenchmarkColdLoad counts before the rubric's load time.
	b := fakeBench("b", "Slow-Q4_K_M", map[string][2]float64{"baseline": {30, 20}})
	b.Samples[SampleKey{Bench: "ColdLoad", Config: "baseline", Unit: "load-s"}] = []float64{9, 10, 11}
	rep = Join(&Set{Runs: []*Run{fakeRun("Slow-Q4_K_M", "baseline", 5, 4.5, 3.5, withRSS(20), withLoad(41))}, Benches: []*Bench{b}})
	if c := choice(t, rep, vlrubric.VisionEscalation); c.Chosen == nil || !strings.Contains(chosenWhy(c), "cold load 10.0 s < 30 s") {
		t.Errorf("bench cold load: chosen %v (%s)", c.Chosen, chosenWhy(c))
	}
}

func TestParseCriteria(t *testing.T) {
	cs, err := ParseCriteria("")
	if err != nil || len(cs) != len(DefaultCriteria()) {
		t.Fatalf("empty: %v, %v", cs, err)
	}
	cs, err = ParseCriteria("mmmu=0.6,ocrbench=750")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == "mmmu" && c.Min != 0.6 || c.Name == "ocrbench" && c.Min != 750 || c.Name == "docvqa" && c.Min != 0.9 {
			t.Errorf("%+v", c)
		}
	}
	for in, want := range map[string]string{
		"bogus=1":     `unknown criterion "bogus" (known: docvqa, ocrbench, mmmu, mathvista, coldload)`,
		"docvqa":      `criterion "docvqa": want name=number`,
		"docvqa=high": `criterion "docvqa=high": want name=number`,
		"videomme=.5": "videomme is a preference",
	} {
		if _, err := ParseCriteria(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseCriteria(%q) = %v, want %q", in, err, want)
		}
	}
}

// VideoMME is a preference: between escalation candidates equal in quality and speed, the
// one with the higher (or any) VideoMME score is chosen, and the other's reason says so.
func TestCriteriaPreference(t *testing.T) {
	rep := Join(&Set{Runs: []*Run{
		fakeRun("Alpha-30B-Q4_K_M", "baseline", 5, 4.5, 3.5, withRSS(20), withSpeed(30)),
		fakeRun("Beta-30B-Q4_K_M", "baseline", 5, 4.5, 3.5, withRSS(20), withSpeed(30)),
		setRun("Beta-30B-Q4_K_M", "videomme", "accuracy", 0.62),
	}})
	c := choice(t, rep, vlrubric.VisionEscalation)
	if c.Chosen == nil || c.Chosen.Entry.Model.Name != "Beta-30B" {
		t.Fatalf("vision_escalation chose %v, want Beta-30B (VideoMME measured)", c.Chosen)
	}
	if r := reason(c, "Alpha-30B Q4_K_M baseline"); !strings.HasPrefix(r, "qualifies; lower VideoMME: 0 vs 0.62 (same T3, T2, T1, speed)") {
		t.Errorf("Alpha-30B's reason = %q", r)
	}
	if !strings.Contains(chosenWhy(c), "videomme 0.62 (a preference)") {
		t.Errorf("chosen: %s", chosenWhy(c))
	}
}
