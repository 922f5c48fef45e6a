package harness

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/vlbench/vlbench/internal/gguf"
)

// Config describes one llama-server: the files it loads and the settings that make a
// benchmark configuration ("baseline", "moe4", "spec-k8", …). The zero value of every
// optional field means the default given beside it. Validate and Args never start anything.
type Config struct {
	// Name labels the configuration in logs and results ("baseline"); optional.
	Name string

	Model  string // GGUF text model; required
	MMProj string // vision projector (mmproj) GGUF; optional
	Draft  string // draft model for speculative decoding; optional

	// SpecType is llama.cpp's --spec-type: "draft-simple" (the default when Draft is set),
	// or an n-gram kind ("ngram-simple", …) that needs no draft. Empty and no Draft: off.
	SpecType string
	DraftMax int // tokens drafted per step (--spec-draft-n-max); default 8
	DraftMin int // --spec-draft-n-min; default 0

	// OverrideKV entries are passed as --override-kv, e.g.
	// "qwen3vlmoe.expert_used_count=int:4".
	OverrideKV []string

	// ImageMaxTokens and ImageMinTokens are the image-token budget,
	// --image-max-tokens / --image-min-tokens (dynamic-resolution projectors such as
	// Qwen2.5-VL's and Qwen3-VL's); 0 leaves the model's own.
	ImageMaxTokens int
	ImageMinTokens int

	Threads   int // -t; default runtime.NumCPU()
	Context   int // -c, shared by the slots; default DefaultConfig's
	Parallel  int // -np, server slots; default DefaultConfig's
	Verbosity int // -lv; 0 leaves the build's default
	// Port to listen on (127.0.0.1); 0 picks a free one and retries on a bind race.
	Port int

	// RPC lists llama.cpp RPC workers to split the model over (--rpc): "host:port" of a
	// running ggml-rpc-server, or RPCLocal for one the harness starts and owns (rpc.go).
	RPC []string

	ExtraArgs []string // appended last, as they are
	Env       []string // extra environment, "KEY=value"

	// ReadyTimeout is how long a server may take from process start to /health ok, and
	// how long it may go quiet while loading: as long as its log keeps growing (a large
	// model's cold load prints its progress) the deadline stretches, up to ReadyLimit
	// after the start. Defaults: DefaultConfig's.
	ReadyTimeout time.Duration
	ReadyLimit   time.Duration
	StopTimeout  time.Duration // interrupt to kill; default DefaultConfig's

	// Log, when set, receives the server's output as it comes (besides the buffer).
	Log io.Writer
	// Logger receives the harness's own account of the server at Info: the command line,
	// readiness and load time, a load stretched past ReadyTimeout, the stop and how it
	// went. nil: nothing is logged. Suite gives its own (shown under -v or -server-log).
	Logger *slog.Logger
}

// logger is c.Logger, or one that drops everything.
func (c Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// DefaultConfig is the one statement of the defaults: what a Config's zero fields mean,
// and the suites' flag defaults (-ctx, -parallel, -ready-timeout). 16384 tokens of context
// shared by 2 slots holds a 4096-token answer with its image and prompt in each slot;
// 120 s is a cold load of a mid-size model from disk, stretched while the log shows it is
// still loading up to 30 min (a 235B model); 10 s from interrupt to kill.
func DefaultConfig() Config {
	return Config{
		Threads:      runtime.NumCPU(),
		Context:      16384,
		Parallel:     2,
		DraftMax:     8, // with speculation on
		ReadyTimeout: 120 * time.Second,
		ReadyLimit:   30 * time.Minute,
		StopTimeout:  10 * time.Second,
	}
}

// withDefaults fills the zero fields from DefaultConfig. A ReadyLimit below ReadyTimeout
// is raised to it.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	setDefault(&c.Threads, d.Threads)
	setDefault(&c.Context, d.Context)
	setDefault(&c.Parallel, d.Parallel)
	setDefault(&c.ReadyTimeout, d.ReadyTimeout)
	setDefault(&c.ReadyLimit, d.ReadyLimit)
	c.ReadyLimit = max(c.ReadyLimit, c.ReadyTimeout)
	setDefault(&c.StopTimeout, d.StopTimeout)
	if c.Draft != "" && c.SpecType == "" {
		c.SpecType = "draft-simple"
	}
	if c.SpecType != "" {
		setDefault(&c.DraftMax, d.DraftMax)
	}
	return c
}

// setDefault sets a zero *v to def.
func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// Headers are the GGUF headers (metadata and tensor infos, no weights) of a config's files,
// each read once by Validate; Start keeps them on the Server, so that what needs the
// files' facts or fingerprints afterwards (results, caches, estimates) asks them instead of
// reading the files again. A file not given is nil.
type Headers struct {
	Model, MMProj, Draft *gguf.File
}

// Validate checks the config before anything starts: every file named exists, is a
// regular GGUF file whose header reads, and the mmproj fits the model (see preflight), so
// a typo or a wrong pair gives an error naming the file instead of a server that dies
// while loading.
func (c Config) Validate() error {
	_, err := c.validate()
	return err
}

