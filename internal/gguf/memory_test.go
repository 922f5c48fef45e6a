package gguf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/internal/gguf"
)

// dense is a llama-like model's facts without tensor data: 2 layers, embd 256, ffn 512,
// 4 KV heads of 64, a 1000-token vocabulary, Q4_K matrices and a Q6_K output.
func dense(t *testing.T, tied bool) gguf.Facts {
	t.Helper()
	f := gguf.NewFile()
	f.AddString("general.architecture", "llama")
	f.AddUint32("llama.block_count", 2)
	f.AddUint32("llama.embedding_length", 256)
	f.AddUint32("llama.feed_forward_length", 512)
	f.AddUint32("llama.attention.head_count", 4)
	f.AddUint32("llama.attention.head_count_kv", 4)
	f.AddUint32("llama.context_length", 8192)
	f.Tensors = append(f.Tensors, gguf.TensorInfo{Name: "token_embd.weight", Shape: []uint64{256, 1000}, Type: gguf.Q4_K})
	if !tied {
		f.Tensors = append(f.Tensors, gguf.TensorInfo{Name: "output.weight", Shape: []uint64{256, 1000}, Type: gguf.Q6_K})
	}
	for _, n := range []string{"blk.0.ffn_up.weight", "blk.1.ffn_up.weight"} {
		f.Tensors = append(f.Tensors, gguf.TensorInfo{Name: n, Shape: []uint64{256, 512}, Type: gguf.Q4_K})
	}
	f.Tensors = append(f.Tensors, gguf.TensorInfo{Name: "blk.0.odd.weight", Shape: []uint64{256, 4}, Type: gguf.Q4_K}) // 4 rows: not repacked
	return f.Facts()
}

func TestEstimateMemory(t *testing.T) {
	const (
		embd   = 1000 * 144             // token_embd: 1000 rows of one Q4_K block
		output = 1000 * 210             // Q6_K
		ffn    = 2 * 512 * 144          // the two repacked Q4_K matrices
		odd    = 4 * 144                // too few rows to repack
		kvF16  = 4096 * 2 * 2 * 256 * 2 // cells × layers × (K + V) × 4 heads × 64 × f16
		kvQ8   = 4096 * 2 * 2 * (256 / 32 * 34)
	)
	compute := uint64(512*4*(3*512+5*256) + 2*1000*4)
	untied := dense(t, false)
	for _, tc := range []struct {
		name  string
		facts gguf.Facts
		o     gguf.ServeOptions
		want  gguf.Memory
	}{
		{"mmap", untied, gguf.ServeOptions{Buffers: gguf.RepackBuffers, Context: 4096, Parallel: 2},
			gguf.Memory{Runtime: gguf.RuntimeBytes, Weights: output + ffn + odd, Repack: ffn, KV: kvF16, Compute: compute}},
		{"tied: token_embd read whole", dense(t, true), gguf.ServeOptions{Buffers: gguf.RepackBuffers, Context: 4096, Parallel: 2},
			gguf.Memory{Runtime: gguf.RuntimeBytes, Weights: embd + ffn + odd, Repack: ffn, KV: kvF16, Compute: compute}},
		{"no mmap: one copy", untied, gguf.ServeOptions{Buffers: gguf.RepackBuffers, Context: 4096, Parallel: 2, NoMMap: true},
			gguf.Memory{Runtime: gguf.RuntimeBytes, Weights: embd + output + odd, Repack: ffn, KV: kvF16, Compute: compute}},
		{"q8_0 cache", untied, gguf.ServeOptions{Buffers: gguf.RepackBuffers, Context: 4096, Parallel: 2, CacheK: "q8_0", CacheV: "q8_0"},
			gguf.Memory{Runtime: gguf.RuntimeBytes, Weights: output + ffn + odd, Repack: ffn, KV: kvQ8, Compute: compute}},
		{"defaults: the model's context, one slot, ubatch 512", untied, gguf.ServeOptions{Buffers: gguf.RepackBuffers},
			gguf.Memory{Runtime: gguf.RuntimeBytes, Weights: output + ffn + odd, Repack: ffn, KV: 2 * kvF16,
				Compute: 512*4*(3*512+5*256) + 1000*4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := gguf.EstimateMemory(tc.facts, nil, nil, tc.o)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("EstimateMemory() mismatch (-want +got):\n%s", diff)
			}
			if got.Total() != got.Runtime+got.Weights+got.Repack+got.AMX+got.KV+got.Compute {
				t.Errorf("Total() = %d, not the sum of %+v", got.Total(), got)
			}
		})
	}
}

