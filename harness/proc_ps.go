//go:build unix

package harness

import (
	"bufio"
	"bytes"
	"fmt"
	"iter"
	"os/exec"
	"strconv"
	"strings"
)

// psProcesses yields every live (not zombie) process as ps lists it: where there is no
// /proc (macOS, the BSDs) this is how the guard finds the children it must kill and the
// tests the servers left behind. An error running ps yields nothing.
func psProcesses() iter.Seq[proc] {
	return func(yield func(proc) bool) {
		out, err := exec.Command("ps", "-A", "-ww", "-o", "pid=,ppid=,stat=,command=").Output()
		if err != nil {
			return
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			p, ok := parsePS(sc.Text())
			if ok && !yield(p) {
				return
			}
		}
	}
}

// parsePS reads one line of `ps -o pid=,ppid=,stat=,command=`; a zombie (state Z) and a
// line that is not one are false.
func parsePS(line string) (proc, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || strings.HasPrefix(f[2], "Z") {
		return proc{}, false
	}
	pid, err1 := strconv.Atoi(f[0])
	ppid, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil {
		return proc{}, false
	}
	return proc{pid: pid, ppid: ppid, cmdline: strings.Join(f[3:], " ")}, true
}

// psMem returns the resident memory of pid in bytes, as ps reports it (in KiB).
func psMem(pid int) (int64, error) {
	out, err := exec.Command("ps", "-o", "rss=", "-p", strconv.Itoa(pid)).Output()
	if err != nil {
		return 0, fmt.Errorf("harness: ps -p %d: %w", pid, err)
	}
	kb, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil || kb <= 0 {
		return 0, fmt.Errorf("harness: ps -p %d: rss %q", pid, strings.TrimSpace(string(out)))
	}
	return kb * 1024, nil
}
