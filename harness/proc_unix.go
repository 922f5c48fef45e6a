//go:build unix

package harness

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// What every Unix shares: a server leads a process group of its own (Setpgid, set by
// serverProcAttr in proc_linux.go and proc_ps.go), so that Stop signals the whole group
// and a Ctrl-C at the terminal reaches the test binary only, which then stops it. The
// live processes are listed from /proc on Linux (proc_linux.go) and by ps elsewhere
// (proc_ps.go).

// interruptGroup sends SIGINT to the process group that p leads.
func interruptGroup(p *os.Process) error { return syscall.Kill(-p.Pid, syscall.SIGINT) }

// killGroup sends SIGKILL to the process group that p leads.
func killGroup(p *os.Process) error { return syscall.Kill(-p.Pid, syscall.SIGKILL) }

// killChildren kills every live child process of this process (and the group of any that
// leads one) and returns their "pid command" lines.
func killChildren() []string {
	kids := ChildProcesses()
	for _, k := range kids {
		pid, _ := strconv.Atoi(strings.Fields(k)[0])
		if pgid, err := syscall.Getpgid(pid); err == nil && pgid == pid {
			syscall.Kill(-pid, syscall.SIGKILL)
		}
		syscall.Kill(pid, syscall.SIGKILL)
	}
	return kids
}

// ProcessesWith lists the live processes (any parent) whose command line contains every
// one of subs: tests give servers a tag (--alias TAG) and count what is left of them.
func ProcessesWith(subs ...string) []int {
	var out []int
	for p := range processes() {
		if !slices.ContainsFunc(subs, func(s string) bool { return !strings.Contains(p.cmdline, s) }) {
			out = append(out, p.pid)
		}
	}
	return out
}

// ChildProcesses lists the live child processes of this process, as "pid command"
// strings. A TestMain checks it is empty after its tests.
func ChildProcesses() []string {
	self := os.Getpid()
	var out []string
	for p := range processes() {
		if p.ppid == self {
			out = append(out, fmt.Sprintf("%d %s", p.pid, p.cmdline))
		}
	}
	return out
}

// proc is one live process.
type proc struct {
	pid, ppid int
	cmdline   string // arguments joined by spaces
}