// Each weight goes to the first of the CPU backend's extra buffers that takes it: with
// AMX the 2-D matrices of AMX's types whose row length and row count suit its tiles, in
// AMX's packed layout; then CPU_REPACK, as it is, for the Q4_0/Q4_K/IQ4_NL/Q2_K matrices
// left (expert stacks, row counts AMX cannot tile); the rest stays mapped.
func TestEstimateMemoryBuffers(t *testing.T) {
	f := gguf.NewFile()
	f.AddString("general.architecture", "llama")
	for _, ti := range []gguf.TensorInfo{
		{Name: "token_embd.weight", Shape: []uint64{256, 64}, Type: gguf.Q4_K},           // read by rows: neither
		{Name: "blk.0.attn_q.weight", Shape: []uint64{256, 64}, Type: gguf.Q4_K},         // AMX: +4 bytes a block
		{Name: "blk.0.attn_k.weight", Shape: []uint64{64, 32}, Type: gguf.Q8_0},          // AMX: +4 bytes a block
		{Name: "blk.0.attn_v.weight", Shape: []uint64{256, 32}, Type: gguf.Q6_K},         // AMX as it is; never repacked
		{Name: "blk.0.attn_output.weight", Shape: []uint64{64, 64}, Type: gguf.F16},      // AMX as it is
		{Name: "blk.0.ffn_down.weight", Shape: []uint64{64, 100}, Type: gguf.Q4_0},       // 100 rows: CPU_REPACK (4 a group), not AMX (32)
		{Name: "blk.0.ffn_gate.weight", Shape: []uint64{256, 40}, Type: gguf.Q5_K},       // 40 rows: not AMX, not a repack type: mapped
		{Name: "blk.0.ffn_up_exps.weight", Shape: []uint64{256, 32, 4}, Type: gguf.Q4_K}, // MUL_MAT_ID: CPU_REPACK only
		{Name: "blk.0.ffn_norm.weight", Shape: []uint64{64}, Type: gguf.F32},
	} {
		f.Tensors = append(f.Tensors, ti)
	}
	facts := f.Facts()
	const (
		embd   = 64 * 144
		q      = 64 * 144
		qAMX   = 64 * (144 + 4)
		k      = 32 * 2 * 34
		kAMX   = 32 * 2 * (34 + 4)
		v      = 32 * 210
		out    = 64 * 64 * 2
		down   = 100 * 2 * 18
		exps   = 4 * 32 * 144
		gate   = 40 * 176
		norm   = 64 * 4
		mapped = embd + q + k + v + out + down + gate + exps + norm // every tensor: the model is tied
	)
	if facts.WeightBytes != mapped {
		t.Fatalf("WeightBytes = %d, want %d", facts.WeightBytes, mapped)
	}
	for _, tc := range []struct {
		b      gguf.CPUBuffers
		noMMap bool
		want   gguf.ExtraBytes
		// weights resident besides the copies
		weights uint64
	}{
		{gguf.RepackBuffers, false, gguf.ExtraBytes{Repack: q + down + exps, File: q + down + exps}, mapped},
		{gguf.RepackBuffers, true, gguf.ExtraBytes{Repack: q + down + exps, File: q + down + exps}, embd + k + v + out + gate + norm},
		{gguf.AMXBuffers, false, gguf.ExtraBytes{AMX: qAMX + kAMX + v + out, Repack: down + exps, File: q + k + v + out + down + exps}, mapped},
		{gguf.AMXBuffers, true, gguf.ExtraBytes{AMX: qAMX + kAMX + v + out, Repack: down + exps, File: q + k + v + out + down + exps}, embd + gate + norm},
		{gguf.NoExtraBuffers, false, gguf.ExtraBytes{}, mapped},
		{gguf.NoExtraBuffers, true, gguf.ExtraBytes{}, mapped},
	} {
		t.Run(fmt.Sprintf("%v/no-mmap=%v", tc.b, tc.noMMap), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, facts.Extra(tc.b)); diff != "" {
				t.Errorf("Extra(%v) mismatch (-want +got):\n%s", tc.b, diff)
			}
			m := gguf.EstimateMemory(facts, nil, nil, gguf.ServeOptions{Buffers: tc.b, Context: 16, NoMMap: tc.noMMap})
			if m.Weights != tc.weights || m.AMX != tc.want.AMX || m.Repack != tc.want.Repack {
				t.Errorf("EstimateMemory: Weights %d, AMX %d, Repack %d; want %d, %d, %d", m.Weights, m.AMX, m.Repack, tc.weights, tc.want.AMX, tc.want.Repack)
			}
		})
	}
	if got, want := facts.Extra(gguf.HostBuffers), facts.Extra(gguf.HostCPUBuffers()); got != want {
		t.Errorf("Extra(HostBuffers) = %+v, want this machine's (%v) %+v", got, gguf.HostCPUBuffers(), want)
	}
	m := gguf.EstimateMemory(facts, nil, nil, gguf.ServeOptions{Buffers: gguf.AMXBuffers, Context: 16})
	if s, want := m.String(), fmt.Sprintf("+ repack %.0f + AMX %.0f + compute", mib(m.Repack), mib(m.AMX)); !strings.Contains(s, want) {
		t.Errorf("String() = %q, want the repack and AMX parts: %q", s, want)
	}
}

