package gguf

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/vlbench/vlbench/internal/atomicfile"
)

type writerTo = *encoder

// encoder writes little-endian GGUF values and counts bytes.
type encoder struct {
	w   *bufio.Writer
	n   int64
	err error
	tmp [8]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err != nil {
		return
	}
	n, err := e.w.Write(b)
	e.n += int64(n)
	e.err = err
}

func (e *encoder) u8(v uint8)   { e.tmp[0] = v; e.bytes(e.tmp[:1]) }
func (e *encoder) u16(v uint16) { binary.LittleEndian.PutUint16(e.tmp[:], v); e.bytes(e.tmp[:2]) }
func (e *encoder) u32(v uint32) { binary.LittleEndian.PutUint32(e.tmp[:], v); e.bytes(e.tmp[:4]) }
func (e *encoder) u64(v uint64) { binary.LittleEndian.PutUint64(e.tmp[:], v); e.bytes(e.tmp[:8]) }
func (e *encoder) str(s string) { e.u64(uint64(len(s))); e.bytes([]byte(s)) }

func (e *encoder) pad(align uint64) {
	if r := uint64(e.n) % align; r != 0 {
		e.bytes(make([]byte, align-r))
	}
}

func (e *encoder) writeF32(d []float32) error {
	var b [4]byte
	for _, x := range d {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(x))
		e.bytes(b[:])
	}
	return e.err
}

func (e *encoder) writeF16(d []float32) error {
	var b [2]byte
	for _, x := range d {
		binary.LittleEndian.PutUint16(b[:], Float32ToFloat16(x))
		e.bytes(b[:])
	}
	return e.err
}

func (e *encoder) scalar(t ValueType, v any) error {
	ok := true
	switch t {
	case TypeUint8:
		var x uint8
		x, ok = v.(uint8)
		e.u8(x)
	case TypeInt8:
		var x int8
		x, ok = v.(int8)
		e.u8(uint8(x))
	case TypeUint16:
		var x uint16
		x, ok = v.(uint16)
		e.u16(x)
	case TypeInt16:
		var x int16
		x, ok = v.(int16)
		e.u16(uint16(x))
	case TypeUint32:
		var x uint32
		x, ok = v.(uint32)
		e.u32(x)
	case TypeInt32:
		var x int32
		x, ok = v.(int32)
		e.u32(uint32(x))
	case TypeUint64:
		var x uint64
		x, ok = v.(uint64)
		e.u64(x)
	case TypeInt64:
		var x int64
		x, ok = v.(int64)
		e.u64(uint64(x))
	case TypeFloat32:
		var x float32
		x, ok = v.(float32)
		e.u32(math.Float32bits(x))
	case TypeFloat64:
		var x float64
		x, ok = v.(float64)
		e.u64(math.Float64bits(x))
	case TypeBool:
		var x bool
		x, ok = v.(bool)
		if x {
			e.u8(1)
		} else {
			e.u8(0)
		}
	case TypeString:
		var x string
		x, ok = v.(string)
		e.str(x)
	default:
		return fmt.Errorf("unknown value type %v", t)
	}
	if !ok {
		return fmt.Errorf("value of type %T is not %v", v, t)
	}
	return nil
}

func (e *encoder) value(t, elem ValueType, v any) error {
	if t != TypeArray {
		return e.scalar(t, v)
	}
	e.u32(uint32(elem))
	if elem == TypeArray {
		items, ok := v.([]any)
		if !ok {
			return fmt.Errorf("array of arrays must be []any, not %T", v)
		}
		e.u64(uint64(len(items)))
		for i, it := range items {
			et, ok := sliceElemType(it)
			if !ok {
				return fmt.Errorf("item %d: unsupported array type %T", i, it)
			}
			if err := e.value(TypeArray, et, it); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
		return nil
	}
	items, err := anySlice(v, elem)
	if err != nil {
		return err
	}
	e.u64(uint64(len(items)))
	for _, it := range items {
		if err := e.scalar(elem, it); err != nil {
			return err
		}
	}
	return nil
}

func anySlice(v any, elem ValueType) ([]any, error) {
	et, ok := sliceElemType(v)
	if !ok || et != elem {
		return nil, fmt.Errorf("array value %T does not hold %v", v, elem)
	}
	var out []any
	switch s := v.(type) {
	case []uint8:
		out = each(s)
	case []int8:
		out = each(s)
	case []uint16:
		out = each(s)
	case []int16:
		out = each(s)
	case []uint32:
		out = each(s)
	case []int32:
		out = each(s)
	case []float32:
		out = each(s)
	case []bool:
		out = each(s)
	case []string:
		out = each(s)
	case []uint64:
		out = each(s)
	case []int64:
		out = each(s)
	case []float64:
		out = each(s)
	}
	return out, nil
}

func each[T any](s []T) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// layout sets each tensor's Offset from its size and the alignment.
func (f *File) layout() error {
	align := f.Alignment()
	off := uint64(0)
	for i := range f.Tensors {
		t := &f.Tensors[i]
		if !t.Type.Known() {
			return fmt.Errorf("tensor %s: unknown type %v", t.Name, t.Type)
		}
		t.Offset = off
		off += (t.Bytes() + align - 1) / align * align
	}
	return nil
}

// WriteTo writes the file in GGUF v3 to w. Tensor data comes from the
// Add*Tensor calls; a File read from disk holds none and cannot be written.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	if len(f.data) != len(f.Tensors) {
		return 0, fmt.Errorf("gguf: write: file has %d tensors but data for %d", len(f.Tensors), len(f.data))
	}
	if err := f.layout(); err != nil {
		return 0, fmt.Errorf("gguf: write: %w", err)
	}
	e := &encoder{w: bufio.NewWriterSize(w, 1<<20)}
	e.bytes([]byte(Magic))
	e.u32(Version)
	e.u64(uint64(len(f.Tensors)))
	e.u64(uint64(len(f.KVs)))
	for _, kv := range f.KVs {
		e.str(kv.Key)
		e.u32(uint32(kv.Type))
		if err := e.value(kv.Type, kv.ElemType, kv.Value); err != nil {
			return e.n, fmt.Errorf("gguf: write: key %s: %w", kv.Key, err)
		}
	}
	for _, t := range f.Tensors {
		e.str(t.Name)
		e.u32(uint32(len(t.Shape)))
		for _, d := range t.Shape {
			e.u64(d)
		}
		e.u32(uint32(t.Type))
		e.u64(t.Offset)
	}
	align := f.Alignment()
	e.pad(align)
	start := e.n
	for i, t := range f.Tensors {
		if err := f.data[i](e); err != nil {
			return e.n, fmt.Errorf("gguf: write: tensor %s: %w", t.Name, err)
		}
		if got := uint64(e.n - start); got != t.Offset+t.Bytes() {
			return e.n, fmt.Errorf("gguf: write: tensor %s: wrote %d bytes, want %d", t.Name, got-t.Offset, t.Bytes())
		}
		e.pad(align)
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err != nil {
		return e.n, fmt.Errorf("gguf: write: %w", e.err)
	}
	return e.n, nil
}

// WriteFile writes the file to path atomically: to a temporary file in the
// same folder, synced, then renamed over path. On error nothing is left.
func (f *File) WriteFile(path string) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}
