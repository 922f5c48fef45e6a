package suite

import (
	"slices"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/perf"
)

const rpcManifest = `moe: []
spec_k: []
ngram: false
models:
  - name: split
    model: synthetic:qwen3vlmoe
    rpc: [10.0.0.2:50052, 10.0.0.3:50052]
  - name: local
    model: synthetic:qwen3vlmoe
    rpc: [local:2]
  - name: alone
    model: synthetic:qwen3vlmoe
`

// A model over RPC workers is checked by the split of its estimate: it runs where the host
// share fits though the whole would not, and is skipped, naming the part, when the host's
// share, this machine's (host and local workers) or a given worker's does not fit.
func TestPlanRPC(t *testing.T) {
	m, err := Load(writeManifest(t, rpcManifest))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Models[1].RPC; !slices.Equal(got, []string{harness.RPCLocal, harness.RPCLocal}) {
		t.Fatalf("local:2 read as %q", got)
	}
	md := &m.Models[0]
	lm, err := perf.LoadModel(md.Model, "", "")
	if err != nil {
		t.Fatal(err)
	}
	need := lm.Estimate(harness.ServeOptionsOf(m.Context, harness.DefaultConfig().Parallel, nil), false)
	sp := gguf.SplitMemory(lm.Facts, need, 2, nil)
	if sp.Host >= need.Total() || sp.Workers[0] == 0 {
		t.Fatalf("split %v of %v: want the workers to take a share", sp, need)
	}
	skips := func(avail uint64) map[string]string {
		steps, err := Plan(t.Context(), m, tools(t), avail)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, s := range steps {
			out[s.Model.Name] = s.Skip
		}
		return out
	}

	// Room for the host's share only: the given workers carry the rest.
	got := skips(sp.Host)
	if got["split"] != "" {
		t.Errorf("split over given workers: skip %q, want it to run", got["split"])
	}
	if !strings.Contains(got["local"], "on this machine, host and local rpc workers") {
		t.Errorf("local workers share this machine: skip %q", got["local"])
	}
	if !strings.Contains(got["alone"], "needs about") {
		t.Errorf("without workers: skip %q, want the whole estimate refused", got["alone"])
	}
	// Less than the host's share: nowhere.
	if got := skips(sp.Host - 1); !strings.Contains(got["split"], "on this machine") {
		t.Errorf("host share too large: skip %q", got["split"])
	}
	// Room for it all: the local workers run too.
	if got := skips(need.Total() + 3*gguf.RuntimeBytes + 2*need.Compute); got["local"] != "" || got["alone"] != "" {
		t.Errorf("with room: skips %q", got)
	}
	// A given worker's memory below its share.
	md.RPCMemoryGiB = float64(sp.Workers[0]-1) / (1 << 30)
	if got := skips(1 << 40); !strings.Contains(got["split"], "rpc worker 10.0.0.2:50052 needs about") ||
		!strings.Contains(got["split"], "rpc_memory_gib") {
		t.Errorf("worker too small: skip %q", got["split"])
	}
}

// The steps of a model with workers run with -rpc, and the workers are among their inputs.
func TestRunRPCArgs(t *testing.T) {
	m, err := Load(writeManifest(t, rpcManifest))
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Manifest: m}
	for i, want := range []string{"10.0.0.2:50052,10.0.0.3:50052", "local,local", ""} {
		args := r.modelArgs(&m.Models[i])
		j := slices.Index(args, "-rpc")
		switch {
		case want == "" && j >= 0:
			t.Errorf("%s: -rpc %q, want none", m.Models[i].Name, args[j+1])
		case want != "" && (j < 0 || args[j+1] != want):
			t.Errorf("%s: args %q, want -rpc %s", m.Models[i].Name, args, want)
		}
		in := m.Inputs(Step{Model: &m.Models[i], Config: "baseline", Test: TestPerf}, "server")
		if in["rpc"] != want {
			t.Errorf("%s: inputs rpc %q, want %q", m.Models[i].Name, in["rpc"], want)
		}
	}
}
