package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/fixtures"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, []string{"-out", dir, "-variants", "1"}); err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
	}
	for _, q := range fixtures.Questions() {
		for v := 0; v <= 1; v++ {
			name := fixtures.FileName(q, v)
			png, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := q.Generate(v)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(png, want.PNG) {
				t.Errorf("%s: written image differs from Generate(%d)", name, v)
			}
			js, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, ".png")+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var tr fixtures.Truth
			if err := json.Unmarshal(js, &tr); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if tr.ID != q.ID || tr.Variant != v || tr.Prompt == "" {
				t.Errorf("%s: truth ID %q, variant %d, prompt %q", name, tr.ID, tr.Variant, tr.Prompt)
			}
		}
	}
	if n := strings.Count(stdout.String(), "\n"); n != 20 {
		t.Errorf("stdout has %d lines, want 20:\n%s", n, stdout.String())
	}
}

func TestRunOneQuestion(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, []string{"-out", dir, "-q", "VL-T2-Q1"}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 { // chart_bar.png and chart_bar.json
		t.Errorf("wrote %d files, want 2", len(entries))
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-variants", "-1"},
		{"-nosuchflag"},
		{"extra"},
		{"-q", "VL-T9-Q9"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(&stdout, &stderr, append([]string{"-out", t.TempDir()}, args...)); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}
