package gguf

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
)

// Split-file metadata written by llama-gguf-split on every shard (llama.cpp's LLM_KV_SPLIT_*).
const (
	KeySplitNo           = "split.no"            // u16, 0-based
	KeySplitCount        = "split.count"         // u16
	KeySplitTensorsCount = "split.tensors.count" // i32, tensors of all shards
)

// splitName is llama.cpp's shard naming (llama_split_path): PREFIX-%05d-of-%05d.gguf, 1-based.
var splitName = regexp.MustCompile(`^(.*)-([0-9]{5})-of-([0-9]{5})\.gguf$`)

// ShardPath is the path of shard no (0-based) of count, named as llama_split_path names it.
func ShardPath(prefix string, no, count int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.gguf", prefix, no+1, count)
}

// OpenShards opens the model at path and, when it is split (split.count > 1), every other
// shard, found by the -NNNNN-of-NNNNN naming beside it; any shard may be given. The result
// is in shard order and has one File for an unsplit model. Each shard must carry its own
// split.no and the same split.count, and the shards' tensors must add up to
// split.tensors.count, as llama.cpp's loader demands; otherwise, or when a shard is
// missing, the error names the shard.
func OpenShards(path string) ([]*File, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	count, no, err := splitOf(f)
	if err != nil {
		return nil, err
	}
	if count <= 1 {
		return []*File{f}, nil
	}
	m := splitName.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return nil, fmt.Errorf("gguf: %s: shard %d of %d, but the name is not PREFIX-NNNNN-of-NNNNN.gguf, so the other shards cannot be found", path, no+1, count)
	}
	if n, _ := strconv.Atoi(m[3]); n != count {
		return nil, fmt.Errorf("gguf: %s: the name says %d shards, %s says %d", path, n, KeySplitCount, count)
	}
	if n, _ := strconv.Atoi(m[2]); n != no+1 {
		return nil, fmt.Errorf("gguf: %s: the name says shard %d, %s says %d", path, n, KeySplitNo, no+1)
	}
	prefix := filepath.Join(filepath.Dir(path), m[1])
	shards := make([]*File, count)
	shards[no] = f
	for i := range shards {
		if shards[i] != nil {
			continue
		}
		p := ShardPath(prefix, i, count)
		s, err := Open(p)
		if err != nil {
			return nil, fmt.Errorf("gguf: shard %d of %d of %s: %w", i+1, count, path, err)
		}
		c, n, err := splitOf(s)
		if err != nil {
			return nil, err
		}
		if c != count || n != i {
			return nil, fmt.Errorf("gguf: %s: %s=%d %s=%d, want %s=%d (shard %d of %d)", p, KeySplitNo, n, KeySplitCount, c, KeySplitNo, i, i+1, count)
		}
		shards[i] = s
	}
	total := 0
	for _, s := range shards {
		total += len(s.Tensors)
	}
	if want, ok := shards[0].Uint(KeySplitTensorsCount); ok && want != uint64(total) {
		return nil, fmt.Errorf("gguf: %s: %s is %d but its %d shards hold %d tensors", shards[0].Path, KeySplitTensorsCount, want, count, total)
	}
	return shards, nil
}

// splitOf returns a file's split.count (0 when absent) and split.no.
func splitOf(f *File) (count, no int, err error) {
	c, ok := f.Uint(KeySplitCount)
	if !ok {
		return 0, 0, nil
	}
	n, _ := f.Uint(KeySplitNo)
	if c > 1 && n >= c {
		return 0, 0, fmt.Errorf("gguf: %s: %s=%d is not below %s=%d: %w", f.Path, KeySplitNo, n, KeySplitCount, c, ErrFormat)
	}
	return int(c), int(n), nil
}

// Fingerprint is a cheap, stable identity of the GGUF model at path, all its shards included:
// a hash of each shard's size and of its bytes before the tensor data (header, metadata and
// tensor infos), not of the weights, so a 100+ GB model is fingerprinted in milliseconds. Two
// files with the same metadata, tensor layout and sizes share a fingerprint; renaming or
// moving a file keeps it. The result is 32 hex digits. A missing, unreadable or non-GGUF file
// (or shard) is an error naming it. A model already opened has it without reading again
// (File.Fingerprint).
func Fingerprint(path string) (string, error) {
	shards, err := OpenShards(path)
	if err != nil {
		return "", fmt.Errorf("gguf: fingerprint: %w", err)
	}
	var sums []shardSum
	for _, s := range shards {
		sums = append(sums, s.shards...)
	}
	return fingerprintOf(sums), nil
}

// Fingerprint is the file's Fingerprint, from the header read by Open or OpenModel: for an
// unsplit file or a whole split model from OpenModel. A single shard of a split model from
// Open, or a file built and never read, has none: an error.
func (f *File) Fingerprint() (string, error) {
	count, _, err := splitOf(f)
	if err != nil {
		return "", fmt.Errorf("gguf: fingerprint: %w", err)
	}
	if len(f.shards) == 0 || len(f.shards) != max(count, 1) {
		return "", fmt.Errorf("gguf: fingerprint of %s: %d of its %d shards read (open it with OpenModel)",
			f.Path, len(f.shards), max(count, 1))
	}
	return fingerprintOf(f.shards), nil
}

// fingerprintOf hashes the shards' sizes and header sums, in shard order.
func fingerprintOf(sums []shardSum) string {
	h := sha256.New()
	io.WriteString(h, "vlbench-gguf-fingerprint-1\n")
	for _, s := range sums {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(s.size))
		h.Write(b[:])
		h.Write(s.header[:])
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
