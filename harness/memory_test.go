package harness

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

func TestParseGPUApps(t *testing.T) {
	out := "1234, 512\n999, 100\n1234, 256\n\nbad line\n"
	if got := parseGPUApps(out, 1234); got != 768<<20 {
		t.Errorf("parseGPUApps() = %d, want %d", got, 768<<20)
	}
	if got := parseGPUApps(out, 42); got != 0 {
		t.Errorf("parseGPUApps(other pid) = %d, want 0", got)
	}
}

// llamaMiB reads the MiB figure of a log line of llama-server's (-lv 4) that matches re,
// summed over its matches; ok is false when there is none.
func llamaMiB(log string, re *regexp.Regexp) (mib float64, ok bool) {
	for _, m := range re.FindAllStringSubmatch(log, -1) {
		v, err := strconv.ParseFloat(m[1], 64)
		if err == nil {
			mib += v
			ok = true
		}
	}
	return mib, ok
}

var (
	kvLine     = regexp.MustCompile(`llama_kv_cache: +CPU KV buffer size = +([0-9.]+) MiB`)
	repackLine = regexp.MustCompile(`CPU_REPACK model buffer size = +([0-9.]+) MiB`)
	amxLine    = regexp.MustCompile(` AMX model buffer size = +([0-9.]+) MiB`)
	// the weights read into memory (-lm none); mapped ones are CPU_Mapped
	cpuWeightsLine = regexp.MustCompile(`load_tensors: +CPU model buffer size = +([0-9.]+) MiB`)
	computeLine    = regexp.MustCompile(`sched_reserve: +CPU compute buffer size = +([0-9.]+) MiB`)
	// system_info: n_threads = 2 … | CPU : SSE3 = 1 | … | AMX_INT8 = 1 | OPENMP = 1 | REPACK = 1 |
	systemInfoLine = regexp.MustCompile(`system_info: .*`)
)

// The memory estimate's parts are what llama.cpp itself reports allocating (KV cache and
// the CPU backend's CPU_REPACK and AMX copies of the weights to the 0.01 MiB it prints, the
// compute buffer, less the attention mask left out, within 10%), and on the Debian build
// the total is within 10% of the measured peak RSS after a full ubatch and an image. The
// Debian build loads the CPU variant for this CPU: its system_info says AMX where
// gguf.HostCPUBuffers finds it.
func TestEstimateMemory(t *testing.T) {
	tools := suite.Tools(t)
	vlm := synthConfig(t, synth.Qwen25VL)
	cases := []Config{vlm}
	if large, err := synth.EnsureLarge(mustCacheDir(t), synth.LargeOptions{}); err == nil {
		cases = append(cases, Config{Name: "large", Model: large.Model, Threads: 2})
	} else {
		t.Logf("the large synthetic model is not made (make models-large): only the small ones: %v", err)
	}
	for _, cfg := range cases {
		t.Run(cfg.Name, func(t *testing.T) {
			cfg.Context, cfg.Parallel, cfg.Verbosity = 4096, 2, 4
			model, err := gguf.OpenModel(cfg.Model)
			require.NoError(t, err)
			var proj *gguf.Facts
			if cfg.MMProj != "" {
				p, err := gguf.Open(cfg.MMProj)
				require.NoError(t, err)
				pf := p.Facts()
				proj = &pf
			}
			est := gguf.EstimateMemory(model.Facts(), proj, nil, cfg.ServeOptions())
			srv := StartT(t, tools, cfg)
			c := srv.Client()
			ids := make([]int, 512)
			for i := range ids {
				ids[i] = 3 + i*7%250
			}
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			_, err = c.Complete(ctx, CompletionRequest{Prompt: ids, NPredict: 8, IgnoreEOS: true})
			require.NoError(t, err)
			if cfg.MMProj != "" {
				ask(t, c, testPNG(t, 224, 224), false)
			}
			log, mem := srv.Log(), srv.Memory()

			const mib = 1 << 20
			kv, ok := llamaMiB(log, kvLine)
			require.True(t, ok, "no KV buffer line at -lv 4")
			assert.InDelta(t, kv, float64(est.KV)/mib, 0.01, "KV cache")
			checkExtraBuffers(t, tools, log, est)
			compute, ok := llamaMiB(log, computeLine)
			require.True(t, ok, "no compute buffer line at -lv 4")
			mask := float64(cfg.Context/cfg.Parallel*512*2) / mib
			assert.InEpsilon(t, compute, float64(est.Compute)/mib+mask, 0.10, "compute buffer")
			t.Logf("estimate %v; measured peak %.1f MiB (%.1f%%)", est, float64(mem.Peak)/mib, 100*float64(est.Total())/float64(mem.Peak))
			if tools.Root != "" { // RuntimeBytes is this build's
				assert.InEpsilon(t, float64(mem.Peak), float64(est.Total()), 0.10, "estimate against the peak RSS")
			}
		})
	}
}

