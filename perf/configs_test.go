package perf

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

var (
	denseFacts = gguf.Facts{Architecture: "qwen2vl"}
	moeFacts   = gguf.Facts{Architecture: "qwen3vlmoe", ExpertCount: 128, ExpertUsedCount: 8}
)

// names returns "name" for configs that run and "name:skip" for those that skip.
func names(vs []Variant) []string {
	var out []string
	for _, v := range vs {
		s := v.Name
		if v.Skip != "" {
			s += ":skip"
		}
		out = append(out, s)
	}
	return out
}

func TestSelect(t *testing.T) {
	def := DefaultOptions()
	tests := []struct {
		name     string
		facts    gguf.Facts
		draft    bool
		vision   bool
		opt      Options
		want     []string
		wantSkip map[string]string // config → substring of its skip reason
	}{
		{"dense without draft", denseFacts, false, false, def,
			[]string{"baseline", "moe4:skip", "spec-k8:skip", "spec-k16:skip"},
			map[string]string{"moe4": "dense model", "spec-k8": "no draft model"}},
		{"dense with draft", denseFacts, true, false, def,
			[]string{"baseline", "moe4:skip", "spec-k8", "spec-k16"},
			map[string]string{"moe4": "qwen2vl has no qwen2vl.expert_count"}},
		{"moe without draft", moeFacts, false, false, def,
			[]string{"baseline", "moe4", "spec-k8:skip", "spec-k16:skip"},
			map[string]string{"spec-k16": "pass -draft"}},
		{"moe with draft", moeFacts, true, false, def,
			[]string{"baseline", "moe4", "spec-k8", "spec-k16"}, nil},
		{"moe counts out of range", moeFacts, false, false, Options{MoE: []int{0, 2, 8, 128, 200}},
			[]string{"baseline", "moe0:skip", "moe2", "moe8:skip", "moe128:skip", "moe200:skip"},
			map[string]string{"moe0": "want moeN at least 1", "moe8": "model's own", "moe128": "128 ≥ expert_count 128",
				"moe200": "not a subset"}},
		{"threads", moeFacts, false, false, Options{MoE: []int{4}, SpecK: []int{8}, Threads: []int{8, 16}},
			[]string{"baseline-t8", "baseline-t16", "moe4-t8", "moe4-t16", "spec-k8-t8:skip", "spec-k8-t16:skip"},
			map[string]string{"spec-k8-t16": "no draft model"}},
		{"no options", denseFacts, true, false, Options{}, []string{"baseline"}, nil},
		{"prompt lookup", denseFacts, false, false, Options{SpecK: []int{8}, NGram: true, Threads: []int{4}},
			[]string{"baseline-t4", "spec-k8-t4:skip", "ngram-t4"}, nil},
		{"rpc workers", moeFacts, false, false, Options{RPC: []int{2, 0}, Threads: []int{2}},
			[]string{"baseline-t2", "rpc2-t2", "rpc0:skip"}, map[string]string{"rpc0": "want rpcN at least 1"}},
		{"image budgets", denseFacts, false, true, Options{ImageMax: []int{256, 1024}, ImageMin: []int{64}},
			[]string{"baseline", "imgmax256", "imgmax1024", "imgmin64"}, nil},
		{"image budgets without a projector", denseFacts, false, false, Options{ImageMax: []int{256}},
			[]string{"baseline", "imgmax256:skip"}, map[string]string{"imgmax256": "no vision projector"}},
		{"combinations by name", moeFacts, false, true, Options{Configs: []string{"moe4+imgmax512", "moe8+imgmax512", "turbo"}, Threads: []int{2}},
			[]string{"baseline-t2", "moe4+imgmax512-t2", "moe8+imgmax512-t2:skip", "turbo:skip"},
			map[string]string{"moe8+imgmax512-t2": "model's own", "turbo": "unknown part"}},
		{"a name with its own threads", denseFacts, false, false, Options{Configs: []string{"baseline-t1"}, Threads: []int{2}},
			[]string{"baseline-t2", "baseline-t1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Select(harness.Fit{Facts: tt.facts, Draft: tt.draft, Vision: tt.vision}, tt.opt)
			if diff := cmp.Diff(tt.want, names(got)); diff != "" {
				t.Errorf("Select() configs mismatch (-want +got):\n%s", diff)
			}
			for _, v := range got {
				if want, ok := tt.wantSkip[v.Name]; ok && !strings.Contains(v.Skip, want) {
					t.Errorf("%s: skip reason %q, want it to say %q", v.Name, v.Skip, want)
				}
				if v.Skip != "" && len(v.Skip) < 10 {
					t.Errorf("%s: skip reason %q says too little", v.Name, v.Skip)
				}
			}
		})
	}
}

