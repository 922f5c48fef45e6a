package harness

// Linux: a server and every llama.cpp tool get the parent-death signal, so that the
// kernel kills them when the test binary dies, even by SIGKILL; processes are listed from
// /proc.

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"os/exec"
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

// Alive reports whether pid is a live process: there, and not a zombie.
func Alive(pid int) bool {
	_, ok := readStat(strconv.Itoa(pid))
	return ok
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

// processMem returns the resident memory of pid and its high-water mark in bytes: VmRSS
// and VmHWM of /proc/PID/status.
func processMem(pid int) (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		fields := strings.Fields(v) // "12345 kB"
		if len(fields) != 2 || fields[1] != "kB" {
			continue
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			continue
		}
		if k == "VmRSS" {
			rss = n * 1024
		} else {
			hwm = n * 1024
		}
	}
	if rss == 0 && hwm == 0 {
		return 0, 0, fmt.Errorf("harness: /proc/%d/status has no VmRSS (a zombie?)", pid)
	}
	return rss, hwm, sc.Err()
}

// listenerOwned reports whether the TCP listener on port belongs to pid or one of its
// descendants, from /proc/net/tcp{,6} (the listening sockets' inodes) and /proc/PID/fd
// (the sockets each process holds; a process gone holds none). known is false when that
// cannot be told: no listener on the port (it closed in between) or only other users'
// processes to read.
func listenerOwned(pid, port int) (ours, known bool) {
	inodes := map[string]bool{}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		for ino := range listeningInodes(f, port) {
			inodes["socket:["+ino+"]"] = true
		}
	}
	if len(inodes) == 0 {
		return false, false
	}
	tree := map[int]bool{pid: true}
	all := []proc{}
	for p := range processes() {
		all = append(all, p)
	}
	for grew := true; grew; { // descendants, whatever order /proc lists them in
		grew = false
		for _, p := range all {
			if !tree[p.pid] && tree[p.ppid] {
				tree[p.pid], grew = true, true
			}
		}
	}
	for p := range tree {
		dir := "/proc/" + strconv.Itoa(p) + "/fd"
		fds, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrPermission) {
			continue // another user's: cannot be told
		}
		known = true // a process gone holds nothing
		if err != nil {
			continue
		}
		for _, fd := range fds {
			if link, err := os.Readlink(dir + "/" + fd.Name()); err == nil && inodes[link] {
				return true, true
			}
		}
	}
	return false, known
}

// listeningInodes yields the socket inodes of the listeners on port in a /proc/net/tcp
// table: "sl local_address rem_address st … uid timeout inode", addresses as HEXIP:HEXPORT,
// state 0A for LISTEN. Every local address counts: a listener on 0.0.0.0 answers
// 127.0.0.1 too.
func listeningInodes(table string, port int) iter.Seq[string] {
	return func(yield func(string) bool) {
		b, err := os.ReadFile(table)
		if err != nil {
			return
		}
		want := fmt.Sprintf(":%04X", port)
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) < 10 || f[3] != "0A" || !strings.HasSuffix(f[1], want) {
				continue
			}
			if !yield(f[9]) {
				return
			}
		}
	}
}
