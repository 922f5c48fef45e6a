package harness

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vlbench/vlbench/internal/synth"
)

// Flags are the command-line settings every suite shares (vlrubric, perf, the standard
// sets). NewSuite registers them; the README lists them.
type Flags struct {
	LlamaServer   string // -llama-server; else $LLAMA_SERVER, build/llama, PATH
	Model         string // -model: GGUF text model; default: the synthetic Qwen2.5-VL-like model
	MMProj        string // -mmproj: its vision projector
	Name          string // -name: the model's name in results (default: its file name)
	Draft         string // -draft: a draft model for speculative configs
	Endpoint      string // -endpoint: an OpenAI-compatible server to use instead of starting one
	EndpointModel string // -endpoint-model: the model name to send to -endpoint
	Ctx           int    // -ctx: context size
	Threads       int    // -server-threads: llama-server -t; 0: every CPU
	Parallel      int    // -parallel: server slots
	ServerArgs    string // -server-args: extra llama-server arguments, space separated
	ServerLog     bool   // -server-log: stream server output to stderr
	RPC           string // -rpc: llama.cpp RPC workers, host:port,… or local:N (ParseRPC)
	ReadyTimeout  time.Duration
}

// Env names for the endpoint's API key, first set wins.
var apiKeyEnv = []string{"VLBENCH_API_KEY", "OPENAI_API_KEY"}

// Suite is a test package's shared llama-servers: one per configuration, started on first
// use, stopped after the package's tests. Use it from TestMain:
//
//	var suite *harness.Suite
//
//	func TestMain(m *testing.M) {
//		suite = harness.NewSuite(flag.CommandLine)
//		flag.Parse()
//		os.Exit(suite.Run(m))
//	}
type Suite struct {
	Flags *Flags
	// Logger is the harness's log for every server of the suite (Config.Logger) and for the
	// suite's own messages. nil: one to stderr, at Info under -v or -server-log and
	// otherwise only warnings and errors.
	Logger *slog.Logger

	mu      sync.Mutex
	logger  *slog.Logger
	servers map[string]*sharedServer
	tools   *Tools
	toolErr error
	order   []*sharedServer
}

type sharedServer struct {
	once  sync.Once
	cfg   Config
	srv   *Server
	err   error
	users sync.Map // testing.TB → struct{}: the tests that asked for it and have not ended
}

// NewSuite registers the shared flags on fs.
func NewSuite(fs *flag.FlagSet) *Suite {
	f := &Flags{}
	fs.StringVar(&f.LlamaServer, "llama-server", "", "llama-server `binary` of your own build (default $LLAMA_SERVER, then build/llama from `make llama`, then PATH)")
	fs.StringVar(&f.Model, "model", "", "GGUF `model` under test (default: the synthetic Qwen2.5-VL-like model)")
	fs.StringVar(&f.MMProj, "mmproj", "", "vision projector (mmproj) `GGUF` of -model")
	fs.StringVar(&f.Name, "name", "", "the model's `name` in results files (default: its file name without .gguf)")
	fs.StringVar(&f.Draft, "draft", "", "draft model `GGUF` for speculative decoding configs")
	fs.StringVar(&f.Endpoint, "endpoint", "", "OpenAI-compatible `URL` to test instead of starting llama-server (API key from $VLBENCH_API_KEY or $OPENAI_API_KEY)")
	fs.StringVar(&f.EndpointModel, "endpoint-model", "", "model `name` sent to -endpoint")
	def := DefaultConfig()
	fs.IntVar(&f.Ctx, "ctx", def.Context, "llama-server context `size`, shared by the slots")
	fs.IntVar(&f.Parallel, "parallel", def.Parallel, "llama-server parallel `slots`")
	fs.IntVar(&f.Threads, "server-threads", 0, "llama-server `threads` (-t); 0: every CPU")
	fs.StringVar(&f.ServerArgs, "server-args", "", "extra llama-server `arguments`, space separated")
	fs.BoolVar(&f.ServerLog, "server-log", false, "stream llama-server output to stderr")
	fs.StringVar(&f.RPC, "rpc", "", "split the model over llama.cpp RPC `workers`: host:port of running ggml-rpc-servers, comma-separated, or local:N to start N on loopback")
	fs.DurationVar(&f.ReadyTimeout, "ready-timeout", def.ReadyTimeout, "how long a server may take to load, and may go quiet while loading (a load whose log keeps growing may take up to "+def.ReadyLimit.String()+")")
	return &Suite{Flags: f, servers: map[string]*sharedServer{}}
}

// InCI reports whether this is a CI run (CI=true), where a missing llama-server fails.
func InCI() bool { return os.Getenv("CI") == "true" }

// Tools finds llama.cpp. If there is none, the test is skipped with the fix, except in
// CI, where it fails.
func (s *Suite) Tools(tb testing.TB) *Tools {
	tb.Helper()
	s.mu.Lock()
	if s.tools == nil && s.toolErr == nil {
		s.tools, s.toolErr = LocateTools(s.Flags.LlamaServer)
	}
	t, err := s.tools, s.toolErr
	s.mu.Unlock()
	if err != nil {
		Missing(tb, err)
	}
	return t
}