func TestSelectFields(t *testing.T) {
	got := Select(harness.Fit{Facts: moeFacts, Draft: true, Vision: true},
		Options{MoE: []int{4}, SpecK: []int{16}, ImageMax: []int{512}, Threads: []int{2}})
	want := []Variant{
		{Variant: harness.Variant{Name: "baseline-t2", Base: "baseline", Threads: 2}},
		{Variant: harness.Variant{Name: "moe4-t2", Base: "moe4", ExpertUsed: 4, Threads: 2}, OverrideKV: "qwen3vlmoe.expert_used_count=int:4"},
		{Variant: harness.Variant{Name: "spec-k16-t2", Base: "spec-k16", DraftMax: 16, Threads: 2}},
		{Variant: harness.Variant{Name: "imgmax512-t2", Base: "imgmax512", ImageMaxTokens: 512, Threads: 2}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Select() mismatch (-want +got):\n%s", diff)
	}
}

// TestApply checks that every config Select lets run turns into the server flags it names,
// through harness.WithVariant, on the real synthetic models: dense with a draft, and MoE
// (8 experts, 2 used: moe2 and moe8 skip, moe1 and moe4 run), and that WithVariant
// refuses exactly what Select skips.
func TestApply(t *testing.T) {
	dense, err := harness.Synthetic(synth.Qwen25VL)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := harness.Synthetic(synth.Draft)
	if err != nil {
		t.Fatal(err)
	}
	moe, err := harness.Synthetic(synth.Qwen3VLMoE)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		model synth.Model
		draft string
	}{{dense, draft.Model}, {dense, ""}, {moe, ""}, {moe, draft.Model}} {
		m, err := LoadModel(tc.model.Model, tc.model.MMProj, tc.draft)
		if err != nil {
			t.Fatal(err)
		}
		base := harness.Config{Name: "baseline", Model: tc.model.Model, MMProj: tc.model.MMProj}
		for _, v := range Select(m.Fit(), Options{MoE: []int{1, 2, 4, 8}, SpecK: []int{8}, ImageMax: []int{16},
			Configs: []string{"moe4+imgmax16"}, Threads: []int{3}, RPC: []int{2}}) {
			cfg, err := v.Apply(base, tc.draft)
			// One rule (issue 15): what Select skips, harness.WithVariant (the rubric's
			// -config) refuses with the same reason, and what Select runs it takes.
			_, werr := harness.WithVariant(base, v.Name, tc.draft)
			if v.Skip != "" {
				if err == nil {
					t.Errorf("%s %s: Apply of a skipped config succeeded", tc.model.Kind, v.Name)
				}
				if werr == nil || !strings.Contains(werr.Error(), v.Skip) {
					t.Errorf("%s %s: Select skips (%s) but WithVariant says %v", tc.model.Kind, v.Name, v.Skip, werr)
				}
				continue
			}
			if werr != nil {
				t.Errorf("%s %s: Select runs it but WithVariant refuses: %v", tc.model.Kind, v.Name, werr)
			}
			if err != nil {
				t.Errorf("%s %s: %v", tc.model.Kind, v.Name, err)
				continue
			}
			if cfg.Name != v.Name || cfg.Threads != v.Threads {
				t.Errorf("%s %s: name %q threads %d", tc.model.Kind, v.Name, cfg.Name, cfg.Threads)
			}
			if want := []string(nil); v.OverrideKV != "" {
				want = []string{v.OverrideKV}
				if !slices.Equal(cfg.OverrideKV, want) {
					t.Errorf("%s %s: override-kv %q, want %q", tc.model.Kind, v.Name, cfg.OverrideKV, want)
				}
			} else if len(cfg.OverrideKV) != 0 {
				t.Errorf("%s %s: override-kv %q, want none", tc.model.Kind, v.Name, cfg.OverrideKV)
			}
			if len(cfg.RPC) != v.RPC {
				t.Errorf("%s %s: rpc workers %q, want %d", tc.model.Kind, v.Name, cfg.RPC, v.RPC)
			}
			if cfg.ImageMaxTokens != v.ImageMaxTokens {
				t.Errorf("%s %s: image max tokens %d, want %d", tc.model.Kind, v.Name, cfg.ImageMaxTokens, v.ImageMaxTokens)
			}
			spec := cfg.Draft != "" && cfg.SpecType != ""
			if spec != (v.DraftMax > 0) || (spec && cfg.DraftMax != v.DraftMax) {
				t.Errorf("%s %s: draft %q spec %q max %d", tc.model.Kind, v.Name, cfg.Draft, cfg.SpecType, cfg.DraftMax)
			}
		}
	}
}

