package gguf

import "testing"

// The AMX layout applies where the first processor's flags hold every feature of ggml's
// AMX build; a CPU with AVX-512 but no AMX (AMD Zen 4, Intel Ice Lake), one with AMX but a
// feature of the build missing, and text without flags get CPU_REPACK alone.
func TestCPUBuffersOf(t *testing.T) {
	const (
		base = "fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx f16c fma bmi2 avx2 "
		spr  = base + "avx512f avx512dq avx512vbmi avx512_vnni avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8"
		zen4 = base + "avx512f avx512dq avx512vbmi avx512_vnni avx512_bf16"
	)
	for _, tc := range []struct {
		name, cpuinfo string
		want          CPUBuffers
	}{
		{"sapphire rapids", "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: " + spr + "\nbugs\t\t: spectre_v1\n\nprocessor\t: 1\nflags\t\t: " + spr + "\n", AMXBuffers},
		{"zen4", "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: " + zen4 + "\n", RepackBuffers},
		{"amx without avx512_bf16", "flags\t\t: " + base + "avx512f avx512vbmi avx512_vnni amx_tile amx_int8\n", RepackBuffers},
		{"amx_int8 as part of another word", "flags\t\t: " + zen4 + " xamx_int8 amx_tilex\n", RepackBuffers},
		{"no flags line", "processor\t: 0\nFeatures\t: fp asimd\n", RepackBuffers},
		{"empty", "", RepackBuffers},
	} {
		if got := cpuBuffersOf(tc.cpuinfo); got != tc.want {
			t.Errorf("%s: cpuBuffersOf() = %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := HostCPUBuffers(); got != RepackBuffers && got != AMXBuffers {
		t.Errorf("HostCPUBuffers() = %v, want CPU_REPACK or AMX+CPU_REPACK", got)
	}
}
