package suite

import (
	"fmt"
	"os/exec"
)

// availableMemory is what vm_stat counts as free or reclaimable.
func availableMemory() (uint64, error) {
	out, err := exec.Command("vm_stat").Output()
	if err != nil {
		return 0, fmt.Errorf("vm_stat: %w", err)
	}
	return parseVMStat(string(out))
}
