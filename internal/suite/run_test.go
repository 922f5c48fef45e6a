package suite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/report"
	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/internal/synth"
	"github.com/vlbench/vlbench/vlrubric"
)

// fakeExec plays `go test` for the resume logic: it writes what the real packages write
// (results.json for the rubric, benchmark lines for perf), fails the steps in fail, and
// blocks on block until ctx ends, as a killed run does.
type fakeExec struct {
	mu    sync.Mutex
	ran   []string
	fail  map[string]bool
	block string
	// With -role: the roles the fake rubric's scores qualify for (the asserted role not
	// among them fails the test, as the rubric does), and whether a question's subtest
	// fails too.
	qualified   []string
	subtestFail bool
}

func (f *fakeExec) exec(ctx context.Context, args []string, out io.Writer) error {
	key, name := "", ""
	for i, a := range args {
		if a == "-name" {
			name = args[i+1]
		}
	}
	role, roleFailed := "", false
	for i, a := range args {
		if a == "-role" {
			role = args[i+1]
		}
	}
	for i, a := range args {
		if a == "-results" {
			key = filepath.Base(args[i+1])
			run := &results.Run{Suite: "vlrubric", Role: role, Qualified: f.qualified, Finished: time.Now().UTC(),
				Answers: []results.Answer{{ID: "VL-T1-Q1", Score: 2}}}
			if role != "" && !slices.Contains(f.qualified, role) {
				run.RoleFailures, roleFailed = []string{role + ": T1 score 2.00 < minimum 4"}, true
			}
			if err := results.WriteRun(filepath.Join(args[i+1], "results.json"), run); err != nil {
				return err
			}
		}
		if a == "-bench" {
			key = name + "_" + strings.TrimSuffix(strings.TrimPrefix(args[i+1], "/config="), "$") + "_perf"
			fmt.Fprintf(out, "goos: linux\nBenchmarkGenerate%s-2 1 42 tok/s\nPASS\n", strings.TrimSuffix(args[i+1], "$"))
		}
	}
	f.mu.Lock()
	f.ran = append(f.ran, key)
	f.mu.Unlock()
	if f.block != "" && strings.Contains(key, f.block) {
		<-ctx.Done()
		return ctx.Err()
	}
	if f.fail[key] {
		return errors.New("exit status 1")
	}
	if roleFailed {
		if f.subtestFail {
			fmt.Fprintf(out, "--- FAIL: TestRubric/VL-T1-Q1/v0 (0.10s)\n")
		}
		fmt.Fprintf(out, "--- FAIL: TestRubric (0.20s)\n    rubric_test.go:91: role %s: T1 score 2.00 < minimum 4\nFAIL\n", role)
		return errors.New("exit status 1")
	}
	return nil
}

