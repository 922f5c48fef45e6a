package suite

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
)

func tools(t *testing.T) *harness.Tools {
	t.Helper()
	tl, err := harness.LocateTools("")
	if err != nil {
		harness.Missing(t, err)
	}
	return tl
}

const syntheticManifest = `moe: [1]
models:
  - name: dense
    model: synthetic:qwen25vl
    mmproj: synthetic:qwen25vl.mmproj
    draft: synthetic:draft
  - name: moe
    model: synthetic:qwen3vlmoe
    mmproj: synthetic:qwen3vlmoe.mmproj
`

func TestPlan(t *testing.T) {
	m, err := Load(writeManifest(t, syntheticManifest))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := Plan(t.Context(), m, tools(t), 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range steps {
		name := s.Key()
		if s.Skip != "" {
			name += " (skip)"
		}
		got = append(got, name)
	}
	want := []string{
		"dense_baseline_rubric", "dense_baseline_perf",
		"dense_moe1_rubric (skip)", "dense_moe1_perf (skip)",
		"dense_spec-k8_rubric", "dense_spec-k8_perf",
		"dense_ngram_rubric", "dense_ngram_perf",
		"moe_baseline_rubric", "moe_baseline_perf",
		"moe_moe1_rubric", "moe_moe1_perf",
		"moe_spec-k8_rubric (skip)", "moe_spec-k8_perf (skip)",
		"moe_ngram_rubric", "moe_ngram_perf",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Plan() mismatch (-want +got):\n%s", diff)
	}
	for _, s := range steps {
		if s.Skip != "" && !strings.Contains(s.Skip, "dense model") && !strings.Contains(s.Skip, "no draft model") {
			t.Errorf("%s skipped for %q", s.Key(), s.Skip)
		}
	}
}

// A model whose GGUF estimate exceeds the memory is skipped with the reason, before
// anything loads it.
func TestPlanMemory(t *testing.T) {
	m, err := Load(writeManifest(t, "memory_limit_gib: 0.25\n"+syntheticManifest))
	if err != nil {
		t.Fatal(err)
	}
	avail, err := Available(m)
	if err != nil || avail != 1<<28 {
		t.Fatalf("Available() = %d, %v; want 256 MiB from memory_limit_gib", avail, err)
	}
	steps, err := Plan(t.Context(), m, tools(t), avail)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if !strings.Contains(s.Skip, "needs about 0.5 GiB") || !strings.Contains(s.Skip, "0.2 GiB is available") {
			t.Errorf("%s: skip %q, want the estimate and the available memory", s.Key(), s.Skip)
		}
	}
	if _, err := Available(&Manifest{}); err != nil {
		t.Errorf("Available() from /proc/meminfo: %v", err)
	}
}
