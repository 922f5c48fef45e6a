package suite

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/vlbench/vlbench/internal/modroot"
)

// The README's example manifest (the plan's models) uses only keys the suite knows.
func TestReadmeManifest(t *testing.T) {
	_, after := readmeAfter(t, "## The suite manifest")
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

// Every test the README's "What happens when…" table names exists in the package named
// before it.
func TestReadmeWhatHappens(t *testing.T) {
	root, after := readmeAfter(t, "## What happens when…")
	section, _, _ := strings.Cut(after, "\n## ")
	token := regexp.MustCompile("`([a-z/]+)`|\\b(Test[A-Za-z0-9_]+)")
	rows := 0
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || strings.HasPrefix(strings.TrimSpace(cells[1]), "case") || strings.HasPrefix(cells[1], "--") {
			continue
		}
		rows++
		pkg, tests := "", 0
		for _, m := range token.FindAllStringSubmatch(cells[3], -1) {
			if m[1] != "" {
				pkg = m[1]
				continue
			}
			tests++
			if pkg == "" {
				t.Errorf("row %q: test %s before any package", cells[1], m[2])
				continue
			}
			if !definesTest(t, filepath.Join(root, pkg), m[2]) {
				t.Errorf("row %q: %s has no func %s", strings.TrimSpace(cells[1]), pkg, m[2])
			}
		}
		if tests == 0 {
			t.Errorf("row %q names no test", strings.TrimSpace(cells[1]))
		}
	}
	if rows < 10 {
		t.Errorf("found %d rows in the table, want at least 10", rows)
	}
}

func definesTest(t *testing.T, dir, name string) bool {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "func "+name+"(") {
			return true
		}
	}
	return false
}

// readmeAfter returns the module root and the README's text after heading.
func readmeAfter(t *testing.T, heading string) (root, after string) {
	t.Helper()
	root, err := modroot.Find()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), heading)
	if !ok {
		t.Fatalf("README has no %q section", heading)
	}
	return root, after
}
