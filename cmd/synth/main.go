// Command synth writes vlbench's synthetic models and prints their paths.
//
// Usage:
//
//	go run ./cmd/synth [-kind qwen25vl|qwen3vl|qwen3vlmoe|draft|large|small] [-out DIR]
//	                   [-llama-server PATH] [-type Q4_K_M]
//
// -out defaults to $VLBENCH_CACHE or build/models under the module root.
// "small" makes the four small kinds. The large kind needs llama-quantize,
// found beside the llama-server that harness finds (-llama-server, then
// $LLAMA_SERVER, then build/llama from make llama, then PATH). Each model
// prints as "kind<TAB>model<TAB>mmproj".
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"time"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/cli"
	"github.com/vlbench/vlbench/internal/synth"
)

func main() { cli.Main("synth", run) }

func run(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "small", "model kind: qwen25vl, qwen3vl, qwen3vlmoe, draft, large, or small for the four small ones")
	out := fs.String("out", "", "output folder (default $VLBENCH_CACHE or <module root>/build/models)")
	server := fs.String("llama-server", "", "llama-server of the llama.cpp build whose llama-quantize makes -kind large (default: $LLAMA_SERVER, build/llama, PATH)")
	typ := fs.String("type", "Q4_K_M", "quantization type for -kind large")
	verbose := fs.Bool("v", false, "show llama-quantize's output")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	dir := *out
	if dir == "" {
		var err error
		if dir, err = synth.CacheDir(); err != nil {
			return err
		}
	}
	kinds := []synth.Kind{synth.Kind(*kind)}
	if *kind == "small" {
		kinds = synth.SmallKinds
	}
	for _, k := range kinds {
		var m synth.Model
		var err error
		start := time.Now()
		if k == synth.Large {
			opt := synth.LargeOptions{Type: *typ}
			if *verbose {
				opt.Log = stderr
			}
			tools, terr := harness.LocateTools(*server)
			if terr != nil {
				return terr
			}
			opt.Quantize = func(args ...string) (*exec.Cmd, error) {
				return tools.Command(context.Background(), "llama-quantize", args...)
			}
			m, err = synth.EnsureLarge(dir, opt)
			fmt.Fprintf(stderr, "large: %.1fs\n", time.Since(start).Seconds())
		} else {
			m, err = synth.Ensure(dir, k)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", m.Kind, m.Model, m.MMProj)
	}
	return nil
}
