//go:build !linux && !darwin

package suite

import (
	"errors"
	"runtime"
)

// availableMemory is not known here: the manifest's memory_limit_gib must say.
func availableMemory() (uint64, error) {
	return 0, errors.New("no reading of the available memory on " + runtime.GOOS)
}
