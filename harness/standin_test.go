package harness

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// envStandIn turns this test binary into a stand-in llama-server (TestMain): a process
// that logs as a loading server does and then serves /health, for the ready deadline's
// tests, which need a load slower than any real one on the synthetic models.
const envStandIn = "VLBENCH_STAND_IN"

// standInServer is the stand-in llama-server. spec is
// "load=D,every=E[,for=F][,bind=never][,interrupts=ignored]".
// As llama-server does, it binds --port first and answers /health 503 ("Loading model")
// while it loads; for D (or "never") it writes a line every E (0: nothing; only for the
// first F, when given) to stderr, as a cold load prints its progress; then it answers
// every path with 200, logging each request but /health, until it is signalled. With
// bind=never it binds nothing (a server that never gets its port); with
// interrupts=ignored it ignores SIGINT, so that only a kill stops it. --version and --help
// answer as a build with only -m and --port would.
func standInServer(spec string, args []string) int {
	if len(args) == 1 && args[0] == "--version" {
		fmt.Println("version: 1 (build 1, commit stand-in)")
		return 0
	}
	if len(args) == 1 && args[0] == "--help" {
		fmt.Println("-m,    --model FNAME     model path\n--port PORT               port to listen")
		return 0
	}
	var load, every, logFor time.Duration
	never, bind := false, true
	for _, kv := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "load" && v == "never":
			never = true
		case k == "load":
			load, _ = time.ParseDuration(v)
		case k == "every":
			every, _ = time.ParseDuration(v)
		case k == "for":
			logFor, _ = time.ParseDuration(v)
		case k == "bind" && v == "never":
			bind = false
		case k == "interrupts" && v == "ignored":
			signal.Ignore(os.Interrupt)
			fmt.Fprintln(os.Stderr, "stand-in: ignoring interrupts")
		}
	}
	port := ""
	for i, a := range args {
		if a == "--port" && i+1 < len(args) {
			port = args[i+1]
		}
	}
	var loaded atomic.Bool
	if bind {
		l, err := net.Listen("tcp", "127.0.0.1:"+port)
		if err != nil {
			fmt.Fprintln(os.Stderr, "stand-in: couldn't bind:", err)
			return 1
		}
		go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !loaded.Load() {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintln(w, `{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}`)
				return
			}
			if r.URL.Path != "/health" {
				fmt.Fprintln(os.Stderr, "stand-in: request", r.Method, r.URL.Path) // as llama-server logs each
			}
			fmt.Fprintln(w, `{"status":"ok"}`)
		}))
	}
	fmt.Fprintln(os.Stderr, "stand-in: loading")
	for start := time.Now(); never || time.Since(start) < load; {
		if every <= 0 || logFor > 0 && time.Since(start) >= logFor {
			time.Sleep(time.Hour)
			continue
		}
		time.Sleep(every)
		fmt.Fprintln(os.Stderr, "load_tensors: .")
	}
	loaded.Store(true)
	fmt.Fprintln(os.Stderr, "stand-in: ready")
	for {
		time.Sleep(time.Hour)
	}
}

// standInTools is an installation whose llama-server is this test binary as a stand-in
// with spec (see standInServer).
func standInTools(tb testing.TB, spec string) *Tools {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	bin := filepath.Join(tb.TempDir(), "llama-server")
	script := fmt.Sprintf("#!/bin/sh\n%s=%q exec %q \"$@\"\n", envStandIn, spec, exe)
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		tb.Fatal(err)
	}
	return &Tools{Server: bin}
}

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
