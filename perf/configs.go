package perf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/harness"
)

// Options are the user's choices that, with the model's GGUF facts, decide the configs.
type Options struct {
	MoE      []int    // expert_used_count values to try on MoE models (-moe; default 4)
	SpecK    []int    // draft sizes to try on models with a draft (-spec-k; default 8,16)
	Threads  []int    // thread counts (-threads); empty: one variant per config at the default
	NGram    bool     // prompt lookup, llama.cpp's n-gram speculation (-ngram): config "ngram"
	ImageMax []int    // image-token budgets (-imgmax): configs "imgmaxN"
	ImageMin []int    // image-token floors (-imgmin): configs "imgminN"
	Configs  []string // further configs by name (-configs), combinations such as "moe4+imgmax512"
	RPC      []int    // worker counts (-rpcn): configs "rpcN", the model split over N RPC workers
}

// DefaultOptions are the plan's: moe4, spec-k8 and spec-k16, default threads.
func DefaultOptions() Options { return Options{MoE: []int{4}, SpecK: []int{8, 16}} }

// Variant is one configuration of the model under test: a sub-benchmark
// "config=<Name>", as harness.ParseVariant reads the name. A variant with Skip set is one
// the model cannot take; its sub-benchmarks still appear and skip with that reason.
type Variant struct {
	harness.Variant
	OverrideKV string // the expert override entry, "" for none
	Skip       string // why the model cannot take this config; "" when it can
}

// Select returns the configs to benchmark, a pure function of the model (its GGUF facts,
// whether a draft and a projector are at hand) and the options. The configs, in order:
//
//  1. "baseline" always: the model as it is, speculation off.
//  2. For each N in o.MoE, "moeN": --override-kv <arch>.expert_used_count=int:N.
//  3. For each K in o.SpecK, "spec-kK": the draft model with --spec-type draft-simple and
//     K drafted tokens per step. A draft given for a MoE model is used too: the plan's
//     matrix pairs MoE with expert reduction because no draft was at hand, and the user
//     who passes -draft asks for it.
//  4. With o.NGram, "ngram": prompt lookup (--spec-type ngram-simple), for any model.
//  5. For each N in o.ImageMax, "imgmaxN" (--image-max-tokens N); for each in o.ImageMin,
//     "imgminN" (--image-min-tokens N).
//  6. Each name of o.Configs as it is ("moe4+imgmax512").
//  7. For each N in o.RPC, "rpcN": baseline split over N llama.cpp RPC workers (the first
//     N of -rpc when it names that many, else N local ggml-rpc-servers), so that the
//     network's cost shows beside baseline.
//  8. With o.Threads, every config above without its own -tT becomes one variant per
//     thread count, named "<config>-t<N>" ("baseline-t8"), so that one key, config, tells
//     them all apart and `benchstat -col /config` puts all of them side by side.
//
// Whether the model takes each is harness.Variant.Skip's rule, the same one the rubric's
// -config and the suite obey (moeN: N < expert_count and not the model's own; spec-kK: a
// draft; imgmaxN: a projector); a name that does not parse skips with the parse error.
// Configs are never dropped: one the model cannot take comes back with Skip set. Whether
// the llama-server build has the flags is harness.Variant.SkipBuild's, asked when a config
// starts.
func Select(m harness.Fit, o Options) []Variant {
	var names []string
	names = append(names, "baseline")
	for _, n := range o.MoE {
		names = append(names, fmt.Sprintf("moe%d", n))
	}
	for _, k := range o.SpecK {
		names = append(names, fmt.Sprintf("spec-k%d", k))
	}
	if o.NGram {
		names = append(names, "ngram")
	}
	for _, n := range o.ImageMax {
		names = append(names, fmt.Sprintf("imgmax%d", n))
	}
	for _, n := range o.ImageMin {
		names = append(names, fmt.Sprintf("imgmin%d", n))
	}
	names = append(names, o.Configs...)
	for _, n := range o.RPC {
		names = append(names, fmt.Sprintf("rpc%d", n))
	}
	var out []Variant
	for _, name := range names {
		v, err := harness.ParseVariant(name)
		if err != nil || v.Threads > 0 || len(o.Threads) == 0 {
			out = append(out, variant(m, name, v, err))
			continue
		}
		for _, t := range o.Threads {
			tn := fmt.Sprintf("%s-t%d", name, t)
			v, err := harness.ParseVariant(tn)
			out = append(out, variant(m, tn, v, err))
		}
	}
	return out
}

func variant(m harness.Fit, name string, hv harness.Variant, err error) Variant {
	if err != nil {
		return Variant{Variant: harness.Variant{Name: name, Base: name}, Skip: strings.TrimPrefix(err.Error(), "harness: ")}
	}
	v := Variant{Variant: hv, Skip: hv.Skip(m)}
	if v.Skip == "" && v.ExpertUsed > 0 {
		v.OverrideKV = fmt.Sprintf("%s.expert_used_count=int:%d", m.Facts.Architecture, v.ExpertUsed)
	}
	return v
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

// NameList is a flag.Value holding a comma-separated list of config names, each checked
// by harness.ParseVariant as it is set.
type NameList []string

func (l *NameList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// Set parses a comma-separated list of config names, replacing the default.
func (l *NameList) Set(s string) error {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if _, err := harness.ParseVariant(f); err != nil {
			return err
		}
		out = append(out, f)
	}
	*l = out
	return nil
}
