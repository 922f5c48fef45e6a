package suite

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/vlbench/vlbench/internal/modroot"
)

// The README's example manifest (the plan's models) uses only keys the suite knows.
func TestReadmeManifest(t *testing.T) {
	root, err := modroot.Find()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## The suite manifest")
	if !ok {
		t.Fatal("README has no \"## The suite manifest\" section")
	}
	_, block, ok := strings.Cut(after, "```yaml\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("the README's suite section has no yaml block")
	}
	var m Manifest
	dec := yaml.NewDecoder(bytes.NewReader([]byte(block)))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("README manifest: %v", err)
	}
	var names []string
	for _, md := range m.Models {
		names = append(names, md.Name)
		for _, r := range md.Roles {
			if !strings.Contains(strings.Join(roles, " "), r) {
				t.Errorf("%s: unknown role %q", md.Name, r)
			}
		}
	}
	for _, want := range []string{"Qwen2.5-VL-7B", "Qwen3-VL-2B", "Qwen3-VL-4B", "Qwen3-VL-8B", "Qwen3-VL-30B-A3B",
		"Qwen2.5-VL-72B", "Qwen3-VL-235B-A22B-Thinking"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("README manifest lacks the plan's %s (has %v)", want, names)
		}
	}
}
