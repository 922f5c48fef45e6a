package gguf_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/gguf"
)

// writeShards writes a model of n tensors split as llama-gguf-split does: every shard carries
// split.no, split.count and split.tensors.count; only the first carries the other metadata.
func writeShards(t *testing.T, prefix string, count int, perShard int) []string {
	t.Helper()
	var paths []string
	for i := 0; i < count; i++ {
		f := gguf.NewFile()
		if i == 0 {
			f.AddString("general.architecture", "llama")
			f.AddUint32("llama.block_count", uint32(count*perShard))
		}
		f.AddUint16(gguf.KeySplitNo, uint16(i))
		f.AddUint16(gguf.KeySplitCount, uint16(count))
		f.AddInt32(gguf.KeySplitTensorsCount, int32(count*perShard))
		for j := 0; j < perShard; j++ {
			name := "blk." + string(rune('0'+i*perShard+j)) + ".attn_q.weight"
			must(t, f.AddTensorF32(name, []uint64{8, 2}, seq(16)))
		}
		p := gguf.ShardPath(prefix, i, count)
		must(t, f.WriteFile(p))
		paths = append(paths, p)
	}
	return paths
}

func fingerprint(t *testing.T, p string) string {
	t.Helper()
	fp, err := gguf.Fingerprint(p)
	if err != nil {
		t.Fatalf("Fingerprint(%s): %v", p, err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(fp) {
		t.Fatalf("Fingerprint(%s) = %q, want 32 hex digits", p, fp)
	}
	return fp
}

func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.gguf")
	must(t, sample(t).WriteFile(a))
	fa := fingerprint(t, a)

	// The same bytes elsewhere: the same identity.
	b := filepath.Join(dir, "sub", "b.gguf")
	must(t, os.MkdirAll(filepath.Dir(b), 0o755))
	data, err := os.ReadFile(a)
	must(t, err)
	must(t, os.WriteFile(b, data, 0o644))
	if got := fingerprint(t, b); got != fa {
		t.Errorf("copy: Fingerprint = %s, want %s (the original's)", got, fa)
	}

	// Weights are not hashed: a changed last byte of data keeps the identity.
	w := filepath.Join(dir, "w.gguf")
	mod := append([]byte(nil), data...)
	mod[len(mod)-1] ^= 0xff
	must(t, os.WriteFile(w, mod, 0o644))
	if got := fingerprint(t, w); got != fa {
		t.Errorf("changed weight: Fingerprint = %s, want %s", got, fa)
	}

	// Metadata is: one changed value changes it.
	m := sample(t)
	m.AddString("general.name", "other") // a second name KV: a different header
	mp := filepath.Join(dir, "m.gguf")
	must(t, m.WriteFile(mp))
	if got := fingerprint(t, mp); got == fa {
		t.Errorf("changed metadata: Fingerprint = %s, the same as the original's", got)
	}

	// So is the size: trailing bytes past the tensors change it.
	s := filepath.Join(dir, "s.gguf")
	must(t, os.WriteFile(s, append(append([]byte(nil), data...), 0, 0, 0, 0), 0o644))
	if got := fingerprint(t, s); got == fa {
		t.Errorf("longer file: Fingerprint = %s, the same as the original's", got)
	}
}

func TestFingerprintShards(t *testing.T) {
	dir := t.TempDir()
	paths := writeShards(t, filepath.Join(dir, "big"), 3, 2)
	first := fingerprint(t, paths[0])
	for _, p := range paths[1:] {
		if got := fingerprint(t, p); got != first {
			t.Errorf("Fingerprint(%s) = %s, want the first shard's %s", filepath.Base(p), got, first)
		}
	}
	shards, err := gguf.OpenShards(paths[1])
	must(t, err)
	if len(shards) != 3 {
		t.Fatalf("OpenShards() = %d files, want 3", len(shards))
	}
	for i, s := range shards {
		if s.Path != paths[i] {
			t.Errorf("shard %d is %s, want %s", i, s.Path, paths[i])
		}
	}

	// Every shard counts: a changed third shard changes the model's identity.
	other := t.TempDir()
	alt := writeShards(t, filepath.Join(other, "big"), 3, 2)
	f := gguf.NewFile()
	f.AddUint16(gguf.KeySplitNo, 2)
	f.AddUint16(gguf.KeySplitCount, 3)
	f.AddInt32(gguf.KeySplitTensorsCount, 6)
	must(t, f.AddTensorF32("blk.4.attn_q.weight", []uint64{8, 2}, seq(16)))
	must(t, f.AddTensorF32("blk.5.attn_k.weight", []uint64{8, 2}, seq(16)))
	must(t, f.WriteFile(alt[2]))
	if got := fingerprint(t, alt[0]); got == first {
		t.Errorf("changed shard 3: Fingerprint = %s, the same as the original's", got)
	}
}

func TestFingerprintErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.gguf")
	must(t, os.WriteFile(text, []byte("not a model\n"), 0o644))
	paths := writeShards(t, filepath.Join(dir, "m"), 3, 1)
	must(t, os.Remove(paths[1]))
	renamed := filepath.Join(dir, "renamed.gguf")
	data, err := os.ReadFile(paths[0])
	must(t, err)
	must(t, os.WriteFile(renamed, data, 0o644))
	wrongNo := writeShards(t, filepath.Join(dir, "w"), 2, 1)
	d0, err := os.ReadFile(wrongNo[0])
	must(t, err)
	must(t, os.WriteFile(wrongNo[1], d0, 0o644)) // shard 2 holds shard 1's bytes
	fewer := writeShards(t, filepath.Join(dir, "c"), 2, 1)
	f := gguf.NewFile()
	f.AddUint16(gguf.KeySplitNo, 1)
	f.AddUint16(gguf.KeySplitCount, 2)
	f.AddInt32(gguf.KeySplitTensorsCount, 3)
	must(t, f.WriteFile(fewer[1])) // no tensors, and a count the first shard does not share

	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"missing", filepath.Join(dir, "absent.gguf"), []string{"absent.gguf"}},
		{"not gguf", text, []string{text, "bad magic"}},
		{"missing shard", paths[0], []string{paths[1], "shard 2 of 3"}},
		{"unnamed shard", renamed, []string{renamed, "PREFIX-NNNNN-of-NNNNN"}},
		{"wrong split.no", wrongNo[0], []string{wrongNo[1], "split.no=0 split.count=2, want split.no=1 (shard 2 of 2)"}},
		{"tensor count", fewer[0], []string{fewer[0], "split.tensors.count is 2", "hold 1 tensors"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fp, err := gguf.Fingerprint(tc.path)
			if err == nil {
				t.Fatalf("Fingerprint() = %s, want an error", fp)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Fingerprint() error = %v, want it to contain %q", err, w)
				}
			}
		})
	}
}

