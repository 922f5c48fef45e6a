package suite

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/modroot"
	"github.com/vlbench/vlbench/internal/results"
)

// Exec runs one step's command: `go test` with args in the module root, output to out.
type Exec func(ctx context.Context, args []string, out io.Writer) error

// GoTest is the Exec that runs the real `go test`.
func GoTest(ctx context.Context, args []string, out io.Writer) error {
	root, err := modroot.Find()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"test"}, args...)...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = 30 * time.Second // go test stops its own servers on interrupt
	stopTree(cmd)
	return cmd.Run()
}

// Runner runs a manifest's steps.
type Runner struct {
	Manifest    *Manifest
	LlamaServer string // -llama-server for the steps; "" lets them find it
	Exec        Exec
	Progress    io.Writer
	// Alive is how often a long step says it is still running (default 30s).
	Alive time.Duration
	// Executed counts the steps run (not kept, not skipped) in this run.
	Executed int
}

// Run runs every step not finished before, in order, and records each in the state file
// as it ends. A failed step is recorded with its reason and the suite goes on; ctx's end
// stops the suite, leaving the running step unfinished so that a rerun redoes it.
func (r *Runner) Run(ctx context.Context, steps []Step) (*State, error) {
	m := r.Manifest
	if r.Exec == nil {
		r.Exec = GoTest
	}
	if r.Alive == 0 {
		r.Alive = 30 * time.Second
	}
	if err := os.MkdirAll(filepath.Join(m.Output, "logs"), 0o755); err != nil {
		return nil, fmt.Errorf("suite: %w", err)
	}
	state, err := LoadState(m.Output)
	if err != nil {
		return nil, err
	}
	tools, err := harness.LocateTools(r.LlamaServer)
	if err != nil {
		return nil, err
	}
	server, err := ServerIdentity(ctx, tools)
	if err != nil {
		return nil, err
	}
	inputs := make([]Inputs, len(steps))
	changes := make([][]string, len(steps)) // of a finished step; nil: not finished
	start := time.Now()
	var ran time.Duration
	todo := 0
	for i, st := range steps {
		inputs[i] = m.Inputs(st, server)
		if st.Skip != "" {
			continue
		}
		if state.Finished(st.Key()) {
			changes[i] = state.Steps[st.Key()].Inputs.Changes(inputs[i])
			if changes[i] == nil {
				changes[i] = []string{}
				continue
			}
		}
		todo++
	}
	for i, st := range steps {
		key := st.Key()
		prefix := fmt.Sprintf("[%*d/%d] %s", len(strconv.Itoa(len(steps))), i+1, len(steps), strings.ReplaceAll(key, "_", " "))
		if st.Skip != "" {
			state.Steps[key] = &StepState{Status: StatusSkipped, Reason: st.Skip, Started: time.Now().UTC()}
			fmt.Fprintf(r.Progress, "%s: skipped: %s\n", prefix, st.Skip)
			if err := state.Save(); err != nil {
				return state, err
			}
			continue
		}
		switch {
		case changes[i] == nil:
		case len(changes[i]) == 0:
			fmt.Fprintf(r.Progress, "%s: done earlier (%.1fs), kept\n", prefix, state.Steps[key].Seconds)
			continue
		default:
			fmt.Fprintf(r.Progress, "%s: done earlier, but changed since: %s; running again\n", prefix,
				strings.Join(changes[i], "; "))
		}
		ss := &StepState{Status: StatusRunning, Started: time.Now().UTC(),
			Log: filepath.Join(m.Output, "logs", key+".log"), Inputs: inputs[i], EstimateBytes: st.Estimate}
		state.Steps[key] = ss
		if err := state.Save(); err != nil {
			return state, err
		}
		fmt.Fprintf(r.Progress, "%s: running …\n", prefix)
		t0 := time.Now()
		err := r.runStep(ctx, st, ss)
		ss.Seconds = time.Since(t0).Seconds()
		if ctx.Err() != nil {
			// Interrupted: the step stays "running" (unfinished) for the next run.
			ss.Reason = "interrupted"
			state.Save()
			return state, fmt.Errorf("suite: interrupted during %s: %w", key, ctx.Err())
		}
		r.Executed++
		ran += time.Since(t0)
		todo--
		if err != nil {
			ss.Status, ss.Reason = StatusFailed, err.Error()
			fmt.Fprintf(r.Progress, "%s: FAILED after %.1fs: %v (log: %s)\n", prefix, ss.Seconds, err, ss.Log)
		} else {
			ss.Status = StatusDone
			extra := ""
			if ss.LoadSecs > 0 {
				extra = fmt.Sprintf(", cold load %.2fs%s", ss.LoadSecs, coldLoadVerdict(ss.LoadSecs))
			}
			if ss.PeakRSS > 0 && ss.EstimateBytes > 0 {
				extra += fmt.Sprintf(", memory estimate %s, measured peak %s (estimate %.0f%% of it)", size(ss.EstimateBytes),
					size(uint64(ss.PeakRSS)), 100*float64(ss.EstimateBytes)/float64(ss.PeakRSS))
			}
			extra += rolesNote(st.Model.Roles, ss.Roles)
			fmt.Fprintf(r.Progress, "%s: ok in %.1fs%s\n", prefix, ss.Seconds, extra)
		}
		left := time.Duration(0)
		if r.Executed > 0 {
			left = ran / time.Duration(r.Executed) * time.Duration(todo)
		}
		fmt.Fprintf(r.Progress, "    elapsed %v, about %v left (%d steps)\n",
			time.Since(start).Round(time.Second), left.Round(time.Second), todo)
		if err := state.Save(); err != nil {
			return state, err
		}
	}
	return state, nil
}

