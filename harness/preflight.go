package harness

import (
	"fmt"
	"slices"
)

// projectorArchs lists, per projector type, the text architectures llama.cpp pairs it
// with. Projectors not listed (e.g. "mlp", LLaVA's) pair with any text model.
var projectorArchs = map[string][]string{
	"qwen2vl_merger":   {"qwen2vl"},
	"qwen2.5vl_merger": {"qwen2vl"},
	"qwen3vl_merger":   {"qwen3vl", "qwen3vlmoe"},
}

// preflight checks the GGUF headers of the config's files (read by validate) for what
// would otherwise fail inside the server: an mmproj given as the model or the other way
// round, and an mmproj that does not fit its model (projector type or embedding size).
// A truncated or corrupt file has failed to read already.
func (c Config) preflight(h Headers) error {
	mf := h.Model.Facts()
	if mf.IsMMProj {
		return fmt.Errorf("harness: model %s is a vision projector (mmproj), not a text model", c.Model)
	}
	if h.Draft != nil && h.Draft.Facts().IsMMProj {
		return fmt.Errorf("harness: draft model %s is a vision projector (mmproj)", c.Draft)
	}
	if h.MMProj == nil {
		return nil
	}
	proj := h.MMProj
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
