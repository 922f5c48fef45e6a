package harness

import "golang.org/x/sys/windows"

// watchParent returns the test that the parent process ppid is gone: Windows keeps an
// orphan's parent pid, so the guard holds a handle on the parent (which also keeps its
// pid from being reused) and asks whether it has exited. A parent that cannot be opened
// is not watched.
func watchParent(ppid int) (gone func() bool) {
	h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(ppid))
	if err != nil {
		return func() bool { return false }
	}
	return func() bool {
		ev, err := windows.WaitForSingleObject(h, 0)
		return err == nil && ev == windows.WAIT_OBJECT_0
	}
}
