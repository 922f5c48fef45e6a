package harness

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/internal/gguf"
)

// Named configurations, as the plan names them in its results ("baseline", "moe4") and
// as benchmarks name their sub-benchmarks (config=spec-k8). A name is one part, or parts
// joined by "+", optionally followed by a thread count:
//
//	baseline       the model as it is (alone only)
//	moeN           MoE expert reduction: --override-kv ARCH.expert_used_count=int:N
//	spec-kK        speculative decoding with the draft model, K tokens drafted per step
//	ngram          prompt lookup (llama.cpp's n-gram speculation, --spec-type ngram-simple)
//	imgmaxN        image-token budget: --image-max-tokens N (dynamic-resolution projectors)
//	imgminN        --image-min-tokens N
//	rpcN           split over N llama.cpp RPC workers: -rpc's first N, else N local ones (rpc.go)
//	NAME-tT        any of the above with T threads (baseline-t8, moe4+imgmax512-t2)
//
// Each kind appears at most once, and spec-kK and ngram exclude each other (one
// --spec-type). ParseVariant is the grammar; Variant.Skip is the one rule for whether a
// model takes a config; Variant.Apply turns it into server flags. A new kind is one more
// row of parts and, where it has one, one more case in Skip and Apply.
type Variant struct {
	Name string // as given: "moe4+imgmax512-t2"
	Base string // Name without the thread suffix: "moe4+imgmax512"

	ExpertUsed     int  // moeN: expert_used_count N; 0: the model's own
	DraftMax       int  // spec-kK: K tokens drafted per step; 0: no draft
	NGram          bool // ngram: prompt lookup, no draft
	ImageMaxTokens int  // imgmaxN: --image-max-tokens N; 0: the model's own
	ImageMinTokens int  // imgminN: --image-min-tokens N; 0: the model's own
	RPC            int  // rpcN: split over N RPC workers; 0: the base config's workers
	Threads        int  // -tT; 0: the base config's
}

// Speculative reports whether the config drafts tokens (a draft model or prompt lookup).
func (v Variant) Speculative() bool { return v.DraftMax > 0 || v.NGram }

// Lossless reports whether the config gives the baseline's answers by construction: it
// only adds speculation (spec-kK, ngram), whose drafted tokens the model itself verifies,
// and threads. moeN and an image-token budget change what the model computes; so may rpcN,
// whose workers do not repack weights (other kernels than a local Q4_K model's).
func (v Variant) Lossless() bool {
	return v.ExpertUsed == 0 && v.ImageMaxTokens == 0 && v.ImageMinTokens == 0 && v.RPC == 0
}

// Describe names the config as the plan does, part by part: "Spec Decode K=8", "MoE 4
// experts + image tokens ≤ 512 (16 threads)".
func (v Variant) Describe() string {
	var ps []string
	if v.ExpertUsed > 0 {
		ps = append(ps, fmt.Sprintf("MoE %d experts", v.ExpertUsed))
	}
	if v.DraftMax > 0 {
		ps = append(ps, fmt.Sprintf("Spec Decode K=%d", v.DraftMax))
	}
	if v.NGram {
		ps = append(ps, "Prompt Lookup (n-gram)")
	}
	if v.ImageMinTokens > 0 {
		ps = append(ps, fmt.Sprintf("image tokens ≥ %d", v.ImageMinTokens))
	}
	if v.ImageMaxTokens > 0 {
		ps = append(ps, fmt.Sprintf("image tokens ≤ %d", v.ImageMaxTokens))
	}
	if v.RPC > 0 {
		ps = append(ps, fmt.Sprintf("RPC %d workers", v.RPC))
	}
	if len(ps) == 0 {
		ps = []string{"baseline"}
	}
	s := strings.Join(ps, " + ")
	if v.Threads > 0 {
		s += fmt.Sprintf(" (%d threads)", v.Threads)
	}
	return s
}

