package vlrubric

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/internal/synth"
)

// `go test ./vlrubric -args -model <synthetic MoE> -rpc local:2`: the rubric runs on the
// model split over two local RPC workers, and the results record them.
func TestRubricRPC(t *testing.T) {
	suite.Tools(t)
	m, err := harness.Synthetic(synth.Qwen3VLMoE)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, err := rerun(t, "-model", m.Model, "-mmproj", m.MMProj, "-max-tokens", "8", "-rpc", "local:2", "-results", dir)
	if err != nil {
		t.Fatalf("go test ./vlrubric -args -rpc local:2: %v\n%s", err, lastN(out, 3000))
	}
	run, err := results.ReadRun(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Server.RPC) != 2 {
		t.Fatalf("results record workers %q, want two", run.Server.RPC)
	}
	for _, w := range run.Server.RPC {
		if !strings.HasPrefix(w, "127.0.0.1:") {
			t.Errorf("worker %q: want a loopback address", w)
		}
	}
	if i := slices.Index(run.Server.Args, "--rpc"); i < 0 || run.Server.Args[i+1] != strings.Join(run.Server.RPC, ",") {
		t.Errorf("server args %q lack --rpc %s", run.Server.Args, strings.Join(run.Server.RPC, ","))
	}
	for _, a := range run.Answers {
		if a.Error != "" || a.Missing {
			t.Errorf("%s: error %q, missing %v", a.ID, a.Error, a.Missing)
		}
	}
}
