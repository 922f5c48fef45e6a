package gguf_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vlbench/vlbench/internal/gguf"
)

func sample(t *testing.T) *gguf.File {
	t.Helper()
	f := gguf.NewFile()
	f.AddString("general.architecture", "llama")
	f.AddString("general.name", "sample")
	f.AddUint8("t.u8", 200)
	f.AddInt8("t.i8", -5)
	f.AddUint16("t.u16", 65000)
	f.AddInt16("t.i16", -300)
	f.AddUint32("llama.block_count", 2)
	f.AddInt32("t.i32", -70000)
	f.AddUint64("llama.context_length", 4096)
	f.AddInt64("t.i64", -1<<40)
	f.AddFloat32("t.f32", 1.5)
	f.AddFloat64("t.f64", -2.25)
	f.AddBool("t.bool", true)
	f.AddUint32("llama.embedding_length", 8)
	f.AddUint32("llama.attention.head_count", 2)
	f.AddUint32("llama.attention.head_count_kv", 1)
	for _, a := range []struct {
		k string
		v any
	}{
		{"t.strs", []string{"a", "", "ünï"}},
		{"t.i32s", []int32{1, -2, 3}},
		{"t.f32s", []float32{0.5, 1}},
		{"t.bools", []bool{true, false}},
		{"t.u8s", []uint8{1, 2}},
		{"t.u64s", []uint64{1 << 40}},
		{"t.f64s", []float64{3}},
		{"t.nested", []any{[]int32{1}, []string{"x"}}},
	} {
		if err := f.AddArray(a.k, a.v); err != nil {
			t.Fatal(err)
		}
	}
	must(t, f.AddTensorF32("token_embd.weight", []uint64{8, 4}, make([]float32, 32)))
	must(t, f.AddTensorF16("blk.0.attn_q.weight", []uint64{8, 8}, seq(64)))
	must(t, f.AddTensorFunc("output.weight", []uint64{3}, gguf.F32, func(c []float32) {
		for i := range c {
			c[i] = 7
		}
	}))
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func seq(n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(i) / 4
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	want := sample(t)
	var buf bytes.Buffer
	n, err := want.WriteTo(&buf)
	must(t, err)
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d", n, buf.Len())
	}
	got, err := gguf.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	must(t, err)
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(gguf.File{}), cmpopts.IgnoreFields(gguf.File{}, "Size", "DataOffset")); diff != "" {
		t.Errorf("Read() mismatch (-want +got):\n%s", diff)
	}
	if got.DataOffset%32 != 0 || got.Size != int64(buf.Len()) {
		t.Errorf("DataOffset %d, Size %d", got.DataOffset, got.Size)
	}
	// Deterministic bytes.
	var buf2 bytes.Buffer
	_, err = sample(t).WriteTo(&buf2)
	must(t, err)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("two writes of the same file differ")
	}
	// Tensor data lands at its offset.
	q, _ := got.Tensor("blk.0.attn_q.weight")
	at := got.DataOffset + int64(q.Offset)
	if h := uint16(buf.Bytes()[at+2]) | uint16(buf.Bytes()[at+3])<<8; h != gguf.Float32ToFloat16(0.25) {
		t.Errorf("f16 element 1 = %#x, want %#x", h, gguf.Float32ToFloat16(0.25))
	}
}

func TestWriteFileOpen(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.gguf")
	must(t, sample(t).WriteFile(p))
	f, err := gguf.Open(p)
	must(t, err)
	fa := f.Facts()
	want := gguf.Facts{
		Architecture: "llama", Name: "sample", FileSize: f.Size, Params: 32 + 64 + 3,
		Quantization: "F32", ContextLength: 4096, BlockCount: 2, EmbeddingLength: 8,
		HeadCount: 2, HeadCountKV: 1, HeadDim: 4, WeightBytes: 128 + 128 + 12,
		BytesPerToken: 128 + 12, Shards: 1, ValueDim: 4, VocabSize: 4, UntiedEmbdBytes: 128,
		TypeBytes:  map[gguf.GGMLType]uint64{gguf.F32: 128 + 12, gguf.F16: 128},
		LayerBytes: []uint64{128, 0}, OutputBytes: 12,
	}
	if diff := cmp.Diff(want, fa); diff != "" {
		t.Errorf("Facts() mismatch (-want +got):\n%s", diff)
	}
	if got, want := fa.Mix(), "F32 52.2%, F16 47.8%"; got != want {
		t.Errorf("Mix() = %q, want %q", got, want)
	}
	if got, want := gguf.EstimateMemory(fa, nil, nil, gguf.ServeOptions{Context: 100}).KV, uint64(2*2*100*1*4*2); got != want {
		t.Errorf("EstimateMemory(ctx 100).KV = %d, want %d", got, want)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("WriteFile left %d files, want 1", len(ents))
	}
}

