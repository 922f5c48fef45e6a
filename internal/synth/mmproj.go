package synth

import (
	"fmt"

	"github.com/vlbench/vlbench/internal/gguf"
)

// projSpec describes a synthetic vision projector (mmproj) file.
type projSpec struct {
	Projector     string // clip.projector_type
	Name          string
	ImageSize     uint32
	PatchSize     uint32
	Embd, FFN     uint32 // vision tower width and feed-forward width
	Layers, Heads uint32
	TextEmbd      uint32 // projection_dim: the text model's n_embd
	Merge         uint32 // spatial_merge_size
	Seed          uint64
}

// build makes the mmproj file for the Qwen projectors:
//   - qwen2.5vl_merger: two patch convs without bias, RMS ln1/ln2 and
//     post_ln (weight only), gated SiLU FFN, window-attention pattern 2;
//   - qwen3vl_merger: patch conv with bias, learned position embeddings,
//     fused qkv, LayerNorms, GELU FFN and one deepstack merger.
func (s projSpec) build() (*gguf.File, error) {
	qwen3 := s.Projector == "qwen3vl_merger"
	if !qwen3 && s.Projector != "qwen2.5vl_merger" {
		return nil, fmt.Errorf("synth: unsupported projector %q", s.Projector)
	}
	f := gguf.NewFile()
	f.AddString("general.architecture", "clip")
	f.AddString("general.name", s.Name)
	f.AddUint32("general.file_type", 0)
	f.AddBool("clip.has_vision_encoder", true)
	f.AddBool("clip.has_text_encoder", false)
	f.AddString("clip.projector_type", s.Projector)
	f.AddUint32("clip.vision.image_size", s.ImageSize)
	f.AddUint32("clip.vision.patch_size", s.PatchSize)
	f.AddUint32("clip.vision.embedding_length", s.Embd)
	f.AddUint32("clip.vision.feed_forward_length", s.FFN)
	f.AddUint32("clip.vision.projection_dim", s.TextEmbd)
	f.AddUint32("clip.vision.block_count", s.Layers)
	f.AddUint32("clip.vision.attention.head_count", s.Heads)
	f.AddFloat32("clip.vision.attention.layer_norm_epsilon", 1e-6)
	f.AddUint32("clip.vision.spatial_merge_size", s.Merge)
	var err error
	arr := func(k string, v any) {
		if err == nil {
			err = f.AddArray(k, v)
		}
	}
	arr("clip.vision.image_mean", []float32{0.5, 0.5, 0.5})
	arr("clip.vision.image_std", []float32{0.5, 0.5, 0.5})
	if qwen3 {
		f.AddBool("clip.use_gelu", true)
		deep := make([]bool, s.Layers)
		deep[0] = true
		arr("clip.vision.is_deepstack_layers", deep)
	} else {
		f.AddBool("clip.use_gelu", false)
		f.AddBool("clip.use_silu", true)
		f.AddUint32("clip.vision.n_wa_pattern", 2)
	}

	rng := normals{s.Seed}
	add := func(name string, shape ...uint64) {
		if err == nil {
			err = f.AddTensorFunc(name, shape, gguf.F32, rng.fill(name, 0.05))
		}
	}
	e, ff, ps := uint64(s.Embd), uint64(s.FFN), uint64(s.PatchSize)
	merged := e * uint64(s.Merge*s.Merge)
	add("v.patch_embd.weight", ps, ps, 3, e)
	add("v.patch_embd.weight.1", ps, ps, 3, e)
	if qwen3 {
		add("v.patch_embd.bias", e)
		n := uint64(s.ImageSize / s.PatchSize)
		add("v.position_embd.weight", e, n*n)
	}
	for i := range s.Layers {
		p := fmt.Sprintf("v.blk.%d.", i)
		wb := func(n string, shape ...uint64) {
			add(p+n+".weight", shape...)
			add(p+n+".bias", shape[len(shape)-1])
		}
		norm := func(n string) {
			add(p+n+".weight", e)
			if qwen3 {
				add(p+n+".bias", e)
			}
		}
		norm("ln1")
		if qwen3 {
			wb("attn_qkv", e, 3*e)
		} else {
			wb("attn_q", e, e)
			wb("attn_k", e, e)
			wb("attn_v", e, e)
		}
		wb("attn_out", e, e)
		norm("ln2")
		wb("ffn_up", e, ff)
		if !qwen3 {
			wb("ffn_gate", e, ff)
		}
		wb("ffn_down", ff, e)
	}
	add("v.post_ln.weight", e)
	if qwen3 {
		add("v.post_ln.bias", e)
	}
	add("mm.0.weight", merged, merged)
	add("mm.0.bias", merged)
	add("mm.2.weight", merged, uint64(s.TextEmbd))
	add("mm.2.bias", uint64(s.TextEmbd))
	if qwen3 {
		add("v.deepstack.0.norm.weight", merged)
		add("v.deepstack.0.norm.bias", merged)
		add("v.deepstack.0.fc1.weight", merged, merged)
		add("v.deepstack.0.fc1.bias", merged)
		add("v.deepstack.0.fc2.weight", merged, uint64(s.TextEmbd))
		add("v.deepstack.0.fc2.bias", uint64(s.TextEmbd))
	}
	if err != nil {
		return nil, fmt.Errorf("synth: %s: %w", s.Name, err)
	}
	return f, nil
}
