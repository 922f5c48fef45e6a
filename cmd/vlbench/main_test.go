package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/cli"
)

func TestRunUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, nil); !errors.Is(err, cli.ErrUsage) {
		t.Errorf("run() with no command = %v, want a usage error", err)
	}
	if err := run(&out, &errOut, []string{"frobnicate"}); !errors.Is(err, cli.ErrUsage) || !strings.Contains(err.Error(), "frobnicate") {
		t.Errorf("run(frobnicate) = %v, want a usage error naming it", err)
	}
	errOut.Reset()
	if err := run(&out, &errOut, []string{"help"}); err != nil {
		t.Errorf("run(help) = %v", err)
	}
	for name := range commands {
		if !strings.Contains(errOut.String(), name) {
			t.Errorf("usage does not list %q:\n%s", name, errOut.String())
		}
	}
}
