package harness

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// llama.cpp's RPC engine spreads one model over ggml-rpc-server workers: llama-server
// --rpc host:port,… puts layers on them as it would on GPUs (split mode layer). The
// harness either attaches to workers it is given (Config.RPC entries "host:port") or
// starts them itself (entries RPCLocal), and then owns them as it owns the server:
//
//   - each local worker gets a free loopback port (a bind race is retried), its own
//     process group and the parent-death signal, and its output in a buffer;
//   - it is ready when it accepts a connection and says so in its log (a probe that
//     another process answered does not count);
//   - given workers are dialled before the server starts: one that does not answer is
//     an error naming it;
//   - Server.Stop stops the server, then every local worker (interrupt, kill after
//     StopTimeout), and reaps them; a failed start stops what it started;
//   - a worker that dies while the server runs stops the server, and the request that
//     was in flight fails with an *RPCError naming the worker.
//
// RPC has no authentication: local workers bind 127.0.0.1 only, and a given address
// that is not loopback is the user's explicit choice, warned about once per address.

// RPCLocal as a Config.RPC entry asks the harness to start a local ggml-rpc-server.
const RPCLocal = "local"

// ParseRPC reads the -rpc flag: comma-separated host:port entries, "local", or "local:N"
// (N local workers).
func ParseRPC(s string) ([]string, error) {
	var out []string
	for e := range strings.SplitSeq(s, ",") {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case e == RPCLocal:
			out = append(out, RPCLocal)
		case strings.HasPrefix(e, RPCLocal+":"):
			n, err := strconv.Atoi(strings.TrimPrefix(e, RPCLocal+":"))
			if err != nil || n < 1 {
				return nil, fmt.Errorf("harness: -rpc %q: want local:N with N ≥ 1", e)
			}
			for range n {
				out = append(out, RPCLocal)
			}
		default:
			if err := checkRPCAddr(e); err != nil {
				return nil, err
			}
			out = append(out, e)
		}
	}
	return out, nil
}

func checkRPCAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("harness: rpc worker %q: want host:port or %s: %w", addr, RPCLocal, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || host == "" {
		return fmt.Errorf("harness: rpc worker %q: want host:port with a port 1–65535", addr)
	}
	return nil
}

// isLoopback reports whether host is this machine only: localhost or a loopback IP.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

var (
	rpcWarned  sync.Map  // address → struct{}
	rpcWarnOut io.Writer = os.Stderr
)

// warnRemote prints, once per address and process, that a worker outside this machine
// is reached without authentication.
func warnRemote(addr string) {
	host, _, _ := net.SplitHostPort(addr)
	if isLoopback(host) {
		return
	}
	if _, dup := rpcWarned.LoadOrStore(addr, struct{}{}); dup {
		return
	}
	fmt.Fprintf(rpcWarnOut, "harness: WARNING: rpc worker %s is not on loopback: llama.cpp's RPC has no authentication "+
		"or encryption, so anyone who reaches that port can run code on the worker; use it on a trusted network only\n", addr)
}

// validateRPC checks the config's RPC entries.
func (c Config) validateRPC() error {
	for _, e := range c.RPC {
		if e == RPCLocal {
			continue
		}
		if err := checkRPCAddr(e); err != nil {
			return err
		}
	}
	return nil
}

// rpcArgs is --rpc for the workers' addresses, or an error when the build has no RPC.
func (c Config) rpcArgs(caps *Caps) ([]string, error) {
	if len(c.RPC) == 0 {
		return nil, nil
	}
	if err := checkRPCCaps(c, caps); err != nil {
		return nil, err
	}
	for _, e := range c.RPC {
		if e == RPCLocal {
			return nil, fmt.Errorf("harness: config %q: a local rpc worker must be started (Start does) before its address is known", c.Name)
		}
	}
	return []string{"--rpc", strings.Join(c.RPC, ",")}, nil
}

// checkRPCCaps fails a config with RPC workers on a build without RPC.
func checkRPCCaps(c Config, caps *Caps) error {
	if len(c.RPC) > 0 && !caps.Has("--rpc") {
		return fmt.Errorf("harness: this llama-server (%s) was built without RPC: its --help has no --rpc "+
			"(build llama.cpp with -DGGML_RPC=ON; Debian: the libggml0-backend-rpc package, which `make llama` installs)", caps.Version)
	}
	return nil
}

// RPCWorker is one ggml-rpc-server the server uses: one the harness started (Local) or
// one it was given.
type RPCWorker struct {
	Addr  string // host:port as passed to --rpc
	Local bool   // started and owned by the harness
	PID   int    // the local worker's pid; 0 for a given one

	cmd      *exec.Cmd
	log      *logBuffer
	done     chan struct{}
	exitErr  error
	stopping chan struct{} // closed when stop begins: an exit after it is no failure
	died     bool          // it exited before stop began; read after done
	stopOnce sync.Once
	stopped  StopResult
}