// parts is the grammar of one part of a name: a kind, and what it sets. A kind with
// number false is the exact word; one with number true is the word followed by digits.
var parts = []struct {
	kind   string
	number bool
	set    func(v *Variant, n int)
}{
	{"baseline", false, func(v *Variant, _ int) {}},
	{"moe", true, func(v *Variant, n int) { v.ExpertUsed = n }},
	{"spec-k", true, func(v *Variant, n int) { v.DraftMax = n }},
	{"ngram", false, func(v *Variant, _ int) { v.NGram = true }},
	{"imgmax", true, func(v *Variant, n int) { v.ImageMaxTokens = n }},
	{"imgmin", true, func(v *Variant, n int) { v.ImageMinTokens = n }},
	{"rpc", true, func(v *Variant, n int) { v.RPC = n }},
}

var threadsRE = regexp.MustCompile(`^(.+)-t(\d+)$`)

// ParseVariant reads a config name (see Variant). It checks the grammar only (every
// number at least 1); whether a model takes the config is Skip's to say.
func ParseVariant(name string) (Variant, error) {
	v := Variant{Name: name, Base: name}
	bad := func(why string) (Variant, error) {
		return Variant{}, fmt.Errorf("harness: unknown config %q: %s (want baseline, or moeN, spec-kK, ngram, imgmaxN, imgminN, rpcN joined by +, optionally with -tT)", name, why)
	}
	if m := threadsRE.FindStringSubmatch(name); m != nil {
		v.Base = m[1]
		if v.Threads, _ = strconv.Atoi(m[2]); v.Threads < 1 {
			return bad(fmt.Sprintf("%d threads: want at least 1", v.Threads))
		}
	}
	seen := map[string]bool{}
	split := strings.Split(v.Base, "+")
	for _, p := range split {
		matched := false
		for _, k := range parts {
			rest, ok := strings.CutPrefix(p, k.kind)
			if !ok || (rest == "") == k.number {
				continue
			}
			n := 0
			if k.number {
				var err error
				if n, err = strconv.Atoi(rest); err != nil || rest[0] < '0' || rest[0] > '9' {
					continue
				}
				if n < 1 {
					return bad(fmt.Sprintf("%s: want %s at least 1", p, k.kind+"N"))
				}
			}
			if seen[k.kind] {
				return bad(k.kind + " given twice")
			}
			seen[k.kind] = true
			k.set(&v, n)
			matched = true
			break
		}
		if !matched {
			return bad(fmt.Sprintf("unknown part %q", p))
		}
	}
	if seen["baseline"] && len(split) > 1 {
		return bad("baseline combines with nothing")
	}
	if seen["spec-k"] && seen["ngram"] {
		return bad("spec-kK and ngram are both speculation (one --spec-type)")
	}
	return v, nil
}

// Fit is what decides which configs a model takes: its GGUF facts and what is at hand.
type Fit struct {
	Facts  gguf.Facts // the text model's
	Draft  bool       // a draft model is given (spec-kK)
	Vision bool       // a vision projector is loaded (imgmaxN, imgminN)
}

// Skip is the one rule for whether a model takes the config: "" when it does, else the
// reason. In order:
//
//  1. moeN needs a mixture of experts (expert_count > 0), N < expert_count (N =
//     expert_count is no longer a reduction to a subset), and N other than the model's own
//     expert_used_count (that is baseline).
//  2. spec-kK needs a draft model.
//  3. imgmaxN and imgminN need a vision projector; with both, min ≤ max.
//
// ngram fits any model; whether the build has it is SkipBuild's to say.
func (v Variant) Skip(m Fit) string {
	f := m.Facts
	if n := v.ExpertUsed; n > 0 {
		switch {
		case f.ExpertCount == 0:
			return fmt.Sprintf("dense model (%s has no %s.expert_count): no experts to reduce", f.Architecture, f.Architecture)
		case uint64(n) >= f.ExpertCount:
			return fmt.Sprintf("expert_used_count %d ≥ expert_count %d: not a subset of the experts", n, f.ExpertCount)
		case uint64(n) == f.ExpertUsedCount:
			return fmt.Sprintf("expert_used_count %d is the model's own: same as baseline", n)
		}
	}
	if v.DraftMax > 0 && !m.Draft {
		return "no draft model: pass -draft DRAFT.gguf (a small model with the same vocabulary)"
	}
	if (v.ImageMaxTokens > 0 || v.ImageMinTokens > 0) && !m.Vision {
		return "imgmaxN and imgminN set the image-token budget: the model has no vision projector (-mmproj)"
	}
	if v.ImageMinTokens > 0 && v.ImageMaxTokens > 0 && v.ImageMinTokens > v.ImageMaxTokens {
		return fmt.Sprintf("imgmin%d above imgmax%d: the budget is empty", v.ImageMinTokens, v.ImageMaxTokens)
	}
	return ""
}