// ColdLoadTarget is the plan's cold-load target for vision_escalation.
const ColdLoadTarget = 30 * time.Second

func coldLoadVerdict(secs float64) string {
	if secs < ColdLoadTarget.Seconds() {
		return " (< 30s escalation target: met)"
	}
	return " (< 30s escalation target: MISSED)"
}

// runStep runs one step, its output in ss.Log, and checks that it left its results.
func (r *Runner) runStep(ctx context.Context, st Step, ss *StepState) error {
	m := r.Manifest
	logf, err := os.Create(ss.Log)
	if err != nil {
		return fmt.Errorf("suite: %w", err)
	}
	defer logf.Close()
	var args []string
	var bench bytes.Buffer
	out := io.Writer(logf)
	switch st.Test {
	case TestRubric:
		ss.Output = filepath.Join(m.Output, st.Key())
		args = []string{"./vlrubric", "-run", "^TestRubric$", "-count=1", "-timeout", "0", "-args",
			"-config", st.Config, "-variants", strconv.Itoa(m.Variants),
			"-results", ss.Output, "-record", filepath.Join(ss.Output, "answers")}
		if roles := st.Model.Roles; len(roles) > 0 {
			args = append(args, "-role", roles[0]) // the rubric asserts one (see roles.go)
		}
		if m.MaxTokens > 0 {
			args = append(args, "-max-tokens", strconv.Itoa(m.MaxTokens))
		}
	case TestPerf:
		ss.Output = filepath.Join(m.Output, st.Key()+".txt")
		// perf runs baseline and the step's config, by name: -bench keeps the latter.
		args = []string{"./perf", "-run", "^$", "-bench", "/config=" + regexp.QuoteMeta(st.Config) + "$", "-benchtime", "1x",
			"-count", strconv.Itoa(m.Count), "-timeout", "0", "-args",
			"-p", strconv.Itoa(m.PromptTokens), "-n", strconv.Itoa(m.GenTokens),
			"-moe", "", "-spec-k", ""}
		if st.Config != "baseline" {
			args = append(args, "-configs", st.Config)
		}
		out = io.MultiWriter(logf, &bench)
	default:
		return fmt.Errorf("suite: unknown test %q", st.Test)
	}
	args = append(args, r.modelArgs(st.Model)...)

	done := make(chan struct{})
	defer close(done)
	go func(t0 time.Time) {
		tick := time.NewTicker(r.Alive)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				fmt.Fprintf(r.Progress, "    … %s still running (%v)\n", strings.ReplaceAll(st.Key(), "_", " "),
					time.Since(t0).Round(time.Second))
			}
		}
	}(time.Now())

	fmt.Fprintf(logf, "go test %s\n", strings.Join(args, " "))
	err = r.Exec(ctx, args, out)
	if err != nil && st.Test == TestRubric && len(st.Model.Roles) > 0 && ctx.Err() == nil &&
		roleOnlyFailure(ss.Output, ss.Log, ss.Started) != nil {
		err = nil // the model is below its role: a verdict, not a failed step
	}
	if err != nil {
		return fmt.Errorf("go test %s: %w: %s", args[0], err, lastLine(ss.Log))
	}
	switch st.Test {
	case TestRubric:
		run, err := results.ReadRun(filepath.Join(ss.Output, "results.json"))
		if err != nil {
			return err
		}
		ss.LoadSecs, ss.PeakRSS = run.Server.LoadSeconds, run.Server.PeakRSS
		ss.Roles = roleVerdicts(run, st.Model.Roles)
	case TestPerf:
		if !bytes.Contains(bench.Bytes(), []byte("\nBenchmark")) {
			return fmt.Errorf("perf printed no benchmark for config %s (log: %s)", st.Config, ss.Log)
		}
		if err := results.WriteFile(ss.Output, bench.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func (r *Runner) modelArgs(md *Model) []string {
	m := r.Manifest
	args := []string{"-model", md.Model, "-name", md.Name, "-ctx", strconv.Itoa(m.Context)}
	if md.MMProj != "" {
		args = append(args, "-mmproj", md.MMProj)
	}
	if md.Draft != "" {
		args = append(args, "-draft", md.Draft)
	}
	if m.Threads > 0 {
		args = append(args, "-server-threads", strconv.Itoa(m.Threads))
	}
	if len(md.Args) > 0 {
		args = append(args, "-server-args", strings.Join(md.Args, " "))
	}
	if len(md.RPC) > 0 {
		args = append(args, "-rpc", strings.Join(md.RPC, ","))
	}
	if r.LlamaServer != "" {
		args = append(args, "-llama-server", r.LlamaServer)
	}
	return args
}

// lastLine is the last line of a log that reads like the reason of a failure.
func lastLine(path string) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "FAIL") || strings.HasPrefix(l, "exit status") {
			continue
		}
		return l
	}
	return ""
}
