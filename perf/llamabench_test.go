package perf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLlamaBenchName(t *testing.T) {
	for _, tc := range []struct {
		t    LlamaBenchTest
		want string
	}{
		{LlamaBenchTest{NPrompt: 512}, "pp512"},
		{LlamaBenchTest{NGen: 128}, "tg128"},
		{LlamaBenchTest{NGen: 128, NDepth: 512}, "tg128-d512"},
		{LlamaBenchTest{NPrompt: 512, NGen: 128}, "pp512+tg128"},
	} {
		if got := tc.t.Name(); got != tc.want {
			t.Errorf("Name(%+v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

func TestLlamaBenchArgs(t *testing.T) {
	got := LlamaBenchRun{Model: "/m.gguf", Threads: []int{8, 16}, Prompt: 512, Gen: 128, Reps: 10}.Args()
	want := [][]string{
		{"-m", "/m.gguf", "-t", "8,16", "-r", "10", "-o", "json", "-p", "512", "-n", "128"},
		{"-m", "/m.gguf", "-t", "8,16", "-r", "10", "-o", "json", "-p", "0", "-n", "128", "-d", "512"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Args() mismatch (-want +got):\n%s", diff)
	}
}

func TestLlamaBenchLines(t *testing.T) {
	in := `[{"n_threads": 8, "n_gen": 128, "n_depth": 512, "samples_ts": [69.5, 70.25]}]`
	tests, err := ParseLlamaBench(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := LlamaBenchLines(&buf, tests, "baseline", true); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for l := range strings.Lines(buf.String()) {
		if strings.HasPrefix(l, "Benchmark") {
			lines = append(lines, strings.Join(strings.Fields(l), " "))
		}
	}
	want := []string{
		"BenchmarkLlamaBench/config=baseline-t8/test=tg128-d512 1 69.5 tok/s",
		"BenchmarkLlamaBench/config=baseline-t8/test=tg128-d512 1 70.25 tok/s",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("lines mismatch (-want +got):\n%s", diff)
	}
	if _, err := ParseLlamaBench(strings.NewReader(`{`)); err == nil {
		t.Error("ParseLlamaBench({): no error")
	}
}