func planFor(t *testing.T, out string) (*Manifest, []Step) {
	t.Helper()
	m, err := Load(writeManifest(t, "output: "+out+"\n"+syntheticManifest))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := Plan(t.Context(), m, tools(t), 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	return m, steps
}

// A run killed in the middle keeps what finished; the rerun repeats no finished step,
// redoes the interrupted one, and a failed step is recorded and retried.
func TestRunResume(t *testing.T) {
	out := t.TempDir()
	m, steps := planFor(t, out)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	f := &fakeExec{block: "dense_ngram_rubric", fail: map[string]bool{"dense_spec-k8_rubric": true}}
	var progress bytes.Buffer
	r := &Runner{Manifest: m, Exec: f.exec, Progress: &progress}
	go func() { // kill the run once it reaches the blocking step
		for !strings.Contains(f.ranString(), "dense_ngram_rubric") {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	state, err := r.Run(ctx, steps)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run() = %v, want it interrupted", err)
	}
	if st := state.Steps["dense_ngram_rubric"]; st.Status != StatusRunning {
		t.Errorf("interrupted step recorded as %q, want %q", st.Status, StatusRunning)
	}
	if st := state.Steps["dense_spec-k8_rubric"]; st.Status != StatusFailed || !strings.Contains(st.Reason, "exit status 1") {
		t.Errorf("failed step recorded as %+v", st)
	}
	first := f.ranList()

	// The rerun: a new process, so state comes from the file.
	f2 := &fakeExec{}
	var progress2 bytes.Buffer
	r2 := &Runner{Manifest: m, Exec: f2.exec, Progress: &progress2}
	state, err = r2.Run(t.Context(), steps)
	if err != nil {
		t.Fatal(err)
	}
	done := map[string]bool{}
	for _, k := range first {
		done[k] = true
	}
	for _, k := range f2.ranList() {
		if done[k] && k != "dense_spec-k8_rubric" && k != "dense_ngram_rubric" {
			t.Errorf("rerun repeated finished step %s", k)
		}
	}
	for _, want := range []string{"dense_spec-k8_rubric", "dense_ngram_rubric"} {
		if !slices.Contains(f2.ranList(), want) {
			t.Errorf("rerun did not redo %s (ran %v)", want, f2.ranList())
		}
	}
	for key, st := range state.Steps {
		if st.Status != StatusDone && st.Status != StatusSkipped {
			t.Errorf("after the rerun %s is %s", key, st.Status)
		}
	}
	if !strings.Contains(progress2.String(), "done earlier") {
		t.Errorf("rerun progress does not say what it kept:\n%s", progress2.String())
	}
	// A third run has nothing to do.
	f3 := &fakeExec{}
	r3 := &Runner{Manifest: m, Exec: f3.exec, Progress: io.Discard}
	if _, err := r3.Run(t.Context(), steps); err != nil || r3.Executed != 0 || len(f3.ranList()) != 0 {
		t.Errorf("third run executed %d steps (%v), err %v; want none", r3.Executed, f3.ranList(), err)
	}
	// A step whose output was deleted is redone.
	os.RemoveAll(filepath.Join(out, "moe_baseline_rubric"))
	f4 := &fakeExec{}
	r4 := &Runner{Manifest: m, Exec: f4.exec, Progress: io.Discard}
	if _, err := r4.Run(t.Context(), steps); err != nil || !slices.Equal(f4.ranList(), []string{"moe_baseline_rubric"}) {
		t.Errorf("after deleting one output the run redid %v, err %v; want only moe_baseline_rubric", f4.ranList(), err)
	}
}

func (f *fakeExec) ranList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.ran...)
}

func (f *fakeExec) ranString() string { return strings.Join(f.ranList(), " ") }

