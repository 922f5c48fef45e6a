package stdsets

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
)

// ChatFunc sends one request: harness.Client.Chat, or a stand-in in tests.
type ChatFunc func(ctx context.Context, req harness.ChatRequest) (*harness.ChatResponse, error)

// Answer is what came back for one sample.
type Answer struct {
	Text     string
	Prompt   string                // the prompt sent (or cached)
	Response *harness.ChatResponse // nil when cached or replayed
	Cached   bool                  // from the cache, not asked
	Err      error
	Missing  bool // replay: no file
}

// AskOptions are the request settings of a run.
type AskOptions struct {
	Options
	Temperature float64
	Seed        *int
	MaxTokens   int
	Parallel    int    // requests in flight at once: the server's slots
	FrameSide   int    // VideoMME: longer side of a frame in pixels (0: as decoded)
	Cache       *Cache // nil: no cache; used only at temperature 0
	// Server is what answers beyond the model files, part of the cache key: the
	// llama-server build, its context size and extra arguments (ServerKey).
	Server string

	frames *frameCache // AskAll's: a video's frames, sampled once for its questions
}

// frameCache keeps the frames of the last few videos: Video-MME asks three questions
// of each video, one after the other.
type frameCache struct {
	mu    sync.Mutex
	order []string
	m     map[string]*frameEntry
}

type frameEntry struct {
	once   sync.Once
	frames [][]byte
	times  []time.Duration
	err    error
}

func (c *frameCache) get(ctx context.Context, video string, k, side int) ([][]byte, []time.Duration, error) {
	if c == nil {
		return Frames(ctx, video, k, side)
	}
	key := fmt.Sprintf("%s|%d|%d", video, k, side)
	c.mu.Lock()
	e := c.m[key]
	if e == nil {
		e = &frameEntry{}
		c.m[key] = e
		c.order = append(c.order, key)
		if len(c.order) > 8 {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	e.once.Do(func() { e.frames, e.times, e.err = Frames(ctx, video, k, side) })
	return e.frames, e.times, e.err
}

// Inputs builds a sample's request: the prompt and images (for VideoMME, its sampled
// frames and, with subtitles, the subtitle lines at those frames).
func (s Set) Inputs(ctx context.Context, smp Sample, o AskOptions) (string, [][]byte, error) {
	if smp.Video == "" {
		return s.prompt(smp, ""), smp.Images, nil
	}
	k := o.Frames
	if k <= 0 {
		k = 32
	}
	frames, times, err := o.frames.get(ctx, smp.Video, k, o.FrameSide)
	if err != nil {
		return "", nil, err
	}
	subs := ""
	if o.Subtitles {
		subs = "No subtitles available"
		if smp.Subtitles != "" {
			if t, err := SubtitlesAt(smp.Subtitles, times); err != nil {
				return "", nil, err
			} else if t != "" {
				subs = t
			}
		}
	}
	return s.prompt(smp, subs), frames, nil
}

// key is the sample's cache key: its id, prompt template, images (for a video the file's
// identity and the frame settings), the request settings and the server.
func (s Set) key(smp Sample, o AskOptions) string {
	parts := []any{s.Name, smp.ID, s.prompt(smp, map[bool]string{true: "<subtitles>", false: ""}[o.Subtitles]),
		o.MaxTokens, o.Temperature, o.Seed, o.Server}
	for _, img := range smp.Images {
		parts = append(parts, img)
	}
	if smp.Video != "" {
		st, _ := os.Stat(smp.Video)
		if st != nil {
			parts = append(parts, smp.Video, st.Size(), st.ModTime().UnixNano())
		}
		parts = append(parts, o.Frames, o.FrameSide, o.Subtitles)
	}
	return results.CacheKey(parts...)
}

// ServerKey is AskOptions.Server for a llama-server: its build, context size and extra
// arguments (-ctx, -server-args), each of which can change an answer.
func ServerKey(build string, ctx int, extraArgs []string) string {
	return fmt.Sprintf("build=%s ctx=%d args=%q", build, ctx, extraArgs)
}

// AskAll asks every sample, up to o.Parallel at a time, and returns the answers in
// sample order. A cached answer (temperature 0, same key) is not asked again; each new
// answer is cached as soon as it arrives, so an interrupted run loses at most the
// requests in flight. asked counts the requests sent.
func (s Set) AskAll(ctx context.Context, chat ChatFunc, samples []Sample, o AskOptions) (answers []Answer, asked int) {
	answers = make([]Answer, len(samples))
	o.frames = &frameCache{m: map[string]*frameEntry{}}
	cache := o.Cache
	if o.Temperature != 0 {
		cache = nil
	}
	var n atomic.Int64
	sem := make(chan struct{}, max(o.Parallel, 1))
	var wg sync.WaitGroup
	for i, smp := range samples {
		key := s.key(smp, o)
		var c cached
		if cache.Get(smp.ID, key, &c) {
			answers[i] = Answer{Text: c.Answer, Prompt: c.Prompt, Cached: true}
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			prompt, images, err := s.Inputs(ctx, smp, o)
			if err != nil {
				answers[i] = Answer{Err: err}
				return
			}
			n.Add(1)
			r, err := chat(ctx, harness.ChatRequest{Prompt: prompt, Images: images, MaxTokens: o.MaxTokens,
				Temperature: o.Temperature, Seed: o.Seed})
			if err != nil {
				answers[i] = Answer{Prompt: prompt, Err: err}
				return
			}
			text := r.Text
			if r.Reasoning != "" {
				text = "<think>" + r.Reasoning + "</think>\n" + r.Text
			}
			answers[i] = Answer{Text: text, Prompt: prompt, Response: r}
			if err := cache.Put(smp.ID, key, cached{Prompt: prompt, Answer: text}); err != nil {
				answers[i].Err = fmt.Errorf("caching: %w", err)
			}
		}()
	}
	wg.Wait()
	return answers, int(n.Load())
}

// Judge returns MathVista's -judge extraction: the judge is asked, greedily, to extract
// the final answer from a response (the official extraction's task, zero-shot).
func Judge(c *harness.Client) func(ctx context.Context, question, response string) (string, error) {
	return func(ctx context.Context, question, response string) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		r, err := c.Chat(ctx, harness.ChatRequest{System: "Please read the following example. Then extract the answer " +
			"from the model response and type it at the end of the prompt. Reply with the extracted answer only: " +
			"a choice's text or letter, a number, or a Python list.",
			Prompt: question + "\n\nModel response: " + response + "\n\nExtracted answer: ", MaxTokens: 64})
		if err != nil {
			return "", err
		}
		return FinalAnswer(r.Text), nil
	}
}
