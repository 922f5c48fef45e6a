//go:build !unix

package suite

import (
	"os"
	"os/exec"
)

// stopTree makes cancelling cmd (`go test`) interrupt it; without Unix there is no
// process group to signal, and WaitDelay then kills it.
func stopTree(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
}
