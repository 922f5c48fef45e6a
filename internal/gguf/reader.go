package gguf

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"sync/atomic"
)

const maxDims = 4 // GGML_MAX_DIMS

// ErrFormat is wrapped by every error about a malformed file.
var ErrFormat = errors.New("not a valid GGUF v3 file")

// Open reads the header, metadata and tensor infos of the GGUF file at
// path. Tensor data is not read.
func Open(path string) (*File, error) {
	headerReads.Add(1)
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gguf: %w", err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("gguf: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("gguf: %s: not a regular file", path)
	}
	f, err := read(fh, st.Size(), path)
	if err != nil {
		return nil, err
	}
	f.Path = path
	return f, nil
}

// headerReads counts Open's calls: every route to a GGUF header goes through it.
var headerReads atomic.Int64

// HeaderReads is how many times this process has opened a GGUF file to read its header
// (Open, and so OpenModel, OpenShards and Fingerprint, once per shard), for tests that
// count how often a file is read.
func HeaderReads() int64 { return headerReads.Load() }

// Read parses a GGUF file of the given size from r, like Open.
func Read(r io.ReaderAt, size int64) (*File, error) {
	return read(r, size, "gguf")
}

// decoder reads little-endian values, never past size.
type decoder struct {
	r    *bufio.Reader
	h    hash.Hash // of every byte read, for the fingerprint
	pos  int64
	size int64
	name string
	tmp  [8]byte
}

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: offset %d: %s: %w", d.name, d.pos, fmt.Sprintf(format, args...), ErrFormat)
}

func (d *decoder) left() int64 { return d.size - d.pos }

func (d *decoder) read(n int, what string) ([]byte, error) {
	if int64(n) > d.left() {
		return nil, d.errorf("truncated: %s needs %d bytes, %d left", what, n, d.left())
	}
	var b []byte
	if n <= len(d.tmp) {
		b = d.tmp[:n]
	} else {
		b = make([]byte, n)
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		return nil, fmt.Errorf("%s: offset %d: reading %s: %w", d.name, d.pos, what, err)
	}
	d.h.Write(b)
	d.pos += int64(n)
	return b, nil
}