// String names the worker for errors and logs.
func (w *RPCWorker) String() string {
	if w.Local {
		return fmt.Sprintf("%s (local ggml-rpc-server pid %d)", w.Addr, w.PID)
	}
	return w.Addr
}

// Log is a local worker's buffered output; "" for a given one.
func (w *RPCWorker) Log() string {
	if w.log == nil {
		return ""
	}
	return w.log.String()
}

// Done is closed when a local worker has exited; nil for a given one.
func (w *RPCWorker) Done() <-chan struct{} { return w.done }

// Stopped says how a local worker ended, once it has.
func (w *RPCWorker) Stopped() StopResult { return w.stopped }

// startRPCWorkers starts the local workers of cfg.RPC and dials the given ones. It
// returns the workers in cfg.RPC's order; on error every started worker is stopped.
func startRPCWorkers(ctx context.Context, tools *Tools, cfg Config) ([]*RPCWorker, error) {
	var ws []*RPCWorker
	fail := func(err error) ([]*RPCWorker, error) {
		stopRPCWorkers(ws, cfg.StopTimeout)
		return nil, err
	}
	for _, e := range cfg.RPC {
		if e != RPCLocal {
			warnRemote(e)
			if err := dialRPC(ctx, e); err != nil {
				return fail(err)
			}
			ws = append(ws, &RPCWorker{Addr: e})
			continue
		}
		var w *RPCWorker
		var err error
		for try := 1; ; try++ {
			w, err = startLocalWorker(ctx, tools, cfg)
			if err == nil || !errors.Is(err, errBindRace) || try == 3 {
				break
			}
			slog.Debug("harness: rpc worker port taken, retrying", "try", try, "err", err)
		}
		if err != nil {
			return fail(err)
		}
		ws = append(ws, w)
	}
	return ws, nil
}

// dialRPC checks that a given worker accepts connections.
func dialRPC(ctx context.Context, addr string) error {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("harness: rpc worker %s does not answer (is ggml-rpc-server running there, with -H set to an address this machine reaches?): %w", addr, err)
	}
	conn.Close()
	return nil
}

// startLocalWorker starts one ggml-rpc-server on a free loopback port with the config's
// threads and waits until it accepts.
func startLocalWorker(ctx context.Context, tools *Tools, cfg Config) (*RPCWorker, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd, err := tools.Command(context.Background(), "ggml-rpc-server",
		"-H", "127.0.0.1", "-p", strconv.Itoa(port), "-t", strconv.Itoa(cfg.Threads))
	if err != nil {
		return nil, fmt.Errorf("harness: local rpc worker: %w", err)
	}
	w := &RPCWorker{Addr: addr, Local: true, cmd: cmd, log: newLogBuffer(1 << 20),
		done: make(chan struct{}), stopping: make(chan struct{})}
	var out io.Writer = w.log
	if cfg.Log != nil {
		out = io.MultiWriter(w.log, cfg.Log)
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = append(os.Environ(), cfg.Env...)
	serverProcAttr(cmd) // its own group; killed by the kernel if we die
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("harness: starting ggml-rpc-server: %w", err)
	}
	w.PID = cmd.Process.Pid
	go func() {
		w.exitErr = cmd.Wait()
		select {
		case <-w.stopping:
		default:
			w.died = true
		}
		close(w.done)
	}()
	slog.Debug("harness: started ggml-rpc-server", "pid", w.PID, "addr", addr)
	if err := w.waitReady(ctx, cfg.ReadyTimeout); err != nil {
		w.stop(cfg.StopTimeout)
		return nil, err
	}
	return w, nil
}

// waitReady dials the worker until it accepts and its own log shows the connection
// accepted (so that another process on the port does not pass for it), it exits, or the
// timeout passes.
func (w *RPCWorker) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	wait := 10 * time.Millisecond
	for {
		if w.log.Contains("Accepted client connection") {
			return nil
		}
		d := net.Dialer{Timeout: time.Second}
		if conn, err := d.DialContext(ctx, "tcp", w.Addr); err == nil {
			conn.Close()
		}
		select {
		case <-w.done:
			err := fmt.Errorf("harness: ggml-rpc-server %s exited while starting (%v): %s", w.Addr, w.exitErr, w.log.LastError())
			if w.log.Contains("Failed to create server socket") {
				err = fmt.Errorf("%w (%w)", err, errBindRace)
			}
			return err
		case <-ctx.Done():
			return fmt.Errorf("harness: ggml-rpc-server %s not ready after %v; last log line: %s", w.Addr, timeout, w.log.LastError())
		case <-time.After(wait):
			wait = min(wait*2, 100*time.Millisecond)
		}
	}
}

