//go:build unix

package harness

import (
	"math"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"testing"
)

// ps lists what /proc lists (where both exist), so the guard finds the same children on
// macOS as on Linux: a child sleep with its parent, arguments and resident memory, and
// nothing once it has been reaped.
func TestPSProcesses(t *testing.T) {
	if _, err := exec.LookPath("ps"); err != nil {
		t.Skip("no ps on PATH")
	}
	cmd := exec.Command("sleep", "37.5")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	find := func() (proc, bool) {
		for p := range psProcesses() {
			if p.pid == pid {
				return p, true
			}
		}
		return proc{}, false
	}
	p, ok := find()
	if !ok {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("ps does not list the child %d", pid)
	}
	if p.ppid != os.Getpid() || p.cmdline != "sleep 37.5" {
		t.Errorf("ps: pid %d ppid %d %q, want ppid %d \"sleep 37.5\"", p.pid, p.ppid, p.cmdline, os.Getpid())
	}
	if !slices.Contains(ChildProcesses(), strconv.Itoa(pid)+" sleep 37.5") {
		t.Errorf("ChildProcesses() = %q, want it to hold %d sleep 37.5", ChildProcesses(), pid)
	}
	// ps's resident memory is the kernel's, as processMem reads it (/proc on Linux).
	psRSS, err := psMem(pid)
	rss, _, err2 := processMem(pid)
	if err != nil || err2 != nil || psRSS <= 0 || math.Abs(float64(psRSS-rss)) > 0.1*float64(rss) {
		t.Errorf("resident memory of the child: ps %d bytes (%v), processMem %d bytes (%v); want the same within 10%%",
			psRSS, err, rss, err2)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := psMem(pid); err == nil {
		t.Errorf("psMem of the reaped child %d: no error", pid)
	}
	if p, ok := find(); ok {
		t.Errorf("ps still lists the reaped child: %+v", p)
	}
}

func TestParsePS(t *testing.T) {
	tests := []struct {
		line string
		want proc
		ok   bool
	}{
		{"  412     1 Ss   /usr/sbin/sshd -D", proc{412, 1, "/usr/sbin/sshd -D"}, true},
		{"9001  412 S+   llama-server --alias t  -m m.gguf", proc{9001, 412, "llama-server --alias t -m m.gguf"}, true},
		{" 77 12 Z+ (llama-server)", proc{}, false}, // a zombie is gone
		{"PID PPID STAT COMMAND", proc{}, false},
		{"12 3 S", proc{}, false},
	}
	for _, tt := range tests {
		got, ok := parsePS(tt.line)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parsePS(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}
