package harness

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const envSharedLogProbe = "VLBENCH_TEST_SHARED_LOG_PROBE"

// TestSharedLogProbeA and B are TestSharedServerLog's helpers, run by it in a child of
// this test binary against a stand-in llama-server: both use one shared server, A first
// (it starts it), and B fails.
func TestSharedLogProbeA(t *testing.T) { sharedLogProbe(t, "/probe-a", false) }
func TestSharedLogProbeB(t *testing.T) { sharedLogProbe(t, "/probe-b", true) }

// TestSharedLogProbeC starts a server of its own with StartT, whose harness log goes to
// the test's output.
func TestSharedLogProbeC(t *testing.T) {
	if os.Getenv(envSharedLogProbe) == "" {
		t.Skip("TestSharedServerLog's helper")
	}
	cfg := suite.Base(t)
	cfg.Name, cfg.Logger = "probe-c", nil
	StartT(t, suite.Tools(t), cfg)
}

func sharedLogProbe(t *testing.T, path string, fail bool) {
	if os.Getenv(envSharedLogProbe) == "" {
		t.Skip("TestSharedServerLog's helper")
	}
	srv := suite.Server(t, suite.Base(t))
	resp, err := http.Get(srv.URL + path) // the stand-in logs the request
	require.NoError(t, err)
	resp.Body.Close()
	// The line comes through a pipe: wait for it, so that it is not B's by coming late.
	for end := time.Now().Add(5 * time.Second); !strings.Contains(srv.Log(), path) && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	if fail {
		t.Error("failing on purpose")
	}
}

// A failing test prints the shared server's log lines written while it ran, not the
// lines of the tests before it, and the package's end prints no log tail of its own;
// the harness's start, ready and stop lines show under -v (at Info), not without it, for
// the suite's servers and StartT's.
func TestSharedServerLog(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	server := standInTools(t, "load=0s").Server
	for _, verbose := range []bool{false, true} {
		args := []string{"-test.run=^TestSharedLogProbe", "-llama-server", server}
		if verbose {
			args = append(args, "-test.v")
		}
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), envSharedLogProbe+"=1")
		out, err := cmd.CombinedOutput()
		require.Error(t, err, "probe B fails")
		s := string(out)
		t.Logf("-v %v:\n%s", verbose, s)

		_, failed, ok := strings.Cut(s, "failing on purpose")
		require.True(t, ok, "probe B failed")
		assert.Contains(t, failed, "its log while this test ran")
		assert.Contains(t, failed, "stand-in: request GET /probe-b", "B's own lines")
		assert.NotContains(t, failed, "/probe-a", "A's lines are A's")
		assert.NotContains(t, failed, "stand-in: loading", "the start was A's")
		assert.NotContains(t, s, "log tail", "no end-of-package tail")
		assert.Equal(t, verbose, strings.Contains(s, "llama-server: ready"), "harness Info lines under -v only")
		assert.Equal(t, verbose, strings.Contains(s, "llama-server: stopped"), "harness Info lines under -v only")
		assert.Equal(t, verbose, strings.Contains(s, `msg="llama-server: ready" config=probe-c`), "StartT's harness log in the test's output")
	}
}
