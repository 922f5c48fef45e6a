package harness

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/synth"
)

// The ready deadline stretches while the server's log keeps growing (a cold load printing
// its progress), up to the hard limit; a quiet server fails at the base deadline. The
// stand-in (standInServer) loads for longer than ReadyTimeout.
func TestReadyDeadline(t *testing.T) {
	base := synthConfig(t, synth.Qwen25VL) // real GGUF files, for Validate
	base.ReadyTimeout, base.ReadyLimit = time.Second, 4*time.Second
	tests := []struct {
		name, spec string
		wantErr    string // "" for a start that succeeds
		stretched  bool   // whether the harness logs that it waits past ReadyTimeout
	}{
		{"loading past the timeout", "load=2500ms,every=100ms", "", true},
		{"quiet", "load=never,every=0", "not ready after 1s (ReadyTimeout)", false},
		{"quiet after logging past the timeout", "load=never,every=100ms,for=1500ms", "its log quiet for 1s (ReadyTimeout)", true},
		{"logging forever", "load=never,every=100ms", "not ready after 4s, the hard limit", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs syncBuffer
			cfg := base
			cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			start := time.Now()
			srv, err := Start(t.Context(), standInTools(t, tt.spec), cfg)
			took := time.Since(start)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Greater(t, srv.LoadTime, cfg.ReadyTimeout, "ready after the base deadline")
				_, err := srv.Stop()
				require.NoError(t, err)
			} else {
				require.Error(t, err)
				t.Logf("%v (in %v)", err, took.Round(time.Millisecond))
				assert.Contains(t, err.Error(), tt.wantErr)
				if strings.Contains(tt.wantErr, "hard limit") {
					assert.GreaterOrEqual(t, took, cfg.ReadyLimit, "waited up to the hard limit")
				} else {
					assert.Less(t, took, cfg.ReadyLimit, "gave up when the log went quiet, not at the limit")
				}
			}
			log := logs.String()
			t.Logf("harness log:\n%s", log)
			assert.Equal(t, tt.stretched, strings.Contains(log, "still loading past the ready timeout"))
			for _, want := range []string{"llama-server: starting", "cmd=", "--port", "llama-server: stopped", "how="} {
				assert.Contains(t, log, want)
			}
			if tt.wantErr == "" {
				assert.Contains(t, log, "llama-server: ready")
			} else {
				assert.Contains(t, log, "llama-server: start failed")
			}
			noChildren(t)
		})
	}
}

// foreignServer is another process's server on a port of its own: it answers every path
// with 200, as a second suite's llama-server would once loaded.
func foreignServer(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, `{"status":"ok"}`)
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// A /health ok from a port that another process holds is not our server ready: Start fails
// at once (it would have waited on our child, which never gets the port), and with a free
// port of its own choosing it retries on another. The owner is read from /proc.
func TestReadyForeignListener(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("who holds a port is read from /proc, on Linux only")
	}
	base := synthConfig(t, synth.Qwen25VL)
	base.ReadyTimeout, base.ReadyLimit = 2*time.Second, 4*time.Second

	t.Run("the listener's owner", func(t *testing.T) {
		port := foreignServer(t) // held by this process
		ours, known := listenerOwned(os.Getpid(), port)
		assert.True(t, known)
		assert.True(t, ours, "this process holds the port")
		sleep := exec.Command("sleep", "30")
		require.NoError(t, sleep.Start())
		defer func() { sleep.Process.Kill(); sleep.Wait() }()
		ours, known = listenerOwned(sleep.Process.Pid, port)
		assert.True(t, known)
		assert.False(t, ours, "a child without the socket does not hold it")
		_, known = listenerOwned(os.Getpid(), freeTestPort(t))
		assert.False(t, known, "no listener: cannot be told")
	})

	for _, tc := range []struct{ name, spec string }{
		{"never binding", "load=never,every=0,bind=never"}, // the foreign ok is the only answer
		{"binding, as llama-server does", "load=0s"},       // it fails to bind and exits
	} {
		t.Run("given port/"+tc.name, func(t *testing.T) {
			cfg := base
			cfg.Port = foreignServer(t)
			start := time.Now()
			_, err := Start(t.Context(), standInTools(t, tc.spec), cfg)
			require.Error(t, err)
			t.Logf("%v (in %v)", err, time.Since(start).Round(time.Millisecond))
			assert.ErrorIs(t, err, errBindRace)
			assert.Less(t, time.Since(start), cfg.ReadyTimeout, "failed at once, not at the deadline")
			noChildren(t)
		})
	}

	t.Run("free port taken", func(t *testing.T) {
		taken := foreignServer(t)
		var picks int
		pickPort = func() (int, error) {
			if picks++; picks == 1 {
				return taken, nil
			}
			return freePort()
		}
		defer func() { pickPort = freePort }()
		var logs syncBuffer
		cfg := base
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		srv, err := Start(t.Context(), standInTools(t, "load=never,every=0,bind=never"), cfg)
		require.Error(t, err, "a stand-in that never binds is never ready")
		assert.Equal(t, 2, picks, "retried on a port of its own once the first was another's")
		assert.Contains(t, logs.String(), "port taken, retrying")
		assert.Nil(t, srv)

		picks = 0
		srv, err = Start(t.Context(), standInTools(t, "load=0s"), cfg)
		require.NoError(t, err)
		defer srv.Stop()
		assert.Equal(t, 2, picks)
		assert.NotEqual(t, taken, srv.Port)
		ours, known := listenerOwned(srv.PID, srv.Port)
		assert.True(t, known && ours, "the server ready is the one we started")
		_, err = srv.Stop()
		require.NoError(t, err)
		noChildren(t)
	})
}

func freeTestPort(t *testing.T) int {
	t.Helper()
	p, err := freePort()
	require.NoError(t, err)
	return p
}
