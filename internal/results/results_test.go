package results

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRunRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r", "results.json")
	want := &Run{Suite: "vlrubric", Config: "moe4", Model: Model{Name: "m", Quantization: "Q4_K_M"},
		Started: time.Date(2026, 11, 29, 1, 2, 3, 0, time.UTC),
		Answers: []Answer{{ID: "VL-T1-Q1", Score: 4.2, Criteria: []Criterion{{Name: "exact text match", Weight: 0.7, Fraction: 1}},
			Timings: &Timings{PredictedN: 10, PredictedPerSecond: 50}}, {ID: "VL-T1-Q2", Timings: &Timings{PredictedPerSecond: 30}}},
		Tiers:     []Tier{{Tier: 1, Mean: 4.25, N: 2}},
		Qualified: []string{"worker_vision"}}
	if err := WriteRun(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRun(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadRun mismatch (-want +got):\n%s", diff)
	}
	if s := got.GenerationSpeed(); s != 40 {
		t.Errorf("GenerationSpeed() = %v, want 40", s)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only results.json (no temporary files)", len(entries))
	}
	row := got.QualityRow()
	if want := "| m | Q4_K_M | moe4 | 40.0 t/s | 4.2 | – | – | worker_vision |\n"; row[len(row)-len(want):] != want {
		t.Errorf("QualityRow() =\n%s\nwant last line\n%s", row, want)
	}
}

func TestReadRunRejects(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"newer.json":    `{"schema": 99}`,
		"noschema.json": `{"suite": "x"}`,
		"broken.json":   `{"schema": 1,`,
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := ReadRun(p); err == nil {
			t.Errorf("ReadRun(%s) succeeded, want an error", name)
		}
	}
}

func TestFileName(t *testing.T) {
	if got := FileName("Qwen2.5-VL-7B Q4", "spec-k8", "VL-T1-Q1", ".txt"); got != "Qwen2.5-VL-7B-Q4_spec-k8_VL-T1-Q1.txt" {
		t.Errorf("FileName() = %q", got)
	}
}
