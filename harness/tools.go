package harness

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/vlbench/vlbench/internal/modroot"
)

// EnvServer names the environment variable that points at a user's own llama-server.
const EnvServer = "LLAMA_SERVER"

// ErrNoLlama is returned (wrapped) when no llama-server can be found.
var ErrNoLlama = errors.New("no llama-server found")

// Tools runs the llama.cpp programs of one installation. It is the one place that knows
// how: a Debian install unpacked by `make llama` (scripts/install-llama.sh) runs through
// sid's own loader with sid's libraries and a CPU backend; a user's own build runs as it is.
type Tools struct {
	// Root is the unpacked Debian tree (build/llama/root); empty for a user's build.
	Root string
	// Server is the llama-server binary. For a user's build, the other tools are looked
	// up beside it, then on PATH.
	Server string
}

// LocateTools finds llama.cpp, in this order:
//  1. server, when not empty (the -llama-server flag): a user's build;
//  2. $LLAMA_SERVER: a user's build;
//  3. <module root>/build/llama/root: the Debian packages installed by `make llama`;
//  4. llama-server on PATH.
//
// Not finding any is an error wrapping ErrNoLlama that says how to get one.
func LocateTools(server string) (*Tools, error) {
	if server == "" {
		server = os.Getenv(EnvServer)
	}
	if server != "" {
		p, err := exec.LookPath(server)
		if err != nil {
			return nil, fmt.Errorf("harness: llama-server %q: %w", server, err)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("harness: %w", err)
		}
		return &Tools{Server: abs}, nil
	}
	if dir, err := modroot.Build("llama", "root"); err == nil {
		bin := filepath.Join(dir, "usr", "bin", "llama-server")
		if _, err := os.Stat(bin); err == nil {
			return &Tools{Root: dir, Server: bin}, nil
		}
	}
	if p, err := exec.LookPath("llama-server"); err == nil {
		abs, _ := filepath.Abs(p)
		return &Tools{Server: abs}, nil
	}
	return nil, fmt.Errorf("harness: %w: run `make llama` (installs Debian's build into build/llama), "+
		"or point at your own build with -llama-server PATH or %s=PATH", ErrNoLlama, EnvServer)
}

// libDir is the Debian tree's multiarch library folder.
func (t *Tools) libDir() string { return filepath.Join(t.Root, "usr", "lib", "x86_64-linux-gnu") }

// BackendDir is where the Debian tree keeps ggml's CPU backends; "" for a user's build.
func (t *Tools) BackendDir() string {
	if t.Root == "" {
		return ""
	}
	return filepath.Join(t.libDir(), "ggml", "backends0")
}

// Path returns the binary of a tool: "llama-server", "llama-bench", "llama-quantize",
// "llama-mtmd-cli", "ggml-rpc-server", …
func (t *Tools) Path(tool string) (string, error) {
	if tool == "llama-server" {
		return t.Server, nil
	}
	var candidates []string
	if t.Root != "" {
		candidates = append(candidates,
			filepath.Join(t.Root, "usr", "bin", tool),
			filepath.Join(t.Root, "usr", "libexec", "x86_64-linux-gnu", "llama", "bin", tool))
	} else {
		candidates = append(candidates, filepath.Join(filepath.Dir(t.Server), tool))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c, nil
		}
	}
	if t.Root == "" {
		if p, err := exec.LookPath(tool); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("harness: %s not found in %s", tool, strings.Join(candidates, ", "))
}

// Command returns a command that runs tool with args. For the Debian tree it runs through
// sid's loader with sid's libraries, in the CPU backends folder so that ggml loads the best
// CPU variant: paths in args must therefore be absolute. On Linux the tool dies with this
// process, even when this process is killed.
func (t *Tools) Command(ctx context.Context, tool string, args ...string) (*exec.Cmd, error) {
	bin, err := t.Path(tool)
	if err != nil {
		return nil, err
	}
	var cmd *exec.Cmd
	if t.Root == "" {
		cmd = exec.CommandContext(ctx, bin, args...)
	} else {
		lib := t.libDir()
		loader := filepath.Join(lib, "ld-linux-x86-64.so.2")
		full := append([]string{"--library-path", lib + ":" + filepath.Join(lib, "llama"), bin}, args...)
		cmd = exec.CommandContext(ctx, loader, full...)
		cmd.Dir = t.BackendDir()
	}
	toolProcAttr(cmd) // killed by the kernel if we die (proc_linux.go)
	return cmd, nil
}

// Describe says which installation this is, for logs and results files.
func (t *Tools) Describe() string {
	if t.Root != "" {
		return "debian:" + t.Root
	}
	return t.Server
}