// validate is Validate, returning the headers it read.
func (c Config) validate() (Headers, error) {
	var h Headers
	if c.Model == "" {
		return h, fmt.Errorf("harness: config %q: no model file given", c.Name)
	}
	for _, f := range []struct {
		what, path string
		dst        **gguf.File
	}{
		{"model", c.Model, &h.Model}, {"mmproj", c.MMProj, &h.MMProj}, {"draft model", c.Draft, &h.Draft},
	} {
		if f.path == "" {
			continue
		}
		g, err := gguf.OpenModel(f.path) // a split model with every shard
		if err != nil {
			return h, fmt.Errorf("harness: %s: %w", f.what, err)
		}
		*f.dst = g
	}
	if err := c.preflight(h); err != nil {
		return h, err
	}
	if err := c.validateRPC(); err != nil {
		return h, err
	}
	if c.Draft != "" && strings.HasPrefix(c.SpecType, "ngram") {
		return h, fmt.Errorf("harness: config %q: spec type %s takes no draft model", c.Name, c.SpecType)
	}
	if c.Parallel < 0 || c.Threads < 0 || c.Context < 0 || c.Port < 0 || c.ImageMaxTokens < 0 || c.ImageMinTokens < 0 {
		return h, fmt.Errorf("harness: config %q: negative threads, context, parallel, port or image tokens", c.Name)
	}
	for _, kv := range c.OverrideKV {
		if !strings.Contains(kv, "=") || !strings.Contains(kv, ":") {
			return h, fmt.Errorf("harness: override-kv %q: want KEY=TYPE:VALUE, e.g. qwen3vlmoe.expert_used_count=int:4", kv)
		}
	}
	return h, nil
}

// Args returns llama-server's command line for this config on the given port, using the
// flags that this build (caps) takes. A setting the build cannot take is an error that
// says what the build lacks.
func (c Config) Args(caps *Caps, port int) ([]string, error) {
	c = c.withDefaults()
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	args := []string{
		"--host", "127.0.0.1", "--port", strconv.Itoa(port),
		"-m", abs(c.Model),
		"-t", strconv.Itoa(c.Threads),
		"-c", strconv.Itoa(c.Context),
		"-np", strconv.Itoa(c.Parallel),
	}
	if c.MMProj != "" {
		args = append(args, "--mmproj", abs(c.MMProj))
	}
	if caps.Has("--no-webui") {
		args = append(args, "--no-webui")
	}
	if c.Verbosity != 0 {
		args = append(args, "-lv", strconv.Itoa(c.Verbosity))
	}
	for _, kv := range c.OverrideKV {
		if !caps.Has("--override-kv") {
			return nil, fmt.Errorf("harness: this llama-server (%s) lacks --override-kv", caps.Version)
		}
		args = append(args, "--override-kv", kv)
	}
	for _, b := range []struct {
		flag string
		n    int
	}{{"--image-max-tokens", c.ImageMaxTokens}, {"--image-min-tokens", c.ImageMinTokens}} {
		if b.n == 0 {
			continue
		}
		if !caps.Has(b.flag) {
			return nil, fmt.Errorf("harness: this llama-server (%s) lacks %s", caps.Version, b.flag)
		}
		args = append(args, b.flag, strconv.Itoa(b.n))
	}
	spec, err := c.specArgs(caps, abs)
	if err != nil {
		return nil, err
	}
	args = append(args, spec...)
	rpc, err := c.rpcArgs(caps)
	if err != nil {
		return nil, err
	}
	args = append(args, rpc...)
	return append(args, c.ExtraArgs...), nil
}

func (c Config) specArgs(caps *Caps, abs func(string) string) ([]string, error) {
	if c.SpecType == "" {
		return nil, nil
	}
	var args []string
	if c.Draft != "" {
		if !caps.Has("-md") && !caps.Has("--model-draft") {
			return nil, fmt.Errorf("harness: this llama-server (%s) lacks a draft model flag (-md)", caps.Version)
		}
		args = append(args, "-md", abs(c.Draft))
	}
	switch {
	case caps.Has("--spec-type"):
		// Current builds: -md alone does nothing; --spec-type turns speculation on.
		if !caps.HasSpecType(c.SpecType) {
			return nil, fmt.Errorf("harness: this llama-server (%s) has no --spec-type %s (it has %s)",
				caps.Version, c.SpecType, strings.Join(caps.SpecTypes(), ","))
		}
		args = append(args, "--spec-type", c.SpecType)
		if c.Draft != "" {
			if !caps.Has("--spec-draft-n-max") {
				return nil, fmt.Errorf("harness: this llama-server (%s) takes --spec-type but not --spec-draft-n-max", caps.Version)
			}
			args = append(args, "--spec-draft-n-max", strconv.Itoa(c.DraftMax),
				"--spec-draft-n-min", strconv.Itoa(c.DraftMin))
		}
	case c.Draft != "" && caps.Has("--draft-max"):
		// Older builds: a draft model turns speculation on; sizes via --draft-max/min.
		args = append(args, "--draft-max", strconv.Itoa(c.DraftMax), "--draft-min", strconv.Itoa(c.DraftMin))
	default:
		return nil, fmt.Errorf("harness: this llama-server (%s) lacks speculative decoding of type %s "+
			"(neither --spec-type nor --draft-max)", caps.Version, c.SpecType)
	}
	return args, nil
}

// Key identifies a config for sharing one server between tests: configs with equal
// keys start identical servers.
func (c Config) Key() string {
	c = c.withDefaults()
	return fmt.Sprintf("%s|%s|%s|%s|%d|%d|%v|%d|%d|%d|%d|%d|%d|%v|%v|%v",
		c.Model, c.MMProj, c.Draft, c.SpecType, c.DraftMax, c.DraftMin, c.OverrideKV,
		c.ImageMaxTokens, c.ImageMinTokens, c.Threads, c.Context, c.Parallel, c.Verbosity, c.ExtraArgs, c.Env, c.RPC)
}
