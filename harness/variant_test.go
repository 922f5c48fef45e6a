package harness

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

func TestParseVariant(t *testing.T) {
	tests := []struct {
		name    string
		want    Variant
		wantErr string
	}{
		{"baseline", Variant{Name: "baseline", Base: "baseline"}, ""},
		{"baseline-t8", Variant{Name: "baseline-t8", Base: "baseline", Threads: 8}, ""},
		{"moe4", Variant{Name: "moe4", Base: "moe4", ExpertUsed: 4}, ""},
		{"spec-k16-t1", Variant{Name: "spec-k16-t1", Base: "spec-k16", DraftMax: 16, Threads: 1}, ""},
		{"ngram", Variant{Name: "ngram", Base: "ngram", NGram: true}, ""},
		{"imgmax512", Variant{Name: "imgmax512", Base: "imgmax512", ImageMaxTokens: 512}, ""},
		{"moe4+imgmax512", Variant{Name: "moe4+imgmax512", Base: "moe4+imgmax512", ExpertUsed: 4, ImageMaxTokens: 512}, ""},
		{"imgmin256+imgmax1024+spec-k8-t2", Variant{Name: "imgmin256+imgmax1024+spec-k8-t2", Base: "imgmin256+imgmax1024+spec-k8",
			ImageMinTokens: 256, ImageMaxTokens: 1024, DraftMax: 8, Threads: 2}, ""},
		{"turbo", Variant{}, `unknown part "turbo"`},
		{"moe", Variant{}, `unknown part "moe"`},
		{"moex", Variant{}, `unknown part "moex"`},
		{"moe+4", Variant{}, `unknown part "moe"`},
		{"moe-4", Variant{}, `unknown part "moe-4"`},
		{"moe0", Variant{}, "want moeN at least 1"},
		{"spec-k0", Variant{}, "want spec-kN at least 1"},
		{"imgmax0", Variant{}, "want imgmaxN at least 1"},
		{"baseline-t0", Variant{}, "0 threads"},
		{"moe4+moe2", Variant{}, "moe given twice"},
		{"baseline+imgmax512", Variant{}, "baseline combines with nothing"},
		{"spec-k8+ngram", Variant{}, "both speculation"},
		{"ngram8", Variant{}, `unknown part "ngram8"`},
		{"", Variant{}, `unknown part ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseVariant(tt.name)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseVariant(%q) error = %v, want %q", tt.name, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseVariant(%q) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

func TestVariantSkip(t *testing.T) {
	dense := gguf.Facts{Architecture: "qwen2vl"}
	moe := gguf.Facts{Architecture: "qwen3vlmoe", ExpertCount: 8, ExpertUsedCount: 2}
	tests := []struct {
		name string
		fit  Fit
		want string // substring of the reason; "" when the model takes it
	}{
		{"baseline", Fit{Facts: dense}, ""},
		{"moe4", Fit{Facts: dense}, "qwen2vl has no qwen2vl.expert_count"},
		{"moe4", Fit{Facts: moe}, ""},
		{"moe8", Fit{Facts: moe}, "8 ≥ expert_count 8: not a subset"},
		{"moe2", Fit{Facts: moe}, "the model's own: same as baseline"},
		{"spec-k8", Fit{Facts: dense}, "no draft model"},
		{"spec-k8", Fit{Facts: dense, Draft: true}, ""},
		{"ngram", Fit{Facts: dense}, ""},
		{"imgmax512", Fit{Facts: dense}, "no vision projector"},
		{"imgmax512", Fit{Facts: dense, Vision: true}, ""},
		{"imgmin1024+imgmax512", Fit{Facts: dense, Vision: true}, "imgmin1024 above imgmax512"},
		{"moe4+imgmax512-t2", Fit{Facts: moe, Vision: true}, ""},
		{"moe2+imgmax512", Fit{Facts: moe, Vision: true}, "same as baseline"},
		{"moe4+imgmax512", Fit{Facts: moe}, "no vision projector"},
	}
	for _, tt := range tests {
		v, err := ParseVariant(tt.name)
		require.NoError(t, err)
		got := v.Skip(tt.fit)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s on %s (draft %v, vision %v): Skip() = %q, want %q", tt.name, tt.fit.Facts.Architecture,
				tt.fit.Draft, tt.fit.Vision, got, tt.want)
		}
	}
}

func TestVariantSkipBuild(t *testing.T) {
	cur := helpCaps(t)
	none := ParseCaps("-m, --model FNAME   model path\n", "version: 1 (build 1, commit x)")
	for _, tt := range []struct {
		name string
		caps *Caps
		want string
	}{
		{"imgmax512", cur, ""},
		{"imgmin64+moe4", cur, ""},
		{"ngram", cur, ""},
		{"baseline", none, ""},
		{"imgmax512", none, "has no --image-max-tokens"},
		{"imgmin64", none, "has no --image-min-tokens"},
		{"ngram", none, "has no --spec-type ngram-simple"},
	} {
		v, err := ParseVariant(tt.name)
		require.NoError(t, err)
		if got := v.SkipBuild(tt.caps); (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s on build %s: SkipBuild() = %q, want %q", tt.name, tt.caps.Version, got, tt.want)
		}
	}
}

func TestWithVariant(t *testing.T) {
	dense := synthConfig(t, synth.Qwen25VL)
	moe := synthConfig(t, synth.Qwen3VLMoE)
	textOnly := dense
	textOnly.MMProj = ""
	d, err := Synthetic(synth.Draft)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		Draft, SpecType                string
		DraftMax                       int
		OverrideKV                     []string
		ImageMaxTokens, ImageMinTokens int
		Threads                        int
	}
	tests := []struct {
		base    Config
		name    string
		draft   string
		want    want
		wantErr string
	}{
		{dense, "baseline", d.Model, want{Threads: 2}, ""},
		{dense, "spec-k8", d.Model, want{Draft: d.Model, SpecType: "draft-simple", DraftMax: 8, Threads: 2}, ""},
		{dense, "spec-k16-t1", d.Model, want{Draft: d.Model, SpecType: "draft-simple", DraftMax: 16, Threads: 1}, ""},
		{dense, "spec-k8", "", want{}, "no draft model"},
		{dense, "moe4", "", want{}, "dense model"},
		{dense, "ngram", "", want{SpecType: "ngram-simple", Threads: 2}, ""},
		{dense, "imgmax16", "", want{ImageMaxTokens: 16, Threads: 2}, ""},
		{dense, "spec-k8+imgmin8+imgmax32", d.Model, want{Draft: d.Model, SpecType: "draft-simple", DraftMax: 8,
			ImageMaxTokens: 32, ImageMinTokens: 8, Threads: 2}, ""},
		{textOnly, "imgmax16", "", want{}, "no vision projector"},
		{moe, "moe1", "", want{OverrideKV: []string{"qwen3vlmoe.expert_used_count=int:1"}, Threads: 2}, ""},
		{moe, "moe4-t1", "", want{OverrideKV: []string{"qwen3vlmoe.expert_used_count=int:4"}, Threads: 1}, ""},
		{moe, "moe4+imgmax512", "", want{OverrideKV: []string{"qwen3vlmoe.expert_used_count=int:4"}, ImageMaxTokens: 512, Threads: 2}, ""},
		// The synthetic MoE has 8 experts and uses 2: moe8 and moe2 are not reductions
		// (issue 15: WithVariant took them while perf.Select skipped them).
		{moe, "moe8", "", want{}, "8 ≥ expert_count 8"},
		{moe, "moe2", "", want{}, "same as baseline"},
		{moe, "moe9", "", want{}, "not a subset"},
		{moe, "turbo", "", want{}, "unknown part"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.base.Name, func(t *testing.T) {
			got, err := WithVariant(tt.base, tt.name, tt.draft)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("WithVariant(%s) error = %v, want %q", tt.name, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.name {
				t.Errorf("Name = %q, want %q", got.Name, tt.name)
			}
			g := want{got.Draft, got.SpecType, got.DraftMax, got.OverrideKV, got.ImageMaxTokens, got.ImageMinTokens, got.Threads}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("WithVariant(%s) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

// The image-token budget reaches the real server: on the synthetic Qwen VLMs a 224×224
// image (64 and 49 tokens by default) takes no more than imgmax16's 16 tokens, and
// imgmin makes a 64×48 image (12 tokens) take more.
func TestImageBudget(t *testing.T) {
	tools := suite.Tools(t)
	for _, kind := range []synth.Kind{synth.Qwen25VL, synth.Qwen3VL} {
		t.Run(string(kind), func(t *testing.T) {
			base := synthConfig(t, kind)
			tokens := func(name string, png []byte) int {
				cfg, err := WithVariant(base, name, "")
				require.NoError(t, err)
				srv := StartT(t, tools, cfg)
				defer srv.Stop()
				return ask(t, srv.Client(), png, false).Usage.PromptTokens
			}
			large, small := testPNG(t, 224, 224), testPNG(t, 64, 48)
			textTokens := tokens("baseline", large) - map[synth.Kind]int{synth.Qwen25VL: 64, synth.Qwen3VL: 49}[kind]
			capped := tokens("imgmax16", large) - textTokens
			t.Logf("224×224 at imgmax16: %d image tokens", capped)
			assert.LessOrEqual(t, capped, 16, "imgmax16 caps the image tokens")
			assert.Greater(t, capped, 0)
			raised := tokens("imgmin64", small) - textTokens
			t.Logf("64×48 at imgmin64: %d image tokens", raised)
			assert.GreaterOrEqual(t, raised, 64, "imgmin64 raises a 12-token image to at least 64")
		})
	}
	noChildren(t)
}
