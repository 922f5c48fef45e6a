package perf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
)

// Options are the user's choices that, with the model's GGUF facts, decide the configs.
type Options struct {
	MoE     []int // expert_used_count values to try on MoE models (-moe; default 4)
	SpecK   []int // draft sizes to try on models with a draft (-spec-k; default 8,16)
	Threads []int // thread counts (-threads); empty: one variant per config at the default
	NGram   bool  // prompt lookup, llama.cpp's n-gram speculation (-ngram): config "ngram"
	RPC     []int // worker counts (-rpcn): config "rpcN", the model split over N RPC workers
}

// DefaultOptions are the plan's: moe4, spec-k8 and spec-k16, default threads.
func DefaultOptions() Options { return Options{MoE: []int{4}, SpecK: []int{8, 16}} }

// Variant is one configuration of the model under test: a sub-benchmark
// "config=<Name>". A variant with Skip set is one the model cannot take; its
// sub-benchmarks still appear and skip with that reason.
type Variant struct {
	Name       string
	Base       string // "baseline", "moe4", "spec-k8": Name without the thread suffix
	ExpertUsed int    // --override-kv <arch>.expert_used_count=int:N; 0: the model's own
	OverrideKV string // the override entry, "" for none
	DraftMax   int    // speculative decoding with the draft, K tokens per step; 0: off
	NGram      bool   // prompt lookup: speculation from n-grams of the context, no draft
	RPC        int    // split over this many llama.cpp RPC workers; 0: one process
	Threads    int    // -t; 0: harness default (all CPUs)
	Skip       string // why the model cannot take this config; "" when it can
}

// Speculative reports whether the variant drafts tokens (a draft model or prompt lookup):
// it then reports acceptance, and no decode roofline.
func (v Variant) Speculative() bool { return v.DraftMax > 0 || v.NGram }

// Select returns the configs to benchmark, a pure function of the model's facts, whether a
// draft model is at hand, and the options. The rules, in order:
//
//  1. "baseline" always: the model as it is, speculation off.
//  2. For each N in o.MoE, "moeN": --override-kv <arch>.expert_used_count=int:N. Skipped
//     when the model has no experts (dense), when N < 1, when N ≥ expert_count (that
//     is no longer a reduction to a subset of the experts), or when N equals the model's
//     own expert_used_count (that is baseline).
//  3. For each K in o.SpecK, "spec-kK": the draft model with --spec-type draft-simple and
//     K drafted tokens per step. Skipped without a draft model (-draft) and when K < 1.
//     A draft given for a MoE model is used too: the plan's matrix pairs MoE with expert
//     reduction because no draft was at hand, and the user who passes -draft asks for it.
//  4. With o.NGram, "ngram": prompt lookup (--spec-type ngram-simple), for any model; a
//     build without it fails to start that config with the reason.
//  5. For each N in o.RPC, "rpcN": baseline split over N llama.cpp RPC workers (the first
//     N of -rpc when it names that many, else N local ggml-rpc-servers), so that the
//     network's cost shows beside baseline. Skipped when N < 1.
//  6. With o.Threads, every config above becomes one variant per thread count, named
//     "<config>-t<N>" ("baseline-t8"), so that one key, config, tells them all apart and
//     `benchstat -col /config` puts all of them side by side.
//
// Configs are never dropped: one the model cannot take comes back with Skip set.
func Select(f gguf.Facts, hasDraft bool, o Options) []Variant {
	base := []Variant{{Name: "baseline"}}
	for _, n := range o.MoE {
		v := Variant{Name: fmt.Sprintf("moe%d", n), ExpertUsed: n}
		switch {
		case f.ExpertCount == 0:
			v.Skip = fmt.Sprintf("dense model (%s has no %s.expert_count): no experts to reduce", f.Architecture, f.Architecture)
		case n < 1:
			v.Skip = fmt.Sprintf("expert_used_count %d: want at least 1", n)
		case uint64(n) >= f.ExpertCount:
			v.Skip = fmt.Sprintf("expert_used_count %d ≥ expert_count %d: not a subset of the experts", n, f.ExpertCount)
		case uint64(n) == f.ExpertUsedCount:
			v.Skip = fmt.Sprintf("expert_used_count %d is the model's own: same as baseline", n)
		default:
			v.OverrideKV = fmt.Sprintf("%s.expert_used_count=int:%d", f.Architecture, n)
		}
		base = append(base, v)
	}
	for _, k := range o.SpecK {
		v := Variant{Name: fmt.Sprintf("spec-k%d", k), DraftMax: k}
		switch {
		case !hasDraft:
			v.Skip = "no draft model: pass -draft DRAFT.gguf (a small model with the same vocabulary)"
		case k < 1:
			v.Skip = fmt.Sprintf("draft size %d: want at least 1", k)
		}
		base = append(base, v)
	}
	if o.NGram {
		base = append(base, Variant{Name: "ngram", NGram: true})
	}
	for _, n := range o.RPC {
		v := Variant{Name: fmt.Sprintf("rpc%d", n), RPC: n}
		if n < 1 {
			v.Skip = fmt.Sprintf("%d rpc workers: want at least 1", n)
		}
		base = append(base, v)
	}
	for i := range base {
		base[i].Base = base[i].Name
	}
	if len(o.Threads) == 0 {
		return base
	}
	var out []Variant
	for _, v := range base {
		for _, t := range o.Threads {
			w := v
			w.Name = fmt.Sprintf("%s-t%d", v.Base, t)
			w.Threads = t
			if t < 1 && w.Skip == "" {
				w.Skip = fmt.Sprintf("%d threads: want at least 1", t)
			}
			out = append(out, w)
		}
	}
	return out
}

// Apply returns base (the model under test, as harness.Suite.Base gives it) set up as this
// variant by harness.WithVariant, the one place that turns a config name into server
// flags; draft is the draft model (harness.Suite.Draft). A variant with Skip set is an
// error.
func (v Variant) Apply(base harness.Config, draft string) (harness.Config, error) {
	if v.Skip != "" {
		return harness.Config{}, fmt.Errorf("perf: config %s: %s", v.Name, v.Skip)
	}
	return harness.WithVariant(base, v.Name, draft)
}

// ParseInts parses a comma-separated list of integers ("8,16"); "" is an empty list.
func ParseInts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("perf: list %q: %w", s, err)
		}
		out = append(out, n)
	}
	return out, nil
}

// IntList is a flag.Value holding a comma-separated list of integers.
type IntList []int

func (l *IntList) String() string {
	if l == nil {
		return ""
	}
	s := make([]string, len(*l))
	for i, n := range *l {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// Set parses a comma-separated list, replacing the default.
func (l *IntList) Set(s string) error {
	v, err := ParseInts(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}
