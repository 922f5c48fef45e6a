package harness

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/internal/synth"
)

func TestWithVariant(t *testing.T) {
	dense := synthConfig(t, synth.Qwen25VL)
	moe := synthConfig(t, synth.Qwen3VLMoE)
	d, err := Synthetic(synth.Draft)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		Draft, SpecType string
		DraftMax        int
		OverrideKV      []string
		Threads         int
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
		{dense, "spec-k8", "", want{}, "needs a draft model"},
		{dense, "moe4", "", want{}, "is dense"},
		{dense, "ngram", "", want{SpecType: "ngram-simple", Threads: 2}, ""},
		{moe, "moe1", "", want{OverrideKV: []string{"qwen3vlmoe.expert_used_count=int:1"}, Threads: 2}, ""},
		{moe, "moe4-t1", "", want{OverrideKV: []string{"qwen3vlmoe.expert_used_count=int:4"}, Threads: 1}, ""},
		{moe, "moe9", "", want{}, "has 8 experts"},
		{moe, "turbo", "", want{}, "unknown config"},
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
			g := want{got.Draft, got.SpecType, got.DraftMax, got.OverrideKV, got.Threads}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("WithVariant(%s) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}
