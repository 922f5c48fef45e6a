package perf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/harness"
)

// LlamaBenchTest is one test of llama-bench's JSON output (-o json): the fields perf
// reads. The file is an array of them.
type LlamaBenchTest struct {
	BuildCommit string    `json:"build_commit"`
	BuildNumber int       `json:"build_number"`
	CPUInfo     string    `json:"cpu_info"`
	ModelFile   string    `json:"model_filename"`
	ModelType   string    `json:"model_type"`
	ModelSize   int64     `json:"model_size"`
	ModelParams int64     `json:"model_n_params"`
	Threads     int       `json:"n_threads"`
	NPrompt     int       `json:"n_prompt"`
	NGen        int       `json:"n_gen"`
	NDepth      int       `json:"n_depth"`
	AvgTS       float64   `json:"avg_ts"`
	StddevTS    float64   `json:"stddev_ts"`
	SamplesNS   []int64   `json:"samples_ns"`
	SamplesTS   []float64 `json:"samples_ts"`
	FlashAttn   any       `json:"flash_attn"` // a number or a string, by build
	NBatch      int       `json:"n_batch"`
	NUBatch     int       `json:"n_ubatch"`
	TypeK       string    `json:"type_k"`
	TypeV       string    `json:"type_v"`
}

// Name is the test as llama-bench names it, in a form fit for a benchmark name: "pp512",
// "tg128", "pp512+tg128" (-pg), with "-d512" for a test at depth 512 ("tg128 @ d512").
func (t LlamaBenchTest) Name() string {
	var s string
	switch {
	case t.NGen == 0:
		s = fmt.Sprintf("pp%d", t.NPrompt)
	case t.NPrompt == 0:
		s = fmt.Sprintf("tg%d", t.NGen)
	default:
		s = fmt.Sprintf("pp%d+tg%d", t.NPrompt, t.NGen)
	}
	if t.NDepth > 0 {
		s += fmt.Sprintf("-d%d", t.NDepth)
	}
	return s
}

// ParseLlamaBench reads llama-bench's -o json output. Tests without samples are an error,
// since they give benchstat nothing to read.
func ParseLlamaBench(r io.Reader) ([]LlamaBenchTest, error) {
	var tests []LlamaBenchTest
	dec := json.NewDecoder(r)
	if err := dec.Decode(&tests); err != nil {
		return nil, fmt.Errorf("perf: llama-bench json: %w", err)
	}
	for i, t := range tests {
		if len(t.SamplesTS) == 0 {
			return nil, fmt.Errorf("perf: llama-bench json: test %d (%s) has no samples_ts", i, t.Name())
		}
	}
	return tests, nil
}

