package harness

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/modroot"
	"github.com/vlbench/vlbench/internal/synth"
)

func TestParseRPC(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"", nil, ""},
		{"local", []string{RPCLocal}, ""},
		{"local:3", []string{RPCLocal, RPCLocal, RPCLocal}, ""},
		{"10.0.0.2:50052, 10.0.0.3:50052", []string{"10.0.0.2:50052", "10.0.0.3:50052"}, ""},
		{"[::1]:50052,local", []string{"[::1]:50052", RPCLocal}, ""},
		{"local:0", nil, "want local:N with N ≥ 1"},
		{"10.0.0.2", nil, "want host:port"},
		{"10.0.0.2:0", nil, "port 1–65535"},
		{":50052", nil, "port 1–65535"},
	} {
		got, err := ParseRPC(tt.in)
		if tt.wantErr != "" {
			assert.ErrorContains(t, err, tt.wantErr, "ParseRPC(%q)", tt.in)
			continue
		}
		require.NoError(t, err, "ParseRPC(%q)", tt.in)
		assert.Equal(t, tt.want, got, "ParseRPC(%q)", tt.in)
	}
}

// A worker that is not on loopback is warned about once per address; loopback ones not.
func TestRPCRemoteWarnsOnce(t *testing.T) {
	var buf bytes.Buffer
	old := rpcWarnOut
	rpcWarnOut = &buf
	t.Cleanup(func() { rpcWarnOut = old })
	for range 3 {
		warnRemote("192.0.2.7:50052")
		warnRemote("127.0.0.1:50052")
		warnRemote("localhost:50052")
		warnRemote("[::1]:50052")
	}
	warnRemote("192.0.2.8:50052")
	out := buf.String()
	assert.Equal(t, 1, strings.Count(out, "192.0.2.7:50052"), "once per address:\n%s", out)
	assert.Equal(t, 2, strings.Count(out, "WARNING"), "one line per remote address:\n%s", out)
	assert.Contains(t, out, "no authentication")
	assert.NotContains(t, out, "127.0.0.1")
}

// A build whose --help has no --rpc fails a config with workers, saying so, before any
// worker starts.
func TestRPCBuildWithoutRPC(t *testing.T) {
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.RPC = []string{RPCLocal}
	fake := &Tools{Server: fakeServer(t, "never started")}
	srv, err := Start(t.Context(), fake, cfg)
	if srv != nil {
		srv.Stop()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "built without RPC")
	assert.Contains(t, err.Error(), "--rpc")
	noChildren(t)
}

// A given worker that does not answer is named before the server starts.
func TestRPCGivenWorkerUnreachable(t *testing.T) {
	tools := suite.Tools(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.RPC = []string{addr}
	srv, err := Start(t.Context(), tools, cfg)
	if srv != nil {
		srv.Stop()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rpc worker "+addr+" does not answer")
	noChildren(t)
}

func greedy(tb testing.TB, srv *Server, n int) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tb.Context(), 60*time.Second)
	defer cancel()
	r, err := srv.Client().Complete(ctx, CompletionRequest{Prompt: "The picture shows", NPredict: n, IgnoreEOS: true})
	require.NoError(tb, err)
	require.NotNil(tb, r.Timings)
	require.Equal(tb, n, r.Timings.PredictedN)
	return r.Content
}

