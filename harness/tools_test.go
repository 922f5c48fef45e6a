package harness

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every llama.cpp tool vlbench uses runs through Tools.Command: the loader, the library
// path and the CPU backend are right for each.
func TestToolsRun(t *testing.T) {
	tools := suite.Tools(t)
	for _, tc := range []struct{ tool, arg, want string }{
		{"llama-server", "--version", "version:"},
		{"llama-bench", "--help", "usage:"},
		{"llama-quantize", "--help", "usage:"},
		{"llama-mtmd-cli", "--version", "version:"},
		{"ggml-rpc-server", "--help", "usage:"},
		{"llama-gguf-split", "--help", "usage:"},
	} {
		t.Run(tc.tool, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
			defer cancel()
			cmd, err := tools.Command(ctx, tc.tool, tc.arg)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := cmd.CombinedOutput() // some tools exit 1 after --help
			if !strings.Contains(strings.ToLower(string(out)), tc.want) {
				t.Errorf("%s %s printed no %q:\n%s", tc.tool, tc.arg, tc.want, lastLines(string(out), 10))
			}
		})
	}
}

func TestLocateTools(t *testing.T) {
	// An explicit binary wins and is used as it is, with its own folder for the others.
	dir := t.TempDir()
	fake := filepath.Join(dir, "llama-server")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "llama-bench"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tl, err := LocateTools(fake)
	if err != nil || tl.Server != fake || tl.Root != "" {
		t.Fatalf("LocateTools(%s) = %+v, %v", fake, tl, err)
	}
	if p, err := tl.Path("llama-bench"); err != nil || p != filepath.Join(dir, "llama-bench") {
		t.Errorf("Path(llama-bench) = %q, %v; want the one beside the server", p, err)
	}
	if _, err := tl.Path("ggml-rpc-server-nope"); err == nil {
		t.Error("Path of a tool that exists nowhere succeeded")
	}
	t.Setenv(EnvServer, fake)
	if tl, err := LocateTools(""); err != nil || tl.Server != fake {
		t.Errorf("LocateTools with $%s = %+v, %v", EnvServer, tl, err)
	}
	if _, err := LocateTools(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("LocateTools(missing) error = %v, want one naming the file", err)
	}
}
