package harness

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	start := time.Now()
	resp, err := c.post(ctx, "/completion", body)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	type chunk struct {
		Content string   `json:"content"`
		Stop    bool     `json:"stop"`
		Timings *Timings `json:"timings"`
	}
	out := &CompletionResponse{}
	if !req.Stream {
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("harness: reading completion: %w", err)
		}
		var ch chunk
		if err := json.Unmarshal(raw, &ch); err != nil {
			return nil, fmt.Errorf("harness: completion: %w: %.200s", err, raw)
		}
		out.E2E = time.Since(start)
		out.Content, out.Timings, out.TTFT = ch.Content, ch.Timings, out.E2E
		return out, nil
	}
	var last time.Time
	stopped := false
	err = readSSE(resp.Body, func(data []byte) error {
		var ch chunk
		if err := json.Unmarshal(data, &ch); err != nil {
			return fmt.Errorf("harness: completion chunk: %w: %.200s", err, data)
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
		return nil, fmt.Errorf("harness: completion stream ended without its final chunk (server gone?)")
	}
	return out, nil
}

// Tokenize returns the token ids of text in the server's model.
func (c *Client) Tokenize(ctx context.Context, text string) ([]int, error) {
	body, _ := json.Marshal(map[string]any{"content": text, "add_special": false})
	resp, err := c.post(ctx, "/tokenize", body)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Tokens []int `json:"tokens"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("harness: tokenize: %w", err)
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
	if err := c.getJSON(ctx, "/props", &p); err != nil {
		return nil, err
	}
	return &p, nil
}
