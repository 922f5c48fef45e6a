package gguf

import (
	"fmt"
	"strings"
)

// RuntimeBytes is llama-server's own resident memory before any model data: its code, the
// libraries and ggml's CPU backend, their heaps and the tokenizer. Measured on the Debian
// CPU build (0.7.0, build 11669): 24.5 MiB peak with a 0.5 MiB model whose KV cache and
// compute buffers are 1 and 3 MiB touched in part. A GPU build's runtimes (CUDA: hundreds
// of MiB) are not in it.
const RuntimeBytes = 22 << 20

// ServeOptions are the llama-server settings that the memory depends on. Zero values are
// llama-server's defaults.
type ServeOptions struct {
	Context  uint64 // -c: KV cells, shared by the slots; 0: the model's context_length
	Parallel uint64 // -np: slots (1)
	UBatch   uint64 // -ub: tokens per compute pass (512)
	CacheK   string // -ctk: "f16" (default), "q8_0", "q4_0", "bf16", "f32", …
	CacheV   string // -ctv, as CacheK
	NoMMap   bool   // --no-mmap: weights read into memory instead of mapped
	// TensorSplit is -ts: the share of the layers on each RPC worker (SplitMemory).
	TensorSplit []float64
}

func (o ServeOptions) withDefaults(model Facts) ServeOptions {
	if o.Context == 0 {
		o.Context = model.ContextLength
	}
	if o.Parallel == 0 {
		o.Parallel = 1
	}
	if o.UBatch == 0 {
		o.UBatch = 512
	}
	if o.CacheK == "" {
		o.CacheK = "f16"
	}
	if o.CacheV == "" {
		o.CacheV = "f16"
	}
	return o
}

// cacheType is the ggml type of a -ctk/-ctv name; F16 for a name it does not know.
func cacheType(name string) GGMLType {
	for t, tr := range traits {
		if strings.EqualFold(tr.name, name) {
			return t
		}
	}
	return F16
}

// Memory is an estimate of llama-server's peak resident memory (RSS) on a CPU-only build,
// by part, in bytes; Total is their sum.
type Memory struct {
	Runtime uint64 // RuntimeBytes
	// Weights is the model's tensor data as resident: with mmap every tensor that a
	// matrix product reads (token_embd of an untied model is read by rows, so it is left
	// out), without mmap all of it.
	Weights uint64
	// Repack is the copy of the weights that the CPU backend repacks at load (Q4_0, Q4_K,
	// IQ4_NL, Q2_K on x86-64 with AVX2 and on ARM): with mmap the file's pages stay mapped
	// and resident beside the copy.
	Repack uint64
	// KV is the cache: Context cells × layers × (KV heads × key dim × CacheK + KV heads ×
	// value dim × CacheV); llama-server shares the cells between the slots.
	KV uint64
	// Compute is the text model's compute buffer as a full ubatch touches it: the
	// activations (UBatch × 4 bytes × (3 × feed-forward + 5 × embedding), as ggml's allocator
	// packs a llama-like layer) and the slots' output logits. llama.cpp also allocates the
	// flash-attention mask (per-slot context × UBatch × f16) but writes it only as far as
	// the context is filled: it is left out (at most 8 MiB at -c 16384 -np 2).
	Compute uint64
	// Projector is the mmproj's weights, read into memory; ProjectorCompute the vision
	// encoder's warm-up at load: the warm-up image twice as f32 (the largest image the
	// projector takes; Qwen's mergers warm up with 46×46 merged tokens) and the
	// activations of its patches (as Compute's, per patch). It is freed after the warm-up
	// but is the peak of a small model's run.
	Projector, ProjectorCompute uint64
	// Draft is the draft model of a speculative config, estimated as a model of its own
	// at the same options (its runtime excepted).
	Draft uint64
}

// Total is the estimated peak resident memory.
func (m Memory) Total() uint64 {
	return m.Runtime + m.Weights + m.Repack + m.KV + m.Compute + m.Projector + m.ProjectorCompute + m.Draft
}

