package gguf

import (
	"os"
	"runtime"
	"strings"
	"sync"
)

// CPUBuffers is the set of extra buffer types that ggml's CPU backend offers for weights,
// which decides where a model's matrices go at load and what copy of them it keeps
// (ExtraBytes). llama.cpp tries the extra types in the backend's order
// (ggml_backend_cpu_get_extra_buffer_types: AMX, then CPU_REPACK) and puts each weight in
// the first whose supports_op takes its matrix product; the rest stay mapped from the file.
type CPUBuffers uint8

const (
	// HostBuffers is this machine's: AMXBuffers where HostCPUBuffers finds AMX, else
	// RepackBuffers. It is ServeOptions' zero value.
	HostBuffers CPUBuffers = iota
	// RepackBuffers is CPU_REPACK alone: x86-64 with AVX2 but without AMX (any AMD, Intel
	// before Sapphire Rapids).
	RepackBuffers
	// AMXBuffers is AMX first, CPU_REPACK for what AMX does not take: an Intel Xeon with AMX
	// (Sapphire Rapids and later) running a CPU backend built with it (Debian's
	// libggml-cpu-sapphirerapids, a native build on the machine).
	AMXBuffers
	// NoExtraBuffers is none: llama-server -nr (--no-repack) keeps every weight as the
	// file has it (llama.cpp's use_extra_bufts off).
	NoExtraBuffers
)

func (b CPUBuffers) String() string {
	switch b {
	case HostBuffers:
		return "host"
	case RepackBuffers:
		return "CPU_REPACK"
	case AMXBuffers:
		return "AMX+CPU_REPACK"
	case NoExtraBuffers:
		return "none"
	}
	return "CPUBuffers(?)"
}

// amxFlags are the /proc/cpuinfo flags that the CPU backend with AMX needs: the features of
// ggml's sapphirerapids variant beyond AVX2 (ggml/src/CMakeLists.txt,
// ggml_add_cpu_backend_variant(sapphirerapids … AVX512 AVX512_VBMI AVX512_VNNI AVX512_BF16
// AMX_TILE AMX_INT8)), which ggml's loader checks before it picks that variant; amx.cpp's
// buffer type exists only where __AMX_INT8__ and __AVX512VNNI__ are compiled in. The
// kernel lists the AMX flags only where it lets processes use the tile state, the
// permission that ggml_amx_init asks for (ARCH_REQ_XCOMP_PERM).
var amxFlags = []string{"avx512f", "avx512vbmi", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8"}

// cpuBuffersOf reads the CPUBuffers from the text of /proc/cpuinfo: AMXBuffers when the
// first processor's flags hold every one of amxFlags.
func cpuBuffersOf(cpuinfo string) CPUBuffers {
	for _, line := range strings.Split(cpuinfo, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(k) != "flags" {
			continue
		}
		have := map[string]bool{}
		for _, f := range strings.Fields(v) {
			have[f] = true
		}
		for _, f := range amxFlags {
			if !have[f] {
				return RepackBuffers
			}
		}
		return AMXBuffers
	}
	return RepackBuffers
}

var hostCPUBuffers = sync.OnceValue(func() CPUBuffers {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		return RepackBuffers
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return RepackBuffers
	}
	return cpuBuffersOf(string(b))
})

// HostCPUBuffers is the CPU backend's extra buffers on this machine, as llama.cpp decides
// them from the CPU's features: AMXBuffers on Linux x86-64 where /proc/cpuinfo lists the
// features of ggml's AMX build (amxFlags), else RepackBuffers. A llama.cpp built without
// AMX on such a machine (a user's build for another CPU) uses CPU_REPACK alone; the
// server's system_info line says which it runs ("AMX_INT8 = 1").
func HostCPUBuffers() CPUBuffers { return hostCPUBuffers() }
