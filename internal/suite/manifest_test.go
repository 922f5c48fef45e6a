package suite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/synth"
)

func synthetic(t *testing.T, kind synth.Kind) synth.Model {
	t.Helper()
	m, err := harness.Synthetic(kind)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func writeManifest(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "models.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	dense, moe := synthetic(t, synth.Qwen25VL), synthetic(t, synth.Qwen3VLMoE)
	p := writeManifest(t, `threads: 2
variants: 1
output: out
models:
  - name: dense
    model: `+dense.Model+`
    mmproj: `+dense.MMProj+`
    draft: synthetic:draft
    roles: [worker_vision]
    args: [--flash-attn, "off"]
  - model: synthetic:qwen3vlmoe
    mmproj: synthetic:qwen3vlmoe.mmproj
`)
	m, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Models) != 2 || m.Threads != 2 || m.Variants != 1 || !filepath.IsAbs(m.Output) {
		t.Fatalf("Load() = %+v", m)
	}
	if got := m.Models[1]; got.Model != moe.Model || got.MMProj != moe.MMProj || got.Line != 11 ||
		got.Name != strings.TrimSuffix(filepath.Base(moe.Model), ".gguf") {
		t.Errorf("second model = %+v, want the synthetic MoE pair at line 11 named after its file", got)
	}
	if d := m.Models[0]; d.Draft == "" || d.Line != 5 || len(d.Args) != 2 {
		t.Errorf("first model = %+v", d)
	}
	if len(m.MoE) != 1 || m.MoE[0] != 4 || len(m.SpecK) != 1 || m.SpecK[0] != 8 || !*m.NGram {
		t.Errorf("defaults: moe %v, spec_k %v, ngram %v; want [4], [8], true", m.MoE, m.SpecK, *m.NGram)
	}
}

// A bad manifest gives a clear error naming the file and line.
func TestLoadErrors(t *testing.T) {
	dense, qwen3 := synthetic(t, synth.Qwen25VL), synthetic(t, synth.Qwen3VL)
	tests := []struct {
		name, body string
		want       []string
	}{
		{"unknown key", "models:\n  - model: synthetic:qwen25vl\n    quant: Q4_K_M\n", []string{"line 3", "quant"}},
		{"unknown global key", "thread: 4\nmodels:\n  - model: synthetic:qwen25vl\n", []string{"line 1", "thread"}},
		{"missing file", "models:\n  - model: synthetic:qwen25vl\n  - name: gone\n    model: /nowhere/model.gguf\n", []string{":3:", "/nowhere/model.gguf: no such file"}},
		{"mmproj of another architecture", "models:\n  - name: mixed\n    model: " + dense.Model + "\n    mmproj: " + qwen3.MMProj + "\n",
			[]string{":2:", "does not match model", "qwen3vl_merger"}},
		{"no model", "models:\n  - name: x\n", []string{":2:", "without a model file"}},
		{"unknown role", "models:\n  - model: synthetic:qwen25vl\n    roles: [boss]\n", []string{":2:", `unknown role "boss"`}},
		{"repeated name", "models:\n  - model: synthetic:qwen25vl\n  - model: synthetic:qwen25vl\n", []string{":3:", "repeats the one at line 2"}},
		{"no models", "threads: 2\n", []string{"no models"}},
		{"bad yaml", "models: [\n", []string{"models.yaml"}},
		{"unknown synthetic", "models:\n  - model: synthetic:gpt5\n", []string{":2:", "unknown synthetic model"}},
		{"bad rpc worker", "models:\n  - model: synthetic:qwen25vl\n    rpc: [10.0.0.2]\n", []string{":2:", "rpc:", "want host:port"}},
		{"bad config name", "configs: [moe4+turbo]\nmodels:\n  - model: synthetic:qwen25vl\n", []string{"configs", `unknown config "moe4+turbo"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeManifest(t, tt.body)
			_, err := Load(p)
			if err == nil {
				t.Fatalf("Load() succeeded, want an error")
			}
			t.Log(err)
			for _, w := range append(tt.want, p) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