// checkExtraBuffers checks the CPU backend's copies of the weights in llama-server's log
// (-lv 4) against the estimate: each buffer to the 0.01 MiB it prints, and a buffer the
// estimate has must be there. On the Debian build, which loads the CPU variant for this
// CPU, the server's system_info must say AMX where gguf.HostCPUBuffers finds it.
func checkExtraBuffers(t *testing.T, tools *Tools, log string, est gguf.Memory) {
	t.Helper()
	const mib = 1 << 20
	for _, b := range []struct {
		name string
		line *regexp.Regexp
		est  uint64
	}{{"CPU_REPACK", repackLine, est.Repack}, {"AMX", amxLine, est.AMX}} {
		got, ok := llamaMiB(log, b.line)
		if b.est > 0 && !ok {
			t.Errorf("no %s model buffer line, where the estimate has %.2f MiB", b.name, float64(b.est)/mib)
		}
		assert.InDelta(t, got, float64(b.est)/mib, 0.01, "%s copy of the weights", b.name)
	}
	if tools.Root != "" {
		info := systemInfoLine.FindString(log)
		require.NotEmpty(t, info, "no system_info line")
		assert.Equal(t, strings.Contains(info, "AMX_INT8 = 1"), gguf.HostCPUBuffers() == gguf.AMXBuffers,
			"gguf.HostCPUBuffers() = %v against the server's %s", gguf.HostCPUBuffers(), info)
	}
}

// The load options that move the weights, on the large model (quantized: the one that
// the extra buffers take), as loaded: -nr leaves both extra buffers out; -lm none reads
// into a CPU buffer exactly what they do not copy (gguf.Memory.Weights).
func TestEstimateMemoryLoadOptions(t *testing.T) {
	tools := suite.Tools(t)
	large, err := synth.EnsureLarge(mustCacheDir(t), synth.LargeOptions{})
	if err != nil {
		t.Skipf("the large synthetic model is not made (make models-large): %v", err)
	}
	model, err := gguf.OpenModel(large.Model)
	require.NoError(t, err)
	for _, args := range [][]string{{"-nr"}, {"-lm", "none"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			cfg := Config{Name: "large", Model: large.Model, Threads: 2, Context: 512, Parallel: 1, Verbosity: 4, ExtraArgs: args}
			est := gguf.EstimateMemory(model.Facts(), nil, nil, cfg.ServeOptions())
			log := StartT(t, tools, cfg).Log()
			checkExtraBuffers(t, tools, log, est)
			read, ok := llamaMiB(log, cpuWeightsLine)
			if cfg.ServeOptions().NoMMap {
				require.True(t, ok, "no CPU model buffer line with %q", args)
				assert.InDelta(t, read, float64(est.Weights)/(1<<20), 0.01, "weights read into memory")
			} else {
				assert.False(t, ok, "a CPU model buffer (%.2f MiB) where the weights are mapped", read)
				assert.Zero(t, est.AMX+est.Repack, "no copies with %q", args)
			}
		})
	}
}

func mustCacheDir(tb testing.TB) string {
	tb.Helper()
	dir, err := synth.CacheDir()
	require.NoError(tb, err)
	return dir
}

func TestServeOptionsOf(t *testing.T) {
	got := ServeOptionsOf(8192, 4, []string{"-ub", "256", "--cache-type-k=q8_0", "-ctv", "q4_0", "--no-mmap", "--jinja"})
	want := gguf.ServeOptions{Context: 8192, Parallel: 4, UBatch: 256, CacheK: "q8_0", CacheV: "q4_0", NoMMap: true}
	assert.Equal(t, want, got)
	d := DefaultConfig()
	assert.Equal(t, gguf.ServeOptions{Context: uint64(d.Context), Parallel: uint64(d.Parallel)}, Config{Model: "m.gguf"}.ServeOptions(), "the config's defaults")
	c := Config{Context: 2048, Parallel: 2, ExtraArgs: []string{"--no-mmap", "--mmap", "--ubatch-size=128"}}
	assert.Equal(t, gguf.ServeOptions{Context: 2048, Parallel: 2, UBatch: 128}, c.ServeOptions(), "the last of --no-mmap/--mmap wins")
	for _, tc := range []struct {
		args []string
		want gguf.ServeOptions
	}{
		{[]string{"-lm", "none"}, gguf.ServeOptions{NoMMap: true}},
		{[]string{"--load-mode=dio"}, gguf.ServeOptions{NoMMap: true}},
		{[]string{"-lm", "mlock"}, gguf.ServeOptions{NoMMap: true}},
		{[]string{"-lm", "none", "-lm", "mmap+mlock"}, gguf.ServeOptions{}},
		{[]string{"--no-mmap", "-lm", "auto"}, gguf.ServeOptions{}},
		{[]string{"-nr"}, gguf.ServeOptions{Buffers: gguf.NoExtraBuffers}},
		{[]string{"--no-repack", "-lm", "none"}, gguf.ServeOptions{Buffers: gguf.NoExtraBuffers, NoMMap: true}},
		{[]string{"-nr", "--repack"}, gguf.ServeOptions{Buffers: gguf.HostBuffers}},
	} {
		assert.Equal(t, tc.want, ServeOptionsOf(0, 0, tc.args), "%q", tc.args)
	}
}
