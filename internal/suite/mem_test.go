package suite

import (
	"strings"
	"testing"
)

func TestParseMeminfo(t *testing.T) {
	got, err := parseMeminfo(strings.NewReader("MemTotal:       131072000 kB\nMemFree:         1000 kB\nMemAvailable:   65536000 kB\n"))
	if err != nil || got != 65536000*1024 {
		t.Errorf("parseMeminfo = %d, %v; want %d", got, err, 65536000*1024)
	}
	if _, err := parseMeminfo(strings.NewReader("MemTotal: 1 kB\n")); err == nil {
		t.Error("parseMeminfo without MemAvailable: no error")
	}
}

// vm_stat's output on an Apple silicon Mac (16 KiB pages).
const vmStatM2 = `Mach Virtual Memory Statistics: (page size of 16384 bytes)
Pages free:                               12000.
Pages active:                            400000.
Pages inactive:                          300000.
Pages speculative:                         8000.
Pages throttled:                              0.
Pages wired down:                        150000.
Pages purgeable:                           5000.
"Translation faults":                 123456789.
Pages copy-on-write:                    1234567.
`

func TestParseVMStat(t *testing.T) {
	got, err := parseVMStat(vmStatM2)
	if want := uint64(12000+300000+8000+5000) * 16384; err != nil || got != want {
		t.Errorf("parseVMStat = %d, %v; want %d (free+inactive+speculative+purgeable pages × 16384)", got, err, want)
	}
	for _, bad := range []string{"", "Pages free: 12.\n", "Mach Virtual Memory Statistics: (page size of 4096 bytes)\n"} {
		if _, err := parseVMStat(bad); err == nil {
			t.Errorf("parseVMStat(%q): no error", bad)
		}
	}
}
