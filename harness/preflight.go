package harness

import (
	"fmt"
	"slices"

	"github.com/vlbench/vlbench/internal/gguf"
)

// projectorArchs lists, per projector type, the text architectures llama.cpp pairs it
// with. Projectors not listed (e.g. "mlp", LLaVA's) pair with any text model.
var projectorArchs = map[string][]string{
	"qwen2vl_merger":   {"qwen2vl"},
	"qwen2.5vl_merger": {"qwen2vl"},
	"qwen3vl_merger":   {"qwen3vl", "qwen3vlmoe"},
}

// preflight reads the GGUF headers of the config's files (metadata only, no tensor data)
// and catches what would otherwise fail inside the server: a truncated or corrupt file,
// an mmproj given as the model or the other way round, and an mmproj that does not fit
// its model (projector type or embedding size).
func (c Config) preflight() error {
	model, err := gguf.OpenModel(c.Model)
	if err != nil {
		return fmt.Errorf("harness: model: %w", err)
	}
	mf := model.Facts()
	if mf.IsMMProj {
		return fmt.Errorf("harness: model %s is a vision projector (mmproj), not a text model", c.Model)
	}
	if c.Draft != "" {
		d, err := gguf.OpenModel(c.Draft)
		if err != nil {
			return fmt.Errorf("harness: draft model: %w", err)
		}
		if d.Facts().IsMMProj {
			return fmt.Errorf("harness: draft model %s is a vision projector (mmproj)", c.Draft)
		}
	}
	if c.MMProj == "" {
		return nil
	}
	proj, err := gguf.Open(c.MMProj)
	if err != nil {
		return fmt.Errorf("harness: mmproj: %w", err)
	}
	pf := proj.Facts()
	if !pf.IsMMProj {
		return fmt.Errorf("harness: mmproj %s is a %s text model, not a vision projector", c.MMProj, pf.Architecture)
	}
	if archs, ok := projectorArchs[pf.Projector]; ok && !slices.Contains(archs, mf.Architecture) {
		return fmt.Errorf("harness: mmproj %s (projector %s) does not match model %s (architecture %s; it pairs with %v)",
			c.MMProj, pf.Projector, c.Model, mf.Architecture, archs)
	}
	if dim, ok := proj.Uint("clip.vision.projection_dim"); ok && mf.EmbeddingLength != 0 && dim != mf.EmbeddingLength {
		return fmt.Errorf("harness: mmproj %s projects to %d dimensions but model %s embeds in %d: they are not a pair",
			c.MMProj, dim, c.Model, mf.EmbeddingLength)
	}
	return nil
}
