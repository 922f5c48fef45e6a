package report

import (
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/vlrubric"
)

func choice(t *testing.T, rep *Report, role vlrubric.Role) Choice {
	t.Helper()
	for _, c := range rep.Assign() {
		if c.Role == role {
			return c
		}
	}
	t.Fatalf("no choice for %s", role)
	return Choice{}
}

func reason(c Choice, label string) string {
	for _, o := range c.Others {
		if o.Entry.Label() == label {
			return o.Reason
		}
	}
	return "(not listed)"
}

func TestAssignTieBrokenByName(t *testing.T) {
	rep := Join(&Set{
		Runs: []*Run{
			fakeRun("Beta-7B-Q4_K_M", "baseline", 5, 4, 3, withRSS(5), withSpeed(50)),
			fakeRun("Alpha-7B-Q4_K_M", "baseline", 5, 4, 3, withRSS(5), withSpeed(50)),
		},
	})
	c := choice(t, rep, vlrubric.WorkerVision)
	if c.Chosen == nil || c.Chosen.Entry.Model.Name != "Alpha-7B" {
		t.Fatalf("worker_vision chose %v, want Alpha-7B (tie, by name)", c.Chosen)
	}
	if len(c.Chosen.Tied()) != 1 {
		t.Errorf("Tied() = %d candidates, want 1", len(c.Chosen.Tied()))
	}
	if r := reason(c, "Beta-7B Q4_K_M baseline"); !strings.Contains(r, "tied with Alpha-7B") || !strings.Contains(r, "chosen by name") {
		t.Errorf("Beta's reason = %q, want a tie broken by name", r)
	}
}

func TestAssignMissingSpeed(t *testing.T) {
	// Perfect scores but no speed and no memory anywhere: the gated roles cannot be
	// shown to pass; the architect has no floor and takes it.
	rep := Join(&Set{Runs: []*Run{fakeRun("Big-72B-Q4_K_M", "baseline", 5, 5, 5)}})
	for _, role := range []vlrubric.Role{vlrubric.WorkerVision, vlrubric.VisionEscalation} {
		c := choice(t, rep, role)
		if c.Chosen != nil {
			t.Errorf("%s chose %s without a speed", role, c.Chosen.Entry.Label())
		}
		if r := reason(c, "Big-72B Q4_K_M baseline"); !strings.Contains(r, "no speed measured") || !strings.Contains(r, "no memory measured") {
			t.Errorf("%s reason = %q, want no speed and no memory", role, r)
		}
	}
	if c := choice(t, rep, vlrubric.VisionArchitect); c.Chosen == nil {
		t.Errorf("vision_architect chose nothing; it has no speed floor")
	}
	var md strings.Builder
	if err := rep.Markdown(&md, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Big-72B | Q4_K_M | baseline | – |") {
		t.Errorf("quality row should show – for the missing speed:\n%s", md.String())
	}
}

func TestAssignNoRole(t *testing.T) {
	rep := Join(&Set{Runs: []*Run{fakeRun("Tiny-1B-Q4_K_M", "baseline", 3, 2, 1, withRSS(1), withSpeed(120))}})
	choices := rep.Assign()
	for _, c := range choices {
		if c.Chosen != nil {
			t.Errorf("%s chose %s", c.Role, c.Chosen.Entry.Label())
		}
		if r := reason(c, "Tiny-1B Q4_K_M baseline"); !strings.Contains(r, "T1 score 3.00") {
			t.Errorf("%s reason = %q, want the T1 failure", c.Role, r)
		}
	}
	want := "worker_vision (none qualifies)\n    ↓\nvision_escalation (none qualifies)\n    ↓\nvision_architect (none qualifies)\n"
	if got := Ladder(choices); got != want {
		t.Errorf("Ladder() =\n%s\nwant\n%s", got, want)
	}
	if rows := rep.QualityRows(choices); len(rows) != 1 || rows[0].Role != "-" {
		t.Errorf("QualityRows = %+v, want one row with role -", rows)
	}
}

func TestAssignGateEdges(t *testing.T) {
	// T1 exactly 4 and T2 exactly 3 meet worker_vision (≥); 40 t/s does not (> 40) and
	// 8 GB does not (< 8).
	tests := []struct {
		name     string
		speed    float64
		gb       float64
		want     bool
		contains string
	}{
		{"both pass", 40.1, 7.9, true, ""},
		{"speed at the floor", 40, 7.9, false, "speed 40.0 t/s ≤ 40 t/s"},
		{"memory at the limit", 41, 8, false, "memory 8.0 GB ≥ 8 GB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Join(&Set{Runs: []*Run{fakeRun("M-Q4_K_M", "baseline", 4, 3, 1, withRSS(tt.gb), withSpeed(tt.speed))}})
			c := choice(t, rep, vlrubric.WorkerVision)
			if (c.Chosen != nil) != tt.want {
				t.Fatalf("chosen = %v, want %v (others %+v)", c.Chosen != nil, tt.want, c.Others)
			}
			if tt.contains != "" {
				if r := reason(c, "M Q4_K_M baseline"); !strings.Contains(r, tt.contains) {
					t.Errorf("reason %q lacks %q", r, tt.contains)
				}
			}
		})
	}
}

