package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/perf/benchfmt"

	"github.com/vlbench/vlbench/harness"
)

var update = flag.Bool("update", false, "update testdata/*.golden")

// TestGolden converts a saved real llama-bench output (build 11669, the synthetic
// Qwen2.5-VL-like model, -p 16 -n 8 -d 0,16 -r 2 -t 2 -o json) and compares the lines
// with testdata/llama-bench.golden.
func TestGolden(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(&out, &errb, []string{"-json", "testdata/llama-bench.json"}); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	golden := filepath.Join("testdata", "llama-bench.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		got := golden + ".got"
		os.WriteFile(got, out.Bytes(), 0o644)
		t.Errorf("output mismatch (-want +got), wrote %s:\n%s", got, diff)
	}
	// Every sample is one result that benchfmt reads, in tok/s.
	checkResults(t, out.Bytes(), map[string]int{
		"LlamaBench/config=baseline/test=pp16": 2, "LlamaBench/config=baseline/test=tg8": 2,
		"LlamaBench/config=baseline/test=pp16-d16": 2, "LlamaBench/config=baseline/test=tg8-d16": 2,
	})
}

// TestGoldenBatched converts a saved real llama-batched-bench output (build 11669, the
// synthetic Qwen2.5-VL-like model, -npp 16 -ntg 8 -npl 1,2 -t 2 --output-format jsonl)
// and compares the lines with testdata/batched-bench.golden.
func TestGoldenBatched(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(&out, &errb, []string{"-batched-json", "testdata/batched-bench.jsonl", "-threads", "2"}); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	golden := filepath.Join("testdata", "batched-bench.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		got := golden + ".got"
		os.WriteFile(got, out.Bytes(), 0o644)
		t.Errorf("output mismatch (-want +got), wrote %s:\n%s", got, diff)
	}
	checkResults(t, out.Bytes(), map[string]int{
		"LlamaBatchedBench/config=baseline-t2/clients=1": 1, "LlamaBatchedBench/config=baseline-t2/clients=2": 1,
	})
	if !strings.Contains(out.String(), "9.196296 tok/s") {
		t.Errorf("clients=2 line lacks speed_tg 9.196296 as tok/s:\n%s", out.String())
	}
}

// TestRealLlamaBench runs the real llama-bench on the tiny synthetic model and checks that
// its output converts: pp16, tg8 and tg8-d16 (the decode after the prompt), two samples
// each, named by thread count; with -npl 1,2 the real llama-batched-bench too, two runs.
func TestRealLlamaBench(t *testing.T) {
	if _, err := harness.LocateTools(""); err != nil {
		harness.Missing(t, err)
	}
	var out, errb bytes.Buffer
	if err := run(&out, &errb, []string{"-p", "16", "-n", "8", "-r", "2", "-threads", "2", "-npl", "1,2"}); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	checkResults(t, out.Bytes(), map[string]int{
		"LlamaBench/config=baseline-t2/test=pp16": 2, "LlamaBench/config=baseline-t2/test=tg8": 2,
		"LlamaBench/config=baseline-t2/test=tg8-d16":     2,
		"LlamaBatchedBench/config=baseline-t2/clients=1": 2, "LlamaBatchedBench/config=baseline-t2/clients=2": 2,
	})
	if t.Failed() {
		t.Logf("output:\n%s", out.String())
	}
}

func checkResults(t *testing.T, out []byte, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	r := benchfmt.NewReader(bytes.NewReader(out), "out")
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.Result:
			v, ok := rec.Value("tok/s")
			if !ok || v <= 0 {
				t.Errorf("%s: tok/s %v, %v", rec.Name.Full(), v, ok)
			}
			got[string(rec.Name.Full())]++
		case *benchfmt.SyntaxError:
			t.Errorf("benchfmt: %v", rec)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results per benchmark mismatch (-want +got):\n%s", diff)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`[{"n_prompt": 16, "n_gen": 0}]`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-bogus"}, "flag provided but not defined"},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"-json", filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"-json", bad}, "no samples_ts"},
		{[]string{"-threads", "x"}, "invalid value"},
		{[]string{"-batched-json", bad}, "printed no results"},
	} {
		var out, errb bytes.Buffer
		err := run(&out, &errb, tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
		if errors.Is(err, flag.ErrHelp) {
			t.Errorf("run(%q): help", tc.args)
		}
	}
}
