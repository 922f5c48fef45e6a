package harness

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Memory is a process's resident memory, in bytes.
type Memory struct {
	Current int64 // VmRSS at the last sample
	Peak    int64 // the highest of the kernel's VmHWM and every sample
	Samples int
}

// memSampler reads /proc/PID/status on a ticker until stopped. The kernel's own high-water
// mark (VmHWM) catches peaks between samples; the samples give the current figure.
type memSampler struct {
	pid  int
	mu   sync.Mutex
	mem  Memory
	stop chan struct{}
	done chan struct{}
}

func startMemSampler(pid int, every time.Duration) *memSampler {
	m := &memSampler{pid: pid, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(m.done)
		t := time.NewTicker(every)
		defer t.Stop()
		m.sample()
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				m.sample()
			}
		}
	}()
	return m
}

func (m *memSampler) sample() {
	rss, hwm, err := readStatusMem(m.pid)
	if err != nil {
		return // the process is gone; keep the last figures
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mem.Current = rss
	m.mem.Peak = max(m.mem.Peak, hwm, rss)
	m.mem.Samples++
}

func (m *memSampler) get() Memory {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.mem
}

func (m *memSampler) close() {
	select {
	case <-m.stop:
	default:
		close(m.stop)
	}
	<-m.done
}

// readStatusMem returns VmRSS and VmHWM of pid in bytes.
func readStatusMem(pid int) (rss, hwm int64, err error) {
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