// The synthetic MoE model split over two local workers answers greedily exactly as it does
// on one machine; the layers are on the workers (llama.cpp's load log names them), the
// workers bind loopback, and stopping the server stops them, leaving nothing.
func TestRPCLocalWorkers(t *testing.T) {
	tools := suite.Tools(t)
	base := synthConfig(t, synth.Qwen3VLMoE)
	base.MMProj = "" // the text model is what is split
	local := StartT(t, tools, base)
	want := greedy(t, local, 24)

	cfg := base
	cfg.RPC = []string{RPCLocal, RPCLocal}
	cfg.Verbosity = 4 // load_tensors' buffer lines
	srv := StartT(t, tools, cfg)
	require.Len(t, srv.RPC, 2)
	assert.Equal(t, rpcAddrs(srv.RPC), srv.Config.RPC, "the config records the workers' addresses")
	for _, w := range srv.RPC {
		assert.True(t, w.Local)
		assert.True(t, strings.HasPrefix(w.Addr, "127.0.0.1:"), "loopback only: %s", w.Addr)
		assert.True(t, Alive(w.PID), "worker %s alive", w)
		assert.Contains(t, srv.Log(), "["+w.Addr+"] model buffer size", "layers on worker %s", w)
	}
	assert.Contains(t, strings.Join(srv.cmd.Args, " "), "--rpc "+strings.Join(srv.Config.RPC, ","))
	// The split estimate puts the layers where llama.cpp did: each worker's weights are its
	// model buffer in the load log.
	mf, err := gguf.OpenModel(cfg.Model)
	require.NoError(t, err)
	facts := mf.Facts()
	split := gguf.SplitMemory(facts, gguf.EstimateMemory(facts, nil, nil, cfg.ServeOptions()), 2, nil)
	first := 0
	for i, w := range srv.RPC {
		var want uint64
		for l := first; l < first+split.Layers[i]; l++ {
			want += facts.LayerBytes[l]
		}
		first += split.Layers[i]
		if i == split.Output {
			want += facts.OutputBytes
		}
		m := regexp.MustCompile(`\[` + regexp.QuoteMeta(w.Addr) + `\] model buffer size =\s*([0-9.]+) MiB`).FindStringSubmatch(srv.Log())
		require.NotNil(t, m, "no model buffer line for %s", w.Addr)
		got, _ := strconv.ParseFloat(m[1], 64)
		assert.InDelta(t, float64(want)/(1<<20), got, 0.01, "worker %d (%s): llama.cpp's model buffer vs the split's weights (%v)", i, w.Addr, split)
	}
	assert.Equal(t, want, greedy(t, srv, 24), "greedy text over rpc2 equals the local run's")

	res, err := srv.Stop()
	require.NoError(t, err)
	t.Logf("server stopped by %s", res.How)
	for _, w := range srv.RPC {
		assert.False(t, Alive(w.PID), "worker %s stopped with the server", w)
		assert.Contains(t, []string{"interrupt", "kill"}, w.Stopped().How)
	}
	local.Stop()
	noChildren(t)
}

// A worker the harness is given (here one this test starts) is used but not stopped.
func TestRPCGivenWorker(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.MMProj = ""
	w, err := startLocalWorker(t.Context(), tools, cfg.withDefaults())
	require.NoError(t, err)
	defer w.stop(time.Second)
	cfg.RPC = []string{w.Addr}
	srv := StartT(t, tools, cfg)
	require.Len(t, srv.RPC, 1)
	assert.False(t, srv.RPC[0].Local)
	assert.NotEmpty(t, greedy(t, srv, 8))
	_, err = srv.Stop()
	require.NoError(t, err)
	assert.True(t, Alive(w.PID), "a given worker is not ours to stop")
	assert.Equal(t, "interrupt", w.stop(5*time.Second).How)
	noChildren(t)
}

// A worker killed mid-request fails the request with an *RPCError naming it, the server
// is stopped, and no process is left.
func TestRPCWorkerKilledMidRequest(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.MMProj = ""
	cfg.RPC = []string{RPCLocal, RPCLocal}
	srv := StartT(t, tools, cfg)
	victim := srv.RPC[1]
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	errc := streamStarted(t, ctx, srv)
	time.Sleep(100 * time.Millisecond) // generating
	start := time.Now()
	require.NoError(t, syscall.Kill(victim.PID, syscall.SIGKILL))
	var err error
	select {
	case err = <-errc:
	case <-time.After(30 * time.Second):
		t.Fatal("the request did not fail within 30s of the worker's death")
	}
	t.Logf("request error after %v: %v", time.Since(start).Round(time.Millisecond), err)
	var re *RPCError
	require.True(t, errors.As(err, &re), "an *RPCError, got %T: %v", err, err)
	assert.Contains(t, re.Worker, victim.Addr)
	assert.Contains(t, re.Worker, "pid "+strconv.Itoa(victim.PID))
	assert.Contains(t, err.Error(), "llama-server was stopped")
	select {
	case <-srv.Done():
	default:
		t.Error("the server is still running after the error")
	}
	for _, w := range srv.RPC {
		assert.False(t, Alive(w.PID), "worker %s left running", w)
	}
	noChildren(t)
}

// rpcN splits over N workers: the given ones when base names enough, else local ones; it
// combines with other parts (moe4+rpc2).
func TestRPCVariant(t *testing.T) {
	moe := synthConfig(t, synth.Qwen3VLMoE)
	given := moe
	given.RPC = []string{"10.0.0.2:50052", "10.0.0.3:50052", "10.0.0.4:50052"}
	given.OverrideKV = []string{"qwen3vlmoe.expert_used_count=int:2"}
	for _, tt := range []struct {
		base    Config
		name    string
		rpc     []string
		threads int
		wantErr string
	}{
		{moe, "rpc2", []string{RPCLocal, RPCLocal}, 2, ""},
		{moe, "rpc1-t1", []string{RPCLocal}, 1, ""},
		{given, "rpc2", []string{"10.0.0.2:50052", "10.0.0.3:50052"}, 2, ""},
		{given, "rpc4", []string{RPCLocal, RPCLocal, RPCLocal, RPCLocal}, 2, ""},
		{moe, "rpc0", nil, 0, "want rpcN at least 1"},
		{moe, "moe4+rpc2", []string{RPCLocal, RPCLocal}, 2, ""},
		{moe, "rpc2+rpc3", nil, 0, "rpc given twice"},
	} {
		got, err := WithVariant(tt.base, tt.name, "")
		if tt.wantErr != "" {
			assert.ErrorContains(t, err, tt.wantErr, tt.name)
			continue
		}
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.name, got.Name)
		assert.Equal(t, tt.rpc, got.RPC, tt.name)
		assert.Equal(t, tt.threads, got.Threads, tt.name)
		if !strings.Contains(tt.name, "moe") {
			assert.Equal(t, tt.base.OverrideKV, got.OverrideKV, "%s keeps base's overrides", tt.name)
		}
		assert.Empty(t, got.SpecType, "%s: speculation off, as baseline", tt.name)
	}
}