// stop ends a local worker: an interrupt to its group, a kill after grace; always reaped.
// A given worker is not ours to stop.
func (w *RPCWorker) stop(grace time.Duration) StopResult {
	if !w.Local {
		return StopResult{}
	}
	w.stopOnce.Do(func() {
		close(w.stopping)
		start := time.Now()
		defer func() {
			w.stopped.Duration = time.Since(start)
			w.stopped.ExitErr = w.exitErr
		}()
		select {
		case <-w.done:
			w.stopped.How = "exited"
			return
		default:
		}
		w.stopped.How = "interrupt"
		if err := interruptGroup(w.cmd.Process); err != nil {
			grace = 0
		}
		select {
		case <-w.done:
		case <-time.After(grace):
			w.stopped.How = "kill"
			killGroup(w.cmd.Process)
			<-w.done
		}
		killGroup(w.cmd.Process) // anything left in its group
		slog.Debug("harness: stopped ggml-rpc-server", "pid", w.PID, "how", w.stopped.How)
	})
	return w.stopped
}

func stopRPCWorkers(ws []*RPCWorker, grace time.Duration) {
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() { w.stop(grace) })
	}
	wg.Wait()
}

// RPCError is a request that failed because an RPC worker died or stopped answering
// while the server used it. The server has been stopped.
type RPCError struct {
	Worker string // the worker, as RPCWorker.String names it
	Detail string // what is known: its exit status, or that it no longer answers
	Err    error  // the request's own error
}

func (e *RPCError) Error() string {
	return fmt.Sprintf("harness: rpc worker %s failed mid-request (%s); llama-server was stopped: %v", e.Worker, e.Detail, e.Err)
}

func (e *RPCError) Unwrap() error { return e.Err }

// watchRPC stops the server when one of its local workers exits on its own.
func (s *Server) watchRPC() {
	for _, w := range s.RPC {
		if !w.Local {
			continue
		}
		go func() {
			select {
			case <-w.done:
				if !w.died {
					return // we stopped it
				}
				slog.Warn("harness: rpc worker exited; stopping llama-server", "worker", w.String(), "err", w.exitErr)
				s.Stop()
			case <-s.done:
			}
		}()
	}
}

// rpcLostWait is how long a failed request waits for the server or a worker to show that a
// worker is gone before the error is returned as it is.
const rpcLostWait = 5 * time.Second

// explainRPC turns a failed request's error into an *RPCError when a worker is gone:
// a local worker that exited, or, when the server aborted on a lost worker, a given worker
// that no longer answers. The server is stopped before it returns. Other errors are
// returned as they are.
func (s *Server) explainRPC(err error) error {
	if err == nil || len(s.RPC) == 0 {
		return err
	}
	var he *HTTPError
	if errors.As(err, &he) {
		return err // the server answered: not a lost worker
	}
	deadline := time.After(rpcLostWait)
	for exited := false; ; {
		if w, detail := s.lostWorker(); w != nil {
			s.Stop()
			return &RPCError{Worker: w.String(), Detail: detail, Err: err}
		}
		if exited {
			return err // the server is gone and no worker is lost: stopped, or died itself
		}
		select {
		case <-deadline:
			return err
		case <-s.done:
			exited = true
			time.Sleep(100 * time.Millisecond) // a worker's exit may be reaped a moment later
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// lostWorker is the worker that is gone, if one is known to be: a local worker that exited
// unasked, or, once the server has said that a remote RPC server crashed (ggml-rpc aborts
// on a lost connection) or has exited, the first given worker that does not accept a
// connection.
func (s *Server) lostWorker() (*RPCWorker, string) {
	for _, w := range s.RPC {
		if !w.Local {
			continue
		}
		select {
		case <-w.done:
			if w.died {
				return w, fmt.Sprintf("it exited: %v", w.exitErr)
			}
		default:
		}
	}
	crashed := lineWith(s.Log(), "Remote RPC server crashed") // "…ggml-rpc.cpp:682: Remote RPC server crashed or …"
	select {
	case <-s.done:
	default:
		if crashed == "" {
			return nil, ""
		}
	}
	why := crashed
	if why == "" {
		why = s.LastError()
	}
	for _, w := range s.RPC {
		if w.Local {
			continue // its exit, if it died, was found above; a stopped one is not lost
		}
		if err := dialRPC(context.Background(), w.Addr); err != nil {
			return w, fmt.Sprintf("it no longer accepts connections; llama-server: %s", why)
		}
	}
	if crashed != "" {
		return &RPCWorker{Addr: strings.Join(s.Config.RPC, ",")}, "llama-server: " + crashed
	}
	return nil, ""
}

// lineWith is the last line of log that contains sub, trimmed; "" when none does.
func lineWith(log, sub string) string {
	i := strings.LastIndex(log, sub)
	if i < 0 {
		return ""
	}
	start := strings.LastIndexByte(log[:i], '\n') + 1
	end := strings.IndexByte(log[i:], '\n')
	if end < 0 {
		end = len(log) - i
	}
	return strings.TrimSpace(log[start : i+end])
}

// rpcAddrs are the workers' addresses, for --rpc.
func rpcAddrs(ws []*RPCWorker) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Addr)
	}
	return out
}

// rpcWorkers are config rpcN's n workers: the first n that base names (-rpc) when it
// names that many, else n local ones.
func rpcWorkers(base []string, n int) []string {
	if len(base) >= n {
		return slices.Clone(base[:n])
	}
	return slices.Repeat([]string{RPCLocal}, n)
}
