package harness

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows has no process groups to signal and no parent-death signal. Instead the first
// server or tool started puts this process into a job object that kills every process in
// it when its last handle closes (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE): the children
// started afterwards are in the job too, and the handle closes when this process ends,
// however it ends, so no llama-server outlives the test binary. The guard (guard.go)
// watches the parent through a handle on it (guard_windows.go). Windows has no interrupt
// to send to another console process, so Stop kills at once.

var killJob struct {
	once sync.Once
	err  error
}

// joinKillJob puts this process into a kill-on-close job, once; its error is kept for
// the caller to report (an older Windows that refuses nested jobs, say) and nothing else
// changes: the guard still stops what it tracks.
func joinKillJob() error {
	killJob.once.Do(func() {
		job, err := windows.CreateJobObject(nil, nil)
		if err != nil {
			killJob.err = fmt.Errorf("create job object: %w", err)
			return
		}
		var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
		info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
		if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
			uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
			windows.CloseHandle(job)
			killJob.err = fmt.Errorf("set job object limits: %w", err)
			return
		}
		self, _ := windows.GetCurrentProcess()
		if err := windows.AssignProcessToJobObject(job, self); err != nil {
			windows.CloseHandle(job)
			killJob.err = fmt.Errorf("join job object: %w", err)
			return
		}
		// The handle stays open for the life of the process: closing it kills the job.
	})
	return killJob.err
}

func serverProcAttr(cmd *exec.Cmd) { joinKillJob() }

func toolProcAttr(cmd *exec.Cmd) { joinKillJob() }

// interruptGroup cannot interrupt on Windows: the error makes Stop kill at once.
func interruptGroup(p *os.Process) error { return p.Signal(os.Interrupt) }

func killGroup(p *os.Process) error { return p.Kill() }

// killChildren kills every live child process of this process and returns their
// "pid command" lines.
func killChildren() []string {
	kids := children()
	var out []string
	for _, k := range kids {
		if p, err := os.FindProcess(int(k.ProcessID)); err == nil {
			p.Kill()
			p.Release()
		}
		out = append(out, entryLine(k))
	}
	return out
}

// ChildProcesses lists the live child processes of this process as "pid command"
// strings (the command is the executable's name: Windows does not list arguments).
func ChildProcesses() []string {
	var out []string
	for _, k := range children() {
		out = append(out, entryLine(k))
	}
	return out
}

// ProcessesWith lists the live processes whose command line contains every one of subs;
// Windows does not list other processes' arguments, so it is empty.
func ProcessesWith(subs ...string) []int { return nil }

// Alive reports whether pid is a live process: one that can be opened and has not exited.
func Alive(pid int) bool {
	h, err := windows.OpenProcess(windows.SYNCHRONIZE|windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	ev, err := windows.WaitForSingleObject(h, 0)
	return err == nil && ev == uint32(windows.WAIT_TIMEOUT)
}

// children lists the processes whose parent is this one, from a process snapshot.
func children() []windows.ProcessEntry32 {
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return nil
	}
	defer windows.CloseHandle(snap)
	self := uint32(os.Getpid())
	var out []windows.ProcessEntry32
	e := windows.ProcessEntry32{Size: uint32(unsafe.Sizeof(windows.ProcessEntry32{}))}
	for err = windows.Process32First(snap, &e); err == nil; err = windows.Process32Next(snap, &e) {
		// conhost.exe hosts a console this process opened: Windows' own, not a child
		// of ours to stop or to count as left behind.
		if e.ParentProcessID == self && e.ProcessID != self && !strings.EqualFold(windows.UTF16ToString(e.ExeFile[:]), "conhost.exe") {
			out = append(out, e)
		}
	}
	return out
}

func entryLine(e windows.ProcessEntry32) string {
	return fmt.Sprintf("%d %s", e.ProcessID, windows.UTF16ToString(e.ExeFile[:]))
}

// processMemoryCounters is PROCESS_MEMORY_COUNTERS (psapi.h).
type processMemoryCounters struct {
	cb                         uint32
	pageFaultCount             uint32
	peakWorkingSetSize         uintptr
	workingSetSize             uintptr
	quotaPeakPagedPoolUsage    uintptr
	quotaPagedPoolUsage        uintptr
	quotaPeakNonPagedPoolUsage uintptr
	quotaNonPagedPoolUsage     uintptr
	pagefileUsage              uintptr
	peakPagefileUsage          uintptr
}

var procGetProcessMemoryInfo = windows.NewLazySystemDLL("kernel32.dll").NewProc("K32GetProcessMemoryInfo")

// processMem returns the working set of pid and its peak in bytes.
func processMem(pid int) (rss, hwm int64, err error) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return 0, 0, fmt.Errorf("harness: open process %d: %w", pid, err)
	}
	defer windows.CloseHandle(h)
	c := processMemoryCounters{cb: uint32(unsafe.Sizeof(processMemoryCounters{}))}
	if r, _, err := procGetProcessMemoryInfo.Call(uintptr(h), uintptr(unsafe.Pointer(&c)), uintptr(c.cb)); r == 0 {
		return 0, 0, fmt.Errorf("harness: memory of process %d: %w", pid, err)
	}
	return int64(c.workingSetSize), int64(c.peakWorkingSetSize), nil
}

// listenerOwned cannot tell who holds a port here: known is false, and a /health that
// answers is taken as the server's own.
func listenerOwned(pid, port int) (ours, known bool) { return false, false }
