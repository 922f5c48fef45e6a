package harness

import "testing"

func TestParseGPUApps(t *testing.T) {
	out := "1234, 512\n999, 100\n1234, 256\n\nbad line\n"
	if got := parseGPUApps(out, 1234); got != 768<<20 {
		t.Errorf("parseGPUApps() = %d, want %d", got, 768<<20)
	}
	if got := parseGPUApps(out, 42); got != 0 {
		t.Errorf("parseGPUApps(other pid) = %d, want 0", got)
	}
}
