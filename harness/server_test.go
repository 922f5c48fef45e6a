package harness

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/internal/synth"
)

func synthConfig(tb testing.TB, kind synth.Kind) Config {
	tb.Helper()
	m, err := Synthetic(kind)
	require.NoError(tb, err)
	return Config{Name: string(kind), Model: m.Model, MMProj: m.MMProj, Context: 2048, Parallel: 1, Threads: 2}
}

func ask(tb testing.TB, c *Client, img []byte, stream bool) *ChatResponse {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r, err := c.Chat(ctx, ChatRequest{Prompt: "What is shown in this image?", Images: [][]byte{img},
		MaxTokens: 16, Stream: stream})
	require.NoError(tb, err)
	return r
}

// Each synthetic VLM answers an image question with tokens and timings, and the image
// shows in prompt_n: with the Qwen projectors a larger image gives more tokens, exactly
// as many as build 11669 makes of these sizes.
func TestImageQuestion(t *testing.T) {
	tools := suite.Tools(t)
	small, large := testPNG(t, 64, 48), testPNG(t, 224, 224)
	for _, tc := range []struct {
		kind                   synth.Kind
		smallTokens, bigTokens int // image tokens of 64×48 and 224×224
	}{
		{synth.Qwen25VL, 12, 64},
		{synth.Qwen3VL, 12, 49},
		{synth.Qwen3VLMoE, 12, 49},
	} {
		kind := tc.kind
		t.Run(string(kind), func(t *testing.T) {
			srv := StartT(t, tools, synthConfig(t, kind))
			props, err := srv.Client().Props(t.Context())
			require.NoError(t, err)
			assert.True(t, props.Modalities.Vision, "/props modalities.vision")

			c := srv.Client()
			// cache_prompt off so that prompt_n counts the whole prompt each time.
			a := ask(t, c, small, false)
			b := ask(t, c, large, false)
			for _, r := range []*ChatResponse{a, b} {
				require.NotNil(t, r.Timings, "llama-server returns timings")
				assert.Greater(t, r.Timings.PredictedN, 0, "generated tokens")
				assert.Greater(t, r.Usage.CompletionTokens, 0)
				assert.NotEmpty(t, r.Text)
				assert.Greater(t, r.Timings.PromptMS, 0.0)
			}
			t.Logf("prompt tokens: 64×48 image %d, 224×224 image %d", a.Usage.PromptTokens, b.Usage.PromptTokens)
			assert.Greater(t, b.Usage.PromptTokens, a.Usage.PromptTokens, "a larger image gives more prompt tokens")
			assert.Greater(t, b.Timings.PromptN+b.Timings.CacheN, a.Timings.PromptN+a.Timings.CacheN)
			// Same prompt, another image: the difference is the difference of image tokens.
			assert.Equal(t, tc.bigTokens-tc.smallTokens, b.Usage.PromptTokens-a.Usage.PromptTokens,
				"image tokens of 224×224 (%d) minus those of 64×48 (%d)", tc.bigTokens, tc.smallTokens)
		})
	}
	noChildren(t)
}

// Streaming gives the same text as non-streaming at temperature 0, and time to first
// token ≤ end-to-end time.
func TestStreamingMatches(t *testing.T) {
	srv := StartT(t, suite.Tools(t), synthConfig(t, synth.Qwen25VL))
	img := testPNG(t, 128, 96)
	plain := ask(t, srv.Client(), img, false)
	streamed := ask(t, srv.Client(), img, true)
	assert.Equal(t, plain.Text, streamed.Text, "streamed text")
	require.NotNil(t, streamed.Timings, "the last stream chunk carries timings")
	assert.Equal(t, plain.Timings.PredictedN, streamed.Timings.PredictedN)
	assert.Greater(t, streamed.Usage.TotalTokens, 0, "include_usage gives usage")
	assert.Greater(t, streamed.TTFT, time.Duration(0))
	assert.LessOrEqual(t, streamed.TTFT, streamed.E2E)
	assert.NotEmpty(t, streamed.Gaps, "inter-token gaps")
}

