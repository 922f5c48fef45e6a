package harness

import (
	"fmt"
	"iter"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// serverProcAttr puts llama-server in its own process group, so that Stop signals the
// whole group and a Ctrl-C at the terminal reaches the test binary only (which then stops
// it), and makes the kernel kill it when the test binary dies, even by SIGKILL.
func serverProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// toolProcAttr makes the kernel kill another llama.cpp tool (llama-bench,
// llama-quantize, …) when the test binary dies; it stays in our group.
func toolProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// interruptGroup sends SIGINT to the process group that pid leads.
func interruptGroup(p *os.Process) error { return syscall.Kill(-p.Pid, syscall.SIGINT) }

// killGroup sends SIGKILL to the process group that pid leads.
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

// Alive reports whether pid is a live process: there, and not a zombie.
func Alive(pid int) bool {
	_, ok := readStat(strconv.Itoa(pid))
	return ok
}

// ChildProcesses lists the live child processes of this process (from /proc), as
// "pid command" strings. A TestMain checks it is empty after its tests.
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

// proc is one live process as /proc shows it.
type proc struct {
	pid, ppid int
	cmdline   string // arguments joined by spaces
}

// processes yields every live (not zombie) process in /proc.
func processes() iter.Seq[proc] {
	return func(yield func(proc) bool) {
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			ppid, ok := readStat(e.Name())
			if !ok {
				continue
			}
			cmdline, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
			args := strings.ReplaceAll(strings.TrimRight(string(cmdline), "\x00"), "\x00", " ")
			if !yield(proc{pid: pid, ppid: ppid, cmdline: args}) {
				return
			}
		}
	}
}

// readStat reads /proc/PID/stat: the parent pid, and false when the process is gone or a
// zombie.
func readStat(pid string) (ppid int, ok bool) {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, false
	}
	// pid (comm) state ppid …; comm may hold spaces and parens.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 || f[0] == "Z" {
		return 0, false
	}
	ppid, err = strconv.Atoi(f[1])
	return ppid, err == nil
}