func TestAcceleratedIsLosslessOnly(t *testing.T) {
	// A baseline rubric run counts at its spec-k8 speed (speculative decoding gives the
	// same answers), but not at moe4's (fewer experts change the answers).
	rep := Join(&Set{
		Runs: []*Run{fakeRun("Dense-7B-Q4_K_M", "baseline", 5, 4, 2), fakeRun("Moe-30B-Q4_K_M", "baseline", 5, 4, 2)},
		Benches: []*Bench{
			fakeBench("a", "Dense-7B-Q4_K_M", map[string][2]float64{"baseline": {15, 5}, "spec-k8": {57, 6}}),
			fakeBench("b", "Moe-30B-Q4_K_M", map[string][2]float64{"baseline": {30, 7}, "moe4": {45, 7}}),
		},
	})
	c := choice(t, rep, vlrubric.WorkerVision)
	if c.Chosen == nil || c.Chosen.Entry.Model.Name != "Dense-7B" || c.Chosen.Fast.Config != "spec-k8" {
		t.Fatalf("worker_vision = %+v, want Dense-7B via spec-k8", c.Chosen)
	}
	if r := reason(c, "Moe-30B Q4_K_M baseline"); !strings.Contains(r, "speed 30.0 t/s ≤ 40") {
		t.Errorf("Moe-30B reason = %q, want its own baseline speed (moe4 has no rubric run)", r)
	}
	if r := reason(c, "Moe-30B Q4_K_M moe4"); r != "(not listed)" {
		t.Errorf("moe4 without a rubric run listed as a candidate: %q", r)
	}
}

func TestEscalationRanksQualityFirst(t *testing.T) {
	rep := Join(&Set{Runs: []*Run{
		fakeRun("Fast-Q4_K_M", "baseline", 5, 4, 3, withRSS(20), withSpeed(60)),
		fakeRun("Smart-Q4_K_M", "baseline", 5, 4, 3.5, withRSS(30), withSpeed(25)),
	}})
	c := choice(t, rep, vlrubric.VisionEscalation)
	if c.Chosen == nil || c.Chosen.Entry.Model.Name != "Smart" {
		t.Fatalf("vision_escalation chose %v, want Smart (higher T3)", c.Chosen)
	}
	// No standard set or cold load measured: said so, and no role lost for it.
	if r := reason(c, "Fast Q4_K_M baseline"); r != "qualifies; lower T3: 3.00 vs 3.50; criteria: mmmu not measured, mathvista not measured, cold load not measured, videomme not measured (a preference)" {
		t.Errorf("Fast's reason = %q", r)
	}
	w := choice(t, rep, vlrubric.WorkerVision)
	if w.Chosen != nil {
		t.Errorf("worker_vision chose %s; both use ≥ 8 GB", w.Chosen.Entry.Label())
	}
}

// A run that asserted a role (-role, as the suite does for a manifest's roles:) is marked
// in the quality table with the verdict.
func TestQualityRowsAssertedRole(t *testing.T) {
	asserted := func(role string, failures ...string) func(*results.Run) {
		return func(r *results.Run) { r.Role, r.RoleFailures = role, failures }
	}
	rep := Join(&Set{Runs: []*Run{
		fakeRun("Tiny-1B-Q4_K_M", "baseline", 3, 2, 1, asserted("worker_vision", "worker_vision: T1 score 3.00 < minimum 4")),
		fakeRun("Good-8B-Q4_K_M", "baseline", 5, 5, 5, asserted("vision_architect")),
		fakeRun("Plain-4B-Q4_K_M", "baseline", 4, 3, 1),
	}})
	got := map[string]string{}
	for _, r := range rep.QualityRows(rep.Assign()) {
		got[r.Model] = r.Role
	}
	for model, want := range map[string]string{
		"Tiny-1B": "(asserted worker_vision: NOT met)", "Good-8B": "(asserted vision_architect: met)"} {
		if !strings.HasSuffix(got[model], want) {
			t.Errorf("%s role cell %q, want it to end in %q", model, got[model], want)
		}
	}
	if strings.Contains(got["Plain-4B"], "asserted") {
		t.Errorf("a run without -role is marked: %q", got["Plain-4B"])
	}
}