// The synthetic manifest through the real go test, llama-server and all: interrupted in
// the middle, then resumed to the end without repeating a finished step; a rerun with
// nothing left to do is quick.
func TestRunSyntheticEndToEnd(t *testing.T) {
	harness.SkipShort(t, "the end-to-end suite run")
	tools(t) // skip or, in CI, fail without llama-server
	out := t.TempDir()
	m, steps := planFor(t, out)
	m.Variants, m.MaxTokens, m.PromptTokens, m.GenTokens, m.Count = 0, 32, 32, 16, 1
	tag := fmt.Sprintf("vlbench-suite-e2e-%d", os.Getpid()) // to count its servers in /proc
	// The tag is in go test's and the test binary's arguments too (-server-args): a
	// server's command line alone has --host.
	servers := func(tag string) []int { return harness.ProcessesWith(tag, "--host 127.0.0.1") }
	for i := range m.Models {
		m.Models[i].Args = []string{"--alias", tag}
	}
	m.Models[0].Roles = []string{"worker_vision"} // asserted by the real rubric (-role)

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cancelled := make(chan time.Time, 1)
	// Interrupted in step 5, once its llama-server is up.
	pw := &watchWriter{on: "[ 5/16] dense spec-k8 rubric: running", do: func() {
		go func() {
			for len(servers(tag)) == 0 && ctx.Err() == nil {
				time.Sleep(20 * time.Millisecond)
			}
			// Mid-step: the synthetic model loads in 0.2–1 s and the step then answers
			// its questions for a second or more, so a short wait lands inside it on a
			// quiet machine as on a loaded one.
			time.Sleep(300 * time.Millisecond)
			cancelled <- time.Now()
			cancel()
		}()
	}}
	r := &Runner{Manifest: m, Progress: pw, Alive: time.Minute}
	start := time.Now()
	_, err := r.Run(ctx, steps)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v, want it interrupted at step 5\n%s", err, pw)
	}
	if r.Executed != 2 {
		t.Errorf("first run executed %d steps before the interrupt, want 2\n%s", r.Executed, pw)
	}
	at := <-cancelled
	returned := time.Since(at)
	for time.Since(at) < 10*time.Second && len(servers(tag)) > 0 {
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("interrupted with its llama-server running: Run returned %v after the cancel; servers gone after %v",
		returned.Round(time.Millisecond), time.Since(at).Round(time.Millisecond))
	if returned > 10*time.Second {
		t.Errorf("the interrupted run took %v to return, want under 10s", returned)
	}
	if left := servers(tag); len(left) > 0 {
		t.Errorf("interrupted run left llama-server(s) %v 10s after the cancel", left)
	}
	if left := harness.ChildProcesses(); len(left) > 0 {
		t.Errorf("interrupted run left %v", left)
	}

	var progress bytes.Buffer
	r2 := &Runner{Manifest: m, Progress: &progress, Alive: time.Minute}
	state, err := r2.Run(t.Context(), steps)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first run %v; resumed run:\n%s", time.Since(start).Round(time.Second), progress.String())
	if got := strings.Count(progress.String(), "done earlier"); got != 2 {
		t.Errorf("resumed run kept %d finished steps, want 2", got)
	}
	for key, st := range state.Steps {
		if st.Status == StatusFailed {
			log, _ := os.ReadFile(st.Log)
			t.Errorf("%s failed: %s\n%s", key, st.Reason, lastN(string(log), 20))
		}
	}
	for _, key := range []string{"dense_baseline_rubric", "moe_moe1_rubric"} {
		if _, err := results.ReadRun(filepath.Join(out, key, "results.json")); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
	// The random weights score far below worker_vision's minimums: a verdict, not a failure.
	for _, key := range []string{"dense_baseline_rubric", "dense_ngram_rubric"} {
		st := state.Steps[key]
		run, err := results.ReadRun(filepath.Join(out, key, "results.json"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s, worker_vision %s", key, st.Status, st.Roles["worker_vision"])
		if st.Status != StatusDone || run.Role != "worker_vision" || st.Roles["worker_vision"] == "" ||
			(st.Roles["worker_vision"] == "met") != (len(run.RoleFailures) == 0) {
			t.Errorf("%s: %s, role verdict %q, results.json role %q failures %v; want done with the rubric's verdict",
				key, st.Status, st.Roles["worker_vision"], run.Role, run.RoleFailures)
		}
	}
	for _, key := range []string{"dense_spec-k8_perf", "moe_moe1_perf", "dense_ngram_perf"} {
		b, err := os.ReadFile(filepath.Join(out, key+".txt"))
		if err != nil || !bytes.Contains(b, []byte("tok/s")) {
			t.Errorf("%s.txt: %v, want benchmark lines with tok/s", key, err)
		}
	}

	t0 := time.Now()
	r3 := &Runner{Manifest: m, Progress: io.Discard}
	if _, err := r3.Run(t.Context(), steps); err != nil || r3.Executed != 0 {
		t.Errorf("rerun with nothing to do executed %d steps, err %v", r3.Executed, err)
	}
	t.Logf("rerun with nothing to do: %v", time.Since(t0))

	checkReport(t, out)
}

// checkReport reads the suite's results as `vlbench report` does and checks the plan's
// Acceleration Compatibility Matrix, the lossless check and the decision criteria on them.
func checkReport(t *testing.T, out string) {
	t.Helper()
	set, err := report.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	rep := report.Join(set)
	rows := map[string]report.MatrixRow{}
	for _, r := range rep.Matrix() {
		rows[strings.Fields(r.Model)[0]] = r
		t.Logf("matrix: %+v", r)
	}
	if d := rows["dense"]; d.MoE != "No (dense)" || !strings.HasPrefix(d.Spec, "Yes: spec-k8 ") || !strings.Contains(d.Spec, "×, accept ") || !strings.HasPrefix(d.Lookup, "Yes: ngram ") {
		t.Errorf("matrix row of dense: %+v; want No (dense), spec-k8 with its speed and acceptance, ngram", d)
	}
	// The suite's 32-token answers are all truncated, so no tier has scores to pair: the
	// MoE cell has the speed alone.
	if m := rows["moe"]; !strings.HasPrefix(m.MoE, "Yes: moe1 ") || !strings.Contains(m.MoE, "×") || m.Spec != "untested" || !strings.HasPrefix(m.Lookup, "Yes: ngram ") {
		t.Errorf("matrix row of moe: %+v; want moe1 with its speed, spec untested, ngram", m)
	}
	for _, c := range rep.Costs() {
		if c.Entry.Model.Name == "dense" && c.Entry.Config == "spec-k8" {
			// Speculative decoding at temperature 0 gives the baseline's answers.
			if c.Check == nil || !c.Check.Lossless() {
				t.Errorf("dense spec-k8: %v, want lossless", c.Check)
			} else {
				t.Logf("dense spec-k8: %s", c.Check)
			}
		}
	}
	for _, c := range rep.Candidates(vlrubric.VisionEscalation) {
		var texts []string
		for _, v := range c.Verdicts {
			texts = append(texts, v.Text)
		}
		got := strings.Join(texts, ", ")
		if !strings.Contains(got, "mmmu not measured") || !regexp.MustCompile(`cold load \d+\.\d s < 30 s`).MatchString(got) {
			t.Errorf("%s: criteria %q; want mmmu not measured and the measured cold load under 30 s", c.Entry.Label(), got)
		}
	}
}

// watchWriter calls do once when the text written to it contains on.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	on   string
	do   func()
	done bool
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.done && strings.Contains(w.buf.String(), w.on) {
		w.done = true
		w.do()
	}
	return len(p), nil
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func lastN(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// A finished step whose settings or inputs changed runs again, and the progress says
// what changed; a step whose inputs did not change is kept.
func TestRunResumeChanged(t *testing.T) {
	dir := t.TempDir()
	dense := synthetic(t, synth.Qwen25VL)
	model := filepath.Join(dir, "dense.gguf")
	b, err := os.ReadFile(dense.Model)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(model, b, 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := strings.Replace(syntheticManifest, "model: synthetic:qwen25vl\n", "model: "+model+"\n", 1)
	m, err := Load(writeManifest(t, "output: "+filepath.Join(dir, "out")+"\n"+manifest))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := Plan(t.Context(), m, tools(t), 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, llamaServer string) (ran []string, progress string) {
		t.Helper()
		f := &fakeExec{}
		var out bytes.Buffer
		r := &Runner{Manifest: m, Exec: f.exec, Progress: &out, LlamaServer: llamaServer}
		if _, err := r.Run(t.Context(), steps); err != nil {
			t.Fatal(err)
		}
		return f.ranList(), out.String()
	}
	all, _ := run(t, "")
	if len(all) != 12 {
		t.Fatalf("first run ran %d steps, want 12: %v", len(all), all)
	}
	if ran, _ := run(t, ""); len(ran) != 0 {
		t.Fatalf("unchanged rerun ran %v, want nothing", ran)
	}
	fakeServer := filepath.Join(dir, "llama-server")
	if err := os.WriteFile(fakeServer, []byte("#!/bin/sh\ncase \"$1\" in\n"+
		"--version) echo 'version: 2 (build 2, commit other)';;\n"+
		"*) echo '-m,    --model FNAME     model path';;\nesac\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		edit        func()
		llamaServer string
		want        []string // steps that rerun
		says        string   // in the progress
	}{
		{"variants", func() { m.Variants = 1 }, "",
			[]string{"dense_baseline_rubric", "dense_spec-k8_rubric", "dense_ngram_rubric", "moe_baseline_rubric", "moe_moe1_rubric", "moe_ngram_rubric"},
			"variants 0 → 1"},
		{"max_tokens", func() { m.MaxTokens = 99 }, "",
			[]string{"dense_baseline_rubric", "dense_spec-k8_rubric", "dense_ngram_rubric", "moe_baseline_rubric", "moe_moe1_rubric", "moe_ngram_rubric"},
			"max_tokens 0 → 99"},
		{"gen_tokens", func() { m.GenTokens = 64 }, "",
			[]string{"dense_baseline_perf", "dense_spec-k8_perf", "dense_ngram_perf", "moe_baseline_perf", "moe_moe1_perf", "moe_ngram_perf"},
			"gen_tokens 128 → 64"},
		{"context", func() { m.Context = 8192 }, "", all, "context 16384 → 8192"},
		{"threads", func() { m.Threads = 1 }, "", all, "threads 0 → 1"},
		{"args", func() { m.Models[1].Args = []string{"--flash-attn", "off"} }, "",
			[]string{"moe_baseline_rubric", "moe_baseline_perf", "moe_moe1_rubric", "moe_moe1_perf", "moe_ngram_rubric", "moe_ngram_perf"},
			`args "" → --flash-attn off`},
		{"roles", func() { m.Models[1].Roles = []string{"worker_vision"} }, "",
			[]string{"moe_baseline_rubric", "moe_moe1_rubric", "moe_ngram_rubric"}, `roles "" → worker_vision`},
		{"model file", func() {
			f, err := os.OpenFile(model, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.Write(make([]byte, 32)) // same header, another size: another file
			f.Close()
		}, "",
			[]string{"dense_baseline_rubric", "dense_baseline_perf", "dense_spec-k8_rubric", "dense_spec-k8_perf", "dense_ngram_rubric", "dense_ngram_perf"},
			"model changed"},
		{"llama-server", func() {}, fakeServer, all, "llama-server changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edit()
			ran, progress := run(t, tt.llamaServer)
			want := slices.Sorted(slices.Values(tt.want))
			slices.Sort(ran)
			if diff := cmp.Diff(want, ran); diff != "" {
				t.Errorf("rerun after changing %s (-want +got):\n%s", tt.name, diff)
			}
			if !strings.Contains(progress, tt.says) || !strings.Contains(progress, "running again") {
				t.Errorf("progress does not say %q … running again:\n%s", tt.says, progress)
			}
			if again, _ := run(t, tt.llamaServer); len(again) != 0 {
				t.Errorf("a second rerun ran %v, want nothing", again)
			}
		})
	}
}

// A manifest's roles are asserted by the rubric steps (-role, the first role): a model
// below a role's minimums is reported as not meeting it, the step is done and the suite
// goes on; every listed role gets a verdict. A step that also failed otherwise is failed.
func TestRunRoles(t *testing.T) {
	m, steps := planFor(t, t.TempDir())
	m.Models[0].Roles = []string{"vision_escalation", "worker_vision"}
	m.Models[1].Roles = []string{"worker_vision"}
	f := &fakeExec{qualified: []string{"worker_vision"}}
	var progress bytes.Buffer
	r := &Runner{Manifest: m, Exec: f.exec, Progress: &progress}
	state, err := r.Run(t.Context(), steps)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("progress:\n%s", progress.String())
	dense, moe := state.Steps["dense_baseline_rubric"], state.Steps["moe_baseline_rubric"]
	if dense.Status != StatusDone || !strings.HasPrefix(dense.Roles["vision_escalation"], "NOT met: vision_escalation: T1 score") ||
		dense.Roles["worker_vision"] != "met" {
		t.Errorf("dense rubric step = %s %v; want done, vision_escalation NOT met with the reason, worker_vision met", dense.Status, dense.Roles)
	}
	if moe.Status != StatusDone || moe.Roles["worker_vision"] != "met" {
		t.Errorf("moe rubric step = %s %v; want done, worker_vision met", moe.Status, moe.Roles)
	}
	if perf := state.Steps["dense_baseline_perf"]; perf.Status != StatusDone || perf.Roles != nil {
		t.Errorf("perf step = %s %v; want done, no roles", perf.Status, perf.Roles)
	}
	if !strings.Contains(progress.String(), "dense baseline rubric: ok in") ||
		!strings.Contains(progress.String(), "role vision_escalation: NOT met") {
		t.Errorf("progress does not report the role verdict:\n%s", progress.String())
	}

	// The same, with a question's subtest failing too: the step failed.
	m2, steps2 := planFor(t, t.TempDir())
	m2.Models[0].Roles = []string{"vision_escalation"}
	f2 := &fakeExec{qualified: []string{"worker_vision"}, subtestFail: true}
	r2 := &Runner{Manifest: m2, Exec: f2.exec, Progress: io.Discard}
	state, err = r2.Run(t.Context(), steps2)
	if err != nil {
		t.Fatal(err)
	}
	if st := state.Steps["dense_baseline_rubric"]; st.Status != StatusFailed {
		t.Errorf("a step with a failed question besides its role is %s, want failed", st.Status)
	}
}
