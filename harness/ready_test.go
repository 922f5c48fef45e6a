package harness

import (
	"log/slog"
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
