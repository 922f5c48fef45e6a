package harness

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is one running llama-server child process.
type Server struct {
	Config   Config // with defaults filled in
	URL      string // http://127.0.0.1:PORT
	Port     int
	PID      int
	Caps     *Caps
	Tools    *Tools
	Headers  Headers       // the GGUF headers of its files, read once before the start
	Started  time.Time     // process start
	LoadTime time.Duration // process start to the first /health ok (cold load)
	RPC      []*RPCWorker  // the RPC workers, in Config.RPC's order (rpc.go)

	cmd      *exec.Cmd
	log      *logBuffer
	mem      *memSampler
	done     chan struct{} // closed when the child has exited and been reaped
	exitErr  error
	stopOnce sync.Once
	stopped  StopResult
	stopErr  error
}

// StopResult says how a server ended.
type StopResult struct {
	How      string // "interrupt", "second interrupt", "kill", "exited" (it was already gone)
	Duration time.Duration
	ExitErr  error // the child's exit status, nil for a clean exit
}

// errBindRace marks a start that failed because the free port was taken meanwhile.
var errBindRace = errors.New("port taken")

// Start validates cfg, starts llama-server and waits until /health answers ok. A failed
// start leaves nothing running: the child is stopped and reaped before Start returns, and
// the error carries the child's last error line. With cfg.Port 0 a bind race on the free
// port is retried (three tries).
func Start(ctx context.Context, tools *Tools, cfg Config) (*Server, error) {
	headers, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	caps, err := tools.Caps(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkRPCCaps(cfg, caps); err != nil { // before any worker starts
		return nil, err
	}
	workers, err := startRPCWorkers(ctx, tools, cfg)
	if err != nil {
		return nil, err
	}
	cfg.RPC = rpcAddrs(workers)
	for try := 1; ; try++ {
		s, err := startOnce(ctx, tools, caps, cfg)
		if err == nil {
			s.Headers = headers
			s.RPC = workers
			s.watchRPC()
		}
		if err == nil || !errors.Is(err, errBindRace) || cfg.Port != 0 || try == 3 {
			if err != nil {
				stopRPCWorkers(workers, cfg.StopTimeout)
			}
			return s, err
		}
		cfg.logger().Info("llama-server: port taken, retrying", "config", cfg.Name, "try", try, "err", err)
	}
}

// pickPort is where startOnce gets a free port; a test replaces it to hand out a taken one.
var pickPort = freePort

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("harness: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startOnce(ctx context.Context, tools *Tools, caps *Caps, cfg Config) (*Server, error) {
	port := cfg.Port
	if port == 0 {
		p, err := pickPort()
		if err != nil {
			return nil, err
		}
		port = p
	}
	args, err := cfg.Args(caps, port)
	if err != nil {
		return nil, err
	}
	// The child's lifetime is ours, not ctx's: ctx only bounds the start.
	cmd, err := tools.Command(context.Background(), "llama-server", args...)
	if err != nil {
		return nil, err
	}
	s := &Server{
		Config: cfg, Port: port, URL: "http://127.0.0.1:" + strconv.Itoa(port),
		Caps: caps, Tools: tools, cmd: cmd,
		log: newLogBuffer(4 << 20), done: make(chan struct{}),
	}
	var out io.Writer = s.log
	if cfg.Log != nil {
		out = io.MultiWriter(s.log, cfg.Log)
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = append(os.Environ(), cfg.Env...)
	cmd.Env = withoutEnv(cmd.Env, "LLAMA_SERVER_DEBUG_FAKE_TIMING") // never fake timings
	// Its own process group, and killed by the kernel if we die (proc_linux.go).
	serverProcAttr(cmd)
	s.Started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("harness: starting %s: %w", tools.Server, err)
	}
	s.PID = cmd.Process.Pid
	track(s)
	s.mem = startMemSampler(s.PID, 100*time.Millisecond)
	go func() {
		s.exitErr = cmd.Wait()
		close(s.done)
	}()
	log := cfg.logger()
	log.Info("llama-server: starting", "config", cfg.Name, "pid", s.PID, "url", s.URL,
		"cmd", commandLine(tools.Server, args))

	if err := s.waitReady(ctx); err != nil {
		s.Stop()
		if !errors.Is(err, errBindRace) && (s.log.Contains("couldn't bind") || s.log.Contains("Address already in use")) {
			err = fmt.Errorf("%w; it could not bind 127.0.0.1:%d (%w)", err, port, errBindRace)
		}
		log.Info("llama-server: start failed", "config", cfg.Name, "pid", s.PID, "err", err)
		return nil, err
	}
	s.LoadTime = time.Since(s.Started)
	log.Info("llama-server: ready", "config", cfg.Name, "pid", s.PID, "url", s.URL,
		"load", s.LoadTime.Round(time.Millisecond))
	return s, nil
}

func withoutEnv(env []string, key string) []string {
	out := env[:0:0]
	for _, e := range env {
		if !strings.HasPrefix(e, key+"=") {
			out = append(out, e)
		}
	}
	return out
}

// commandLine is the command for a log line: words with spaces or quotes quoted.
func commandLine(bin string, args []string) string {
	words := make([]string, 0, len(args)+1)
	for _, w := range append([]string{bin}, args...) {
		if w == "" || strings.ContainsAny(w, " \t\"'") {
			w = strconv.Quote(w)
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// readyDeadline is when waitReady gives up: ReadyTimeout after the start, or after the
// server's last output if that is later (a cold load that keeps logging is not stuck),
// but never past ReadyLimit after the start.
func (s *Server) readyDeadline() time.Time {
	c := s.Config
	dl := s.Started.Add(c.ReadyTimeout)
	if last := s.log.lastWrite(); last.Add(c.ReadyTimeout).After(dl) {
		dl = last.Add(c.ReadyTimeout)
	}
	if limit := s.Started.Add(c.ReadyLimit); dl.After(limit) {
		dl = limit
	}
	return dl
}

// waitReady polls /health until it answers 200, the child exits, ctx ends or the ready
// deadline passes (readyDeadline: ReadyTimeout, stretched while the log grows, at most
// ReadyLimit). Each probe has its own short timeout; between probes the wait grows from
// 10 ms to 100 ms.
func (s *Server) waitReady(ctx context.Context) error {
	c := s.Config
	client := &http.Client{Timeout: time.Second}
	wait := 10 * time.Millisecond
	stretched := false
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/health", nil)
		if resp, err := client.Do(req); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s.ownsPort()
			}
		}
		now := time.Now()
		if dl := s.readyDeadline(); !now.Before(dl) {
			if quiet := now.Sub(s.log.lastWrite()); quiet < c.ReadyTimeout {
				return fmt.Errorf("harness: llama-server not ready after %v, the hard limit (ReadyLimit; its log was still growing); last log line: %s",
					c.ReadyLimit, s.LastError())
			}
			if !stretched {
				return fmt.Errorf("harness: llama-server not ready after %v (ReadyTimeout); last log line: %s",
					c.ReadyTimeout, s.LastError())
			}
			return fmt.Errorf("harness: llama-server not ready after %v, its log quiet for %v (ReadyTimeout); last log line: %s",
				now.Sub(s.Started).Round(100*time.Millisecond), c.ReadyTimeout, s.LastError())
		}
		if !stretched && now.Sub(s.Started) >= c.ReadyTimeout {
			stretched = true
			c.logger().Info("llama-server: still loading past the ready timeout; waiting while its log grows",
				"config", c.Name, "pid", s.PID, "timeout", c.ReadyTimeout, "limit", c.ReadyLimit)
		}
		select {
		case <-s.done:
			return fmt.Errorf("harness: llama-server exited while loading (%v): %s", s.exitErr, s.LastError())
		case <-ctx.Done():
			return fmt.Errorf("harness: waiting for llama-server: %w", ctx.Err())
		case <-time.After(wait):
			wait = min(wait*2, 100*time.Millisecond)
		}
	}
}

// ownsPort checks that the /health that answered is our child's: between freePort closing
// its listener and the child binding, another process (a second suite's server) can take
// the port, and its ok would pass for ours while our child fails to bind. Where the
// listener's owner cannot be read (listenerOwned), the answer is taken as ours.
func (s *Server) ownsPort() error {
	if ours, known := listenerOwned(s.PID, s.Port); known && !ours {
		return fmt.Errorf("harness: 127.0.0.1:%d answers /health, but not from the llama-server we started (pid %d): another process listens there (%w)",
			s.Port, s.PID, errBindRace)
	}
	return nil
}

// secondInterrupt is how long Stop waits after its interrupt before a second one.
const secondInterrupt = 500 * time.Millisecond

// Stop ends the server: an interrupt to its process group, a second one after half a
// second (llama-server's "terminating immediately"), then, after StopTimeout, a kill. The child is always reaped. Stop is idempotent and safe to call concurrently.
func (s *Server) Stop() (StopResult, error) { return s.stop(s.Config.StopTimeout) }

// stop is Stop with the wait between interrupt and kill given: the lifetime guard's is
// shorter than StopTimeout.
func (s *Server) stop(grace time.Duration) (StopResult, error) {
	s.stopOnce.Do(func() {
		start := time.Now()
		defer func() {
			s.mem.close()
			stopRPCWorkers(s.RPC, grace) // after the server: it holds their connections
			untrack(s)
			s.stopped.Duration = time.Since(start)
			s.stopped.ExitErr = s.exitErr
			s.Config.logger().Info("llama-server: stopped", "config", s.Config.Name, "pid", s.PID,
				"how", s.stopped.How, "took", s.stopped.Duration.Round(time.Millisecond), "exit", s.exitErr)
		}()
		select {
		case <-s.done:
			s.stopped.How = "exited"
			return
		default:
		}
		s.mem.sample() // a last reading while it is alive
		s.stopped.How = "interrupt"
		if err := interruptGroup(s.cmd.Process); err != nil {
			grace = 0 // no interrupt on this OS: kill
		}
		// llama-server waits on a request in flight after the first interrupt (for more
		// than 10 s with a stream open) and exits at once on a second one.
		second, kill := time.After(min(secondInterrupt, grace/2)), time.After(grace)
		for stopped := false; !stopped; {
			select {
			case <-s.done:
				stopped = true
			case <-second:
				s.stopped.How = "second interrupt"
				interruptGroup(s.cmd.Process)
			case <-kill:
				s.stopped.How = "kill"
				killGroup(s.cmd.Process)
				select {
				case <-s.done:
					stopped = true
				case <-time.After(10 * time.Second):
					s.stopErr = fmt.Errorf("harness: llama-server pid %d survived SIGKILL for 10s", s.PID)
					return
				}
			}
		}
		killGroup(s.cmd.Process) // anything left in its group
	})
	return s.stopped, s.stopErr
}

// Done is closed when the child has exited.
func (s *Server) Done() <-chan struct{} { return s.done }

// Log returns the server's buffered output (the last 4 MiB).
func (s *Server) Log() string { return s.log.String() }

// LogMark is the current end of the server's output, for LogSince and RequestLog.
func (s *Server) LogMark() int64 { return s.log.mark() }

// LogSince returns the server's output after mark (LogMark), as much of it as the buffer
// still holds: what one request logged, once its answer is in. It first waits for the
// output to settle (no new bytes for 50 ms, at most 1 s): the log comes through a pipe,
// so the last lines about a request may still be on their way.
func (s *Server) LogSince(mark int64) string {
	s.log.settle(50*time.Millisecond, time.Second)
	out, _ := s.log.since(mark)
	return out
}

// taskDoneRE is the line with which llama-server (build 11669, at its default verbosity and
// above) closes each task's timings: "slot print_timing: id  0 | task 0 | total time = …".
var taskDoneRE = regexp.MustCompile(`print_timing: .*total time =`)

// RequestLog returns the server's output after mark (LogMark) once the request that was
// sent after mark has been logged to its end. llama.cpp writes its log from a thread of its
// own, which a loaded machine may hold back for longer than any quiet period: so this
// waits for the task's closing timings line (taskDoneRE; the logger keeps its lines in
// order, so every earlier line of the request is in by then), at most wait, and only then
// for the output to settle as LogSince does. A build or verbosity that prints no timings
// costs the whole wait.
func (s *Server) RequestLog(mark int64, wait time.Duration) string {
	for end := time.Now().Add(wait); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if out, _ := s.log.since(mark); taskDoneRE.MatchString(out) {
			break
		}
	}
	return s.LogSince(mark)
}