func TestDecodeBytes(t *testing.T) {
	moe, err := harness.Synthetic(synth.Qwen3VLMoE)
	if err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(moe.Model, "", "")
	if err != nil {
		t.Fatal(err)
	}
	f := m.Facts
	if f.ExpertCount != 8 || f.ExpertUsedCount != 2 || m.ExpertBytes == 0 {
		t.Fatalf("synthetic MoE: %d experts, %d used, %d expert bytes", f.ExpertCount, f.ExpertUsedCount, m.ExpertBytes)
	}
	// At the model's own count it is gguf's figure (to float rounding).
	if got, want := m.DecodeBytes(0), f.BytesPerToken; got > want+1 || got+1 < want {
		t.Errorf("DecodeBytes(0) = %d, want gguf BytesPerToken %d", got, want)
	}
	if got, want := m.DecodeBytes(2), m.DecodeBytes(0); got != want {
		t.Errorf("DecodeBytes(2) = %d, want %d (the model's own count)", got, want)
	}
	// moe4 reads twice the experts' share of moe2; all 8 read all of them.
	if got, want := m.DecodeBytes(4)-m.DecodeBytes(2), m.ExpertBytes*2/8; got != want {
		t.Errorf("DecodeBytes(4)-DecodeBytes(2) = %d, want %d", got, want)
	}
	if got, want := m.DecodeBytes(8), m.DenseBytes+m.ExpertBytes; got != want {
		t.Errorf("DecodeBytes(8) = %d, want %d", got, want)
	}

	dense, err := harness.Synthetic(synth.Qwen25VL)
	if err != nil {
		t.Fatal(err)
	}
	d, err := LoadModel(dense.Model, dense.MMProj, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.DecodeBytes(4) != d.Facts.BytesPerToken || d.ExpertBytes != 0 {
		t.Errorf("dense: DecodeBytes(4) = %d, want BytesPerToken %d", d.DecodeBytes(4), d.Facts.BytesPerToken)
	}
	o := gguf.ServeOptions{Context: 4096, Parallel: 2}
	if d.MMProj == nil || d.Estimate(o, true) != gguf.EstimateMemory(d.Facts, d.MMProj, nil, o) {
		t.Errorf("Estimate: want model + projector, and no draft where there is none")
	}
	draft, err := harness.Synthetic(synth.Draft)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := LoadModel(dense.Model, dense.MMProj, draft.Model)
	if err != nil {
		t.Fatal(err)
	}
	if spec, base := ds.Estimate(o, true), ds.Estimate(o, false); spec.Draft == 0 || base.Draft != 0 || spec.Total() != base.Total()+spec.Draft {
		t.Errorf("Estimate with a draft: spec %v, baseline %v; want the draft in the speculative one alone", spec, base)
	}
}

func TestParseInts(t *testing.T) {
	for in, want := range map[string][]int{"": nil, "8": {8}, "8, 16": {8, 16}, "4,": {4}} {
		got, err := ParseInts(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("ParseInts(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseInts("8,x"); err == nil {
		t.Error("ParseInts(8,x): no error")
	}
	var l IntList
	if err := l.Set("1,2"); err != nil || l.String() != "1,2" {
		t.Errorf("IntList = %q, %v", l.String(), err)
	}
}

func TestMeasureBandwidth(t *testing.T) {
	bw := MeasureBandwidth(4<<20, 2, 3)
	if len(bw.Passes) != 3 || bw.Best() <= 0 || bw.Worst() > bw.Best() {
		t.Errorf("MeasureBandwidth = %v", bw)
	}
	if !strings.Contains(bw.String(), "best") {
		t.Errorf("String() = %q", bw.String())
	}
}

func TestMeasureReadBandwidth(t *testing.T) {
	bw := MeasureReadBandwidth(4<<20, 2, 3)
	if len(bw.Passes) != 3 || bw.Best() <= 0 || bw.Worst() > bw.Best() || bw.Bytes != 4<<20 || bw.Kind != "read" {
		t.Errorf("MeasureReadBandwidth = %v", bw)
	}
	if got := sumWords([]uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}); got != 66 {
		t.Errorf("sumWords(1…11) = %d, want 66", got)
	}
	t.Log(bw, "; ", MeasureBandwidth(4<<20, 2, 3))
}
