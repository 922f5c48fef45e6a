package vlrubric

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vlbench/vlbench/internal/results"
)

// The -replay path on the hand-written answer folders, against the fixtures' own ground
// truth: good answers score 5 on every question (and so qualify as vision_architect),
// wrong ones at most 2.
func TestReplayHandWritten(t *testing.T) {
	for _, tc := range []struct {
		dir, role string
		ok        func(score float64) bool
		want      string
	}{
		{"good", string(VisionArchitect), func(s float64) bool { return s == 5 }, "5"},
		{"wrong", "", func(s float64) bool { return s <= 2 }, "≤ 2"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			out := t.TempDir()
			run := runRubric(t, options{config: "baseline", role: tc.role, results: out,
				replay: filepath.Join("testdata", "answers", tc.dir)})
			if len(run.Answers) != len(IDs()) {
				t.Fatalf("%d answers, want %d", len(run.Answers), len(IDs()))
			}
			for _, a := range run.Answers {
				if !tc.ok(a.Score) {
					t.Errorf("%s: score %.1f, want %s", a.ID, a.Score, tc.want)
				}
			}
			// The per-question files are named after the run's model, whichever it is
			// (-model, -name, or "replay").
			for _, f := range []string{"results.json", "results.md", results.FileName(run.Model.Name, "baseline", "VL-T3-Q4", ".txt")} {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Errorf("results folder: %v", err)
				}
			}
		})
	}
}

// A replay folder that lacks a file reports it as missing and does not score it.
func TestReplayMissing(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata", "answers", "good", "VL-T1-Q1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "VL-T1-Q1.txt"), b, 0o644)
	items, err := Items(0)
	if err != nil {
		t.Fatal(err)
	}
	answers, err := Replay(dir, items)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range answers {
		if want := i != 0; a.Missing != want {
			t.Errorf("%s: Missing = %v, want %v", items[i].Name(), a.Missing, want)
		}
	}
	if _, err := Replay(filepath.Join(dir, "nope"), items); err == nil {
		t.Error("Replay of a folder that does not exist succeeded")
	}
}