// LastError is the last line of the server's output that reads like an error.
func (s *Server) LastError() string { return s.log.LastError() }

// Memory returns the server's resident memory: current and peak.
func (s *Server) Memory() Memory {
	s.mem.sample()
	return s.mem.get()
}

// Client returns a client for this server.
func (s *Server) Client() *Client {
	c := NewClient(s.URL, "")
	c.Logger = s.Config.Logger
	if len(s.RPC) > 0 {
		c.explain = s.explainRPC // a lost worker is named (rpc.go)
	}
	return c
}

// live tracks started servers so that a TestMain can stop them all and report leaks.
var live sync.Map // *Server → struct{}

func track(s *Server)   { live.Store(s, struct{}{}) }
func untrack(s *Server) { live.Delete(s) }

// StopAll stops every server this process started and has not stopped; it returns how
// many there were.
func StopAll() int { return stopAll(-1) }

// stopAll stops the live servers at once, each with grace between interrupt and kill
// (negative: its own StopTimeout), and returns how many there were.
func stopAll(grace time.Duration) int {
	var wg sync.WaitGroup
	n := 0
	live.Range(func(k, _ any) bool {
		srv := k.(*Server)
		n++
		wg.Go(func() {
			g := grace
			if g < 0 {
				g = srv.Config.StopTimeout
			}
			srv.stop(g)
		})
		return true
	})
	wg.Wait()
	return n
}