// LlamaBenchLines writes tests as Go benchmark lines, one per sample so that benchstat
// sees llama-bench's spread:
//
//	BenchmarkLlamaBench/config=baseline/test=tg128-d512  1  69.12 tok/s
//
// config names the harness config the run matches ("baseline"); with threadSuffix each
// line's config gets "-t<n_threads>" as perf's -threads variants do ("baseline-t8"). A
// comment line per test (ignored by benchfmt) says what ran.
func LlamaBenchLines(w io.Writer, tests []LlamaBenchTest, config string, threadSuffix bool) error {
	var buf bytes.Buffer
	for _, t := range tests {
		cfg := config
		if threadSuffix {
			cfg = fmt.Sprintf("%s-t%d", config, t.Threads)
		}
		fmt.Fprintf(&buf, "# llama-bench build %d (%s), %s: %s (%s, %d params, %d bytes), %d threads, %s: avg %.2f ± %.2f tok/s\n",
			t.BuildNumber, t.BuildCommit, t.CPUInfo, filepath.Base(t.ModelFile), t.ModelType, t.ModelParams,
			t.ModelSize, t.Threads, t.Name(), t.AvgTS, t.StddevTS)
		for _, ts := range t.SamplesTS {
			fmt.Fprintf(&buf, "BenchmarkLlamaBench/config=%s/test=%s \t       1\t%s tok/s\n",
				cfg, t.Name(), strconv.FormatFloat(ts, 'f', -1, 64))
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// UnitLines are benchfmt unit metadata for every unit perf reports, so that benchstat
// knows which way is better.
const UnitLines = `Unit tok/s better=higher
Unit GB/s better=higher
Unit bw-% better=higher
Unit accept-% better=higher
Unit ttft-ms better=lower
Unit e2e-ms better=lower
Unit prompt-ms better=lower
Unit load-s better=lower
Unit first-token-s better=lower
Unit peak-MiB better=lower
Unit rss-MiB better=lower
Unit est-MiB better=lower
Unit read-GB/s better=higher
Unit copy-GB/s better=higher
Unit worst-GB/s better=higher
Unit wall-tok/s better=higher
Unit prompt-tok/s better=higher
Unit ttft-p50-ms better=lower
Unit ttft-p95-ms better=lower
Unit ttft-p99-ms better=lower
Unit itl-p50-ms better=lower
Unit itl-p95-ms better=lower
Unit itl-p99-ms better=lower
Unit encode-ms better=lower
Unit image-ms better=lower
Unit text-ms better=lower
Unit decode-ms better=lower
Unit other-ms better=lower
Unit other-% better=lower
`

// LlamaBenchRun is one run of llama-bench matching a harness benchmark.
type LlamaBenchRun struct {
	Model   string // GGUF model (made absolute)
	Threads []int  // -t values; empty: runtime.NumCPU(), the harness's default
	Prompt  int    // -p, the harness's -p
	Gen     int    // -n, the harness's -n
	Reps    int    // -r
}

// Args are the two llama-bench invocations that line up with perf's benchmarks:
//
//  1. -p P -n N: pp<P> (BenchmarkPrompt) and plain tg<N> at empty context, as the plan's
//     `llama-bench -p 512 -n 128` runs;
//  2. -p 0 -n N -d P: tg<N>-d<P>, decoding after P tokens of context, which is what
//     BenchmarkGenerate measures (the server decodes after its P-token prompt). Compare
//     Generate with this one: like with like.
func (r LlamaBenchRun) Args() [][]string {
	abs, err := filepath.Abs(r.Model)
	if err != nil {
		abs = r.Model
	}
	threads := r.Threads
	if len(threads) == 0 {
		threads = []int{runtime.NumCPU()}
	}
	t := make([]string, len(threads))
	for i, n := range threads {
		t[i] = strconv.Itoa(n)
	}
	common := []string{"-m", abs, "-t", strings.Join(t, ","), "-r", strconv.Itoa(max(r.Reps, 1)), "-o", "json"}
	return [][]string{
		append(append([]string{}, common...), "-p", strconv.Itoa(r.Prompt), "-n", strconv.Itoa(r.Gen)),
		append(append([]string{}, common...), "-p", "0", "-n", strconv.Itoa(r.Gen), "-d", strconv.Itoa(r.Prompt)),
	}
}

// RunLlamaBench runs the real llama-bench (through tools, so the Debian build's loader and
// CPU backend are used) for r and returns its tests. llama-bench's stderr goes to stderr.
// LLAMA_SERVER_DEBUG_FAKE_TIMING is removed from its environment.
func RunLlamaBench(ctx context.Context, tools *harness.Tools, r LlamaBenchRun, stderr io.Writer) ([]LlamaBenchTest, error) {
	var all []LlamaBenchTest
	for _, args := range r.Args() {
		out, err := runTool(ctx, tools, "llama-bench", args, stderr)
		if err != nil {
			return nil, err
		}
		tests, err := ParseLlamaBench(out)
		if err != nil {
			return nil, fmt.Errorf("perf: llama-bench %s: %w", strings.Join(args, " "), err)
		}
		all = append(all, tests...)
	}
	return all, nil
}

// runTool runs one of llama.cpp's tools through tools (the Debian build's loader and CPU
// backend) and returns its stdout; its stderr goes to stderr, and
// LLAMA_SERVER_DEBUG_FAKE_TIMING is removed from its environment.
func runTool(ctx context.Context, tools *harness.Tools, name string, args []string, stderr io.Writer) (*bytes.Buffer, error) {
	cmd, err := tools.Command(ctx, name, args...)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, stderr
	cmd.Env = withoutEnv(os.Environ(), "LLAMA_SERVER_DEBUG_FAKE_TIMING")
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("perf: %s %s: %w", name, strings.Join(args, " "), err)
	}
	return &out, nil
}

func withoutEnv(env []string, key string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, key+"=") {
			out = append(out, e)
		}
	}
	return out
}