// The README's two-machine recipe on one machine: a worker started by
// scripts/rpc-worker.sh, as on the other host, and a server given its address (-rpc).
func TestRPCWorkerScript(t *testing.T) {
	tools := suite.Tools(t)
	if tools.Root == "" {
		t.Skip("scripts/rpc-worker.sh runs the Debian tree of `make llama`; this is a build of your own")
	}
	root, err := modroot.Find()
	require.NoError(t, err)
	port, err := freePort()
	require.NoError(t, err)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(filepath.Join(root, "scripts", "rpc-worker.sh"), "-H", "127.0.0.1", "-p", strconv.Itoa(port), "-t", "1")
	cmd.Env = append(os.Environ(), "LLAMA="+filepath.Dir(tools.Root))
	log := newLogBuffer(1 << 20)
	cmd.Stdout, cmd.Stderr = log, log
	serverProcAttr(cmd)
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	defer func() {
		interruptGroup(cmd.Process)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			killGroup(cmd.Process)
			<-done
		}
		noChildren(t)
	}()
	require.Eventually(t, func() bool { return dialRPC(t.Context(), addr) == nil }, 20*time.Second, 20*time.Millisecond,
		"the worker listens on %s; log:\n%s", addr, log.String())
	assert.Contains(t, log.String(), "endpoint       : "+addr)

	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.MMProj = ""
	cfg.RPC, err = ParseRPC(addr)
	require.NoError(t, err)
	srv := StartT(t, tools, cfg)
	assert.NotEmpty(t, greedy(t, srv, 8))
	_, err = srv.Stop()
	require.NoError(t, err)
	assert.Contains(t, log.String(), "Accepted client connection", "the server used the worker")
}

// A given worker that dies mid-request is named too: llama-server says a remote RPC server
// crashed, and the worker that no longer accepts connections is the one.
func TestRPCGivenWorkerKilledMidRequest(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.MMProj = ""
	w, err := startLocalWorker(t.Context(), tools, cfg.withDefaults())
	require.NoError(t, err)
	defer w.stop(time.Second)
	cfg.RPC = []string{RPCLocal, w.Addr}
	srv := StartT(t, tools, cfg)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	errc := streamStarted(t, ctx, srv)
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, syscall.Kill(w.PID, syscall.SIGKILL))
	var rerr error
	select {
	case rerr = <-errc:
	case <-time.After(30 * time.Second):
		t.Fatal("the request did not fail within 30s of the worker's death")
	}
	t.Logf("request error: %v", rerr)
	var re *RPCError
	require.True(t, errors.As(rerr, &re), "an *RPCError, got %T: %v", rerr, rerr)
	assert.Equal(t, w.Addr, re.Worker)
	assert.Contains(t, re.Detail, "no longer accepts connections")
	assert.Contains(t, re.Detail, "Remote RPC server crashed", "llama.cpp's own account")
	<-srv.Done()
	assert.False(t, Alive(srv.RPC[0].PID), "the local worker is stopped too")
	noChildren(t)
}

// Stopping a split server with a request in flight is no lost worker: the request fails
// at once with its own error, and the workers stop with the server.
func TestRPCStopMidRequest(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.MMProj = ""
	cfg.RPC = []string{RPCLocal}
	srv := StartT(t, tools, cfg)
	errc := streamStarted(t, t.Context(), srv)
	_, err := srv.Stop()
	require.NoError(t, err)
	stopped := time.Now()
	select {
	case err = <-errc:
	case <-time.After(30 * time.Second):
		t.Fatal("the request did not end within 30s of the stop")
	}
	require.Error(t, err)
	var re *RPCError
	assert.False(t, errors.As(err, &re), "a stop is not a lost worker: %v", err)
	assert.Less(t, time.Since(stopped), rpcLostWait, "the error comes without waiting for a lost worker")
	assert.Equal(t, "interrupt", srv.RPC[0].Stopped().How)
	noChildren(t)
}
