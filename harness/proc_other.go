//go:build !linux

package harness

import (
	"os"
	"os/exec"
	"syscall"
)

// Elsewhere than Linux there is no parent-death signal and no /proc: a server is one
// process, interrupted and killed by itself, and the lifetime guard (guard.go) stops the
// servers this process tracks.

func serverProcAttr(cmd *exec.Cmd) {}

func toolProcAttr(cmd *exec.Cmd) {}

// interruptGroup sends an interrupt to the process; Windows has none, and the error
// makes Stop kill at once.
func interruptGroup(p *os.Process) error { return p.Signal(os.Interrupt) }

func killGroup(p *os.Process) error { return p.Kill() }

func killChildren() []string { return nil }

// ChildProcesses lists the live child processes of this process; only Linux can tell
// (from /proc), so elsewhere it is empty.
func ChildProcesses() []string { return nil }

// ProcessesWith lists the live processes whose command line contains every one of subs;
// only Linux can tell, so elsewhere it is empty.
func ProcessesWith(subs ...string) []int { return nil }

// Alive reports whether pid is a live process; elsewhere than Linux it asks the OS for
// the process, which may not tell a zombie from a live one.
func Alive(pid int) bool {
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}