// SkipShort skips a long real-server test under -short, except in CI (CI=true): there
// -short never skips the real-server tests, so a CI run cannot pass without them.
func SkipShort(tb testing.TB, why string) {
	tb.Helper()
	if testing.Short() && !InCI() {
		tb.Skipf("-short: %s (CI=true runs it even under -short)", why)
	}
}

// Missing ends a test that needs something absent: a skip with the reason, or in CI a
// failure.
func Missing(tb testing.TB, err error) {
	tb.Helper()
	if InCI() {
		tb.Fatalf("%v (CI=true: required)", err)
	}
	tb.Skipf("%v", err)
}

// Base is the model under test as a server config: -model/-mmproj, or the synthetic
// Qwen2.5-VL-like pair. Speculation is off; WithVariant(base, "spec-k8", suite.Draft(tb))
// turns it on.
func (s *Suite) Base(tb testing.TB) Config {
	tb.Helper()
	cfg := Config{Name: "baseline", Context: s.Flags.Ctx, Parallel: s.Flags.Parallel,
		Threads: s.Flags.Threads, ReadyTimeout: s.Flags.ReadyTimeout}
	if s.Flags.ServerArgs != "" {
		cfg.ExtraArgs = strings.Fields(s.Flags.ServerArgs)
	}
	if s.Flags.ServerLog {
		cfg.Log = os.Stderr
	}
	rpc, err := ParseRPC(s.Flags.RPC)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.RPC = rpc
	cfg.Logger = s.log()
	model, mmproj, err := s.ModelFiles()
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Model, cfg.MMProj = model, mmproj
	return cfg
}

// ModelFiles are the model under test and its projector: -model and -mmproj, or the
// synthetic Qwen2.5-VL-like pair (written on first use).
func (s *Suite) ModelFiles() (model, mmproj string, err error) {
	if s.Flags.Model != "" {
		return s.Flags.Model, s.Flags.MMProj, nil
	}
	m, err := Synthetic(synth.Qwen25VL)
	if err != nil {
		return "", "", fmt.Errorf("writing the synthetic model: %w", err)
	}
	return m.Model, m.MMProj, nil
}

// Draft is the draft model for speculative configs: -draft, or for the synthetic default
// model the synthetic draft; "" when there is none.
func (s *Suite) Draft(tb testing.TB) string {
	tb.Helper()
	if s.Flags.Model != "" {
		return s.Flags.Draft
	}
	d, err := Synthetic(synth.Draft)
	if err != nil {
		tb.Fatalf("writing the synthetic draft model: %v", err)
	}
	return d.Model
}

// Config is the base config changed to the named configuration (see WithVariant), for a
// configuration the user asked for by name (-config): a name that is unknown or does not
// apply to the model fails the test with the reason. Callers that choose configurations
// themselves (perf, the suite) decide with WithVariant and skip what does not apply.
func (s *Suite) Config(tb testing.TB, name string) Config {
	tb.Helper()
	cfg, err := WithVariant(s.Base(tb), name, s.Draft(tb))
	if err != nil {
		tb.Fatalf("-config %s: %v", name, err)
	}
	return cfg
}

// ModelName is the model's name in results: -name, else the file name of the model
// without .gguf (cfg.Model), else "endpoint" for an endpoint without a model file.
func (s *Suite) ModelName(model string) string {
	if s.Flags.Name != "" {
		return s.Flags.Name
	}
	if model == "" {
		if s.Flags.EndpointModel != "" {
			return s.Flags.EndpointModel
		}
		return "endpoint"
	}
	return strings.TrimSuffix(filepath.Base(model), ".gguf")
}

// Synthetic writes (once) and returns one of the synthetic models in the cache folder.
func Synthetic(kind synth.Kind) (synth.Model, error) {
	dir, err := synth.CacheDir()
	if err != nil {
		return synth.Model{}, err
	}
	return synth.Ensure(dir, kind)
}

// Server returns the shared server for cfg, starting it on first use. A start that failed
// fails every test that asks for it, with the same error.
func (s *Suite) Server(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	tools := s.Tools(tb)
	key := cfg.Key()
	s.mu.Lock()
	sh := s.servers[key]
	if sh == nil {
		sh = &sharedServer{cfg: cfg}
		s.servers[key] = sh
		s.order = append(s.order, sh)
	}
	s.mu.Unlock()
	startedHere := false
	sh.once.Do(func() {
		startedHere = true
		ctx, cancel := context.WithTimeout(context.Background(), cfg.withDefaults().ReadyLimit+30*time.Second)
		defer cancel()
		sh.srv, sh.err = Start(ctx, tools, cfg)
	})
	if sh.err != nil {
		tb.Fatalf("starting llama-server for config %q: %v", cfg.Name, sh.err)
	}
	sh.attach(tb, startedHere)
	return sh.srv
}

