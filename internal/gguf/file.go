package gguf

import (
	"fmt"
	"math"
)

// Magic is the first four bytes of every GGUF file.
const Magic = "GGUF"

// Version is the GGUF version this package reads and writes.
const Version = 3

// DefaultAlignment is the data alignment used when general.alignment is absent.
const DefaultAlignment = 32

// TensorInfo describes one tensor. Shape is in ggml ne order (innermost
// first); Offset is relative to the start of the data section.
type TensorInfo struct {
	Name   string
	Shape  []uint64
	Type   GGMLType
	Offset uint64
	Shard  int // the shard whose data section holds it (0 but in a split model from OpenModel)
}

// Elements is the number of elements of the tensor.
func (t TensorInfo) Elements() uint64 {
	n := uint64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Bytes is the size of the tensor's data (0 for an unknown type).
func (t TensorInfo) Bytes() uint64 {
	if len(t.Shape) == 0 {
		return t.Type.RowBytes(1)
	}
	row := t.Type.RowBytes(t.Shape[0])
	return row * (t.Elements() / max(t.Shape[0], 1))
}

// File is a GGUF file: metadata and tensor infos. A File from Open or Read
// has Path, Size and DataOffset set and holds no tensor data; a File being
// built holds the data (or how to make it) of each tensor added.
type File struct {
	Version    uint32
	KVs        []KV
	Tensors    []TensorInfo
	Path       string   // "" when not read from a file; the first shard of a split model
	Size       int64    // file size in bytes, when read (all shards' of a split model)
	DataOffset int64    // start of the data section, when read (the first shard's)
	Shards     []string // every shard's path, of a split model from OpenModel; else nil

	data   []func(w writerTo) error // per tensor, for writing
	shards []shardSum               // per shard read, in order: for Fingerprint
}

// shardSum is what the fingerprint takes of one shard: its size and the SHA-256 of its
// bytes before the tensor data, summed while the header was parsed.
type shardSum struct {
	size   int64
	header [32]byte
}

// NewFile returns an empty version 3 file to build.
func NewFile() *File { return &File{Version: Version} }

// Lookup returns the KV with the given key.
func (f *File) Lookup(key string) (KV, bool) {
	for _, kv := range f.KVs {
		if kv.Key == key {
			return kv, true
		}
	}
	return KV{}, false
}

// String returns a string value.
func (f *File) String(key string) (string, bool) {
	kv, ok := f.Lookup(key)
	if !ok {
		return "", false
	}
	s, ok := kv.Value.(string)
	return s, ok
}

// Uint returns an integer value of any integer type as uint64; negative
// values and non-integers report false.
func (f *File) Uint(key string) (uint64, bool) {
	kv, ok := f.Lookup(key)
	if !ok {
		return 0, false
	}
	return asUint(kv.Value)
}

func asUint(v any) (uint64, bool) {
	switch x := v.(type) {
	case uint8:
		return uint64(x), true
	case uint16:
		return uint64(x), true
	case uint32:
		return uint64(x), true
	case uint64:
		return x, true
	case int8:
		return uint64(x), x >= 0
	case int16:
		return uint64(x), x >= 0
	case int32:
		return uint64(x), x >= 0
	case int64:
		return uint64(x), x >= 0
	}
	return 0, false
}

// Float returns a float value (f32 or f64).
func (f *File) Float(key string) (float64, bool) {
	kv, ok := f.Lookup(key)
	if !ok {
		return 0, false
	}
	switch x := kv.Value.(type) {
	case float32:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// Bool returns a bool value.
func (f *File) Bool(key string) (bool, bool) {
	kv, ok := f.Lookup(key)
	if !ok {
		return false, false
	}
	b, ok := kv.Value.(bool)
	return b, ok
}

// Alignment is general.alignment, or DefaultAlignment when absent.
func (f *File) Alignment() uint64 {
	if a, ok := f.Uint("general.alignment"); ok && a > 0 {
		return a
	}
	return DefaultAlignment
}

// Tensor returns the tensor info with the given name.
func (f *File) Tensor(name string) (TensorInfo, bool) {
	for _, t := range f.Tensors {
		if t.Name == name {
			return t, true
		}
	}
	return TensorInfo{}, false
}

func (f *File) add(key string, t, elem ValueType, v any) {
	f.KVs = append(f.KVs, KV{Key: key, Type: t, ElemType: elem, Value: v})
}

// AddUint8 adds a u8 value. The other Add methods add the named type.
func (f *File) AddUint8(key string, v uint8)     { f.add(key, TypeUint8, 0, v) }
func (f *File) AddInt8(key string, v int8)       { f.add(key, TypeInt8, 0, v) }
func (f *File) AddUint16(key string, v uint16)   { f.add(key, TypeUint16, 0, v) }
func (f *File) AddInt16(key string, v int16)     { f.add(key, TypeInt16, 0, v) }
func (f *File) AddUint32(key string, v uint32)   { f.add(key, TypeUint32, 0, v) }
func (f *File) AddInt32(key string, v int32)     { f.add(key, TypeInt32, 0, v) }
func (f *File) AddUint64(key string, v uint64)   { f.add(key, TypeUint64, 0, v) }
func (f *File) AddInt64(key string, v int64)     { f.add(key, TypeInt64, 0, v) }
func (f *File) AddFloat32(key string, v float32) { f.add(key, TypeFloat32, 0, v) }
func (f *File) AddFloat64(key string, v float64) { f.add(key, TypeFloat64, 0, v) }
func (f *File) AddBool(key string, v bool)       { f.add(key, TypeBool, 0, v) }
func (f *File) AddString(key string, v string)   { f.add(key, TypeString, 0, v) }

// AddArray adds an array. v must be a slice of a GGUF element type:
// []uint8, []int8, []uint16, []int16, []uint32, []int32, []float32, []bool,
// []string, []uint64, []int64 or []float64.
func (f *File) AddArray(key string, v any) error {
	elem, ok := sliceElemType(v)
	if !ok {
		return fmt.Errorf("gguf: %s: unsupported array type %T", key, v)
	}
	f.add(key, TypeArray, elem, v)
	return nil
}

func sliceElemType(v any) (ValueType, bool) {
	switch v.(type) {
	case []uint8:
		return TypeUint8, true
	case []int8:
		return TypeInt8, true
	case []uint16:
		return TypeUint16, true
	case []int16:
		return TypeInt16, true
	case []uint32:
		return TypeUint32, true
	case []int32:
		return TypeInt32, true
	case []float32:
		return TypeFloat32, true
	case []bool:
		return TypeBool, true
	case []string:
		return TypeString, true
	case []uint64:
		return TypeUint64, true
	case []int64:
		return TypeInt64, true
	case []float64:
		return TypeFloat64, true
	case []any:
		return TypeArray, true
	}
	return 0, false
}

func checkShape(name string, shape []uint64, n int) error {
	if len(shape) == 0 || len(shape) > maxDims {
		return fmt.Errorf("gguf: tensor %s: %d dimensions, want 1..%d", name, len(shape), maxDims)
	}
	e := uint64(1)
	for _, d := range shape {
		e *= d
	}
	if n >= 0 && e != uint64(n) {
		return fmt.Errorf("gguf: tensor %s: shape %v has %d elements, data has %d", name, shape, e, n)
	}
	return nil
}

// AddTensorF32 adds an F32 tensor with the given shape (ne order).
func (f *File) AddTensorF32(name string, shape []uint64, data []float32) error {
	if err := checkShape(name, shape, len(data)); err != nil {
		return err
	}
	f.addTensor(name, shape, F32, func(w writerTo) error { return w.writeF32(data) })
	return nil
}

// AddTensorF16 adds a tensor stored as F16, converted from data.
func (f *File) AddTensorF16(name string, shape []uint64, data []float32) error {
	if err := checkShape(name, shape, len(data)); err != nil {
		return err
	}
	f.addTensor(name, shape, F16, func(w writerTo) error { return w.writeF16(data) })
	return nil
}

// AddTensorFunc adds a tensor of type F32 or F16 whose data is made while
// writing: gen is called with consecutive chunks to fill (their lengths sum
// to the element count), so huge tensors need not be held in memory.
func (f *File) AddTensorFunc(name string, shape []uint64, typ GGMLType, gen func(chunk []float32)) error {
	if typ != F32 && typ != F16 {
		return fmt.Errorf("gguf: tensor %s: AddTensorFunc takes F32 or F16, not %v", name, typ)
	}
	if err := checkShape(name, shape, -1); err != nil {
		return err
	}
	ti := TensorInfo{Shape: shape}
	total := ti.Elements()
	f.addTensor(name, shape, typ, func(w writerTo) error {
		buf := make([]float32, min(total, 1<<16))
		for done := uint64(0); done < total; {
			c := buf[:min(uint64(len(buf)), total-done)]
			gen(c)
			var err error
			if typ == F32 {
				err = w.writeF32(c)
			} else {
				err = w.writeF16(c)
			}
			if err != nil {
				return err
			}
			done += uint64(len(c))
		}
		return nil
	})
	return nil
}

func (f *File) addTensor(name string, shape []uint64, typ GGMLType, gen func(w writerTo) error) {
	f.Tensors = append(f.Tensors, TensorInfo{Name: name, Shape: append([]uint64(nil), shape...), Type: typ})
	f.data = append(f.data, gen)
}

// Float32ToFloat16 converts to IEEE half precision, rounding to nearest even.
func Float32ToFloat16(x float32) uint16 {
	b := math.Float32bits(x)
	sign := uint16(b>>16) & 0x8000
	exp := int32(b>>23&0xff) - 127 + 15
	mant := b & 0x7fffff
	switch {
	case b&0x7fffffff == 0:
		return sign
	case int32(b>>23&0xff) == 0xff: // inf, nan
		if mant != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	case exp >= 0x1f:
		return sign | 0x7c00
	case exp <= 0:
		if exp < -10 {
			return sign
		}
		mant |= 0x800000
		shift := uint32(14 - exp)
		h := mant >> shift
		rem := mant & (1<<shift - 1)
		half := uint32(1) << (shift - 1)
		if rem > half || (rem == half && h&1 == 1) {
			h++
		}
		return sign | uint16(h)
	}
	h := uint32(exp)<<10 | mant>>13
	rem := mant & 0x1fff
	if rem > 0x1000 || (rem == 0x1000 && h&1 == 1) {
		h++ // may carry into the exponent, which is still right
	}
	return sign | uint16(h)
}
