package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/vlbench/vlbench/internal/gguf"
)

// Cache keeps the answers of a run by item, so that an interrupted run resumes without
// asking again: <Dir>/<item>.json holds the answer with the key it was asked under.
// The key is everything that changes the answer (CacheKey); a key that differs is asked
// again and overwritten. Entries are written atomically, so an interrupt never leaves
// half a file. The rubric and the standard sets share it.
type Cache struct{ Dir string }

type cacheEntry struct {
	ID    string          `json:"id"`
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

// CacheDir is a cache folder for what answers (identity: the model's files or the
// endpoint) and a set of items: <root>/<first 12 hex of sha256(identity)>/<set>.
func CacheDir(root, identity, set string) string {
	h := sha256.Sum256([]byte(identity))
	return filepath.Join(root, hex.EncodeToString(h[:6]), set)
}

// CacheKey is the key of one request: the hash of everything that makes its answer, in
// order. Byte slices (images) count by their SHA-256.
func CacheKey(parts ...any) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, p := range parts {
		if b, ok := p.([]byte); ok {
			s := sha256.Sum256(b)
			p = hex.EncodeToString(s[:])
		}
		_ = enc.Encode(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Get reads item id's cached answer into v when its key matches.
func (c *Cache) Get(id, key string, v any) bool {
	if c == nil || c.Dir == "" {
		return false
	}
	b, err := os.ReadFile(filepath.Join(c.Dir, SafeName(id, ".json")))
	if err != nil {
		return false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || e.Key != key || e.ID != id {
		return false
	}
	return json.Unmarshal(e.Value, v) == nil
}

// Put stores item id's answer v under key, atomically.
func (c *Cache) Put(id, key string, v any) error {
	if c == nil || c.Dir == "" {
		return nil
	}
	val, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("results: cache %s: %w", id, err)
	}
	b, err := json.Marshal(cacheEntry{ID: id, Key: key, Value: val})
	if err != nil {
		return fmt.Errorf("results: cache %s: %w", id, err)
	}
	return WriteFile(filepath.Join(c.Dir, SafeName(id, ".json")), b)
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// SafeName is an item id made safe as a file name, with ext: an id that had to change
// gets a short hash of the original, so that two ids never share a file.
func SafeName(id, ext string) string {
	safe := unsafeID.ReplaceAllString(id, "_")
	if safe != id || safe == "" || safe[0] == '.' {
		h := sha256.Sum256([]byte(id))
		safe = "_" + safe + "-" + hex.EncodeToString(h[:4])
	}
	return safe + ext
}

// FilesIdentity names model files by what they hold, not where they are: each file's
// gguf.Fingerprint (sizes and headers of all its shards), or, for a file that is no
// GGUF, its absolute path, size and modification time. Empty names are skipped.
func FilesIdentity(files ...string) string {
	id := ""
	for _, f := range files {
		if f == "" {
			continue
		}
		if fp, err := gguf.Fingerprint(f); err == nil {
			id += "gguf " + fp + "\n"
			continue
		}
		abs, _ := filepath.Abs(f)
		if st, err := os.Stat(f); err == nil {
			id += fmt.Sprintf("%s size=%d mtime=%d\n", abs, st.Size(), st.ModTime().UnixNano())
		} else {
			id += abs + "\n"
		}
	}
	return id
}
