package perf

import (
	"fmt"
	"strings"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
)

// Model is what perf reads from the GGUF files of the model under test before anything
// starts: the facts that choose the configs, the weight bytes that one generated token
// reads (the decode roofline) and the memory estimate.
type Model struct {
	Facts  gguf.Facts
	MMProj *gguf.Facts // nil without a projector
	Draft  *gguf.Facts // nil without a draft model

	// Decode bytes, split as gguf.Facts.BytesPerToken splits them: DenseBytes is every
	// tensor but token_embd and the expert tensors (read whole for every token);
	// ExpertBytes is all expert tensors (*_exps), of which a token reads used/count.
	DenseBytes  uint64
	ExpertBytes uint64
}

// LoadModel reads the headers of the model, its projector and its draft ("" for none).
func LoadModel(model, mmproj, draft string) (*Model, error) {
	f, err := gguf.OpenModel(model)
	if err != nil {
		return nil, fmt.Errorf("perf: model: %w", err)
	}
	m := ModelFromFile(f)
	for _, x := range []struct {
		path string
		dst  **gguf.Facts
	}{{mmproj, &m.MMProj}, {draft, &m.Draft}} {
		if x.path == "" {
			continue
		}
		g, err := gguf.OpenModel(x.path)
		if err != nil {
			return nil, fmt.Errorf("perf: %w", err)
		}
		fa := g.Facts()
		*x.dst = &fa
	}
	return m, nil
}

// Fit is what decides which configs the model takes (harness.Variant.Skip): its facts, and
// whether a draft and a projector are at hand.
func (m *Model) Fit() harness.Fit {
	return harness.Fit{Facts: m.Facts, Draft: m.Draft != nil, Vision: m.MMProj != nil}
}

// ModelFromFile summarises an opened GGUF text model.
func ModelFromFile(f *gguf.File) *Model {
	m := &Model{Facts: f.Facts()}
	for _, t := range f.Tensors {
		switch {
		case strings.HasPrefix(t.Name, "token_embd."):
		case strings.Contains(t.Name, "_exps") && m.Facts.ExpertCount > 0:
			m.ExpertBytes += t.Bytes()
		default:
			m.DenseBytes += t.Bytes()
		}
	}
	return m
}

// DecodeBytes is the weight data read to generate one token with expertUsed experts per
// token (0: the model's own expert_used_count): the dense part whole, the experts' share
// used/count. At the model's own count it equals gguf.Facts.BytesPerToken (to rounding).
func (m *Model) DecodeBytes(expertUsed int) uint64 {
	if m.Facts.ExpertCount == 0 || m.ExpertBytes == 0 {
		return m.DenseBytes
	}
	used := m.Facts.ExpertUsedCount
	if expertUsed > 0 {
		used = uint64(expertUsed)
	}
	return m.DenseBytes + uint64(float64(m.ExpertBytes)*float64(used)/float64(m.Facts.ExpertCount))
}

// Estimate is what serving the variant should take, from the GGUF headers alone, before
// anything loads: gguf.EstimateMemory of the text model with its projector and, for a
// speculative variant, its draft, at the server's options (harness.Config.ServeOptions).
func (m *Model) Estimate(o gguf.ServeOptions, speculative bool) gguf.Memory {
	var draft *gguf.Facts
	if speculative {
		draft = m.Draft
	}
	return gguf.EstimateMemory(m.Facts, m.MMProj, draft, o)
}
