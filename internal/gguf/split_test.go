package gguf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/gguf"
)

// A split model opens as one: the first shard's metadata, every shard's tensors. The real
// llama-gguf-split's shards are tested in harness (TestSplitModel).
func TestOpenModelShards(t *testing.T) {
	dir := t.TempDir()
	paths := writeShards(t, filepath.Join(dir, "m"), 3, 2)
	m, err := gguf.OpenModel(paths[2])
	must(t, err)
	fa := m.Facts()
	if fa.Shards != 3 || fa.Params != 6*16 || fa.WeightBytes != 6*64 || fa.BlockCount != 6 || fa.Architecture != "llama" {
		t.Errorf("Facts() = %+v, want 3 shards, 96 params, 384 bytes, 6 blocks, llama", fa)
	}
	var size int64
	for i, p := range paths {
		s, err := gguf.Open(p)
		must(t, err)
		size += s.Size
		if m.Shards[i] != p {
			t.Errorf("Shards[%d] = %s, want %s", i, m.Shards[i], p)
		}
	}
	if m.Size != size || fa.FileSize != size {
		t.Errorf("Size %d, FileSize %d, want the shards' %d", m.Size, fa.FileSize, size)
	}
	for i, ti := range m.Tensors {
		if ti.Shard != i/2 {
			t.Errorf("tensor %s: Shard %d, want %d", ti.Name, ti.Shard, i/2)
		}
	}
	// Unsplit: just the file.
	one := filepath.Join(dir, "one.gguf")
	must(t, sample(t).WriteFile(one))
	u, err := gguf.OpenModel(one)
	must(t, err)
	if u.Shards != nil || u.Facts().Shards != 1 {
		t.Errorf("unsplit: Shards %v, Facts().Shards %d; want nil and 1", u.Shards, u.Facts().Shards)
	}
}

func TestOpenModelDuplicateTensor(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "d")
	for i := 0; i < 2; i++ {
		f := gguf.NewFile()
		f.AddUint16(gguf.KeySplitNo, uint16(i))
		f.AddUint16(gguf.KeySplitCount, 2)
		f.AddInt32(gguf.KeySplitTensorsCount, 2)
		must(t, f.AddTensorF32("output.weight", []uint64{4}, seq(4)))
		must(t, f.WriteFile(gguf.ShardPath(prefix, i, 2)))
	}
	_, err := gguf.OpenModel(gguf.ShardPath(prefix, 0, 2))
	if err == nil || !strings.Contains(err.Error(), "tensor output.weight is also in") {
		t.Errorf("OpenModel() error = %v, want a duplicate tensor error", err)
	}
}