func (d *decoder) u32(what string) (uint32, error) {
	b, err := d.read(4, what)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (d *decoder) u64(what string) (uint64, error) {
	b, err := d.read(8, what)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

func (d *decoder) str(what string) (string, error) {
	n, err := d.u64(what + " length")
	if err != nil {
		return "", err
	}
	if n > uint64(d.left()) {
		return "", d.errorf("%s length %d is past the end of the file (%d bytes left)", what, n, d.left())
	}
	b, err := d.read(int(n), what)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func (d *decoder) scalar(t ValueType, what string) (any, error) {
	if t == TypeString {
		return d.str(what)
	}
	sz := t.size()
	if sz == 0 {
		return nil, d.errorf("%s: unknown value type %d", what, uint32(t))
	}
	b, err := d.read(int(sz), what)
	if err != nil {
		return nil, err
	}
	switch t {
	case TypeUint8:
		return b[0], nil
	case TypeInt8:
		return int8(b[0]), nil
	case TypeBool:
		if b[0] > 1 {
			return nil, d.errorf("%s: bool value %d", what, b[0])
		}
		return b[0] == 1, nil
	case TypeUint16:
		return binary.LittleEndian.Uint16(b), nil
	case TypeInt16:
		return int16(binary.LittleEndian.Uint16(b)), nil
	case TypeUint32:
		return binary.LittleEndian.Uint32(b), nil
	case TypeInt32:
		return int32(binary.LittleEndian.Uint32(b)), nil
	case TypeFloat32:
		return math.Float32frombits(binary.LittleEndian.Uint32(b)), nil
	case TypeUint64:
		return binary.LittleEndian.Uint64(b), nil
	case TypeInt64:
		return int64(binary.LittleEndian.Uint64(b)), nil
	default: // TypeFloat64
		return math.Float64frombits(binary.LittleEndian.Uint64(b)), nil
	}
}

// array reads an array's element type, count and items.
func (d *decoder) array(what string, depth int) (ValueType, any, error) {
	if depth > 4 {
		return 0, nil, d.errorf("%s: arrays nested too deep", what)
	}
	et, err := d.u32(what + " element type")
	if err != nil {
		return 0, nil, err
	}
	elem := ValueType(et)
	n, err := d.u64(what + " count")
	if err != nil {
		return 0, nil, err
	}
	min := elem.size()
	switch elem {
	case TypeString:
		min = 8
	case TypeArray:
		min = 12
	}
	if min == 0 {
		return 0, nil, d.errorf("%s: unknown element type %d", what, et)
	}
	if n > uint64(d.left())/uint64(min) {
		return 0, nil, d.errorf("%s: %d items cannot fit in the %d bytes left", what, n, d.left())
	}
	if elem == TypeArray {
		out := make([]any, n)
		for i := range out {
			_, v, err := d.array(what, depth+1)
			if err != nil {
				return 0, nil, err
			}
			out[i] = v
		}
		return elem, out, nil
	}
	var v any
	switch elem {
	case TypeUint8:
		v, err = readSlice[uint8](d, n, elem, what)
	case TypeInt8:
		v, err = readSlice[int8](d, n, elem, what)
	case TypeUint16:
		v, err = readSlice[uint16](d, n, elem, what)
	case TypeInt16:
		v, err = readSlice[int16](d, n, elem, what)
	case TypeUint32:
		v, err = readSlice[uint32](d, n, elem, what)
	case TypeInt32:
		v, err = readSlice[int32](d, n, elem, what)
	case TypeFloat32:
		v, err = readSlice[float32](d, n, elem, what)
	case TypeBool:
		v, err = readSlice[bool](d, n, elem, what)
	case TypeString:
		v, err = readSlice[string](d, n, elem, what)
	case TypeUint64:
		v, err = readSlice[uint64](d, n, elem, what)
	case TypeInt64:
		v, err = readSlice[int64](d, n, elem, what)
	default:
		v, err = readSlice[float64](d, n, elem, what)
	}
	return elem, v, err
}

// readSlice reads n scalars of type elem into a []T.
func readSlice[T any](d *decoder, n uint64, elem ValueType, what string) (any, error) {
	out := make([]T, n)
	for i := range out {
		v, err := d.scalar(elem, what)
		if err != nil {
			return nil, err
		}
		out[i] = v.(T)
	}
	return out, nil
}

func read(r io.ReaderAt, size int64, name string) (*File, error) {
	d := &decoder{r: bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 1<<16), h: sha256.New(), size: size, name: name}
	magic, err := d.read(4, "magic")
	if err != nil {
		return nil, err
	}
	if string(magic) != Magic {
		d.pos = 0
		return nil, d.errorf("bad magic %q, want %q", magic, Magic)
	}
	version, err := d.u32("version")
	if err != nil {
		return nil, err
	}
	if version != Version {
		return nil, d.errorf("unsupported GGUF version %d, want %d", version, Version)
	}
	nt, err := d.u64("tensor count")
	if err != nil {
		return nil, err
	}
	nkv, err := d.u64("metadata count")
	if err != nil {
		return nil, err
	}
	// Smallest encodings: KV = key length + type + 1 byte; tensor info =
	// name length + n_dims + one dim + type + offset.
	if nkv > uint64(d.left())/13 {
		return nil, d.errorf("%d metadata entries cannot fit in %d bytes", nkv, d.size)
	}
	if nt > uint64(d.left())/32 {
		return nil, d.errorf("%d tensors cannot fit in %d bytes", nt, d.size)
	}
	f := &File{Version: version, Size: size, KVs: make([]KV, 0, nkv), Tensors: make([]TensorInfo, 0, nt)}
	for i := uint64(0); i < nkv; i++ {
		key, err := d.str(fmt.Sprintf("key %d", i))
		if err != nil {
			return nil, err
		}
		t, err := d.u32("type of " + key)
		if err != nil {
			return nil, err
		}
		kv := KV{Key: key, Type: ValueType(t)}
		if kv.Type == TypeArray {
			kv.ElemType, kv.Value, err = d.array(key, 0)
		} else {
			kv.Value, err = d.scalar(kv.Type, key)
		}
		if err != nil {
			return nil, err
		}
		f.KVs = append(f.KVs, kv)
	}
	align := f.Alignment()
	if align&(align-1) != 0 {
		return nil, d.errorf("general.alignment %d is not a power of two", align)
	}
	for i := uint64(0); i < nt; i++ {
		var t TensorInfo
		if t.Name, err = d.str(fmt.Sprintf("tensor %d name", i)); err != nil {
			return nil, err
		}
		nd, err := d.u32("dimensions of " + t.Name)
		if err != nil {
			return nil, err
		}
		if nd == 0 || nd > maxDims {
			return nil, d.errorf("tensor %s: %d dimensions, want 1..%d", t.Name, nd, maxDims)
		}
		t.Shape = make([]uint64, nd)
		for j := range t.Shape {
			if t.Shape[j], err = d.u64("shape of " + t.Name); err != nil {
				return nil, err
			}
			if t.Shape[j] == 0 || t.Shape[j] > uint64(size)*256 {
				return nil, d.errorf("tensor %s: dimension %d is %d", t.Name, j, t.Shape[j])
			}
		}
		tt, err := d.u32("type of " + t.Name)
		if err != nil {
			return nil, err
		}
		t.Type = GGMLType(tt)
		if t.Offset, err = d.u64("offset of " + t.Name); err != nil {
			return nil, err
		}
		if t.Offset%align != 0 {
			return nil, d.errorf("tensor %s: offset %d is not a multiple of the alignment %d", t.Name, t.Offset, align)
		}
		f.Tensors = append(f.Tensors, t)
	}
	f.DataOffset = int64((uint64(d.pos) + align - 1) / align * align)
	// The fingerprint hashes every byte before the data: the padding too.
	if pad := min(f.DataOffset, size) - d.pos; pad > 0 {
		if _, err := d.read(int(pad), "padding before the tensor data"); err != nil {
			return nil, err
		}
	}
	f.shards = []shardSum{{size: size, header: [32]byte(d.h.Sum(nil))}}
	for _, t := range f.Tensors {
		if !t.Type.Known() {
			continue // a newer ggml type: infos are still usable
		}
		elems := uint64(1)
		for _, s := range t.Shape {
			if s > 0 && elems > math.MaxUint64/s {
				return nil, fmt.Errorf("%s: tensor %s: shape %v overflows: %w", name, t.Name, t.Shape, ErrFormat)
			}
			elems *= s
		}
		if t.Shape[0]%t.Type.BlockSize() != 0 {
			return nil, fmt.Errorf("%s: tensor %s: row of %d is not a multiple of %v's block of %d: %w", name, t.Name, t.Shape[0], t.Type, t.Type.BlockSize(), ErrFormat)
		}
		end := uint64(f.DataOffset) + t.Offset + t.Bytes()
		if t.Offset > uint64(size) || end > uint64(size) {
			return nil, fmt.Errorf("%s: truncated: tensor %s ends at byte %d but the file has %d: %w", name, t.Name, end, size, ErrFormat)
		}
	}
	return f, nil
}