// Speculative decoding on the Qwen2.5-VL-like model reports drafted tokens and gives the
// same greedy text as without the draft, for an image prompt and a text one. The draft
// shares the target's first layer, so on text most drafts are accepted; it never sees
// the image, so on image prompts few are.
func TestSpeculative(t *testing.T) {
	tools := suite.Tools(t)
	base := synthConfig(t, synth.Qwen25VL)
	d, err := Synthetic(synth.Draft)
	require.NoError(t, err)
	spec := base
	spec.Name, spec.Draft, spec.DraftMax = "spec-k8", d.Model, 8

	img := testPNG(t, 64, 48)
	reqs := []ChatRequest{
		{Prompt: "Describe the image in detail.", Images: [][]byte{img}, MaxTokens: 48},
		{Prompt: "what is the color of the sky", MaxTokens: 32},
	}
	var texts [2][]string
	for i, cfg := range []Config{base, spec} {
		srv := StartT(t, tools, cfg)
		for j, req := range reqs {
			r, err := srv.Client().Chat(t.Context(), req)
			require.NoError(t, err)
			require.NotNil(t, r.Timings)
			texts[i] = append(texts[i], r.Text)
			if cfg.Draft == "" {
				assert.Zero(t, r.Timings.DraftN, "no drafting without a draft model")
				continue
			}
			t.Logf("request %d: draft_n %d, accepted %d", j, r.Timings.DraftN, r.Timings.DraftNAccepted)
			assert.Greater(t, r.Timings.DraftN, 0, "draft_n with a draft model")
			assert.LessOrEqual(t, r.Timings.DraftNAccepted, r.Timings.DraftN)
			if req.Images == nil {
				assert.Greater(t, r.Timings.DraftNAccepted, 0, "drafts accepted on a text prompt")
			}
		}
		srv.Stop()
	}
	assert.Equal(t, texts[0], texts[1], "greedy text with and without the draft")
}

// --override-kv on the MoE model changes n_expert_used, as the server's own log at -lv 4
// shows.
func TestOverrideKV(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	cfg.Verbosity = 4
	base := StartT(t, tools, cfg)
	assert.Regexp(t, `n_expert_used\s*=\s*2\b`, base.Log(), "the synthetic MoE uses 2 experts by default")
	base.Stop()

	cfg.OverrideKV = []string{"qwen3vlmoe.expert_used_count=int:1"}
	moe1 := StartT(t, tools, cfg)
	log := moe1.Log()
	assert.Regexp(t, `n_expert_used\s*=\s*1\b`, log, "override took effect")
	assert.Contains(t, log, "validate_override")
	ask(t, moe1.Client(), testPNG(t, 64, 48), false) // and it still answers an image
}

// Cold-load time and peak RSS are positive and plausible.
func TestLoadTimeAndMemory(t *testing.T) {
	cfg := synthConfig(t, synth.Qwen3VLMoE)
	srv := StartT(t, suite.Tools(t), cfg)
	ask(t, srv.Client(), testPNG(t, 224, 224), false)
	mem := srv.Memory()
	t.Logf("cold load %v, RSS %d MiB, peak %d MiB over %d samples", srv.LoadTime,
		mem.Current>>20, mem.Peak>>20, mem.Samples)
	assert.Greater(t, srv.LoadTime, time.Duration(0))
	assert.Less(t, srv.LoadTime, cfg.withDefaults().ReadyTimeout)
	assert.Greater(t, mem.Peak, int64(10<<20), "a llama-server with a model holds more than 10 MiB")
	assert.Less(t, mem.Peak, int64(8<<30), "a tiny model needs less than 8 GiB")
	assert.GreaterOrEqual(t, mem.Peak, mem.Current)
	res, err := srv.Stop()
	require.NoError(t, err)
	assert.Equal(t, "interrupt", res.How, "llama-server stops on an interrupt")
	assert.True(t, strings.Contains(srv.Log(), "model loaded") || srv.LoadTime > 0)
	noChildren(t)
}

// Start reads each GGUF header once (it used to read the model's and the projector's
// twice each: a magic check, then the preflight) and keeps them on the Server, whose
// results facts and fingerprints then read nothing.
func TestStartReadsHeadersOnce(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen25VL)
	before := gguf.HeaderReads()
	srv := StartT(t, tools, cfg)
	assert.Equal(t, int64(2), gguf.HeaderReads()-before, "headers read by Start: the model's and the mmproj's, once each")
	require.NotNil(t, srv.Headers.Model)
	require.NotNil(t, srv.Headers.MMProj)
	assert.Nil(t, srv.Headers.Draft)
	before = gguf.HeaderReads()
	m := results.ModelOf(srv.Headers.Model, srv.Headers.MMProj, srv.Headers.Draft)
	assert.Zero(t, gguf.HeaderReads()-before, "the results facts from the server's headers")
	want, err := gguf.Fingerprint(cfg.Model)
	require.NoError(t, err)
	assert.Equal(t, want, m.Fingerprint)
	assert.Equal(t, "qwen2vl", m.Architecture)
}
