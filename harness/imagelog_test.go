package harness

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/synth"
)

func TestParseImageLog(t *testing.T) {
	const log = `0.04.832.774 I slot   operator(): id  0 | task 0 | new prompt, n_ctx_slot = 2048, n_keep = 0, task.n_tokens = 276
0.05.573.938 I slot encode_mtmd_: id  0 | task 0 | encoding mtmd batch from idx = 13, n_chunks = 1
0.06.517.871 I decoding image batch 1/2, n_tokens_batch = 200
0.06.700.000 I image decoded (batch 1/2) in 182 ms
0.06.700.500 I decoding image batch 2/2, n_tokens_batch = 56
0.06.835.595 I image decoded (batch 2/2) in 135 ms
1.02.000.000 I slot print_timing: id  0 | task 0 | prompt eval time =    2101.20 ms /   276 tokens
`
	il, ok := ParseImageLog(log)
	require.True(t, ok)
	assert.Equal(t, 1, il.Images)
	assert.Equal(t, 256, il.Tokens)
	assert.InDelta(t, 6517.871-5573.938, il.EncodeMS, 1e-6)
	assert.InDelta(t, (6700.000-6517.871)+(6835.595-6700.500), il.DecodeMS, 1e-6)
	if _, ok := ParseImageLog("0.00.000.814 I srv  llama_server: initializing ...\n"); ok {
		t.Error("ParseImageLog found images in a log without image lines")
	}
}

// At -lv 4 the real server logs each image's encoding: the split of one request's prompt
// phase into vision encoding and image-token decoding fits inside the server's prompt_ms,
// and the image tokens are those TestImageQuestion counts (224×224: 64).
func TestImageLogFromServer(t *testing.T) {
	cfg := synthConfig(t, synth.Qwen25VL)
	cfg.Verbosity = 4
	srv := StartT(t, suite.Tools(t), cfg)
	mark := srv.LogMark()
	r, err := srv.Client().Chat(t.Context(), ChatRequest{Prompt: "Describe.", Images: [][]byte{testPNG(t, 224, 224)},
		MaxTokens: 2, Extra: map[string]any{"cache_prompt": false}})
	require.NoError(t, err)
	il, ok := ParseImageLog(srv.RequestLog(mark, 10*time.Second))
	require.True(t, ok, "no image lines in the -lv 4 log:\n%s", srv.LogSince(mark))
	assert.Equal(t, 1, il.Images)
	assert.Equal(t, 64, il.Tokens)
	assert.Greater(t, il.EncodeMS, 0.0)
	assert.Greater(t, il.DecodeMS, 0.0)
	assert.Less(t, il.EncodeMS+il.DecodeMS, r.Timings.PromptMS+1, "encoding and image decoding are inside prompt_ms")
	t.Logf("prompt_ms %.1f = encode %.1f + image tokens %.1f + text %.1f", r.Timings.PromptMS, il.EncodeMS, il.DecodeMS,
		r.Timings.PromptMS-il.EncodeMS-il.DecodeMS)
	// Another request: LogSince(mark) of the first is not the second's.
	mark2 := srv.LogMark()
	if _, ok := ParseImageLog(srv.LogSince(mark2)); ok {
		t.Error("LogSince(a fresh mark) already has image lines")
	}
}

// The server's logger thread may lag its answers by more than LogSince's quiet period on a
// loaded machine (a CI failure: one ImageSplit request found no image lines): RequestLog
// waits for the task's closing timings line.
func TestRequestLogWaitsForTheTask(t *testing.T) {
	s := &Server{log: newLogBuffer(1 << 20)}
	s.log.Write([]byte("0.00.100.000 I srv  update_slots: all slots are idle\n"))
	mark := s.LogMark()
	s.log.Write([]byte("0.00.150.000 I slot launch_slot_: id  0 | task 3 | processing task\n"))
	go func() {
		time.Sleep(300 * time.Millisecond) // six quiet periods of LogSince
		s.log.Write([]byte(`0.00.156.813 I slot encode_mtmd_: id  0 | task 3 | encoding mtmd batch from idx = 4, n_chunks = 1
0.00.157.911 I decoding image batch 1/1, n_tokens_batch = 9
0.00.158.280 I image decoded (batch 1/1) in 0 ms
0.00.159.794 I slot print_timing: id  0 | task 3 |       total time =       7.38 ms /    34 tokens
`))
	}()
	if _, ok := ParseImageLog(s.LogSince(mark)); ok {
		t.Log("LogSince saw the late lines this time (a starved test?): the lag is not shown")
	}
	log := s.RequestLog(mark, 5*time.Second)
	il, ok := ParseImageLog(log)
	require.True(t, ok, "RequestLog returned before the task's end:\n%s", log)
	assert.Equal(t, 9, il.Tokens)
	assert.NotContains(t, log, "all slots are idle", "a line from before the mark")

	// No timings line ever (a build or verbosity without one): the whole wait, then the log.
	mark = s.LogMark()
	start := time.Now()
	assert.Empty(t, s.RequestLog(mark, 200*time.Millisecond))
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)
}
