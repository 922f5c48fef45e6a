package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitQuant(t *testing.T) {
	tests := []struct{ in, model, quant string }{
		{"Qwen3-VL-8B-Instruct-Q8_0", "Qwen3-VL-8B-Instruct", "Q8_0"},
		{"Qwen2.5-VL-7B-Instruct-Q4_K_M", "Qwen2.5-VL-7B-Instruct", "Q4_K_M"},
		{"model.q4_k_m", "model", "Q4_K_M"},
		{"Qwen3-VL-4B-Instruct-IQ4_XS", "Qwen3-VL-4B-Instruct", "IQ4_XS"},
		{"m-BF16", "m", "BF16"},
		{"qwen25vl-95853d2a1efb", "qwen25vl-95853d2a1efb", ""},
		{"Qwen3-VL-30B-A3B", "Qwen3-VL-30B-A3B", ""},
	}
	for _, tt := range tests {
		m, q := SplitQuant(tt.in)
		if m != tt.model || q != tt.quant {
			t.Errorf("SplitQuant(%q) = %q, %q; want %q, %q", tt.in, m, q, tt.model, tt.quant)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"4368439296": 4368439296, "4.68 GiB": 5025111736, "512 MiB": 512 << 20, "4.1GB": 4100000000, "x": 0} {
		if got := parseSize(in); got != want {
			t.Errorf("parseSize(%q) = %d, want %d", in, got, want)
		}
	}
}

const benchText = `Unit tok/s better=higher
goos: linux
pkg: github.com/vlbench/vlbench/perf
BenchmarkGenerate/config=baseline-2   	       1	        83.33 e2e-ms	      2722 tok/s
BenchmarkGenerate/config=spec-k8-2    	       1	       100.0 accept-%	      1438 tok/s
--- BENCH: BenchmarkGenerate/config=baseline-2
    bench_test.go:329: machine bandwidth: memmove 256 MiB
BenchmarkMemory/config=baseline-2     	       1	       187.0 peak-MiB	       536.0 est-MiB
BenchmarkBandwidth/config=baseline-2  	       1	        18.87 GB/s
PASS
# llama-bench build 11669 (Debian), AMD EPYC: qwen25vl-95853d2a1efb.gguf (qwen2vl ?B all F32, 138176 params, 552704 bytes), 2 threads, pp512: avg 7388.98 ± 7205.20 tok/s
BenchmarkLlamaBench/config=baseline/test=pp512 	       1	2370.74 tok/s
`

func TestReadBench(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bench-synthetic-20261129T180756Z.txt")
	if err := os.WriteFile(path, []byte(benchText), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBench(path)
	if err != nil {
		t.Fatal(err)
	}
	// perf writes no model: line; llama-bench's comment names the GGUF.
	if b.Model != "qwen25vl-95853d2a1efb" || b.ModelFrom != "llama-bench" || b.Size != 552704 {
		t.Errorf("model = %q from %q, size %d; want qwen25vl-95853d2a1efb from llama-bench, 552704", b.Model, b.ModelFrom, b.Size)
	}
	if got := b.Samples[SampleKey{Bench: "Generate", Config: "spec-k8", Unit: "tok/s"}]; len(got) != 1 || got[0] != 1438 {
		t.Errorf("spec-k8 tok/s = %v", got)
	}
	if got := b.Samples[SampleKey{Bench: "LlamaBench", Config: "baseline", Test: "pp512", Unit: "tok/s"}]; len(got) != 1 {
		t.Errorf("llama-bench pp512 = %v", got)
	}
	if b.Better["tok/s"] != 1 {
		t.Errorf("Better[tok/s] = %d, want 1 from the Unit line", b.Better["tok/s"])
	}

	// Without llama-bench's lines the model comes from the file name; a model: line wins.
	noLB := filepath.Join(dir, "bench-Qwen3-VL-8B-Instruct-Q8_0-20251216T120000Z.txt")
	os.WriteFile(noLB, []byte(benchText[:len(benchText)-300]), 0o644)
	if b, err := ReadBench(noLB); err != nil || b.Model != "Qwen3-VL-8B-Instruct-Q8_0" || b.Quant != "Q8_0" || b.ModelFrom != "file name" {
		t.Errorf("ReadBench(%s) = %+v, %v; want the model and quant from the file name", noLB, b, err)
	}
	withModel := filepath.Join(dir, "bench-x.txt")
	os.WriteFile(withModel, []byte("model: Real-7B\nquant: Q4_K_M\nsize: 4.68 GiB\n"+benchText), 0o644)
	if b, err := ReadBench(withModel); err != nil || b.Model != "Real-7B" || b.Quant != "Q4_K_M" || b.Size != 5025111736 {
		t.Errorf("ReadBench(model: line) = %+v, %v", b, err)
	}
}

func TestReadBenchSyntaxError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench-bad.txt")
	os.WriteFile(path, []byte("BenchmarkX 1 2 tok/s extra\n"), 0o644)
	_, err := ReadBench(path)
	if err == nil {
		t.Fatal("no error for a malformed benchmark line")
	}
	if want := "report: " + path + ":1: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q does not start with %s", err, want)
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	r := fakeRun("A-7B-Q4_K_M", "baseline", 5, 4, 3)
	if err := writeRun(filepath.Join(dir, "a", "results.json"), r); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "bench-A-7B-Q4_K_M-20251216T120000Z.txt"), []byte(benchText[:len(benchText)-300]), 0o644)
	// answers/ holds recorded answers, not results.
	writeRun(filepath.Join(dir, "a", "answers", "results.json"), r)
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 1 || len(s.Benches) != 1 {
		t.Fatalf("Load = %d runs, %d benches; want 1, 1", len(s.Runs), len(s.Benches))
	}
	rep := Join(s)
	if len(rep.Models) != 1 || len(rep.Models[0].Entries) != 2 {
		t.Fatalf("Join = %d models; want one with baseline and spec-k8", len(rep.Models))
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty folder: no error")
	}
}

func TestLoadSuiteFolder(t *testing.T) {
	// The suite writes {name}_{config}_perf.txt beside {name}_{config}_rubric/; the
	// rubric run names the model the perf file lacks.
	dir := t.TempDir()
	r := fakeRun("qwen25vl-95853d2a1efb", "baseline", 1, 1, 1)
	r.Model.Quantization = "F32"
	if err := writeRun(filepath.Join(dir, "synthetic-qwen25vl_baseline_rubric", "results.json"), r); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "synthetic-qwen25vl_baseline_perf.txt"), []byte(benchText[:len(benchText)-300]), 0o644)
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Benches) != 1 || s.Benches[0].Model != "qwen25vl-95853d2a1efb" || s.Benches[0].ModelFrom != "rubric run beside it" {
		t.Fatalf("benches = %+v", s.Benches)
	}
	rep := Join(s)
	if len(rep.Models) != 1 {
		t.Fatalf("%d models, want the perf file joined with the rubric run", len(rep.Models))
	}
	if sp, from := rep.Models[0].Entries[0].Speed(); from != "bench" || sp != 2722 {
		t.Errorf("baseline speed = %v from %q, want 2722 from the bench file", sp, from)
	}
}
