package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// CompletionRequest is llama.cpp's native /completion: a raw prompt, no chat template.
// Benchmarks use it to control exactly what is processed: CachePrompt false makes every
// request process its whole prompt, IgnoreEOS makes generation run its full NPredict.
type CompletionRequest struct {
	Prompt      any // a string, or []int token ids
	NPredict    int
	IgnoreEOS   bool
	CachePrompt bool
	Temperature float64
	Stream      bool
}

// CompletionResponse is /completion's answer with the server's timings and the client's
// own clock (as in ChatResponse).
type CompletionResponse struct {
	Content string
	Timings *Timings
	TTFT    time.Duration
	Gaps    []time.Duration
	E2E     time.Duration
}

// Complete sends one /completion request (llama.cpp only).
func (c *Client) Complete(ctx context.Context, req CompletionRequest) (*CompletionResponse, error) {
	body, err := json.Marshal(map[string]any{
		"prompt": req.Prompt, "n_predict": req.NPredict, "ignore_eos": req.IgnoreEOS,
		"cache_prompt": req.CachePrompt, "temperature": req.Temperature, "stream": req.Stream,
	})
	if err != nil {
		return nil, err
	}
	var out *CompletionResponse
	err = c.do(ctx, http.MethodPost, "/completion", body, func(resp *http.Response, sent time.Time) (err error) {
		out, err = readCompletion(resp, sent, req.Stream)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func readCompletion(resp *http.Response, start time.Time, stream bool) (*CompletionResponse, error) {
	type chunk struct {
		Content string   `json:"content"`
		Stop    bool     `json:"stop"`
		Timings *Timings `json:"timings"`
	}
	out := &CompletionResponse{}
	if !stream {
		var ch chunk
		if err := readJSON(resp, &ch); err != nil {
			return nil, err
		}
		out.E2E = time.Since(start)
		out.Content, out.Timings, out.TTFT = ch.Content, ch.Timings, out.E2E
		return out, nil
	}
	var last time.Time
	stopped := false
	err := readSSE(resp.Body, func(data []byte) error {
		var ch chunk
		if err := json.Unmarshal(data, &ch); err != nil {
			return fmt.Errorf("completion chunk is not the JSON expected: %w: %s", err, snippet(data, ""))
		}
		if ch.Content != "" {
			now := time.Now()
			if last.IsZero() {
				out.TTFT = now.Sub(start)
			} else {
				out.Gaps = append(out.Gaps, now.Sub(last))
			}
			last = now
			out.Content += ch.Content
		}
		if ch.Timings != nil {
			out.Timings = ch.Timings
		}
		stopped = stopped || ch.Stop
		return nil
	})
	out.E2E = time.Since(start)
	if err != nil {
		return nil, err
	}
	if !stopped {
		return nil, errors.New("completion stream ended without its final chunk (server gone?)")
	}
	return out, nil
}

// Tokenize returns the token ids of text in the server's model.
func (c *Client) Tokenize(ctx context.Context, text string) ([]int, error) {
	body, _ := json.Marshal(map[string]any{"content": text, "add_special": false})
	var out struct {
		Tokens []int `json:"tokens"`
	}
	err := c.do(ctx, http.MethodPost, "/tokenize", body, func(resp *http.Response, _ time.Time) error {
		return readJSON(resp, &out)
	})
	if err != nil {
		return nil, err
	}
	return out.Tokens, nil
}

// Props is the part of llama-server's /props that vlbench reads.
type Props struct {
	BuildInfo  string `json:"build_info"`
	ModelPath  string `json:"model_path"`
	TotalSlots int    `json:"total_slots"`
	Modalities struct {
		Vision bool `json:"vision"`
		Audio  bool `json:"audio"`
	} `json:"modalities"`
	DefaultGenerationSettings struct {
		NCtx int `json:"n_ctx"`
	} `json:"default_generation_settings"`
}

// Props reads /props (llama.cpp only).
func (c *Client) Props(ctx context.Context) (*Props, error) {
	var p Props
	err := c.do(ctx, http.MethodGet, "/props", nil, func(resp *http.Response, _ time.Time) error {
		return readJSON(resp, &p)
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}
