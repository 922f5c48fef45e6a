package gguf_test

import (
	"path/filepath"
	"testing"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

// TestReadQuantized reads back a file written by the real llama-quantize.
func TestReadQuantized(t *testing.T) {
	tools, err := harness.LocateTools("")
	if err != nil {
		harness.Missing(t, err)
	}
	dir := t.TempDir()
	m, err := synth.Ensure(dir, synth.Qwen3VLMoE)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "q8.gguf")
	cmd, err := tools.Command(t.Context(), "llama-quantize", m.Model, out, "Q8_0")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("llama-quantize: %v\n%s", err, b)
	}
	src, err := gguf.Open(m.Model)
	if err != nil {
		t.Fatal(err)
	}
	q, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	sf, qf := src.Facts(), q.Facts()
	if qf.Quantization != "Q8_0" || qf.Params != sf.Params || qf.Architecture != "qwen3vlmoe" ||
		qf.ExpertCount != 8 || qf.ExpertUsedCount != 2 || qf.FileSize != q.Size {
		t.Errorf("quantized Facts = %+v\nsource Facts = %+v", qf, sf)
	}
	if qf.WeightBytes >= sf.WeightBytes/3 || qf.BytesPerToken >= qf.WeightBytes {
		t.Errorf("quantized weights %d bytes (%d per token), source %d", qf.WeightBytes, qf.BytesPerToken, sf.WeightBytes)
	}
	exps, ok := q.Tensor("blk.0.ffn_up_exps.weight")
	if !ok || exps.Type != gguf.Q8_0 {
		t.Errorf("blk.0.ffn_up_exps.weight = %+v, want Q8_0", exps)
	}
	var data uint64
	for _, ti := range q.Tensors {
		data = max(data, ti.Offset+ti.Bytes())
	}
	if end := uint64(q.DataOffset) + data; end > uint64(q.Size) || uint64(q.Size)-end > 64 {
		t.Errorf("tensor data ends at %d, file size %d", end, q.Size)
	}
}
