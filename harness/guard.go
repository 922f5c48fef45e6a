package harness

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The ends of a test binary that skip its deferred cleanups, and what the guard does:
//
//   - SIGINT, SIGTERM or SIGHUP to the test binary, alone or with its process group (a
//     Ctrl-C at the terminal): stop every server, kill any other child, exit 128+signal.
//     A second signal while stopping kills at once.
//   - Its parent dies (`go test` killed, or sent SIGTERM: go does not pass that on, and the
//     test binary would run on to its own timeout): the guard polls the parent pid, and
//     does the same, exit status 1.
//   - SIGKILL of the test binary: nothing can run; on Linux the kernel kills every server
//     and llama.cpp tool (their parent-death signal, proc_linux.go), on Windows the job
//     object they are in (proc_windows.go); on macOS and the BSDs they are left running.
//
// `go test` itself ignores SIGINT while a test binary runs (it expects the terminal to
// have sent it to the whole group, test binary included), so SIGINT to go alone changes
// nothing: the run goes on.

// guardGrace is how long a stopping server may take between interrupt and kill when the
// guard stops it: short, so that a cancelled run is gone within a few seconds.
const guardGrace = 3 * time.Second

// guardPoll is how often the guard looks for its parent.
const guardPoll = 100 * time.Millisecond

type guardian struct {
	ppid       int
	parentGone func() bool // watchParent (guard_unix.go, guard_windows.go)
	exit       func(code int)
	log        io.Writer
	sigs       chan os.Signal
	quit       chan struct{}
	once       sync.Once
	mu         sync.Mutex
}

// guard starts the lifetime guard for this process and returns the function that stops
// it. exit ends the process (os.Exit; tests pass their own); log gets one line per event.
func guard(exit func(code int), log io.Writer) (stop func()) {
	ppid := os.Getppid()
	g := &guardian{ppid: ppid, parentGone: watchParent(ppid), exit: exit, log: log,
		sigs: make(chan os.Signal, 2), quit: make(chan struct{})}
	signal.Notify(g.sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go g.watch()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(g.sigs)
			close(g.quit)
		})
	}
}

func (g *guardian) watch() {
	tick := time.NewTicker(guardPoll)
	defer tick.Stop()
	for {
		select {
		case <-g.quit:
			return
		case sig := <-g.sigs:
			code := 1
			if n, ok := sig.(syscall.Signal); ok {
				code = 128 + int(n)
			}
			fmt.Fprintf(g.log, "harness: %v: stopping every llama-server and child process, then exiting\n", sig)
			go g.shutdown(sig.String(), code)
			select { // a second signal: kill now
			case <-g.quit:
				return
			case sig := <-g.sigs:
				g.mu.Lock() // one exit
				for _, k := range killAll() {
					fmt.Fprintf(g.log, "harness: %v again: killed %s\n", sig, k)
				}
				g.exit(code)
				g.mu.Unlock()
				return
			}
		case <-tick.C:
			if g.parentGone() {
				// The output may go to the dead parent: stop first, write after.
				g.shutdown(fmt.Sprintf("parent process %d is gone", g.ppid), 1)
				return
			}
		}
	}
}

// shutdown stops every server and kills every other child, says so, and exits.
func (g *guardian) shutdown(why string, code int) {
	g.once.Do(func() {
		start := time.Now()
		n := stopAll(guardGrace)
		kids := killChildren()
		g.mu.Lock()
		defer g.mu.Unlock()
		fmt.Fprintf(g.log, "harness: %s: stopped %d llama-server(s)", why, n)
		if len(kids) > 0 {
			fmt.Fprintf(g.log, " and killed %d other child process(es) (%s)", len(kids), strings.Join(kids, "; "))
		}
		fmt.Fprintf(g.log, " in %v; exiting\n", time.Since(start).Round(time.Millisecond))
		g.exit(code)
	})
}

// killAll kills every live server's group and every child at once.
func killAll() []string {
	var out []string
	live.Range(func(k, _ any) bool {
		srv := k.(*Server)
		killGroup(srv.cmd.Process)
		out = append(out, fmt.Sprintf("llama-server pid %d", srv.PID))
		return true
	})
	return append(out, killChildren()...)
}
