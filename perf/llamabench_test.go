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

func TestBatchedBench(t *testing.T) {
	const out = `main: n_kv_max = 304 (ignored: not JSON)
{"n_kv_max": 304, "n_threads": 2, "pp": 16, "tg": 8, "pl": 1, "t_pp": 0.01, "speed_pp": 1600, "t_tg": 0.1, "speed_tg": 80}
{"n_kv_max": 304, "n_threads": 2, "pp": 16, "tg": 8, "pl": 2, "t_pp": 0.02, "speed_pp": 1600, "t_tg": 0.1, "speed_tg": 160}
`
	res, err := ParseBatchedBench(strings.NewReader(out))
	if err != nil || len(res) != 2 || res[1].PL != 2 || res[1].SpeedTG != 160 {
		t.Fatalf("ParseBatchedBench = %+v, %v", res, err)
	}
	for _, bad := range []string{"", "no json here\n", `{"pl": 0, "speed_tg": 1}`, `{"pl": 1, "speed_tg": 0}`, "{bad"} {
		if _, err := ParseBatchedBench(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseBatchedBench(%q): no error", bad)
		}
	}
	var b strings.Builder
	if err := BatchedBenchLines(&b, res, "baseline", true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "BenchmarkLlamaBatchedBench/config=baseline-t2/clients=2 \t       1\t160 tok/s\t1600 prompt-tok/s\n") {
		t.Errorf("BatchedBenchLines:\n%s", b.String())
	}
	args := strings.Join(BatchedBenchRun{Model: "/m.gguf", Prompt: 512, Gen: 128, NPL: []int{1, 2, 4}}.Args(8), " ")
	if want := "-m /m.gguf -t 8 -c 2816 -npp 512 -ntg 128 -npl 1,2,4,1 --output-format jsonl"; args != want {
		t.Errorf("Args = %s\nwant  %s", args, want)
	}
}

// Every unit a benchmark of this package reports (report_test.go's units) says in
// UnitLines which way is better, but the counts (drafted/op, image-tok/op, prompt-tok/op)
// and the estimate's share (est-%), which are neither.
func TestUnitLines(t *testing.T) {
	neither := map[string]bool{"drafted/op": true, "image-tok/op": true, "prompt-tok/op": true, "est-%": true}
	all := map[string]bool{"accept-%": true, "drafted/op": true, "GB/s": true, "read-GB/s": true, "bw-%": true,
		"worst-GB/s": true, "copy-GB/s": true}
	for _, us := range units {
		for _, u := range us {
			all[u] = true
		}
	}
	for u := range all {
		if !neither[u] && !strings.Contains(UnitLines, "Unit "+u+" better=") {
			t.Errorf("UnitLines lacks %s", u)
		}
	}
}
