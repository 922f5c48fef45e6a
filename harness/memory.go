package harness

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vlbench/vlbench/internal/gguf"
)

// Memory is a process's resident memory, in bytes.
type Memory struct {
	Current int64 // VmRSS at the last sample
	Peak    int64 // the highest of the kernel's VmHWM and every sample
	Samples int
	// GPU memory the process holds, where nvidia-smi exists (else 0): the last sample
	// and the highest.
	GPU, GPUPeak int64
}

// memSampler reads the process's memory (processMem: /proc/PID/status on Linux) on a
// ticker until stopped. The kernel's own high-water mark (Linux's VmHWM, Windows' peak
// working set) catches peaks between samples; the samples give the current figure.
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
	rss, hwm, err := processMem(m.pid)
	if err != nil {
		return // the process is gone; keep the last figures
	}
	m.mu.Lock()
	n := m.mem.Samples
	m.mu.Unlock()
	gpu, gpuOK := int64(0), false
	if n%10 == 0 { // nvidia-smi is slow: every tenth sample, outside the lock
		gpu, gpuOK = gpuMemory(m.pid)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mem.Current = rss
	m.mem.Peak = max(m.mem.Peak, hwm, rss)
	m.mem.Samples++
	if gpuOK {
		m.mem.GPU = gpu
		m.mem.GPUPeak = max(m.mem.GPUPeak, gpu)
	}
}

var nvidiaSMI, _ = exec.LookPath("nvidia-smi")

// gpuMemory is the GPU memory pid holds by nvidia-smi's account; false without
// nvidia-smi or when it fails.
func gpuMemory(pid int) (int64, bool) {
	if nvidiaSMI == "" {
		return 0, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, nvidiaSMI, "--query-compute-apps=pid,used_memory",
		"--format=csv,noheader,nounits").Output()
	if err != nil {
		return 0, false
	}
	return parseGPUApps(string(out), pid), true
}

// parseGPUApps sums the MiB that nvidia-smi lists for pid ("1234, 5678" lines), in bytes.
func parseGPUApps(out string, pid int) int64 {
	var total int64
	for _, line := range strings.Split(out, "\n") {
		p, mib, ok := strings.Cut(line, ",")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err != nil || n != pid {
			continue
		}
		if v, err := strconv.ParseInt(strings.TrimSpace(mib), 10, 64); err == nil {
			total += v << 20
		}
	}
	return total
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

// ServeOptions are the config's settings that llama-server's memory depends on (-c, -np,
// and -ub, -ctk, -ctv, -lm, -nr, -ts among ExtraArgs: ServeOptionsOf), for
// gguf.EstimateMemory and gguf.SplitMemory.
func (c Config) ServeOptions() gguf.ServeOptions {
	c = c.withDefaults()
	return ServeOptionsOf(c.Context, c.Parallel, c.ExtraArgs)
}

// ServeOptionsOf reads the options of a llama-server run with context ctx, parallel slots
// and extra arguments args (a manifest's args, -server-args). The last of each wins, as in
// llama-server: -lm/--load-mode none, mlock or dio read the weights into memory (auto, mmap
// and mmap+mlock map them; older builds' --no-mmap/--mmap count too); -nr/--no-repack
// keeps them out of the CPU backend's extra buffers (gguf.NoExtraBuffers), --repack lets
// them in (this machine's, gguf.HostBuffers).
func ServeOptionsOf(ctx, parallel int, args []string) gguf.ServeOptions {
	o := gguf.ServeOptions{Context: uint64(max(ctx, 0)), Parallel: uint64(max(parallel, 0))}
	for i, a := range args {
		name, val, hasVal := strings.Cut(a, "=")
		if !hasVal && i+1 < len(args) {
			val = args[i+1]
		}
		switch name {
		case "-ub", "--ubatch-size":
			if n, err := strconv.ParseUint(val, 10, 64); err == nil {
				o.UBatch = n
			}
		case "-ctk", "--cache-type-k":
			o.CacheK = val
		case "-ctv", "--cache-type-v":
			o.CacheV = val
		case "-ts", "--tensor-split":
			o.TensorSplit = nil
			for f := range strings.SplitSeq(val, ",") {
				if x, err := strconv.ParseFloat(strings.TrimSpace(f), 64); err == nil {
					o.TensorSplit = append(o.TensorSplit, x)
				}
			}
		case "-lm", "--load-mode":
			switch val {
			case "none", "mlock", "dio":
				o.NoMMap = true
			case "auto", "mmap", "mmap+mlock":
				o.NoMMap = false
			}
		case "--no-mmap":
			o.NoMMap = true
		case "--mmap":
			o.NoMMap = false
		case "-nr", "--no-repack":
			o.Buffers = gguf.NoExtraBuffers
		case "--repack":
			o.Buffers = gguf.HostBuffers
		}
	}
	return o
}
