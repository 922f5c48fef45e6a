// Command llamabench2go runs the real llama-bench on the model perf benchmarks, with the
// same threads and sizes, and prints its results as Go benchmark lines, one per sample,
// so that benchstat shows llama-bench's figures in the same table as perf's:
//
//	BenchmarkLlamaBench/config=baseline/test=pp512       1  281.3 tok/s
//	BenchmarkLlamaBench/config=baseline/test=tg128       1  91.02 tok/s
//	BenchmarkLlamaBench/config=baseline/test=tg128-d512  1  69.40 tok/s
//
// Usage:
//
//	go run ./cmd/llamabench2go [-model M.gguf] [-threads 8,16] [-p 512] [-n 128] [-r 5]
//	go run ./cmd/llamabench2go [-npl 1,2,4] …
//	go run ./cmd/llamabench2go -json llama-bench.json [-config baseline]
//	go run ./cmd/llamabench2go -batched-json batched-bench.jsonl
//
// Without -json it runs llama-bench twice (see perf.LlamaBenchRun): -p P -n N (pp<P> and
// tg<N>, as the plan's `llama-bench -p 512 -n 128`) and -p 0 -n N -d P (tg<N>-d<P>: the
// decode after P tokens that perf's BenchmarkGenerate measures). The model defaults to
// perf's, the synthetic Qwen2.5-VL-like one; llama-bench is found as the harness finds
// llama-server (-llama-server, $LLAMA_SERVER, build/llama, PATH). Threads default to all
// CPUs, as the harness's; with -threads the configs are named baseline-t<N>, as perf's.
// llama-bench has no --override-kv and no draft model, so only baseline configs have a
// llama-bench counterpart.
//
// With -npl 1,2,4 it also runs llama-batched-bench on the same model, threads and sizes
// (-npp P -ntg N -npl 1,2,4, prompts not shared), -r times, and prints a line per result
// that lines up with perf's BenchmarkConcurrent/config=baseline/clients=N/kind=text:
//
//	BenchmarkLlamaBatchedBench/config=baseline/clients=4  1  212.5 tok/s  1840 prompt-tok/s
//
// (tok/s is its speed_tg, the aggregate generation rate; see perf.BatchedBenchLines).
//
// With -json it converts a saved `llama-bench -o json` output ("-" is stdin), and with
// -batched-json a saved `llama-batched-bench --output-format jsonl` output; -threads then
// only says to name configs by each test's n_threads.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/cli"
	"github.com/vlbench/vlbench/internal/synth"
	"github.com/vlbench/vlbench/perf"
)

func main() { cli.Main("llamabench2go", run) }

func run(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("llamabench2go", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonIn := fs.String("json", "", "convert this llama-bench -o json `file` (- for stdin) instead of running llama-bench")
	batchedIn := fs.String("batched-json", "", "convert this llama-batched-bench --output-format jsonl `file` instead of running anything")
	var npl perf.IntList
	fs.Var(&npl, "npl", "also run llama-batched-bench with these comma-separated `counts` of parallel sequences (perf's -clients)")
	config := fs.String("config", "baseline", "config `name` the lines carry (config=NAME), to line up with perf's")
	model := fs.String("model", "", "GGUF `model` (default: the synthetic Qwen2.5-VL-like model, perf's default)")
	server := fs.String("llama-server", "", "llama-server `binary` of your own build; llama-bench is looked up beside it")
	var threads perf.IntList
	fs.Var(&threads, "threads", "comma-separated thread `counts` (default: all CPUs); names configs <config>-t<N>")
	p := fs.Int("p", 512, "prompt `tokens` (llama-bench -p; perf's -p)")
	n := fs.Int("n", 128, "generated `tokens` (llama-bench -n; perf's -n)")
	reps := fs.Int("r", 5, "`repetitions` (llama-bench -r): one benchmark line each")
	verbose := fs.Bool("v", false, "show llama-bench's stderr")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}

	if *batchedIn != "" {
		f, err := os.Open(*batchedIn)
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := perf.ParseBatchedBench(f)
		if err != nil {
			return fmt.Errorf("%s: %w", *batchedIn, err)
		}
		if _, err := io.WriteString(stdout, "Unit tok/s better=higher\nUnit prompt-tok/s better=higher\n"); err != nil {
			return err
		}
		return perf.BatchedBenchLines(stdout, res, *config, len(threads) > 0)
	}

	var tests []perf.LlamaBenchTest
	var batched []perf.BatchedBenchResult
	if *jsonIn != "" {
		var r io.Reader = os.Stdin
		if *jsonIn != "-" {
			f, err := os.Open(*jsonIn)
			if err != nil {
				return err
			}
			defer f.Close()
			r = f
		}
		var err error
		if tests, err = perf.ParseLlamaBench(r); err != nil {
			return fmt.Errorf("%s: %w", *jsonIn, err)
		}
	} else {
		if *model == "" {
			m, err := harness.Synthetic(synth.Qwen25VL)
			if err != nil {
				return err
			}
			*model = m.Model
		}
		tools, err := harness.LocateTools(*server)
		if err != nil {
			return err
		}
		var logbuf bytes.Buffer
		var log io.Writer = &logbuf
		if *verbose {
			log = stderr
		}
		tests, err = perf.RunLlamaBench(context.Background(), tools, perf.LlamaBenchRun{
			Model: *model, Threads: threads, Prompt: *p, Gen: *n, Reps: *reps}, log)
		if err != nil {
			return fmt.Errorf("%w\n%s", err, lastBytes(logbuf.Bytes(), 2000))
		}
		if len(npl) > 0 {
			logbuf.Reset()
			batched, err = perf.RunBatchedBench(context.Background(), tools, perf.BatchedBenchRun{
				Model: *model, Threads: threads, Prompt: *p, Gen: *n, NPL: npl, Reps: *reps}, log)
			if err != nil {
				return fmt.Errorf("%w\n%s", err, lastBytes(logbuf.Bytes(), 2000))
			}
		}
	}
	if _, err := io.WriteString(stdout, "Unit tok/s better=higher\n"); err != nil {
		return err
	}
	if err := perf.LlamaBenchLines(stdout, tests, *config, len(threads) > 0); err != nil {
		return err
	}
	if len(batched) == 0 {
		return nil
	}
	if _, err := io.WriteString(stdout, "Unit prompt-tok/s better=higher\n"); err != nil {
		return err
	}
	return perf.BatchedBenchLines(stdout, batched, *config, len(threads) > 0)
}

func lastBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
