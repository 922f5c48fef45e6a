package gguf_test

import (
	"bytes"
	"testing"

	"github.com/vlbench/vlbench/internal/gguf"
)

// FuzzRead checks that no input makes Read panic or allocate without bound.
func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	s := gguf.NewFile()
	s.AddString("general.architecture", "llama")
	_ = s.AddArray("a", []string{"x", "yz"})
	_ = s.AddArray("n", []any{[]int32{1, 2}})
	_ = s.AddTensorF32("t", []uint64{2, 2}, []float32{1, 2, 3, 4})
	if _, err := s.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("GGUF"))
	f.Add([]byte("not a model"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := gguf.Read(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			_ = file.Facts()
		}
	})
}
