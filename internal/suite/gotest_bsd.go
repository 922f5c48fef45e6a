//go:build unix && !linux

package suite

import (
	"os/exec"
	"syscall"
)

// stopTree makes cancelling cmd (`go test`) interrupt its whole process group, go and the
// test binary both, as a Ctrl-C at a terminal does (see gotest_linux.go). Without Linux's
// parent-death signal, a `vlbench suite` that dies leaves go running; the test binary's
// guard stops its servers when go goes.
func stopTree(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
}
