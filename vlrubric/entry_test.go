package vlrubric

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/internal/synth"
)

// The rubric's entry points as a user runs them: this test binary run again with the
// flags of `go test ./vlrubric -args …`, so that what the README shows is what is tested.

// rerun runs this test binary's TestRubric with args and returns its output and error.
func rerun(t *testing.T, args ...string) (string, error) {
	t.Helper()
	if testing.Short() && !harness.InCI() {
		t.Skip("-short: starts another test process")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run", "^TestRubric$", "-test.count", "1", "-test.v"}, args...)...)
	if suite.Flags.LlamaServer != "" {
		cmd.Args = append(cmd.Args, "-llama-server", suite.Flags.LlamaServer)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// `go test ./vlrubric -args -model <synthetic qwen3vl> -mmproj <its projector>`: a model
// other than the default passes (it failed on results files named after the default).
func TestRubricOtherModel(t *testing.T) {
	suite.Tools(t)
	m, err := harness.Synthetic(synth.Qwen3VL)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, err := rerun(t, "-model", m.Model, "-mmproj", m.MMProj, "-max-tokens", "16", "-results", dir)
	if err != nil {
		t.Fatalf("go test ./vlrubric -args -model %s -mmproj %s: %v\n%s", m.Model, m.MMProj, err, lastN(out, 3000))
	}
	run, err := results.ReadRun(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if run.Model.Architecture != "qwen3vl" || len(run.Answers) != len(IDs()) || run.Settings.MaxTokens != 16 {
		t.Errorf("results: architecture %q, %d answers, max tokens %d; want qwen3vl, %d, 16",
			run.Model.Architecture, len(run.Answers), run.Settings.MaxTokens, len(IDs()))
	}
	for _, a := range run.Answers {
		if a.Error != "" || a.Missing || a.FinishReason == "" {
			t.Errorf("%s: error %q, missing %v, finish reason %q", a.ID, a.Error, a.Missing, a.FinishReason)
		}
	}
}

// A -config the user asked for fails with its reason when it is a typo or does not apply
// (`make rubric CONFIG=basline` exited 0 with no results).
func TestRubricConfigMistakes(t *testing.T) {
	suite.Tools(t)
	for _, tc := range []struct{ config, want string }{
		{"basline", `unknown config "basline"`},
		{"moe4", "dense model (qwen2vl has no qwen2vl.expert_count)"},
		{"moe4+imgmax16+moe2", "moe given twice"},
	} {
		t.Run(tc.config, func(t *testing.T) {
			out, err := rerun(t, "-config", tc.config, "-max-tokens", "4")
			if err == nil {
				t.Fatalf("-config %s passed, want a failure:\n%s", tc.config, lastN(out, 2000))
			}
			if !strings.Contains(out, tc.want) || !strings.Contains(out, "--- FAIL: TestRubric") {
				t.Errorf("-config %s: output lacks %q and a TestRubric failure:\n%s", tc.config, tc.want, lastN(out, 2000))
			}
		})
	}
}

// `-config imgmax16` and `-config moe4+imgmax16` (the image-token budget, alone and with
// expert reduction on the synthetic MoE) run the rubric, and the results record the config
// and the server flags it set: each image takes at most 16 tokens.
func TestRubricConfigBudget(t *testing.T) {
	suite.Tools(t)
	moe, err := harness.Synthetic(synth.Qwen3VLMoE)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		config string
		args   []string
		flags  []string // in the server's args, in order
	}{
		{"imgmax16", nil, []string{"--image-max-tokens", "16"}},
		{"moe4+imgmax16", []string{"-model", moe.Model, "-mmproj", moe.MMProj},
			[]string{"--override-kv", "qwen3vlmoe.expert_used_count=int:4", "--image-max-tokens", "16"}},
	} {
		t.Run(tc.config, func(t *testing.T) {
			dir := t.TempDir()
			out, err := rerun(t, append([]string{"-config", tc.config, "-max-tokens", "4", "-results", dir}, tc.args...)...)
			if err != nil {
				t.Fatalf("-config %s: %v\n%s", tc.config, err, lastN(out, 3000))
			}
			run, err := results.ReadRun(filepath.Join(dir, "results.json"))
			if err != nil {
				t.Fatal(err)
			}
			args := strings.Join(run.Server.Args, " ")
			if run.Config != tc.config || !strings.Contains(args, strings.Join(tc.flags, " ")) {
				t.Errorf("results: config %q, server args %s; want %q with %s", run.Config, args, tc.config, tc.flags)
			}
			for _, a := range run.Answers {
				if a.Error != "" || a.Missing {
					t.Errorf("%s: error %q, missing %v", a.ID, a.Error, a.Missing)
				}
			}
		})
	}
}

func lastN(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
