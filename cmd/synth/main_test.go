package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunSmall(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if err := run(&out, &errb, []string{"-out", dir, "-kind", "small"}); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), out.String())
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[1], dir) {
			t.Errorf("bad line %q", l)
		}
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{{"-kind", "nope", "-out", t.TempDir()}, {"-bogus"}, {"extra"}} {
		var out, errb bytes.Buffer
		if err := run(&out, &errb, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}
