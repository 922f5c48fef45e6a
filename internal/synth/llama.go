package synth

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoLlama is wrapped when the llama.cpp install is missing.
var ErrNoLlama = errors.New("llama.cpp install not found (run make llama)")

// Llama is the Debian llama.cpp install unpacked under build/llama/root
// (scripts/install-llama.sh). Its tools need Debian sid's own loader and
// libraries, and must run in the CPU-backends folder so ggml finds a backend.
type Llama struct {
	Root string // .../build/llama/root
}

// FindLlama locates build/llama/root under the module root.
func FindLlama() (Llama, error) {
	root, err := ModuleRoot()
	if err != nil {
		return Llama{}, err
	}
	l := Llama{Root: filepath.Join(root, "build", "llama", "root")}
	if _, err := os.Stat(l.Bin("llama-server")); err != nil {
		return Llama{}, fmt.Errorf("synth: %s: %w", l.Root, ErrNoLlama)
	}
	return l, nil
}

func (l Llama) lib() string { return filepath.Join(l.Root, "usr", "lib", "x86_64-linux-gnu") }

// Bin is the path of a tool, such as "llama-server".
func (l Llama) Bin(tool string) string { return filepath.Join(l.Root, "usr", "bin", tool) }

// Command returns a command running tool with args through sid's loader,
// with its working folder set to the backends folder. Paths in args must
// be absolute.
func (l Llama) Command(tool string, args ...string) *exec.Cmd {
	lib := l.lib()
	argv := append([]string{"--library-path", lib + ":" + filepath.Join(lib, "llama"), l.Bin(tool)}, args...)
	cmd := exec.Command(filepath.Join(lib, "ld-linux-x86-64.so.2"), argv...)
	cmd.Dir = filepath.Join(lib, "ggml", "backends0")
	return cmd
}