// SkipBuild is "" when the llama-server build (its --help, Caps) takes every flag the
// config needs, else what it lacks: imgmaxN and imgminN need --image-max-tokens and
// --image-min-tokens, ngram --spec-type ngram-simple.
func (v Variant) SkipBuild(c *Caps) string {
	for _, need := range []struct {
		on   bool
		flag string
	}{{v.ImageMaxTokens > 0, "--image-max-tokens"}, {v.ImageMinTokens > 0, "--image-min-tokens"}} {
		if need.on && !c.Has(need.flag) {
			return fmt.Sprintf("this llama-server build (%s) has no %s", c.Version, need.flag)
		}
	}
	if v.NGram && !c.HasSpecType("ngram-simple") {
		return fmt.Sprintf("this llama-server build (%s) has no --spec-type ngram-simple", c.Version)
	}
	return ""
}

// Apply returns base changed to this config: arch is the model's architecture (the prefix
// of the expert override key), draft the draft model for spec-kK. It does not check; Skip
// does.
func (v Variant) Apply(base Config, arch, draft string) Config {
	cfg := base
	cfg.Name = v.Name
	cfg.Draft, cfg.SpecType, cfg.DraftMax = "", "", 0
	cfg.OverrideKV = append([]string(nil), base.OverrideKV...)
	if v.ExpertUsed > 0 {
		cfg.OverrideKV = append(cfg.OverrideKV, fmt.Sprintf("%s.expert_used_count=int:%d", arch, v.ExpertUsed))
	}
	if v.DraftMax > 0 {
		cfg.Draft, cfg.SpecType, cfg.DraftMax = draft, "draft-simple", v.DraftMax
	}
	if v.NGram {
		cfg.SpecType = "ngram-simple"
	}
	if v.ImageMaxTokens > 0 {
		cfg.ImageMaxTokens = v.ImageMaxTokens
	}
	if v.ImageMinTokens > 0 {
		cfg.ImageMinTokens = v.ImageMinTokens
	}
	if v.RPC > 0 {
		cfg.RPC = rpcWorkers(base.RPC, v.RPC)
	}
	if v.Threads > 0 {
		cfg.Threads = v.Threads
	}
	return cfg
}

// WithVariant returns base changed to the named configuration; draft is the draft model
// for spec-kK ("" when there is none). The model's GGUF facts decide what applies, by
// Variant.Skip: a name that does not parse or does not apply is an error that says why.
func WithVariant(base Config, name, draft string) (Config, error) {
	v, err := ParseVariant(name)
	if err != nil {
		return Config{}, err
	}
	f, err := gguf.OpenModel(base.Model)
	if err != nil {
		return Config{}, fmt.Errorf("harness: config %s: %w", name, err)
	}
	facts := f.Facts()
	if why := v.Skip(Fit{Facts: facts, Draft: draft != "", Vision: base.MMProj != ""}); why != "" {
		return Config{}, fmt.Errorf("harness: config %s: %s", name, why)
	}
	return v.Apply(base, facts.Architecture, draft), nil
}
