//go:build unix

package harness

import "os"

// watchParent returns the test that the parent process ppid is gone: on Unix an orphan is
// handed to init (or a subreaper), so the parent pid changes. A parent pid of 1 at the
// start means none to watch (started by init, or orphaned already).
func watchParent(ppid int) (gone func() bool) {
	if ppid <= 1 {
		return func() bool { return false }
	}
	return func() bool { return os.Getppid() != ppid }
}
