package results

import (
	"os"
	"path/filepath"
	"testing"
)

// An answer is reused only under the same key, survives as a file, and a nil cache
// keeps nothing.
func TestCache(t *testing.T) {
	type answer struct{ Text string }
	c := &Cache{Dir: t.TempDir()}
	var got answer
	if c.Get("a/b", "k1", &got) {
		t.Fatal("empty cache had an answer")
	}
	if err := c.Put("a/b", "k1", answer{"hello"}); err != nil {
		t.Fatal(err)
	}
	if !c.Get("a/b", "k1", &got) || got.Text != "hello" {
		t.Errorf("Get after Put = %+v", got)
	}
	if c.Get("a/b", "k2", &got) {
		t.Error("an answer under another key was reused")
	}
	if _, err := os.Stat(filepath.Join(c.Dir, SafeName("a/b", ".json"))); err != nil {
		t.Error(err)
	}
	if SafeName("a/b", ".txt") == SafeName("a_b", ".txt") {
		t.Error("two ids share a file name")
	}
	var nilCache *Cache
	if nilCache.Get("x", "y", &got) || nilCache.Put("x", "y", answer{}) != nil {
		t.Error("nil cache keeps answers")
	}
	if CacheKey("a", []byte{1}) == CacheKey("a", []byte{2}) || CacheKey("a", 1) != CacheKey("a", 1) {
		t.Error("CacheKey is not a function of its parts")
	}
}
