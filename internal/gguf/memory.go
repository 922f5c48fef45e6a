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
	NoMMap   bool   // -lm none|mlock|dio (older builds: --no-mmap): weights read into memory instead of mapped
	// Buffers is the CPU backend's extra buffer types for weights; HostBuffers (zero):
	// this machine's (HostCPUBuffers).
	Buffers CPUBuffers
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
	if o.Buffers == HostBuffers {
		o.Buffers = HostCPUBuffers()
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
	// out), without mmap all but what the extra buffers copy (ExtraBytes.File).
	Weights uint64
	// Repack and AMX are the copies of the weights that the CPU backend makes at load in
	// its extra buffers, CPU_REPACK and AMX (ServeOptions.Buffers, ExtraBytes): with mmap
	// the file's pages stay mapped and resident beside the copies.
	Repack, AMX uint64
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
	return m.Runtime + m.Weights + m.Repack + m.AMX + m.KV + m.Compute + m.Projector + m.ProjectorCompute + m.Draft
}

// String lists the parts in MiB: "1343 MiB = runtime 22 + weights 413 + …", leaving out
// the zero ones.
func (m Memory) String() string {
	var parts []string
	for _, p := range []struct {
		name string
		v    uint64
	}{{"runtime", m.Runtime}, {"weights", m.Weights}, {"repack", m.Repack}, {"AMX", m.AMX}, {"KV", m.KV},
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
// what llama.cpp allocates (see Memory's fields), with the CPU backend's extra buffers of
// o.Buffers (by default this machine's); on the synthetic models it is within 10% of the
// measured peak RSS (README, "Dependencies"), on AMD (CPU_REPACK) and on Intel Xeon with
// AMX alike.
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
	extra := f.Extra(o.Buffers)
	m.Weights = f.WeightBytes
	if o.NoMMap {
		m.Weights -= extra.File // copied tensors live in the copy alone
	} else {
		m.Weights -= f.UntiedEmbdBytes
	}
	m.Repack, m.AMX = extra.Repack, extra.AMX
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

// ExtraBytes is what the CPU backend copies into its extra buffers at load under one
// CPUBuffers: the CPU_REPACK and AMX buffers' sizes, and the file bytes of the tensors
// copied into them.
type ExtraBytes struct {
	Repack uint64 // CPU_REPACK: the tensors as in the file
	AMX    uint64 // AMX: in its packed layout (amxBytes)
	File   uint64 // the copied tensors in the file, which a load without mmap does not read twice
}

// Extra is the model's ExtraBytes under b (HostBuffers: this machine's).
func (f Facts) Extra(b CPUBuffers) ExtraBytes {
	if b == HostBuffers {
		b = HostCPUBuffers()
	}
	switch b {
	case AMXBuffers:
		return f.ExtraAMX
	case NoExtraBuffers:
		return ExtraBytes{}
	}
	return f.ExtraRepack
}

// add counts t into e: first the AMX buffer where amx and it takes t, then CPU_REPACK.
func (e *ExtraBytes) add(t TensorInfo, amx bool) {
	if amx {
		if n, ok := amxBytes(t); ok {
			e.AMX += n
			e.File += t.Bytes()
			return
		}
	}
	if repacked(t) {
		e.Repack += t.Bytes()
		e.File += t.Bytes()
	}
}

// repackTypes are the tensor types that ggml's CPU backend repacks (ggml-cpu/repack.cpp,
// ggml_repack_get_optimal_repack_type), with the row count each layout needs: checked on
// build 11669 for Q4_0, Q4_K and IQ4_NL (a CPU_REPACK buffer of exactly their size), Q6_K
// and Q8_0 stay mapped. Under AMXBuffers CPU_REPACK gets only what the AMX buffer leaves.
var repackTypes = map[GGMLType]uint64{Q4_0: 4, IQ4_NL: 4, Q4_K: 8, Q2_K: 8}

// repacked reports whether the CPU backend repacks t: a matrix (or a stack of expert
// matrices) of a repack type whose rows divide into the layout's groups. token_embd is read
// by rows, not multiplied, and stays as it is.
func repacked(t TensorInfo) bool {
	rows, ok := repackTypes[t.Type]
	return ok && len(t.Shape) >= 2 && t.Shape[1]%rows == 0 && !strings.HasPrefix(t.Name, "token_embd.")
}

// amxTypes are the tensor types that ggml's AMX buffer takes (ggml-cpu/amx/amx.cpp,
// extra_buffer_type::supports_op), with the alignment of the row length (ne[0]) each needs
// and the bytes that its packed layout adds per block (amx/mmq.cpp, get_row_size: the s8s8
// compensation of Q8_0, the unpacked scales and mins of Q4_K and Q5_K, the scales of
// IQ4_XS); F16 is kept as it is. Checked on build 11669: AMX buffers of exactly their size
// with the large synthetic model as Q4_K_M (421.00 MiB, and no CPU_REPACK buffer), and
// requantized to Q8_0 (817.00), Q5_K_M (495.00) and IQ4_XS (377.11); F16, Q4_0 and Q4_1 on
// the small synthetic text model (0.14, 0.04 and 0.04 MiB).
var amxTypes = map[GGMLType]struct{ align, extra uint64 }{
	Q4_0: {32, 0}, Q4_1: {32, 0}, Q8_0: {32, 4},
	Q4_K: {256, 4}, Q5_K: {256, 4}, Q6_K: {256, 0}, IQ4_XS: {256, 2},
	F16: {16, 0},
}

// amxRows is the multiple of output rows (ne[1], the product's ne[0]) that the AMX kernels
// need: TILE_N × 2.
const amxRows = 32

// amxBytes is t's size in the AMX buffer (ggml_backend_amx_get_alloc_size: rows × packed
// row), and whether the AMX buffer takes it: a 2-D matrix (a MUL_MAT weight; stacks of
// expert matrices go through MUL_MAT_ID, which AMX does not take) of an amxTypes type whose
// row length is aligned and whose rows come in amxRows. token_embd is read by rows and
// stays as it is.
func amxBytes(t TensorInfo) (uint64, bool) {
	at, ok := amxTypes[t.Type]
	if !ok || len(t.Shape) != 2 || t.Shape[0]%at.align != 0 || t.Shape[1]%amxRows != 0 || strings.HasPrefix(t.Name, "token_embd.") {
		return 0, false
	}
	blocks := t.Shape[0] / t.Type.BlockSize()
	return t.Shape[1] * blocks * (t.Type.BlockBytes() + at.extra), true
}
