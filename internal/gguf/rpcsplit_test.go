package gguf_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/internal/gguf"
)

// layered is a 16-layer model whose layers are 1 MiB each, with a 2 MiB output and a 4 MiB
// (untied) token_embd.
func layered() gguf.Facts {
	f := gguf.NewFile()
	f.AddString("general.architecture", "llama")
	f.AddUint32("llama.block_count", 16)
	f.AddUint32("llama.embedding_length", 1024)
	f.AddUint32("llama.attention.head_count", 8)
	f.Tensors = append(f.Tensors,
		gguf.TensorInfo{Name: "token_embd.weight", Shape: []uint64{1024, 1024}, Type: gguf.F32},
		gguf.TensorInfo{Name: "output.weight", Shape: []uint64{1024, 512}, Type: gguf.F32})
	for l := range 16 {
		f.Tensors = append(f.Tensors, gguf.TensorInfo{Name: fmt.Sprintf("blk.%d.ffn_up.weight", l), Shape: []uint64{1024, 256}, Type: gguf.F32})
	}
	return f.Facts()
}

func TestLayerBytes(t *testing.T) {
	f := layered()
	if len(f.LayerBytes) != 16 || f.LayerBytes[0] != 1<<20 || f.LayerBytes[15] != 1<<20 {
		t.Errorf("LayerBytes = %v, want 16 × 1 MiB", f.LayerBytes)
	}
	if f.OutputBytes != 2<<20 {
		t.Errorf("OutputBytes = %d, want 2 MiB", f.OutputBytes)
	}
}

// The layers go to the workers as llama.cpp's load_tensors puts them: layer i of n on the
// first worker whose running share exceeds i/(n+1), the output as layer n.
func TestSplitMemory(t *testing.T) {
	f := layered()
	m := gguf.EstimateMemory(f, nil, nil, gguf.ServeOptions{Context: 1024})
	kv := m.KV / 16
	for _, tt := range []struct {
		name    string
		workers int
		ts      []float64
		layers  []int
		output  int
	}{
		{"two equal", 2, nil, []int{9, 7}, 1},           // i/17 < 0.5: layers 0–8
		{"ts 3,1", 2, []float64{3, 1}, []int{13, 3}, 1}, // i/17 < 0.75: layers 0–12
		{"ts 1,0", 2, []float64{1, 0}, []int{16, 0}, 0},
		{"three", 3, nil, []int{6, 6, 4}, 2},
		{"ts of another length is ignored", 2, []float64{1, 2, 3}, []int{9, 7}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := gguf.SplitMemory(f, m, tt.workers, tt.ts)
			if diff := cmp.Diff(tt.layers, s.Layers); diff != "" {
				t.Errorf("layers per worker mismatch (-want +got):\n%s", diff)
			}
			if s.Output != tt.output {
				t.Errorf("output on worker %d, want %d", s.Output, tt.output)
			}
			for i, n := range tt.layers {
				want := uint64(n)*(1<<20+kv) + gguf.RuntimeBytes
				if n > 0 {
					want += m.Compute
				}
				if i == tt.output {
					want += 2 << 20
				}
				if s.Workers[i] != want {
					t.Errorf("worker %d: %d bytes, want %d", i, s.Workers[i], want)
				}
			}
			// token_embd is read by rows from the mapped file: not resident on the host.
			if want := gguf.RuntimeBytes + m.Compute; s.Host != want {
				t.Errorf("host: %d bytes, want %d (%v)", s.Host, want, s)
			}
		})
	}
	if s := gguf.SplitMemory(f, m, 0, nil); s.Host != m.Total() || len(s.Workers) != 0 {
		t.Errorf("no workers: %v, want the host to hold all %d bytes", s, m.Total())
	}
}
