package suite

import (
	"context"
	"fmt"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/perf"
)

// The tests a step runs.
const (
	TestRubric = "rubric"
	TestPerf   = "perf"
)

// Step is one (model, config, test) of the suite. A step with Skip set is recorded with
// its reason and not run.
type Step struct {
	Model  *Model
	Config string // "baseline", "moe4", "spec-k8", "ngram"
	Test   string // TestRubric or TestPerf
	Skip   string
	// Estimate is the GGUF estimate of the config's peak memory in bytes (gguf.EstimateMemory),
	// shown beside the measured peak when the step has run.
	Estimate uint64
}

// Key is the step's name in the plan's {model}_{config}_{test} convention; its files and
// state use it.
func (s Step) Key() string { return s.Model.Name + "_" + s.Config + "_" + s.Test }

// Plan lists every step: for each model the configs its GGUF facts call for (as the plan's
// architecture table: dense gets baseline plus spec-kK with a draft; MoE gets baseline plus
// moeN), plus prompt lookup (ngram) where this llama-server build has it, each with the
// rubric and the speed benchmarks. A model whose memory estimate (with its draft, where it
// has one) exceeds the memory available is skipped whole, with both figures.
func Plan(ctx context.Context, m *Manifest, tools *harness.Tools, available uint64) ([]Step, error) {
	var caps *harness.Caps // read once, when a config needs the build's flags
	var steps []Step
	for i := range m.Models {
		md := &m.Models[i]
		lm, err := perf.LoadModel(md.Model, md.MMProj, md.Draft)
		if err != nil {
			return nil, fmt.Errorf("suite: %s:%d: %w", m.Path, md.Line, err)
		}
		// The GGUF estimate at the manifest's context, the suites' slots and the model's args.
		opts := harness.ServeOptionsOf(m.Context, harness.DefaultConfig().Parallel, md.Args)
		skip := ""
		need := lm.Estimate(opts, md.Draft != "")
		if len(md.RPC) > 0 {
			skip = rpcFit(md, lm.Facts, need, opts, m.Context, available)
		} else if need.Total() > available {
			skip = fmt.Sprintf("needs about %s (GGUF estimate at context %d: %v) but %s is available",
				size(need.Total()), m.Context, need, size(available))
		}
		configs := perf.Select(lm.Fit(), perf.Options{MoE: m.MoE, SpecK: m.SpecK, NGram: *m.NGram,
			ImageMax: m.ImageMax, ImageMin: m.ImageMin, Configs: m.Configs})
		for i, v := range configs {
			if v.Skip != "" || !(v.NGram || v.ImageMaxTokens > 0 || v.ImageMinTokens > 0) {
				continue
			}
			if caps == nil {
				if caps, err = tools.Caps(ctx); err != nil {
					return nil, err
				}
			}
			configs[i].Skip = v.SkipBuild(caps)
		}
		for _, v := range configs {
			for _, test := range []string{TestRubric, TestPerf} {
				st := Step{Model: md, Config: v.Name, Test: test, Skip: v.Skip}
				st.Estimate = lm.Estimate(opts, v.DraftMax > 0).Total()
				if skip != "" {
					st.Skip = skip
				}
				steps = append(steps, st)
			}
		}
	}
	return steps, nil
}

// rpcFit is why a model split over its RPC workers fits nowhere, or "": the estimate is
// split by layers as llama.cpp assigns them (gguf.SplitMemory); this machine must hold the
// host's share and every local worker's, each given worker its share within
// rpc_memory_gib (unchecked when that is 0).
func rpcFit(md *Model, facts gguf.Facts, need gguf.Memory, opts gguf.ServeOptions, ctx int, available uint64) string {
	sp := gguf.SplitMemory(facts, need, len(md.RPC), opts.TensorSplit)
	here := sp.Host
	for i, w := range md.RPC {
		if w == harness.RPCLocal {
			here += sp.Workers[i]
			continue
		}
		if limit := uint64(md.RPCMemoryGiB * (1 << 30)); limit > 0 && sp.Workers[i] > limit {
			return fmt.Sprintf("rpc worker %s needs about %s of its share (%d layers; split estimate at context %d: %v) but rpc_memory_gib is %s",
				w, size(sp.Workers[i]), sp.Layers[i], ctx, sp, size(limit))
		}
	}
	if here > available {
		return fmt.Sprintf("needs about %s on this machine, host and local rpc workers (split estimate at context %d: %v) but %s is available",
			size(here), ctx, sp, size(available))
	}
	return ""
}

// size is a byte count for people: MiB below a GiB, else GiB.
func size(b uint64) string {
	if b < 1<<30 {
		return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", gib(b))
}

func gib(b uint64) float64 { return float64(b) / (1 << 30) }

// Available is the memory a model may use: the manifest's limit, else what the OS says is
// available (availableMemory: MemAvailable on Linux, vm_stat's free and reclaimable pages
// on macOS).
func Available(m *Manifest) (uint64, error) {
	if m.MemoryLimitGiB > 0 {
		return uint64(m.MemoryLimitGiB * (1 << 30)), nil
	}
	b, err := availableMemory()
	if err != nil {
		return 0, fmt.Errorf("suite: reading the available memory: %w (set memory_limit_gib)", err)
	}
	return b, nil
}