// String lists the parts in MiB: "1343 MiB = runtime 22 + weights 413 + …", leaving out
// the zero ones.
func (m Memory) String() string {
	var parts []string
	for _, p := range []struct {
		name string
		v    uint64
	}{{"runtime", m.Runtime}, {"weights", m.Weights}, {"repack", m.Repack}, {"KV", m.KV},
		{"compute", m.Compute}, {"mmproj", m.Projector}, {"mmproj compute", m.ProjectorCompute}, {"draft", m.Draft}} {
		if p.v > 0 {
			parts = append(parts, fmt.Sprintf("%s %.0f", p.name, mib(p.v)))
		}
	}
	return fmt.Sprintf("%.0f MiB = %s", mib(m.Total()), strings.Join(parts, " + "))
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// EstimateMemory estimates the peak resident memory of llama-server serving model (with
// mmproj and draft where not nil) on a CPU-only build, from the GGUF facts alone. It models
// what llama.cpp allocates (see Memory's fields); on the synthetic models it is within 10%
// of the measured peak RSS (README, "Dependencies").
func EstimateMemory(model Facts, mmproj, draft *Facts, o ServeOptions) Memory {
	o = o.withDefaults(model)
	m := textMemory(model, o)
	m.Runtime = RuntimeBytes
	if mmproj != nil {
		m.Projector = mmproj.WeightBytes
		m.ProjectorCompute = visionWarmup(*mmproj)
	}
	if draft != nil {
		d := textMemory(*draft, o)
		m.Draft = d.Total()
	}
	return m
}

// textMemory is a text model's weights, KV cache and compute buffer.
func textMemory(f Facts, o ServeOptions) Memory {
	var m Memory
	m.Weights = f.WeightBytes
	if o.NoMMap {
		m.Weights -= f.RepackBytes // repacked tensors live in the copy alone
	} else {
		m.Weights -= f.UntiedEmbdBytes
	}
	m.Repack = f.RepackBytes
	kvHeads := f.HeadCountKV
	m.KV = o.Context * f.BlockCount * (cacheType(o.CacheK).RowBytes(kvHeads*f.HeadDim) + cacheType(o.CacheV).RowBytes(kvHeads*f.ValueDim))
	ff := max(f.FeedForward, f.ExpertFF*f.ExpertUsedCount)
	m.Compute = o.UBatch*4*(3*ff+5*f.EmbeddingLength) + o.Parallel*f.VocabSize*4
	return m
}

// warmupTokens is the merged tokens per side of the image that llama.cpp's clip warms the
// Qwen mergers up with (clip.cpp: set_warmup_n_tokens(46*46)).
const warmupTokens = 46

// visionWarmup is the memory of the vision encoder's warm-up (Memory.ProjectorCompute).
func visionWarmup(p Facts) uint64 {
	if p.PatchSize == 0 {
		return 0
	}
	side := p.ImageSize
	if p.MergeSize > 0 {
		side = warmupTokens * p.MergeSize * p.PatchSize
	}
	patches := (side / p.PatchSize) * (side / p.PatchSize)
	return 2*side*side*3*4 + patches*4*(3*p.VisionFF+5*p.VisionEmbd)
}

// repackTypes are the tensor types that ggml's CPU backend repacks (ggml-cpu/repack.cpp,
// ggml_repack_get_optimal_repack_type), with the row count each layout needs: checked on
// build 11669 for Q4_0, Q4_K and IQ4_NL (a CPU_REPACK buffer of exactly their size), Q6_K
// and Q8_0 stay mapped.
var repackTypes = map[GGMLType]uint64{Q4_0: 4, IQ4_NL: 4, Q4_K: 8, Q2_K: 8}

// repacked reports whether the CPU backend repacks t: a matrix (or a stack of expert
// matrices) of a repack type whose rows divide into the layout's groups. token_embd is read
// by rows, not multiplied, and stays as it is.
func repacked(t TensorInfo) bool {
	rows, ok := repackTypes[t.Type]
	return ok && len(t.Shape) >= 2 && t.Shape[1]%rows == 0 && !strings.HasPrefix(t.Name, "token_embd.")
}
