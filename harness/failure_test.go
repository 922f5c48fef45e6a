package harness

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/synth"
)

// Bad input gives a clear error within seconds, with no hang and nothing left running.
func TestStartFailures(t *testing.T) {
	tools := suite.Tools(t)
	good := synthConfig(t, synth.Qwen25VL)
	other := synthConfig(t, synth.Qwen3VL)
	dir := t.TempDir()

	data, err := os.ReadFile(good.Model)
	require.NoError(t, err)
	truncated := filepath.Join(dir, "truncated.gguf")
	require.NoError(t, os.WriteFile(truncated, data[:len(data)*6/10], 0o644))
	headerOnly := filepath.Join(dir, "header-only.gguf")
	require.NoError(t, os.WriteFile(headerOnly, data[:200], 0o644))
	text := filepath.Join(dir, "notes.gguf")
	require.NoError(t, os.WriteFile(text, []byte("this is not a model\n"), 0o644))

	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	taken := l.Addr().(*net.TCPAddr).Port

	with := func(edit func(*Config)) Config { c := good; edit(&c); return c }
	tests := []struct {
		name string
		cfg  Config
		want string // a part of the error message
	}{
		{"missing model", with(func(c *Config) { c.Model = filepath.Join(dir, "nope.gguf") }), "nope.gguf: no such file"},
		{"missing mmproj", with(func(c *Config) { c.MMProj = filepath.Join(dir, "nope.mmproj.gguf") }), "nope.mmproj.gguf"},
		{"truncated model", with(func(c *Config) { c.Model = truncated }), "truncated.gguf"},
		{"header only", with(func(c *Config) { c.Model = headerOnly }), "header-only.gguf"},
		{"text file", with(func(c *Config) { c.Model = text }), "notes.gguf: offset 0: bad magic"},
		{"mmproj of another model", with(func(c *Config) { c.MMProj = other.MMProj }), "does not match model"},
		{"mmproj as model", with(func(c *Config) { c.Model = good.MMProj }), "is a vision projector"},
		{"port taken", with(func(c *Config) { c.Port = taken }), "could not bind 127.0.0.1:" + strconv.Itoa(taken)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			srv, err := Start(t.Context(), tools, tt.cfg)
			if srv != nil {
				srv.Stop()
			}
			require.Error(t, err)
			t.Logf("%v (in %v)", err, time.Since(start).Round(time.Millisecond))
			assert.Contains(t, err.Error(), tt.want)
			assert.Less(t, time.Since(start), 15*time.Second, "fails fast")
			noChildren(t)
		})
	}
}

// streamStarted starts a long streamed generation on srv (ignore_eos keeps it going) and
// returns once the server is processing it; the request's error comes on the channel.
func streamStarted(t *testing.T, ctx context.Context, srv *Server) <-chan error {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		_, err := srv.Client().Complete(ctx, CompletionRequest{Prompt: "tell me a story", NPredict: 100000,
			IgnoreEOS: true, Stream: true})
		errc <- err
	}()
	require.Eventually(t, func() bool { return srv.log.Contains("processing task") }, 20*time.Second,
		10*time.Millisecond, "the server took the request")
	return errc
}

// A server that dies mid-request fails the request at once, and Stop reports it exited.
func TestServerKilledMidRequest(t *testing.T) {
	srv := StartT(t, suite.Tools(t), synthConfig(t, synth.Qwen25VL))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		// A long, streamed generation: ignore_eos keeps it going.
		_, err := srv.Client().Complete(ctx, CompletionRequest{Prompt: "tell me a story", NPredict: 100000,
			IgnoreEOS: true, Stream: true})
		errc <- err
	}()
	time.Sleep(300 * time.Millisecond) // let the request start; the kill is what is tested
	require.NoError(t, syscall.Kill(srv.PID, syscall.SIGKILL))
	select {
	case err := <-errc:
		require.Error(t, err)
		t.Logf("request error: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the request did not fail within 10s of the server's death")
	}
	select {
	case <-srv.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the killed server was not reaped within 5s")
	}
	res, err := srv.Stop()
	require.NoError(t, err)
	assert.Equal(t, "exited", res.How)
	noChildren(t)
}