func TestReadErrors(t *testing.T) {
	var buf bytes.Buffer
	_, err := sample(t).WriteTo(&buf)
	must(t, err)
	good := buf.Bytes()
	patch := func(off int, b ...byte) []byte {
		c := bytes.Clone(good)
		copy(c[off:], b)
		return c
	}
	ff := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}
	for _, tc := range []struct {
		name, want string
		data       []byte
	}{
		{"empty", "truncated", nil},
		{"text", "bad magic", []byte("hello, this is not a model\n")},
		{"v2", "unsupported GGUF version 2", patch(4, 2)},
		{"v4", "unsupported GGUF version 4", patch(4, 4)},
		{"header only", "truncated", good[:20]},
		{"half metadata", "truncated", good[:len(good)/3]},
		{"no data", "truncated: tensor", good[:len(good)-40]},
		{"huge tensor count", "tensors cannot fit", patch(8, ff...)},
		{"huge kv count", "metadata entries cannot fit", patch(16, ff...)},
		{"huge key length", "past the end", patch(24, ff...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := gguf.Read(bytes.NewReader(tc.data), int64(len(tc.data)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Read() error = %v, want it to contain %q", err, tc.want)
			}
			if !errors.Is(err, gguf.ErrFormat) {
				t.Errorf("error %v does not wrap ErrFormat", err)
			}
		})
	}
	p := filepath.Join(t.TempDir(), "notes.gguf")
	must(t, os.WriteFile(p, []byte("just text\n"), 0o644))
	if _, err := gguf.Open(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("Open(text file) error = %v, want it to name %s", err, p)
	}
}

func TestFloat16(t *testing.T) {
	for _, tc := range []struct {
		in   float32
		want uint16
	}{
		{0, 0}, {1, 0x3c00}, {-2, 0xc000}, {65504, 0x7bff}, {1e6, 0x7c00},
		{0.1, 0x2e66}, {6e-8, 0x0001}, {1e-9, 0}, {0.5, 0x3800},
	} {
		if got := gguf.Float32ToFloat16(tc.in); got != tc.want {
			t.Errorf("Float32ToFloat16(%g) = %#x, want %#x", tc.in, got, tc.want)
		}
	}
}

func TestTypeSizes(t *testing.T) {
	for _, tc := range []struct {
		t     gguf.GGMLType
		n     uint64
		bytes uint64
	}{
		{gguf.F32, 10, 40}, {gguf.F16, 10, 20}, {gguf.BF16, 10, 20}, {gguf.Q8_0, 64, 68},
		{gguf.Q4_K, 512, 288}, {gguf.Q6_K, 256, 210}, {gguf.MXFP4, 32, 17}, {gguf.Q4_0, 33, 0},
	} {
		if got := tc.t.RowBytes(tc.n); got != tc.bytes {
			t.Errorf("%v.RowBytes(%d) = %d, want %d", tc.t, tc.n, got, tc.bytes)
		}
	}
}

func ExampleFile_Facts() {
	f := gguf.NewFile()
	f.AddString("general.architecture", "qwen3moe")
	f.AddUint32("general.file_type", 15)
	f.AddUint32("qwen3moe.expert_count", 8)
	f.AddUint32("qwen3moe.expert_used_count", 2)
	_ = f.AddTensorF32("token_embd.weight", []uint64{4, 4}, make([]float32, 16))
	_ = f.AddTensorF32("blk.0.ffn_up_exps.weight", []uint64{4, 2, 8}, make([]float32, 64))
	fa := f.Facts()
	fmt.Println(fa.Architecture, fa.Quantization, fa.Params, fa.WeightBytes, fa.BytesPerToken)
	// Output: qwen3moe Q4_K_M 80 320 64
}
