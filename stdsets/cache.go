package stdsets

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/vlbench/vlbench/internal/results"
)

// Cache keeps answers by sample id, so that an interrupted run resumes without asking
// again: <Dir>/<id>.json holds the answer with the key it was asked under. Only greedy
// answers (temperature 0) are cached; a key that differs (another prompt, image, frame
// count, token limit, seed, llama-server build, -ctx or -server-args) is asked again and
// overwritten.
type Cache struct{ Dir string }

type cacheEntry struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Prompt string `json:"prompt"`
	Answer string `json:"answer"`
}

// CacheDir is the default cache folder for a model and a set:
// <root>/<first 12 hex of sha256(identity)>/<set>.
func CacheDir(root, identity, set string) string {
	h := sha256.Sum256([]byte(identity))
	return filepath.Join(root, hex.EncodeToString(h[:6]), set)
}

// ModelIdentity names what answers: the model and projector files by absolute path,
// size and modification time (a re-quantized file is another model), or an endpoint
// by URL and model name.
func ModelIdentity(model, mmproj, endpoint, endpointModel string) string {
	if endpoint != "" && model == "" {
		return "endpoint " + endpoint + " " + endpointModel
	}
	id := ""
	for _, f := range []string{model, mmproj} {
		if f == "" {
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

// RequestKey is the cache key of one request: everything that makes the answer.
func RequestKey(parts ...any) string {
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

// Get returns the cached answer and its prompt for id when its key matches.
func (c *Cache) Get(id, key string) (answer, prompt string, ok bool) {
	if c == nil || c.Dir == "" {
		return "", "", false
	}
	b, err := os.ReadFile(filepath.Join(c.Dir, FileName(id, ".json")))
	if err != nil {
		return "", "", false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || e.Key != key || e.ID != id {
		return "", "", false
	}
	return e.Answer, e.Prompt, true
}

// Put stores an answer (atomically, so an interrupted run never leaves half a file).
func (c *Cache) Put(id, key, prompt, answer string) error {
	if c == nil || c.Dir == "" {
		return nil
	}
	b, err := json.Marshal(cacheEntry{ID: id, Key: key, Prompt: prompt, Answer: answer})
	if err != nil {
		return fmt.Errorf("stdsets: %w", err)
	}
	return results.WriteFile(filepath.Join(c.Dir, FileName(id, ".json")), b)
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// FileName is a sample id made safe as a file name, with ext: an id that had to change
// gets a short hash of the original, so that two ids never share a file.
func FileName(id, ext string) string {
	safe := unsafeID.ReplaceAllString(id, "_")
	if safe != id || safe == "" || safe[0] == '.' {
		h := sha256.Sum256([]byte(id))
		safe = "_" + safe + "-" + hex.EncodeToString(h[:4])
	}
	return safe + ext
}

// Record writes each answer as <id>.txt into dir (see FileName), as vlrubric's -record.
func Record(dir string, samples []Sample, answers []Answer) error {
	files := map[string]string{}
	for i, s := range samples {
		if a := answers[i]; a.Err == nil && !a.Missing {
			files[FileName(s.ID, ".txt")] = a.Text
		}
	}
	return results.RecordAnswers(dir, files)
}

// Replay reads each sample's answer from dir; an absent file is Missing, not scored.
func Replay(dir string, samples []Sample) ([]Answer, error) {
	names := make([]string, len(samples))
	for i, s := range samples {
		names[i] = FileName(s.ID, ".txt")
	}
	recs, err := results.ReplayAnswers(dir, names)
	if err != nil {
		return nil, err
	}
	out := make([]Answer, len(samples))
	for i, r := range recs {
		out[i] = Answer{Text: r.Text, Missing: r.Missing, Err: r.Err}
	}
	return out, nil
}