// A server with a stream in flight mostly ignores the first interrupt (it waits on the
// request) and stops at the second, so Stop ends it in about half a second, not at its
// kill.
func TestStopMidStream(t *testing.T) {
	srv := StartT(t, suite.Tools(t), synthConfig(t, synth.Qwen25VL))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	errc := streamStarted(t, ctx, srv)
	time.Sleep(100 * time.Millisecond) // generating
	res, err := srv.Stop()
	require.NoError(t, err)
	t.Logf("stopped by %s in %v", res.How, res.Duration.Round(time.Millisecond))
	// Whether the first interrupt hangs depends on where the server's HTTP thread is
	// (most runs it does); either way no kill is needed.
	assert.Contains(t, []string{"interrupt", "second interrupt"}, res.How)
	assert.Less(t, res.Duration, srv.Config.StopTimeout/2, "stopped well before the kill")
	select {
	case err := <-errc:
		assert.Error(t, err, "the request in flight fails")
	case <-time.After(10 * time.Second):
		t.Error("the request did not end within 10s of the stop")
	}
	noChildren(t)
}

// A server that never becomes ready is stopped at the ready deadline, with the reason.
func TestNeverReady(t *testing.T) {
	// A stand-in that hangs without listening and ignores SIGINT, so that Stop must
	// escalate to a kill.
	fake := fakeServer(t, "loading forever")
	cfg := synthConfig(t, synth.Qwen25VL)
	cfg.MMProj = ""
	cfg.ReadyTimeout = 1500 * time.Millisecond
	cfg.StopTimeout = 500 * time.Millisecond
	start := time.Now()
	_, err := Start(t.Context(), &Tools{Server: fake}, cfg)
	require.Error(t, err)
	t.Logf("%v (in %v)", err, time.Since(start).Round(time.Millisecond))
	assert.Contains(t, err.Error(), "not ready after 1.5s")
	assert.Contains(t, err.Error(), "loading forever")
	assert.Less(t, time.Since(start), 6*time.Second)
	noChildren(t)
}

// Stop escalates to a kill when the interrupt is ignored, and says so.
func TestStopEscalates(t *testing.T) {
	cfg := synthConfig(t, synth.Qwen25VL)
	cfg.MMProj, cfg.StopTimeout = "", 300*time.Millisecond
	// A stand-in that ignores SIGINT: a ready server that only a kill stops.
	srv, err := Start(t.Context(), standInTools(t, "load=0s,interrupts=ignored"), cfg)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return srv.log.Contains("ignoring interrupts") }, 5*time.Second,
		10*time.Millisecond, "the stand-in set its trap")
	res, err := srv.Stop()
	require.NoError(t, err)
	assert.Equal(t, "kill", res.How)
	assert.Error(t, res.ExitErr, "a killed process has a non-zero status")
	noChildren(t)
}

// fakeServer writes a stand-in "llama-server" that answers --version and --help like a
// build, then prints msg, ignores SIGINT and never listens.
func fakeServer(t *testing.T, msg string) string {
	t.Helper()
	fake := filepath.Join(t.TempDir(), "llama-server")
	script := `#!/bin/sh
case "$1" in
--version) echo "version: 1 (build 1, commit fake)"; exit 0;;
--help) echo "-m,    --model FNAME     model path"; exit 0;;
esac
trap '' INT
echo "` + msg + `" >&2
while :; do sleep 1; done
`
	require.NoError(t, os.WriteFile(fake, []byte(script), 0o755))
	return fake
}

const envShortProbe = "VLBENCH_TEST_SHORT_PROBE"

// TestShortProbe is TestSkipShort's helper, run by it in a child of this test binary.
func TestShortProbe(t *testing.T) {
	if os.Getenv(envShortProbe) == "" {
		t.Skip("TestSkipShort's helper")
	}
	SkipShort(t, "probe")
	t.Log("ran past SkipShort")
}

// -short skips the long real-server tests, except under CI=true.
func TestSkipShort(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	for _, ci := range []string{"", "true"} {
		cmd := exec.Command(exe, "-test.run=^TestShortProbe$", "-test.short", "-test.v")
		cmd.Env = append(withoutEnv(os.Environ(), "CI"), envShortProbe+"=1", "CI="+ci)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		ran := strings.Contains(string(out), "ran past SkipShort")
		t.Logf("CI=%q -short: ran %v", ci, ran)
		assert.Equal(t, ci == "true", ran, "CI=%q -short: ran %v\n%s", ci, ran, out)
	}
}
