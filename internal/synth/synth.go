package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vlbench/vlbench/internal/atomicfile"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/modroot"
)

// Kind names a synthetic model.
type Kind string

// The kinds of synthetic model.
const (
	Qwen25VL   Kind = "qwen25vl"   // qwen2vl text + qwen2.5vl_merger mmproj
	Qwen3VL    Kind = "qwen3vl"    // qwen3vl text + qwen3vl_merger mmproj
	Qwen3VLMoE Kind = "qwen3vlmoe" // qwen3vlmoe text (8 experts, 2 used) + qwen3vl_merger mmproj
	Draft      Kind = "draft"      // 1-layer qwen2vl text, Qwen25VL's vocabulary: a speculative draft
	Large      Kind = "large"      // dense llama, 723M params, Q4_K_M (see EnsureLarge)
)

// Kinds lists every kind; SmallKinds the ones Ensure makes in milliseconds.
var (
	Kinds      = []Kind{Qwen25VL, Qwen3VL, Qwen3VLMoE, Draft, Large}
	SmallKinds = []Kind{Qwen25VL, Qwen3VL, Qwen3VLMoE, Draft}
)

// Model is a synthetic model on disk.
type Model struct {
	Kind      Kind
	Model     string // text model path
	MMProj    string // projector path; "" for Draft and Large
	Arch      string // text architecture (general.architecture)
	Projector string // clip.projector_type; "" without MMProj
}

const seed = 20260101

// small text model dimensions (LLAMA.md).
func tinyText(arch string, layers uint32) textSpec {
	return textSpec{
		Arch: arch, Name: "vlbench-synth-" + arch, Embd: 64, Layers: layers, Heads: 4, KVHeads: 2,
		FFN: 128, Ctx: 2048, Weights: gguf.F32, Seed: seed,
	}
}

func specs(kind Kind) (textSpec, *projSpec, error) {
	switch kind {
	case Qwen25VL, Draft:
		t := tinyText("qwen2vl", 2)
		t.Sections = []int32{2, 3, 3, 0}
		t.QKVBias = true
		if kind == Draft {
			t.Layers = 1
			t.Name += "-draft"
			// Same seed: tensors are keyed by name, so the draft is the
			// target's first layer with its embeddings and output, and it
			// predicts much of what the target will accept.
			return t, nil, nil
		}
		return t, &projSpec{
			Projector: "qwen2.5vl_merger", Name: "vlbench-synth-qwen2.5vl-mmproj",
			ImageSize: 224, PatchSize: 14, Embd: 32, FFN: 64, Layers: 2, Heads: 2,
			TextEmbd: 64, Merge: 2, Seed: seed,
		}, nil
	case Qwen3VL, Qwen3VLMoE:
		arch := string(kind)
		t := tinyText(arch, 2)
		t.Sections = []int32{3, 3, 2, 0}
		t.KeyLength = 16
		t.QKNorm = true
		t.Deepstack = 1
		if kind == Qwen3VLMoE {
			t.Experts, t.ExpertsUsed, t.ExpertFFN = 8, 2, 32
		}
		return t, &projSpec{
			Projector: "qwen3vl_merger", Name: "vlbench-synth-qwen3vl-mmproj",
			ImageSize: 256, PatchSize: 16, Embd: 32, FFN: 64, Layers: 2, Heads: 2,
			TextEmbd: 64, Merge: 2, Seed: seed,
		}, nil
	}
	return textSpec{}, nil, fmt.Errorf("synth: unknown kind %q (want one of %v)", kind, Kinds)
}

// CacheDir is $VLBENCH_CACHE if set, else build/models under the module
// root (the folder holding go.mod, found from the working directory up).
func CacheDir() (string, error) {
	if d := os.Getenv("VLBENCH_CACHE"); d != "" {
		return d, nil
	}
	return modroot.Build("models")
}

// Ensure returns the model of the given small kind in cacheDir, writing it
// first if it is missing. File names carry the sha256 of the file's bytes
// (kind-HASH.gguf, kind-HASH.mmproj.gguf), so a changed spec never reuses a
// stale file. Files are written to a temporary name and renamed, so any
// number of processes may call Ensure at once and none sees a partial file.
// For Large, Ensure returns the model if it was made before (EnsureLarge makes it).
func Ensure(cacheDir string, kind Kind) (Model, error) {
	if kind == Large {
		return EnsureLarge(cacheDir, LargeOptions{})
	}
	ts, ps, err := specs(kind)
	if err != nil {
		return Model{}, err
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return Model{}, fmt.Errorf("synth: %w", err)
	}
	m := Model{Kind: kind, Arch: ts.Arch}
	tf, err := ts.build()
	if err != nil {
		return Model{}, err
	}
	if m.Model, err = ensureFile(cacheDir, string(kind), ".gguf", tf); err != nil {
		return Model{}, err
	}
	if ps != nil {
		pf, err := ps.build()
		if err != nil {
			return Model{}, err
		}
		if m.MMProj, err = ensureFile(cacheDir, string(kind), ".mmproj.gguf", pf); err != nil {
			return Model{}, err
		}
		m.Projector = ps.Projector
	}
	return m, nil
}

// ensureFile renders f, and writes it as dir/prefix-HASH+suffix if absent.
func ensureFile(dir, prefix, suffix string, f *gguf.File) (string, error) {
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("synth: %s: %w", prefix, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	path := filepath.Join(dir, prefix+"-"+hex.EncodeToString(sum[:6])+suffix)
	if st, err := os.Stat(path); err == nil && st.Size() == int64(buf.Len()) {
		return path, nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("synth: %w", err)
	}
	if err := atomicfile.WriteBytes(path, buf.Bytes()); err != nil {
		return "", fmt.Errorf("synth: %w", err)
	}
	return path, nil
}
