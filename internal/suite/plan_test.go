package suite

import (
	"regexp"
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

// Image-token budgets and combinations by name: imgmaxN for each model with a projector,
// moe4+imgmax16 where the model has experts, and the reasons where not.
func TestPlanConfigs(t *testing.T) {
	m, err := Load(writeManifest(t, "imgmax: [16]\nconfigs: [moe4+imgmax16, moe2+imgmax16]\nngram: false\n"+syntheticManifest+
		"  - name: text\n    model: synthetic:qwen25vl\n"))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := Plan(t.Context(), m, tools(t), 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range steps {
		if s.Test == TestRubric && s.Config != "baseline" && !strings.HasPrefix(s.Config, "moe1") && !strings.HasPrefix(s.Config, "spec-") {
			got[s.Model.Name+" "+s.Config] = s.Skip
		}
	}
	want := map[string]string{
		"dense imgmax16":      "",
		"dense moe4+imgmax16": "dense model",
		"dense moe2+imgmax16": "dense model",
		"moe imgmax16":        "",
		"moe moe4+imgmax16":   "",
		"moe moe2+imgmax16":   "the model's own",
		"text imgmax16":       "no vision projector",
		"text moe4+imgmax16":  "dense model",
		"text moe2+imgmax16":  "dense model",
	}
	if len(got) != len(want) {
		t.Errorf("Plan() configs %v, want those of %v", got, want)
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || (w == "") != (g == "") || !strings.Contains(g, w) {
			t.Errorf("%s: skip %q, want %q", k, g, w)
		}
	}
}

// A model whose GGUF estimate exceeds the memory is skipped with the reason, before
// anything loads it.
func TestPlanMemory(t *testing.T) {
	m, err := Load(writeManifest(t, "memory_limit_gib: 0.05\n"+syntheticManifest))
	if err != nil {
		t.Fatal(err)
	}
	avail, err := Available(m)
	if err != nil || avail != uint64(m.MemoryLimitGiB*(1<<30)) {
		t.Fatalf("Available() = %d, %v; want 51 MiB from memory_limit_gib", avail, err)
	}
	steps, err := Plan(t.Context(), m, tools(t), avail)
	if err != nil {
		t.Fatal(err)
	}
	need := regexp.MustCompile(`^needs about (\d+) MiB \(GGUF estimate at context 16384: (\d+) MiB = runtime 22 \+ .*\) but 51 MiB is available$`)
	for _, s := range steps {
		if m := need.FindStringSubmatch(s.Skip); m == nil || m[1] != m[2] {
			t.Errorf("%s: skip %q, want the estimate, its parts and the available memory", s.Key(), s.Skip)
		}
	}
	// With room, nothing is skipped for memory, and each step carries its config's estimate:
	// a speculative one the draft's too.
	m.MemoryLimitGiB = 1
	steps, err = Plan(t.Context(), m, tools(t), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	est := map[string]uint64{}
	for _, s := range steps {
		if strings.Contains(s.Skip, "needs about") || s.Estimate == 0 {
			t.Errorf("%s: skip %q, estimate %d; want no memory skip and an estimate", s.Key(), s.Skip, s.Estimate)
		}
		if s.Skip == "" && (s.Model.Draft != "" || !strings.HasPrefix(s.Config, "spec-")) {
			est[s.Model.Name+" "+s.Config] = s.Estimate
		}
	}
	for k, v := range est {
		if base, ok := est[strings.Fields(k)[0]+" baseline"]; ok && strings.Contains(k, "spec-k") && v <= base {
			t.Errorf("%s: estimate %d, not above baseline's %d (the draft)", k, v, base)
		}
	}
	if _, err := Available(&Manifest{}); err != nil {
		t.Errorf("Available() from /proc/meminfo: %v", err)
	}
}
