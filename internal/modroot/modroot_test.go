package modroot

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindFrom(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := FindFrom(deep); err == nil {
		t.Fatalf("FindFrom(%s) found a go.mod where none exists", deep)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := FindFrom(deep)
	if err != nil || got != root {
		t.Fatalf("FindFrom(%s) = %q, %v; want %q", deep, got, err, root)
	}
}

func TestFindThisModule(t *testing.T) {
	root, err := Find()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "modroot", "modroot.go")); err != nil {
		t.Fatalf("Find() = %s, which is not this module's root: %v", root, err)
	}
}
