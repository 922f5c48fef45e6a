// Package mk holds the tests of the make targets in mk/*.mk and the Makefile (make bench's
// files, make help, the Debian installers on another OS), and of the README's commands:
// TestReadmeCommands runs every command of its sh blocks on the synthetic models, or
// names why it does not.
package mk

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/modroot"
)

// fakeGo plays the go command for `make bench`: `go test` (perf) and `go run` (llama-bench)
// each print a benchmark line, then exit with $FAKE_TEST_RC / $FAKE_RUN_RC.
const fakeGo = `#!/bin/sh
case "$1" in
test) echo "BenchmarkGenerate/config=baseline-2 1 42.0 tok/s"; exit ${FAKE_TEST_RC:-0};;
run)  echo "BenchmarkLlamaBench/test=pp32-2 1 100.0 tok/s"; exit ${FAKE_RUN_RC:-0};;
esac
echo "fake go: unexpected $*" >&2
exit 9
`

// make bench writes its bench file only when perf and llama-bench both succeeded, and a
// failure of either (behind a pipe into tee) fails make bench and leaves no file at all,
// partial or not.
func TestMakeBench(t *testing.T) {
	makeBin, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make")
	}
	root, err := modroot.Find()
	if err != nil {
		t.Fatal(err)
	}
	goBin := filepath.Join(t.TempDir(), "go")
	if err := os.WriteFile(goBin, []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		env       []string
		args      []string
		fail      bool
		wantLines int // in the bench file
	}{
		{"both succeed", nil, nil, false, 2},
		{"without llama-bench", nil, []string{"LLAMABENCH=0"}, false, 1},
		{"perf fails", []string{"FAKE_TEST_RC=3"}, nil, true, 0},
		{"llama-bench fails", []string{"FAKE_RUN_RC=4"}, nil, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results := t.TempDir()
			args := append([]string{"-s", "-C", root, "bench", "GO=" + goBin, "RESULTS=" + results,
				"LLAMA_SERVER=/nonexistent/llama-server"}, tt.args...)
			cmd := exec.Command(makeBin, args...)
			cmd.Env = append(os.Environ(), tt.env...)
			out, err := cmd.CombinedOutput()
			t.Logf("make %s:\n%s", strings.Join(args[3:], " "), out)
			if tt.fail != (err != nil) {
				t.Fatalf("make bench: err %v, want failure %v", err, tt.fail)
			}
			files, _ := os.ReadDir(results)
			if tt.fail {
				if len(files) != 0 {
					t.Errorf("a failed make bench left %v in %s", files, results)
				}
				if !strings.Contains(string(out), "no "+results) {
					t.Errorf("make bench did not say it wrote no file")
				}
				return
			}
			if len(files) != 1 || !strings.HasPrefix(files[0].Name(), "bench-synthetic-") || filepath.Ext(files[0].Name()) != ".txt" {
				t.Fatalf("results: %v, want one bench-synthetic-<date>.txt", files)
			}
			b, err := os.ReadFile(filepath.Join(results, files[0].Name()))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "Benchmark") {
					n++
				}
			}
			if n != tt.wantLines {
				t.Errorf("bench file has %d benchmark lines, want %d:\n%s", n, tt.wantLines, b)
			}
		})
	}
}
