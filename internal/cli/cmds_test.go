package cli

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/modroot"
)

// Each command in cmd/: arguments that are usage errors (exit 2) and arguments that fail
// (exit 1); every command also gets -h (exit 0) and an unknown flag (exit 2). A command
// without a row fails the test, so a new one gets covered.
var commands = map[string]struct {
	help, usage, fail [][]string
}{
	"genfixtures": {
		usage: [][]string{{"extra"}, {"-variants", "-1"}},
		fail:  [][]string{{"-out", "/dev/null/fixtures"}, {"-out", "@TMP", "-q", "VL-T9-Q9"}},
	},
	"llamabench2go": {
		usage: [][]string{{"extra"}, {"-threads", "x"}},
		fail:  [][]string{{"-json", "/nonexistent/llama-bench.json"}},
	},
	"synth": {
		usage: [][]string{{"extra"}},
		fail:  [][]string{{"-out", "/dev/null/models"}},
	},
	"vlbench": {
		help:  [][]string{{"help"}, {"report", "-h"}, {"suite", "-help"}},
		usage: [][]string{{}, {"frobnicate"}, {"report"}, {"report", "-bogus", "x"}, {"suite"}, {"suite", "a.yaml", "b.yaml"}},
		fail:  [][]string{{"report", "/nonexistent/results"}, {"suite", "/nonexistent/models.yaml"}},
	},
}

// Every command in cmd/ exits 0 on -h, 2 on a usage error and 1 on a failure, and says
// "name: error" on stderr for the last two.
func TestCommandsExitStatus(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no go on PATH")
		}
		t.Skip("no go on PATH to build cmd/")
	}
	root, err := modroot.Find()
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := filepath.Glob(filepath.Join(root, "cmd", "*", "main.go"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cmd/*/main.go under %s (%v)", root, err)
	}
	bin := t.TempDir()
	build := exec.Command(goBin, "build", "-o", bin+string(filepath.Separator), "./cmd/...")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/...: %v\n%s", err, out)
	}
	for _, d := range dirs {
		name := filepath.Base(filepath.Dir(d))
		c, ok := commands[name]
		if !ok {
			t.Errorf("cmd/%s has no row in commands: add its usage errors and failures", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			check := func(args []string, want int) {
				t.Helper()
				for i, a := range args {
					args[i] = strings.ReplaceAll(a, "@TMP", tmp)
				}
				cmd := exec.Command(filepath.Join(bin, name), args...)
				cmd.Dir = tmp
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				got := 0
				if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					t.Fatalf("%s %q: %v", name, args, err)
				}
				if got != want {
					t.Errorf("%s %q: exit status %d, want %d\n%s", name, args, got, want, stderr.String())
				}
				if want != 0 && !strings.Contains(stderr.String(), name+": ") {
					t.Errorf("%s %q: stderr does not say \"%s: …\":\n%s", name, args, name, stderr.String())
				}
				if want == 0 && !strings.Contains(stderr.String(), "sage") {
					t.Errorf("%s %q: no usage on stderr:\n%s", name, args, stderr.String())
				}
			}
			for _, args := range append([][]string{{"-h"}}, c.help...) {
				check(args, 0)
			}
			for _, args := range append([][]string{{"-no-such-flag"}}, c.usage...) {
				check(args, 2)
			}
			if len(c.fail) == 0 {
				t.Errorf("no failing arguments for %s", name)
			}
			for _, args := range c.fail {
				check(args, 1)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{flag.ErrHelp, 0},
		{Usagef("want one manifest, got %d", 2), 2},
		{Parse(quiet(), []string{"-bogus"}), 2},
		{Parse(quiet(), []string{"-h"}), 0},
		{errors.New("open m.gguf: no such file"), 1},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
	var b bytes.Buffer
	if code := finish("synth", &b, Usagef("unexpected arguments")); code != 2 || b.String() != "synth: usage: unexpected arguments\n" {
		t.Errorf("finish = %d, %q", code, b.String())
	}
}

func quiet() *flag.FlagSet {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}
