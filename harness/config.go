package harness

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
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
	Context   int // -c; default 4096
	Parallel  int // -np, server slots; default 1
	Verbosity int // -lv; 0 leaves the build's default
	// Port to listen on (127.0.0.1); 0 picks a free one and retries on a bind race.
	Port int

	ExtraArgs []string // appended last, as they are
	Env       []string // extra environment, "KEY=value"

	ReadyTimeout time.Duration // process start to /health ok; default 60s
	StopTimeout  time.Duration // interrupt to kill; default 10s

	// Log, when set, receives the server's output as it comes (besides the buffer).
	Log io.Writer
}

func (c Config) withDefaults() Config {
	if c.Threads == 0 {
		c.Threads = runtime.NumCPU()
	}
	if c.Context == 0 {
		c.Context = 4096
	}
	if c.Parallel == 0 {
		c.Parallel = 1
	}
	if c.ReadyTimeout == 0 {
		c.ReadyTimeout = 60 * time.Second
	}
	if c.StopTimeout == 0 {
		c.StopTimeout = 10 * time.Second
	}
	if c.Draft != "" && c.SpecType == "" {
		c.SpecType = "draft-simple"
	}
	if c.SpecType != "" && c.DraftMax == 0 {
		c.DraftMax = 8
	}
	return c
}

// Validate checks the config before anything starts: every file named exists, is a
// regular GGUF file whose header reads, and the mmproj fits the model (see preflight), so
// a typo or a wrong pair gives an error naming the file instead of a server that dies
// while loading.
func (c Config) Validate() error {
	if c.Model == "" {
		return fmt.Errorf("harness: config %q: no model file given", c.Name)
	}
	for _, f := range []struct{ what, path string }{
		{"model", c.Model}, {"mmproj", c.MMProj}, {"draft model", c.Draft},
	} {
		if f.path == "" {
			continue
		}
		if err := checkGGUF(f.path); err != nil {
			return fmt.Errorf("harness: %s: %w", f.what, err)
		}
	}
	if err := c.preflight(); err != nil {
		return err
	}
	if c.Draft != "" && strings.HasPrefix(c.SpecType, "ngram") {
		return fmt.Errorf("harness: config %q: spec type %s takes no draft model", c.Name, c.SpecType)
	}
	if c.Parallel < 0 || c.Threads < 0 || c.Context < 0 || c.Port < 0 || c.ImageMaxTokens < 0 || c.ImageMinTokens < 0 {
		return fmt.Errorf("harness: config %q: negative threads, context, parallel, port or image tokens", c.Name)
	}
	for _, kv := range c.OverrideKV {
		if !strings.Contains(kv, "=") || !strings.Contains(kv, ":") {
			return fmt.Errorf("harness: override-kv %q: want KEY=TYPE:VALUE, e.g. qwen3vlmoe.expert_used_count=int:4", kv)
		}
	}
	return nil
}

func checkGGUF(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err // *PathError names the file
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	magic := make([]byte, 4)
	if _, err := io.ReadFull(f, magic); err != nil || !bytes.Equal(magic, []byte("GGUF")) {
		return fmt.Errorf("%s: not a GGUF file (bad magic %q)", path, magic)
	}
	return nil
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
	return fmt.Sprintf("%s|%s|%s|%s|%d|%d|%v|%d|%d|%d|%d|%d|%d|%v|%v",
		c.Model, c.MMProj, c.Draft, c.SpecType, c.DraftMax, c.DraftMin, c.OverrideKV,
		c.ImageMaxTokens, c.ImageMinTokens, c.Threads, c.Context, c.Parallel, c.Verbosity, c.ExtraArgs, c.Env)
}
