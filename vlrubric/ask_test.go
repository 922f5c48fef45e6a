package vlrubric

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
)

// Asking lives in the tests, beside the server fixture: the package itself only scores.

// slotMargin is the context a slot keeps for the image and the prompt beside the token
// budget (the largest rubric image is about 1,300 tokens on Qwen2.5-VL).
const slotMargin = 2048

// flagSet reports whether the named flag was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// askAll asks every item, up to the server's slots at a time, and returns the answers in
// item order; done, when not nil, is called with each answer that came back, as it
// comes. A failed request is recorded in its Answer; the others go on.
func askAll(ctx context.Context, c *harness.Client, items []Item, maxTokens int, seed *int, done func(int, Answer)) []Answer {
	answers := make([]Answer, len(items))
	sem := make(chan struct{}, max(suite.Flags.Parallel, 1))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r, err := c.Chat(ctx, harness.ChatRequest{Prompt: it.Truth().Prompt, Images: [][]byte{it.Image.PNG},
				MaxTokens: maxTokens, Temperature: *flagTemperature, Seed: seed})
			if err != nil {
				answers[i] = Answer{Err: err}
				return
			}
			answers[i] = liveAnswer(r)
			if done != nil {
				done(i, answers[i])
			}
		}()
	}
	wg.Wait()
	return answers
}

// liveAnswer is a server's response as the scorers and results read it. A reasoning
// model's thinking, where the server splits it out, is kept in front of the answer as
// the model wrote it; the scorers read past it.
func liveAnswer(r *harness.ChatResponse) Answer {
	text := r.Text
	if r.Reasoning != "" {
		text = "<think>" + r.Reasoning + "</think>\n" + r.Text
	}
	a := Answer{Text: text, FinishReason: r.FinishReason, Live: &LiveStats{
		PromptTokens: r.Usage.PromptTokens, CompletionTokens: r.Usage.CompletionTokens, TTFT: r.TTFT, E2E: r.E2E}}
	if tm := r.Timings; tm != nil {
		a.Live.Timings = &results.Timings{CacheN: tm.CacheN, PromptN: tm.PromptN, PromptMS: tm.PromptMS,
			PredictedN: tm.PredictedN, PredictedMS: tm.PredictedMS, PredictedPerSecond: tm.PredictedPerSecond,
			DraftN: tm.DraftN, DraftNAccepted: tm.DraftNAccepted}
	}
	return a
}

// judgeClient is the -judge endpoint.
type judgeClient struct {
	client  *harness.Client
	model   string
	timeout time.Duration
}

func newJudgeClient(url, model string, timeout time.Duration) *judgeClient {
	c := harness.NewClient(url, os.Getenv("VLBENCH_JUDGE_API_KEY"))
	if model != "" {
		c.Model = model
	}
	if timeout > 0 {
		c.Timeout = timeout // the client's own bound too, beside Judge's context
	}
	return &judgeClient{client: c, model: model, timeout: timeout}
}

func (j *judgeClient) chat(ctx context.Context, system, prompt string) (string, error) {
	r, err := j.client.Chat(ctx, harness.ChatRequest{System: system, Prompt: prompt, MaxTokens: 1024, Temperature: 0})
	if err != nil {
		return "", err
	}
	return r.Text, nil
}

// cachedAnswer is what the answer cache keeps of a live answer.
type cachedAnswer struct {
	Text         string     `json:"text"`
	FinishReason string     `json:"finish_reason"`
	Live         *LiveStats `json:"live,omitempty"`
}

func cachedOf(a Answer) cachedAnswer {
	return cachedAnswer{Text: a.Text, FinishReason: a.FinishReason, Live: a.Live}
}

func (c cachedAnswer) answer() Answer {
	return Answer{Text: c.Text, FinishReason: c.FinishReason, Live: c.Live}
}

// answerCache is the rubric's answer cache and each item's key, or a nil cache where
// the run keeps none (no -cache and no -results). With -fresh the cache is written but
// not read. The key is everything that
// changes an answer: what answers (the model, projector and draft files by their GGUF
// fingerprint, or the endpoint and its model), the config and its server flags, the
// llama-server build, the question, variant, prompt and image, and the temperature,
// seed and token budget.
func answerCache(t *testing.T, cfg harness.Config, items []Item, o options, seed *int) (*results.Cache, []string) {
	t.Helper()
	keys := make([]string, len(items))
	dir := o.cache
	if dir == "" && o.results != "" {
		dir = filepath.Join(o.results, "answer-cache")
	}
	if dir == "" {
		return nil, keys
	}
	what, build := "endpoint "+suite.Flags.Endpoint+" "+suite.Flags.EndpointModel, ""
	if suite.Flags.Endpoint == "" {
		what = results.FilesIdentity(cfg.Model, cfg.MMProj, cfg.Draft)
		caps, err := suite.Tools(t).Caps(t.Context())
		if err != nil {
			t.Fatalf("answer cache: %v", err)
		}
		build = caps.Version
	}
	server := []any{cfg.Name, cfg.SpecType, cfg.DraftMax, cfg.DraftMin, cfg.OverrideKV, cfg.Context, cfg.Parallel,
		cfg.Threads, cfg.ExtraArgs, build}
	for i, it := range items {
		keys[i] = results.CacheKey(what, server, it.Question.ID, it.Truth().Variant, it.Truth().Prompt, it.Image.PNG,
			*flagTemperature, seed, o.maxTokens)
	}
	return &results.Cache{Dir: dir}, keys
}
