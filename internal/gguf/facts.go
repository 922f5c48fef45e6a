package gguf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Facts summarises a model file. Counts absent from the metadata are 0.
type Facts struct {
	Architecture    string // general.architecture
	Name            string // general.name
	FileSize        int64
	Params          uint64 // sum of all tensors' element counts
	Quantization    string // from general.file_type, else the dominant tensor type
	ContextLength   uint64
	BlockCount      uint64
	EmbeddingLength uint64
	HeadCount       uint64 // largest, where per layer
	HeadCountKV     uint64 // largest, where per layer
	HeadDim         uint64 // key_length, else embedding_length/head_count
	ExpertCount     uint64
	ExpertUsedCount uint64
	IsMMProj        bool   // architecture "clip"
	Projector       string // clip.projector_type
	ValueDim        uint64 // value_length, else HeadDim
	FeedForward     uint64 // feed_forward_length (largest, where per layer)
	ExpertFF        uint64 // expert_feed_forward_length
	VocabSize       uint64 // token_embd's rows
	// The vision encoder of an mmproj: clip.vision.{embedding_length, feed_forward_length,
	// patch_size, image_size, spatial_merge_size}.
	VisionEmbd, VisionFF, PatchSize, ImageSize, MergeSize uint64
	// What the memory estimate needs of the tensors (see EstimateMemory): UntiedEmbdBytes is
	// token_embd's data when an output.weight exists (so that only the rows of prompt tokens
	// are ever read).
	UntiedEmbdBytes uint64
	// ExtraRepack and ExtraAMX are what llama.cpp's CPU backend copies into its extra
	// buffers at load (Extra) with CPU_REPACK alone and with AMX first (CPUBuffers).
	ExtraRepack, ExtraAMX ExtraBytes
	WeightBytes           uint64 // all tensor data
	Shards                int    // files of the model: 1, or split.count of a split model from OpenModel
	// TypeBytes is the quantization mix: the tensor data bytes of each tensor type.
	TypeBytes map[GGMLType]uint64
	// LayerBytes is the tensor data of each repeating layer (blk.N.*), OutputBytes that of
	// the output layer (output.weight, output_norm.*): how llama.cpp places a model on
	// devices, layer by layer (SplitMemory).
	LayerBytes  []uint64
	OutputBytes uint64
	// BytesPerToken is the weight data read to generate one token: every
	// tensor but token_embd, and of expert tensors (*_exps) only the
	// used/total share.
	BytesPerToken uint64
}

// maxUint returns a key's value, or the largest item of an integer array.
func (f *File) maxUint(key string) uint64 {
	kv, ok := f.Lookup(key)
	if !ok {
		return 0
	}
	if kv.Type != TypeArray {
		v, _ := asUint(kv.Value)
		return v
	}
	items, err := anySlice(kv.Value, kv.ElemType)
	if err != nil {
		return 0
	}
	var m uint64
	for _, it := range items {
		if v, ok := asUint(it); ok && v > m {
			m = v
		}
	}
	return m
}

// Facts summarises f.
func (f *File) Facts() Facts {
	arch, _ := f.String("general.architecture")
	name, _ := f.String("general.name")
	p := arch + "."
	fa := Facts{
		Architecture:    arch,
		Name:            name,
		FileSize:        f.Size,
		ContextLength:   f.maxUint(p + "context_length"),
		BlockCount:      f.maxUint(p + "block_count"),
		EmbeddingLength: f.maxUint(p + "embedding_length"),
		HeadCount:       f.maxUint(p + "attention.head_count"),
		HeadCountKV:     f.maxUint(p + "attention.head_count_kv"),
		HeadDim:         f.maxUint(p + "attention.key_length"),
		ExpertCount:     f.maxUint(p + "expert_count"),
		ExpertUsedCount: f.maxUint(p + "expert_used_count"),
		IsMMProj:        arch == "clip",
	}
	fa.Projector, _ = f.String("clip.projector_type")
	fa.ValueDim = f.maxUint(p + "attention.value_length")
	fa.FeedForward = f.maxUint(p + "feed_forward_length")
	fa.ExpertFF = f.maxUint(p + "expert_feed_forward_length")
	fa.VisionEmbd = f.maxUint("clip.vision.embedding_length")
	fa.VisionFF = f.maxUint("clip.vision.feed_forward_length")
	fa.PatchSize = f.maxUint("clip.vision.patch_size")
	fa.ImageSize = f.maxUint("clip.vision.image_size")
	fa.MergeSize = f.maxUint("clip.vision.spatial_merge_size")
	fa.Shards = max(len(f.Shards), 1)
	if fa.HeadCountKV == 0 {
		fa.HeadCountKV = fa.HeadCount
	}
	if fa.HeadDim == 0 && fa.HeadCount > 0 {
		fa.HeadDim = fa.EmbeddingLength / fa.HeadCount
	}
	if fa.ValueDim == 0 {
		fa.ValueDim = fa.HeadDim
	}
	_, untied := f.Tensor("output.weight")
	byType := map[GGMLType]uint64{}
	var perToken float64
	for _, t := range f.Tensors {
		n, b := t.Elements(), t.Bytes()
		fa.Params += n
		fa.WeightBytes += b
		byType[t.Type] += b
		fa.ExtraRepack.add(t, false)
		fa.ExtraAMX.add(t, true)
		if l, ok := layerOf(t.Name); ok && fa.BlockCount > 0 && l < fa.BlockCount {
			if fa.LayerBytes == nil {
				fa.LayerBytes = make([]uint64, fa.BlockCount)
			}
			fa.LayerBytes[l] += b
		} else if strings.HasPrefix(t.Name, "output.") || strings.HasPrefix(t.Name, "output_norm.") {
			fa.OutputBytes += b
		}
		switch {
		case strings.HasPrefix(t.Name, "token_embd."):
			if len(t.Shape) > 1 {
				fa.VocabSize = t.Shape[1]
			}
			if untied {
				fa.UntiedEmbdBytes += b
			}
		case strings.Contains(t.Name, "_exps") && fa.ExpertCount > 0:
			perToken += float64(b) * float64(fa.ExpertUsedCount) / float64(fa.ExpertCount)
		default:
			perToken += float64(b)
		}
	}
	fa.BytesPerToken = uint64(perToken)
	fa.TypeBytes = byType
	if ft, ok := f.Uint("general.file_type"); ok {
		fa.Quantization, _ = FileTypeName(ft)
	}
	if fa.Quantization == "" {
		var best GGMLType
		var most uint64
		for t, b := range byType {
			if b > most || (b == most && t < best) {
				best, most = t, b
			}
		}
		if most > 0 {
			fa.Quantization = best.String()
		}
	}
	return fa
}

// Mix is the quantization mix as the share of tensor data in each type, largest first:
// "Q4_K 71.6%, Q6_K 20.1%, F32 8.3%" (shares below 0.05% are left out).
func (f Facts) Mix() string {
	types := make([]GGMLType, 0, len(f.TypeBytes))
	for t := range f.TypeBytes {
		types = append(types, t)
	}
	slices.SortFunc(types, func(a, b GGMLType) int {
		if c := cmp.Compare(f.TypeBytes[b], f.TypeBytes[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	var parts []string
	for _, t := range types {
		share := 100 * float64(f.TypeBytes[t]) / float64(f.WeightBytes)
		if share >= 0.05 {
			parts = append(parts, fmt.Sprintf("%v %.1f%%", t, share))
		}
	}
	return strings.Join(parts, ", ")
}
