package results

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/internal/gguf"
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

// writeModel writes a tiny llama GGUF of the given tensors, split over shards when there are
// more than one (as llama-gguf-split names and marks them), and returns the first file.
func writeModel(t *testing.T, prefix, arch string, shards int) string {
	t.Helper()
	var first string
	for i := 0; i < shards; i++ {
		f := gguf.NewFile()
		if i == 0 {
			f.AddString("general.architecture", arch)
			f.AddUint32("general.file_type", 0)
		}
		p := prefix + ".gguf"
		if shards > 1 {
			f.AddUint16(gguf.KeySplitNo, uint16(i))
			f.AddUint16(gguf.KeySplitCount, uint16(shards))
			f.AddInt32(gguf.KeySplitTensorsCount, int32(shards))
			p = gguf.ShardPath(prefix, i, shards)
		}
		if err := f.AddTensorF32(fmt.Sprintf("blk.%d.ffn_up.weight", i), []uint64{4, 2}, make([]float32, 8)); err != nil {
			t.Fatal(err)
		}
		if err := f.WriteFile(p); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = p
		}
	}
	return first
}

// The model facts are the whole model's, split or not, and each file's fingerprint is
// recorded.
func TestModelFromFiles(t *testing.T) {
	dir := t.TempDir()
	model := writeModel(t, filepath.Join(dir, "m"), "llama", 3)
	mmproj := writeModel(t, filepath.Join(dir, "p"), "clip", 1)
	draft := writeModel(t, filepath.Join(dir, "d"), "llama", 1)
	m := ModelFromFiles(model, mmproj, draft)
	if m.Params != 3*8 || m.Shards != 3 || m.Architecture != "llama" {
		t.Errorf("ModelFromFiles() = %+v, want 24 params over 3 shards of llama", m)
	}
	for _, x := range []struct{ name, path, got string }{
		{"model", model, m.Fingerprint}, {"mmproj", mmproj, m.MMProjFingerprint}, {"draft", draft, m.DraftFingerprint},
	} {
		want, err := gguf.Fingerprint(x.path)
		if err != nil {
			t.Fatal(err)
		}
		if x.got != want {
			t.Errorf("%s fingerprint = %q, want %q", x.name, x.got, want)
		}
	}
	if m.Fingerprint == m.DraftFingerprint {
		t.Errorf("a 3-shard model and a 1-file draft share the fingerprint %s", m.Fingerprint)
	}
	// Each header is read once; headers already read are read no more (ModelOf).
	before := gguf.HeaderReads()
	again := ModelFromFiles(model, mmproj, draft)
	if n := gguf.HeaderReads() - before; n != 3+1+1 {
		t.Errorf("ModelFromFiles read %d headers, want 5 (3 shards, mmproj, draft)", n)
	}
	if again != m {
		t.Errorf("ModelFromFiles() again = %+v, want %+v", again, m)
	}
	mf, err := gguf.OpenModel(model)
	if err != nil {
		t.Fatal(err)
	}
	before = gguf.HeaderReads()
	of := ModelOf(mf, nil, nil)
	if n := gguf.HeaderReads() - before; n != 0 {
		t.Errorf("ModelOf read %d headers, want none", n)
	}
	if of.Fingerprint != m.Fingerprint || of.Params != m.Params || of.File != model {
		t.Errorf("ModelOf(model) = %+v, want the facts and fingerprint of %+v", of, m)
	}
	// Not a local file (an endpoint's model): names kept, facts and fingerprints empty.
	e := ModelFromFiles("qwen2.5-vl", "", "")
	if e.Name != "qwen2.5-vl" || e.Fingerprint != "" || e.Params != 0 || e.Shards != 0 {
		t.Errorf("ModelFromFiles(endpoint name) = %+v, want only the name", e)
	}
}
