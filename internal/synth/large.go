package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/vlbench/vlbench/internal/gguf"
)

// largeVersion is part of the Large file name; bump it when the way the
// file is made changes in a way its spec does not show.
const largeVersion = 1

// largeSpec is a realistic dense llama: 723M parameters, which quantize to
// 433 MB at Q4_K_M, so generation is bound by memory bandwidth like a 7B.
var largeSpec = textSpec{
	Arch: "llama", Name: "vlbench-synth-large", Embd: 2048, Layers: 16, Heads: 16, KVHeads: 4,
	FFN: 5632, Ctx: 4096, Weights: gguf.F16, Seed: seed,
}

// LargeOptions tunes EnsureLarge. The zero value is ready to use.
type LargeOptions struct {
	// Quantize returns a command that runs llama-quantize with args; the
	// caller knows how to run llama.cpp's tools (harness.Tools.Command, or
	// harness.SyntheticLarge, which sets this). Required unless the model is
	// already in the cache.
	Quantize func(args ...string) (*exec.Cmd, error)
	// Type is the llama-quantize type; "" means "Q4_K_M".
	Type string
	// Log receives llama-quantize's output; nil discards it.
	Log io.Writer
}

// LargeSpecHash is the hash that names the Large model's files.
func LargeSpecHash() string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d %#v\n%s\n%s", largeVersion, largeSpec, strings.Join(newVocab().tokens, "\x00"), chatTemplate)
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// EnsureLarge returns the Large model in cacheDir, making it if missing:
// an F16 source (1.4 GB, temporary) is written and quantized by the real
// llama-quantize into large-HASH-TYPE.gguf, which appears by rename only.
// It takes about a minute or two on 2 cores.
func EnsureLarge(cacheDir string, opt LargeOptions) (Model, error) {
	if opt.Type == "" {
		opt.Type = "Q4_K_M"
	}
	m := Model{Kind: Large, Arch: largeSpec.Arch,
		Model: filepath.Join(cacheDir, "large-"+LargeSpecHash()+"-"+opt.Type+".gguf")}
	if _, err := os.Stat(m.Model); err == nil {
		return m, nil
	}
	if opt.Quantize == nil {
		return Model{}, fmt.Errorf("synth: large: %s is not made yet and no llama-quantize was given "+
			"(go run ./cmd/synth -kind large makes it)", m.Model)
	}
	dir, err := filepath.Abs(cacheDir)
	if err != nil {
		return Model{}, fmt.Errorf("synth: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Model{}, fmt.Errorf("synth: %w", err)
	}
	f, err := largeSpec.build()
	if err != nil {
		return Model{}, err
	}
	work, err := os.MkdirTemp(dir, ".large-*")
	if err != nil {
		return Model{}, fmt.Errorf("synth: %w", err)
	}
	defer os.RemoveAll(work)
	src, out := filepath.Join(work, "f16.gguf"), filepath.Join(work, "out.gguf")
	if err := f.WriteFile(src); err != nil {
		return Model{}, fmt.Errorf("synth: large: %w", err)
	}
	c, err := opt.Quantize(src, out, opt.Type)
	if err != nil {
		return Model{}, fmt.Errorf("synth: large: %w", err)
	}
	log := &tail{}
	c.Stdout, c.Stderr = log, log
	if opt.Log != nil {
		c.Stdout = io.MultiWriter(log, opt.Log)
		c.Stderr = c.Stdout
	}
	if err := c.Run(); err != nil {
		return Model{}, fmt.Errorf("synth: large: llama-quantize %s: %w\n%s", opt.Type, err, log.String())
	}
	if err := os.Chmod(out, 0o644); err != nil {
		return Model{}, fmt.Errorf("synth: %w", err)
	}
	if err := os.Rename(out, m.Model); err != nil {
		return Model{}, fmt.Errorf("synth: %w", err)
	}
	return m, nil
}

// tail keeps the last 4 KiB written to it, for error messages.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = t.b[len(t.b)-4096:]
	}
	return len(p), nil
}

func (t *tail) String() string { return string(t.b) }
