package harness

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/vlbench/vlbench/internal/gguf"
)

// Named configurations, as the plan names them in its results ("baseline", "moe4") and
// as benchmarks name their sub-benchmarks (config=spec-k8):
//
//	baseline       the model as it is
//	moeN           MoE expert reduction: --override-kv ARCH.expert_used_count=int:N
//	spec-kK        speculative decoding with the draft model, K tokens drafted per step
//	ngram          prompt lookup (llama.cpp's n-gram speculation, --spec-type ngram-simple)
//	rpcN           baseline split over N llama.cpp RPC workers (rpc.go: withRPCVariant)
//	NAME-tT        any of the above with T threads (baseline-t8)
var variantRE = regexp.MustCompile(`^(baseline|moe(\d+)|spec-k(\d+)|(ngram))(?:-t(\d+))?$`)

// WithVariant returns base changed to the named configuration; draft is the draft model
// for spec-kK ("" when there is none). The model's GGUF facts decide what applies: moeN
// needs an MoE model (N at most its expert count; the override key comes from its
// architecture), spec-kK needs a draft. A name that does not apply is an error that says
// why, so callers can skip the config with that reason.
func WithVariant(base Config, name, draft string) (Config, error) {
	if cfg, ok, err := withRPCVariant(base, name, draft); ok {
		return cfg, err
	}
	m := variantRE.FindStringSubmatch(name)
	if m == nil {
		return Config{}, fmt.Errorf("harness: unknown config %q (want baseline, moeN, spec-kK or ngram, optionally with -tT)", name)
	}
	cfg := base
	cfg.Name = name
	cfg.Draft, cfg.SpecType, cfg.DraftMax = "", "", 0
	cfg.OverrideKV = append([]string(nil), base.OverrideKV...)
	switch {
	case m[2] != "":
		n, _ := strconv.Atoi(m[2])
		f, err := gguf.OpenModel(base.Model)
		if err != nil {
			return Config{}, fmt.Errorf("harness: config %s: %w", name, err)
		}
		facts := f.Facts()
		if facts.ExpertCount == 0 {
			return Config{}, fmt.Errorf("harness: config %s: %s (%s) is dense, not a mixture of experts", name, base.Model, facts.Architecture)
		}
		if n < 1 || uint64(n) > facts.ExpertCount {
			return Config{}, fmt.Errorf("harness: config %s: the model has %d experts", name, facts.ExpertCount)
		}
		cfg.OverrideKV = append(cfg.OverrideKV, fmt.Sprintf("%s.expert_used_count=int:%d", facts.Architecture, n))
	case m[3] != "":
		if draft == "" {
			return Config{}, fmt.Errorf("harness: config %s needs a draft model (-draft)", name)
		}
		cfg.Draft, cfg.SpecType = draft, "draft-simple"
		cfg.DraftMax, _ = strconv.Atoi(m[3])
	case m[4] != "":
		cfg.SpecType = "ngram-simple"
	}
	if m[5] != "" {
		cfg.Threads, _ = strconv.Atoi(m[5])
	}
	return cfg, nil
}
