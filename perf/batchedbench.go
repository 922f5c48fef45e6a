package perf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/harness"
)

// BatchedBenchResult is one line of llama-batched-bench's --output-format jsonl: npl
// (pl) sequences of pp prompt tokens each, processed as one batch, then tg tokens
// generated for each in lockstep.
type BatchedBenchResult struct {
	NKVMax   int     `json:"n_kv_max"`
	Threads  int     `json:"n_threads"`
	PP       int     `json:"pp"`
	TG       int     `json:"tg"`
	PL       int     `json:"pl"`
	TPP      float64 `json:"t_pp"`     // seconds for the prompts
	SpeedPP  float64 `json:"speed_pp"` // pl × pp / t_pp
	TTG      float64 `json:"t_tg"`     // seconds for the generation
	SpeedTG  float64 `json:"speed_tg"` // pl × tg / t_tg: aggregate generation tok/s
	PPShared int     `json:"is_pp_shared"`
}

// ParseBatchedBench reads llama-batched-bench's jsonl output: one object per line that
// starts with "{"; other lines are ignored. None at all is an error.
func ParseBatchedBench(r io.Reader) ([]BatchedBenchResult, error) {
	var out []BatchedBenchResult
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var res BatchedBenchResult
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			return nil, fmt.Errorf("perf: llama-batched-bench jsonl line %d: %w", n, err)
		}
		if res.PL < 1 || res.SpeedTG <= 0 {
			return nil, fmt.Errorf("perf: llama-batched-bench jsonl line %d: pl %d, speed_tg %v", n, res.PL, res.SpeedTG)
		}
		out = append(out, res)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("perf: llama-batched-bench output: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("perf: llama-batched-bench printed no results (want --output-format jsonl)")
	}
	return out, nil
}

// BatchedBenchRun is llama-batched-bench run to match BenchmarkConcurrent: the same model,
// threads, prompt and generated tokens, and numbers of parallel sequences (its clients).
type BatchedBenchRun struct {
	Model   string
	Threads []int // -t values, one run each; empty: runtime.NumCPU(), the harness's default
	Prompt  int   // -npp
	Gen     int   // -ntg
	NPL     []int // -npl
	Reps    int   // runs per thread count: one sample each
}

// Args are llama-batched-bench's arguments for one thread count: a context that holds
// every sequence (npl × (pp + tg)), prompts not shared (each client sends its own). -npl
// ends with one more run of the first count, whose result is dropped: build 11669 logs
// through an asynchronous queue that can lose its last lines at exit (seen losing one or
// both of two), so the last line that counts is not the last one printed.
func (r BatchedBenchRun) Args(threads int) []string {
	abs, err := filepath.Abs(r.Model)
	if err != nil {
		abs = r.Model
	}
	npl := make([]string, len(r.NPL), len(r.NPL)+1)
	for i, n := range r.NPL {
		npl[i] = strconv.Itoa(n)
	}
	npl = append(npl, npl[0])
	ctx := slices.Max(r.NPL)*(r.Prompt+r.Gen) + 256
	return []string{"-m", abs, "-t", strconv.Itoa(threads), "-c", strconv.Itoa(ctx),
		"-npp", strconv.Itoa(r.Prompt), "-ntg", strconv.Itoa(r.Gen), "-npl", strings.Join(npl, ","),
		"--output-format", "jsonl"}
}

// RunBatchedBench runs the real llama-batched-bench (through tools) Reps times per thread
// count and returns every result. Its log goes to stderr; LLAMA_SERVER_DEBUG_FAKE_TIMING
// is removed from its environment.
func RunBatchedBench(ctx context.Context, tools *harness.Tools, r BatchedBenchRun, stderr io.Writer) ([]BatchedBenchResult, error) {
	if len(r.NPL) == 0 {
		return nil, fmt.Errorf("perf: llama-batched-bench: no -npl")
	}
	threads := r.Threads
	if len(threads) == 0 {
		threads = []int{runtime.NumCPU()}
	}
	var all []BatchedBenchResult
	for _, t := range threads {
		for range max(r.Reps, 1) {
			res, err := r.runOnce(ctx, tools, t, stderr)
			if err != nil {
				return nil, err
			}
			all = append(all, res...)
		}
	}
	return all, nil
}

// runOnce runs llama-batched-bench once and returns the results of r.NPL, in order; a run
// that lost any of them (see Args) is run again, up to 3 times.
func (r BatchedBenchRun) runOnce(ctx context.Context, tools *harness.Tools, threads int, stderr io.Writer) ([]BatchedBenchResult, error) {
	args := r.Args(threads)
	var got int
	for try := 1; try <= 3; try++ {
		out, err := runTool(ctx, tools, "llama-batched-bench", args, stderr)
		if err != nil {
			return nil, err
		}
		res, _ := ParseBatchedBench(out)
		got = len(res)
		if got >= len(r.NPL) && slices.EqualFunc(res[:len(r.NPL)], r.NPL, func(b BatchedBenchResult, n int) bool { return b.PL == n }) {
			return res[:len(r.NPL)], nil
		}
	}
	return nil, fmt.Errorf("perf: llama-batched-bench %s: printed %d results, not those of -npl %v, three times (its log lost lines at exit)",
		strings.Join(args, " "), got, r.NPL)
}

// BatchedBenchLines writes results as Go benchmark lines that line up with
// BenchmarkConcurrent/config=<config>/clients=<pl>/kind=text, one per result:
//
//	BenchmarkLlamaBatchedBench/config=baseline/clients=4  1  212.5 tok/s  1840 prompt-tok/s
//
// tok/s is speed_tg (pl × tg / t_tg, aggregate generation) and prompt-tok/s speed_pp; with
// threadSuffix the config gets "-t<n_threads>" as perf's -threads variants do.
func BatchedBenchLines(w io.Writer, results []BatchedBenchResult, config string, threadSuffix bool) error {
	var buf bytes.Buffer
	for _, r := range results {
		cfg := config
		if threadSuffix {
			cfg = fmt.Sprintf("%s-t%d", config, r.Threads)
		}
		fmt.Fprintf(&buf, "# llama-batched-bench: %d threads, npp %d, ntg %d, npl %d, n_kv_max %d: t_pp %.3f s, t_tg %.3f s\n",
			r.Threads, r.PP, r.TG, r.PL, r.NKVMax, r.TPP, r.TTG)
		fmt.Fprintf(&buf, "BenchmarkLlamaBatchedBench/config=%s/clients=%d \t       1\t%s tok/s\t%s prompt-tok/s\n",
			cfg, r.PL, strconv.FormatFloat(r.SpeedTG, 'f', -1, 64), strconv.FormatFloat(r.SpeedPP, 'f', -1, 64))
	}
	_, err := w.Write(buf.Bytes())
	return err
}