// The projector's warm-up image is 46×46 merged tokens for Qwen's mergers, the image size
// for others; a draft adds its own weights, cache and compute, not a second runtime.
func TestEstimateMemoryProjectorDraft(t *testing.T) {
	model := dense(t, false)
	o := gguf.ServeOptions{Buffers: gguf.RepackBuffers, Context: 4096, Parallel: 2}
	qwen := gguf.Facts{WeightBytes: 1000, VisionEmbd: 32, VisionFF: 64, PatchSize: 14, ImageSize: 224, MergeSize: 2}
	llava := gguf.Facts{WeightBytes: 1000, VisionEmbd: 32, VisionFF: 64, PatchSize: 14, ImageSize: 336}
	base := gguf.EstimateMemory(model, nil, nil, o)
	for _, tc := range []struct {
		name string
		p    gguf.Facts
		want uint64
	}{
		{"qwen merger", qwen, 2*1288*1288*3*4 + 92*92*4*(3*64+5*32)},
		{"fixed size", llava, 2*336*336*3*4 + 24*24*4*(3*64+5*32)},
	} {
		m := gguf.EstimateMemory(model, &tc.p, nil, o)
		if m.Projector != 1000 || m.ProjectorCompute != tc.want || m.Total() != base.Total()+1000+tc.want {
			t.Errorf("%s: Projector %d, ProjectorCompute %d (want 1000, %d), Total %d", tc.name, m.Projector, m.ProjectorCompute, tc.want, m.Total())
		}
	}
	d := gguf.EstimateMemory(model, nil, &model, o)
	if d.Draft != base.Total()-gguf.RuntimeBytes {
		t.Errorf("Draft = %d, want the model's estimate without its runtime, %d", d.Draft, base.Total()-gguf.RuntimeBytes)
	}
	if s, want := d.String(), fmt.Sprintf("+ draft %.0f", float64(d.Draft)/(1<<20)); !strings.HasSuffix(s, want) || !strings.HasPrefix(s, fmt.Sprintf("%.0f MiB = runtime 22 + ", float64(d.Total())/(1<<20))) {
		t.Errorf("String() = %q, want the parts in MiB ending in the draft's", s)
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