// The fingerprint is the hash of the bytes on disk before each shard's tensor data (as it
// was when it read them again), though Open now sums them while parsing; an opened model
// has it without reading again (File.Fingerprint), and one shard alone has none.
func TestFingerprintIsTheHeaderOnDisk(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "a.gguf")
	must(t, sample(t).WriteFile(one))
	split := writeShards(t, filepath.Join(dir, "big"), 3, 2)
	for _, p := range []string{one, split[1]} {
		shards, err := gguf.OpenShards(p)
		must(t, err)
		h := sha256.New()
		io.WriteString(h, "vlbench-gguf-fingerprint-1\n")
		for _, s := range shards {
			data, err := os.ReadFile(s.Path)
			must(t, err)
			sum := sha256.Sum256(data[:min(s.DataOffset, s.Size)])
			h.Write(binary.LittleEndian.AppendUint64(nil, uint64(s.Size)))
			h.Write(sum[:])
		}
		want := hex.EncodeToString(h.Sum(nil)[:16])
		if got := fingerprint(t, p); got != want {
			t.Errorf("Fingerprint(%s) = %s, want the hash of its headers on disk %s", filepath.Base(p), got, want)
		}
		m, err := gguf.OpenModel(p)
		must(t, err)
		before := gguf.HeaderReads()
		if got, err := m.Fingerprint(); err != nil || got != want {
			t.Errorf("OpenModel(%s).Fingerprint() = %s, %v; want %s", filepath.Base(p), got, err, want)
		}
		if n := gguf.HeaderReads() - before; n != 0 {
			t.Errorf("File.Fingerprint read %d headers, want none", n)
		}
	}
	shard, err := gguf.Open(split[1])
	must(t, err)
	if fp, err := shard.Fingerprint(); err == nil {
		t.Errorf("one shard's Fingerprint() = %s, want an error (it is not the model's)", fp)
	}
}
