package mk

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/modroot"
)

// makefiles returns the module root and the text of the Makefile and mk/*.mk, in make's
// order.
func makefiles(t *testing.T) (root string, texts []string) {
	t.Helper()
	root, err := modroot.Find()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "mk", "*.mk"))
	for _, f := range append([]string{filepath.Join(root, "Makefile")}, files...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return root, texts
}

func needMake(t *testing.T) string {
	t.Helper()
	m, err := exec.LookPath("make")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no make on PATH")
		}
		t.Skip("no make on PATH")
	}
	return m
}

// make help lists every target of the Makefile and mk/*.mk, each with the text of its
// `## target: text` comment, and every target the README's table names is one of them.
func TestMakeHelp(t *testing.T) {
	makeBin := needMake(t)
	root, texts := makefiles(t)
	rule := regexp.MustCompile(`(?m)^([a-z][a-z-]*):([^=]|$)`)
	doc := regexp.MustCompile(`(?m)^## ([a-z][a-z-]*): (.+)$`)
	var targets []string
	docs := map[string]string{}
	for _, s := range texts {
		for _, m := range rule.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(targets, m[1]) {
				targets = append(targets, m[1])
			}
		}
		for _, m := range doc.FindAllStringSubmatch(s, -1) {
			docs[m[1]] = m[2]
		}
	}
	if len(targets) < 15 {
		t.Fatalf("found %d targets (%v), want the Makefile's and mk/*.mk's", len(targets), targets)
	}
	out, err := exec.Command(makeBin, "-s", "-C", root, "help").CombinedOutput()
	if err != nil {
		t.Fatalf("make help: %v\n%s", err, out)
	}
	listed := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, text, _ := strings.Cut(strings.TrimSpace(l), " ")
		listed[name] = strings.TrimSpace(text)
	}
	for _, tg := range targets {
		switch {
		case docs[tg] == "":
			t.Errorf("target %s has no `## %s: …` comment above it", tg, tg)
		case listed[tg] != docs[tg]:
			t.Errorf("make help: %s says %q, want %q", tg, listed[tg], docs[tg])
		}
	}
	for name := range listed {
		if !slices.Contains(targets, name) {
			t.Errorf("make help lists %s, which is no target", name)
		}
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile("(?m)^\\| `make ([a-z-]+)`(?:, `make ([a-z-]+)`)?").FindAllStringSubmatch(string(readme), -1) {
		for _, name := range m[1:] {
			if name != "" && listed[name] == "" {
				t.Errorf("the README's make table names %s, which make help does not list", name)
			}
		}
	}
}

// On another OS than x86-64 Linux (here a uname that says Darwin), the targets that
// install Debian packages say what to do instead: make llama fails and names the
// LLAMA_SERVER path; chromium and ffmpeg say how to get them and let make test go on; and
// make test with LLAMA_SERVER set installs nothing of llama.cpp.
func TestMakeOtherOS(t *testing.T) {
	makeBin := needMake(t)
	root, _ := makefiles(t)
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "uname"), []byte("#!/bin/sh\ncase \"$1\" in -m) echo arm64;; *) echo Darwin;; esac\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Only the fake uname and the few tools the scripts use: no apt-get, ffmpeg or chromium.
	for _, tool := range []string{"bash", "sh", "id", "head", "sed", "cat"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatalf("%s: %v", tool, err)
		}
		if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
			t.Fatal(err)
		}
	}
	script := func(name string, args ...string) (string, error) {
		cmd := exec.Command(filepath.Join(bin, "bash"), append([]string{filepath.Join(root, "scripts", name)}, args...)...)
		cmd.Env = append(os.Environ(), "PATH="+bin)
		out, err := cmd.CombinedOutput()
		t.Logf("%s on Darwin:\n%s", name, out)
		return string(out), err
	}
	out, err := script("install-llama.sh", filepath.Join(t.TempDir(), "llama"))
	if err == nil {
		t.Errorf("install-llama.sh succeeded on Darwin arm64")
	}
	for _, want := range []string{"Darwin arm64", "brew install llama.cpp", "LLAMA_SERVER=/path/to/llama-server make test", "-llama-server /path/to/llama-server"} {
		if !strings.Contains(out, want) {
			t.Errorf("install-llama.sh on Darwin does not say %q", want)
		}
	}
	for _, s := range []struct{ script, want string }{
		{"install-chromium.sh", "brew install --cask chromium"},
		{"install-ffmpeg.sh", "brew install ffmpeg"},
	} {
		out, err := script(s.script)
		if err != nil {
			t.Errorf("%s on Darwin: %v (want exit 0, so that make test goes on)", s.script, err)
		}
		if !strings.Contains(out, s.want) || !strings.Contains(out, "Darwin") {
			t.Errorf("%s on Darwin does not say %q", s.script, s.want)
		}
	}

	cmd := exec.Command(makeBin, "-n", "-C", root, "test", "LLAMA_SERVER=/opt/llama.cpp/build/bin/llama-server")
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	plan, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make -n test: %v\n%s", err, plan)
	}
	for _, want := range []string{"go vet ./...", "GOOS=darwin go vet ./...", "GOOS=windows go build ./...", "go test -count=1"} {
		if !strings.Contains(string(plan), want) {
			t.Errorf("make -n test with LLAMA_SERVER does not run %q:\n%s", want, plan)
		}
	}
	if strings.Contains(string(plan), "install-llama.sh") {
		t.Errorf("make test with LLAMA_SERVER still installs llama.cpp:\n%s", plan)
	}
}