// attach makes tb a user of the shared server, once per test: if tb fails, its cleanup
// prints the server's log lines written since tb first asked for it (since the start,
// when tb started it), not the log of the whole package.
func (sh *sharedServer) attach(tb testing.TB, startedHere bool) {
	if _, already := sh.users.LoadOrStore(tb, struct{}{}); already {
		return
	}
	from := int64(0)
	if !startedHere {
		from = sh.srv.log.mark()
	}
	tb.Cleanup(func() {
		sh.users.Delete(tb)
		if tb.Failed() {
			sh.srv.log.settle(100*time.Millisecond, time.Second)
			tb.Logf("llama-server %q (pid %d, %s): its log while this test ran:\n%s",
				sh.cfg.Name, sh.srv.PID, sh.srv.URL, logExcerpt(sh.srv.log.since(from)))
		}
	})
}

// maxLogLines is how many lines of a server's log a failed test prints at most.
const maxLogLines = 400

// logExcerpt is a stretch of a server's log for a test's output: its last maxLogLines,
// saying what is left out.
func logExcerpt(out string, dropped int64) string {
	out = strings.TrimRight(out, "\n")
	if out == "" && dropped == 0 {
		return "(nothing)"
	}
	n := strings.Count(out, "\n") + 1
	var note []string
	if dropped > 0 {
		note = append(note, fmt.Sprintf("%d bytes before these are no longer kept", dropped))
	}
	if n > maxLogLines {
		note = append(note, fmt.Sprintf("%d earlier lines not shown", n-maxLogLines))
		out = lastLines(out, maxLogLines)
	}
	if note != nil {
		out = "(" + strings.Join(note, "; ") + "; -server-log streams it all)\n" + out
	}
	return out
}

// log is the suite's logger: Logger, or stderr at Info under -v or -server-log, else at
// Warn.
func (s *Suite) log() *slog.Logger {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.logger == nil {
		s.logger = s.Logger
		if s.logger == nil {
			level := slog.LevelWarn
			if testing.Verbose() || s.Flags.ServerLog {
				level = slog.LevelInfo
			}
			s.logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
		}
	}
	return s.logger
}

// Client returns a client for cfg: the -endpoint when given, else cfg's shared server.
func (s *Suite) Client(tb testing.TB, cfg Config) *Client {
	tb.Helper()
	if s.Flags.Endpoint != "" {
		key := ""
		for _, e := range apiKeyEnv {
			if key = os.Getenv(e); key != "" {
				break
			}
		}
		c := NewClient(s.Flags.Endpoint, key)
		c.Logger = s.log()
		if s.Flags.EndpointModel != "" {
			c.Model = s.Flags.EndpointModel
		}
		return c
	}
	return s.Server(tb, cfg).Client()
}

// Run runs the tests, then stops every server (logged at Info: how each stopped). A failed
// test prints the log lines its servers wrote while it ran (see Server). It fails the run
// if a server cannot be stopped or a child process is left behind. While the tests
// run, a guard (guard.go) stops every server and exits when the test binary is signalled
// or its parent (`go test`) dies.
func (s *Suite) Run(m *testing.M) int {
	defer guard(os.Exit, os.Stderr)()
	code := m.Run()
	s.mu.Lock()
	order := s.order
	s.mu.Unlock()
	log := s.log()
	for _, sh := range order {
		if sh.srv == nil {
			continue
		}
		if _, err := sh.srv.Stop(); err != nil {
			log.Error("harness: stopping the shared servers", "config", sh.cfg.Name, "err", err)
			code = 1
		}
	}
	if n := StopAll(); n > 0 {
		log.Error("harness: llama-servers were started outside the suite and not stopped by their tests", "count", n)
		code = 1
	}
	if left := ChildProcesses(); len(left) > 0 {
		log.Error("harness: child processes left behind", "processes", left)
		code = 1
	}
	return code
}

// StartT starts a server for one test and stops it in t.Cleanup, printing its log when
// the test failed. Without a cfg.Logger the harness logs into the test's output (shown
// under -v or when the test fails).
func StartT(tb testing.TB, tools *Tools, cfg Config) *Server {
	tb.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(tb.Output(), nil))
	}
	srv, err := Start(context.Background(), tools, cfg)
	if err != nil {
		tb.Fatalf("starting llama-server: %v", err)
	}
	tb.Cleanup(func() {
		res, err := srv.Stop()
		if err != nil {
			tb.Error(err)
		}
		if tb.Failed() {
			tb.Logf("llama-server (pid %d) stopped by %s in %v; its log:\n%s", srv.PID, res.How,
				res.Duration.Round(time.Millisecond), logExcerpt(srv.log.since(0)))
		}
	})
	return srv
}

// SyntheticLarge makes (once; minutes) and returns the realistic dense model in the
// cache folder, quantized by this installation's llama-quantize. log, when not nil,
// receives llama-quantize's output.
func SyntheticLarge(tools *Tools, log io.Writer) (synth.Model, error) {
	dir, err := synth.CacheDir()
	if err != nil {
		return synth.Model{}, err
	}
	return synth.EnsureLarge(dir, synth.LargeOptions{Log: log,
		Quantize: func(args ...string) (*exec.Cmd, error) {
			return tools.Command(context.Background(), "llama-quantize", args...)
		}})
}
