package vlrubric

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
)

// An interrupted rubric run loses nothing: the answers that came back before the
// interrupt are in the answer cache, the rerun asks only for the rest, and its
// results.json holds the same answers as a run that was never interrupted.
func TestRubricResume(t *testing.T) {
	suite.Tools(t)
	if testing.Short() && !harness.InCI() {
		t.Skip("-short: three rubric runs in other test processes")
	}
	flags := []string{"-test.run", "^TestRubric$", "-test.count", "1", "-test.v", "-variants", "1",
		"-max-tokens", "24", "-parallel", "1"}
	if suite.Flags.LlamaServer != "" {
		flags = append(flags, "-llama-server", suite.Flags.LlamaServer)
	}
	start := func(ctx context.Context, dir string, extra ...string) (*exec.Cmd, *strings.Builder) {
		var out strings.Builder
		cmd := exec.CommandContext(ctx, os.Args[0], append(append(flags, "-results", dir), extra...)...)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	items, _ := Items(1)

	// 1. Interrupt a run once a third of its answers are in.
	dir := t.TempDir()
	cache := filepath.Join(dir, "answer-cache")
	cmd, out := start(ctx, dir)
	deadline := time.Now().Add(3 * time.Minute)
	for n := 0; n < len(items)/3; n = len(cached(cache)) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no %d answers cached in 3 minutes:\n%s", len(items)/3, lastN(out.String(), 2000))
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	stopped := time.Now()
	cmd.Wait()
	t.Logf("interrupted, exit in %v", time.Since(stopped).Round(time.Millisecond))
	if left := harness.ProcessesWith(dir); len(left) > 0 {
		t.Errorf("processes left after the interrupt: %v", left)
	}
	kept := len(cached(cache))
	if kept == len(items) {
		t.Fatalf("the run finished before the interrupt (%d answers): nothing was resumed", kept)
	}

	// 2. The rerun asks only for what is missing.
	cmd, out = start(ctx, dir)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, lastN(out.String(), 3000))
	}
	m := regexp.MustCompile(`asked (\d+) of (\d+) questions`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("rerun: no count of questions asked:\n%s", lastN(out.String(), 3000))
	}
	asked, _ := strconv.Atoi(m[1])
	t.Logf("%d of %d answers kept through the interrupt; the rerun asked %d", kept, len(items), asked)
	if asked != len(items)-kept {
		t.Errorf("rerun asked %d questions, want %d (the %d not cached)", asked, len(items)-kept, len(items)-kept)
	}

	// 3. The same answers as an uninterrupted run.
	whole := t.TempDir()
	cmd, out = start(ctx, whole)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, lastN(out.String(), 3000))
	}
	resumed, err := results.ReadRun(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	full, err := results.ReadRun(filepath.Join(whole, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	type scored struct {
		ID, Answer string
		Variant    int
		Score      float64
	}
	pick := func(r *results.Run) []scored {
		var out []scored
		for _, a := range r.Answers {
			out = append(out, scored{a.ID, a.Answer, a.Variant, a.Score})
		}
		return out
	}
	if diff := cmp.Diff(pick(full), pick(resumed)); diff != "" {
		t.Errorf("resumed run's answers differ from an uninterrupted run's (-whole +resumed):\n%s", diff)
	}
	if diff := cmp.Diff(full.Tiers, resumed.Tiers); diff != "" {
		t.Errorf("tiers differ (-whole +resumed):\n%s", diff)
	}

	// 4. -fresh asks everything again.
	cmd, out = start(ctx, dir, "-fresh")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("-fresh: %v\n%s", err, lastN(out.String(), 3000))
	}
	if !strings.Contains(out.String(), "asked "+strconv.Itoa(len(items))+" of "+strconv.Itoa(len(items))) {
		t.Errorf("-fresh did not ask all %d questions:\n%s", len(items), lastN(out.String(), 2000))
	}
}

func cached(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	return m
}
