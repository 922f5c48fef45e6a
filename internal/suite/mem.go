package suite

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// parseMeminfo reads MemAvailable from Linux's /proc/meminfo, in bytes.
func parseMeminfo(r io.Reader) (uint64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("/proc/meminfo: %w", err)
			}
			return kb * 1024, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("/proc/meminfo: %w", err)
	}
	return 0, fmt.Errorf("/proc/meminfo has no MemAvailable")
}

var (
	vmStatPageSize = regexp.MustCompile(`page size of (\d+) bytes`)
	vmStatPages    = regexp.MustCompile(`(?m)^Pages (free|inactive|speculative|purgeable):\s+(\d+)\.`)
)

// parseVMStat reads what macOS's vm_stat counts as available without swapping, in bytes:
// the free, inactive, speculative and purgeable pages (as Activity Monitor's "memory
// available" does), times the page size of its header.
func parseVMStat(out string) (uint64, error) {
	m := vmStatPageSize.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("vm_stat: no page size in %q", firstLine(out))
	}
	page, _ := strconv.ParseUint(m[1], 10, 64)
	var pages uint64
	found := 0
	for _, m := range vmStatPages.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.ParseUint(m[2], 10, 64)
		pages += n
		found++
	}
	if found == 0 {
		return 0, fmt.Errorf("vm_stat: no free or inactive pages listed")
	}
	return pages * page, nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
