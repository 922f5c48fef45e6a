package synth

import (
	"fmt"

	"github.com/vlbench/vlbench/internal/gguf"
)

// textSpec describes a synthetic text model. Every field changes the file
// and so its content address.
type textSpec struct {
	Arch, Name                   string
	Embd, Layers, Heads, KVHeads uint32
	FFN, Ctx                     uint32
	KeyLength                    uint32  // 0: no key_length/value_length keys
	Sections                     []int32 // rope.dimension_sections, or nil
	QKVBias, QKNorm              bool
	Experts, ExpertsUsed         uint32 // 0: dense
	ExpertFFN                    uint32
	Deepstack                    uint32 // qwen3vl.n_deepstack_layers, if > 0
	Weights                      gguf.GGMLType
	Seed                         uint64
}

// build makes the model file. Matrices use s.Weights (F32 or F16), norms and
// biases F32; values are N(0,1)·0.05, embeddings and output ·0.5. The output
// rows of the end-of-generation tokens are zero, so their logit is 0 while
// hundreds of random logits are not all negative: EOS is never the argmax
// and generation runs to max_tokens.
func (s textSpec) build() (*gguf.File, error) {
	v := newVocab()
	nv := uint64(len(v.tokens))
	f := gguf.NewFile()
	a := s.Arch + "."
	f.AddString("general.architecture", s.Arch)
	f.AddString("general.name", s.Name)
	ft := uint32(0)
	if s.Weights == gguf.F16 {
		ft = 1
	}
	f.AddUint32("general.file_type", ft)
	f.AddUint32(a+"context_length", s.Ctx)
	f.AddUint32(a+"embedding_length", s.Embd)
	f.AddUint32(a+"block_count", s.Layers)
	f.AddUint32(a+"feed_forward_length", s.FFN)
	f.AddUint32(a+"attention.head_count", s.Heads)
	f.AddUint32(a+"attention.head_count_kv", s.KVHeads)
	f.AddFloat32(a+"attention.layer_norm_rms_epsilon", 1e-6)
	f.AddFloat32(a+"rope.freq_base", 1e6)
	f.AddUint32(a+"vocab_size", uint32(nv))
	if s.KeyLength > 0 {
		f.AddUint32(a+"attention.key_length", s.KeyLength)
		f.AddUint32(a+"attention.value_length", s.KeyLength)
	}
	if s.Sections != nil {
		if err := f.AddArray(a+"rope.dimension_sections", s.Sections); err != nil {
			return nil, err
		}
	}
	if s.Deepstack > 0 {
		f.AddUint32(a+"n_deepstack_layers", s.Deepstack)
	}
	if s.Experts > 0 {
		f.AddUint32(a+"expert_count", s.Experts)
		f.AddUint32(a+"expert_used_count", s.ExpertsUsed)
		f.AddUint32(a+"expert_feed_forward_length", s.ExpertFFN)
	}
	if err := v.addTokenizer(f); err != nil {
		return nil, err
	}

	rng := normals{s.Seed}
	e := uint64(s.Embd)
	hd := e / uint64(s.Heads)
	if s.KeyLength > 0 {
		hd = uint64(s.KeyLength)
	}
	q, kv := hd*uint64(s.Heads), hd*uint64(s.KVHeads)
	var err error
	add := func(name string, typ gguf.GGMLType, scale float64, shape ...uint64) {
		if err == nil {
			err = f.AddTensorFunc(name, shape, typ, rng.fill(name, scale))
		}
	}
	add("token_embd.weight", s.Weights, 0.5, e, nv)
	add("output_norm.weight", gguf.F32, 0.05, e)
	if err == nil {
		out := rng.make("output.weight", e*nv, 0.5)
		for _, tok := range []string{"<|im_end|>", "</s>", "<s>", "<unk>"} {
			id := uint64(v.id(tok))
			clear(out[id*e : (id+1)*e])
		}
		if s.Weights == gguf.F16 {
			err = f.AddTensorF16("output.weight", []uint64{e, nv}, out)
		} else {
			err = f.AddTensorF32("output.weight", []uint64{e, nv}, out)
		}
	}
	for i := range s.Layers {
		p := fmt.Sprintf("blk.%d.", i)
		w := func(n string, shape ...uint64) { add(p+n+".weight", s.Weights, 0.05, shape...) }
		b := func(n string, shape ...uint64) { add(p+n, gguf.F32, 0.05, shape...) }
		b("attn_norm.weight", e)
		w("attn_q", e, q)
		w("attn_k", e, kv)
		w("attn_v", e, kv)
		if s.QKVBias {
			b("attn_q.bias", q)
			b("attn_k.bias", kv)
			b("attn_v.bias", kv)
		}
		if s.QKNorm {
			b("attn_q_norm.weight", hd)
			b("attn_k_norm.weight", hd)
		}
		w("attn_output", q, e)
		b("ffn_norm.weight", e)
		if s.Experts > 0 {
			n, ff := uint64(s.Experts), uint64(s.ExpertFFN)
			add(p+"ffn_gate_inp.weight", gguf.F32, 0.05, e, n)
			w("ffn_gate_exps", e, ff, n)
			w("ffn_up_exps", e, ff, n)
			w("ffn_down_exps", ff, e, n)
		} else {
			ff := uint64(s.FFN)
			w("ffn_gate", e, ff)
			w("ffn_up", e, ff)
			w("ffn_down", ff, e)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("synth: %s: %w", s.Name, err)
	}
	return f, nil
}
