//go:build unix && !linux

package harness

import (
	"iter"
	"os/exec"
	"syscall"
)

// Unix without Linux's parent-death signal (macOS, the BSDs): a server leads a process
// group of its own, so that Stop and the guard signal the whole group; when the test
// binary ends by a signal or its parent goes, the guard (guard.go) stops every server and
// kills every other child. Only a SIGKILL of the test binary itself, which nothing can
// catch, leaves them running. Processes are listed by ps (proc_ps.go).

func serverProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// toolProcAttr leaves another llama.cpp tool in our group: a Ctrl-C at the terminal
// reaches it with us, and the guard kills it.
func toolProcAttr(cmd *exec.Cmd) {}

func processes() iter.Seq[proc] { return psProcesses() }

// Alive reports whether pid is a live process: listed by ps, and not a zombie.
func Alive(pid int) bool {
	for p := range processes() {
		if p.pid == pid {
			return true
		}
	}
	return false
}

// processMem returns the resident memory of pid, as ps reports it (psMem); ps has no
// high-water mark, so that is 0 and the peak is the highest sample.
func processMem(pid int) (rss, hwm int64, err error) {
	rss, err = psMem(pid)
	return rss, 0, err
}

// listenerOwned cannot tell who holds a port here (ps lists no sockets): known is false,
// and a /health that answers is taken as the server's own.
func listenerOwned(pid, port int) (ours, known bool) { return false, false }
