package suite

import (
	"os/exec"
	"syscall"
)

// stopTree makes cancelling cmd (`go test`) interrupt its whole process group, go and the
// test binary both, as a Ctrl-C at a terminal does: go ignores an interrupt of its own
// while a test binary runs, and the test binary's guard stops its servers. go also gets
// SIGTERM if this process dies, and the test binary's guard then sees its parent gone.
func stopTree(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
}
