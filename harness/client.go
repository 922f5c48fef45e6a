package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Client talks to llama-server, or to any OpenAI-compatible endpoint, where llama.cpp's
// extras (timings, draft counts) are simply absent. Every request is bounded in time
// (Timeout) and size (MaxBody); a hostile or broken endpoint gives an error, never a
// hang, a panic or unbounded memory. The API key never appears in an error, a log line or
// a printed Client.
type Client struct {
	BaseURL string // "http://127.0.0.1:8080"; a trailing /v1 is accepted
	APIKey  Secret // sent as a bearer token when set
	Model   string // "model" field; llama-server ignores it, other endpoints need it
	// Timeout bounds each request from sending it to the end of its answer, waits for a
	// Retry-After included. 0: DefaultTimeout (30 min); negative: none beyond the ctx.
	Timeout time.Duration
	// MaxBody caps each response body; a longer one is an error. 0: DefaultMaxBody (64 MiB).
	MaxBody int64
	HTTP    *http.Client
	// Logger hears of waits on a Retry-After, at Info; nil: nothing is logged. A server's
	// client (Server.Client) has the server's Config.Logger.
	Logger *slog.Logger

	explain func(error) error // the server's account of a failed request (Server.Client)
}

// NewClient returns a client for baseURL with its own HTTP client (no global state).
func NewClient(baseURL, apiKey string) *Client {
	baseURL = strings.TrimSuffix(strings.TrimSuffix(baseURL, "/"), "/v1")
	return &Client{BaseURL: baseURL, APIKey: Secret(apiKey), Model: "vlbench", Timeout: DefaultTimeout,
		HTTP: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
}

// String describes the client for logs: its endpoint and model, and whether a key is set
// (never the key).
func (c *Client) String() string {
	key := "no API key"
	if c.APIKey != "" {
		key = "API key " + c.APIKey.String()
	}
	return fmt.Sprintf("harness.Client{%s model=%s timeout=%v %s}", c.BaseURL, c.Model, c.timeout(), key)
}

// Timings is llama.cpp's per-request "timings" object: the server's own figures.
// PromptN leaves out cached prefix tokens (CacheN); image tokens count in it.
type Timings struct {
	CacheN              int     `json:"cache_n"`
	PromptN             int     `json:"prompt_n"`
	PromptMS            float64 `json:"prompt_ms"`
	PromptPerTokenMS    float64 `json:"prompt_per_token_ms"`
	PromptPerSecond     float64 `json:"prompt_per_second"`
	PredictedN          int     `json:"predicted_n"`
	PredictedMS         float64 `json:"predicted_ms"`
	PredictedPerTokenMS float64 `json:"predicted_per_token_ms"`
	PredictedPerSecond  float64 `json:"predicted_per_second"`
	DraftN              int     `json:"draft_n"`
	DraftNAccepted      int     `json:"draft_n_accepted"`
}

// ChatRequest is one user turn: a prompt with images.
type ChatRequest struct {
	System      string
	Prompt      string
	Images      [][]byte // PNG or JPEG bytes, sent as data URLs
	MaxTokens   int      // 0: the server's default
	Temperature float64  // always sent, 0 included (greedy)
	Seed        *int
	Stream      bool
	// Extra fields merged into the JSON body, e.g. llama.cpp's "cache_prompt": false.
	Extra map[string]any
}

// ChatResponse is the answer with the server's timings and the client's own clock.
type ChatResponse struct {
	Text         string
	Reasoning    string // reasoning_content, where the server splits it out
	FinishReason string
	Usage        openai.Usage
	Timings      *Timings // nil where the endpoint is not llama.cpp
	// Client side: TTFT is request start to the first content (streaming; for a
	// non-streamed request it equals E2E); Gaps are the times between content chunks.
	TTFT time.Duration
	Gaps []time.Duration
	E2E  time.Duration
}

// Overhead is the client's end-to-end time minus the server's prompt and generation
// time: transport, JSON and queueing. Zero when the endpoint gave no timings.
func (r *ChatResponse) Overhead() time.Duration {
	if r.Timings == nil {
		return 0
	}
	server := time.Duration((r.Timings.PromptMS + r.Timings.PredictedMS) * float64(time.Millisecond))
	return r.E2E - server
}

// DataURL encodes an image as a data URL, its type sniffed from its bytes.
func DataURL(img []byte) (string, error) {
	ct := http.DetectContentType(img)
	switch ct {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
	default:
		return "", fmt.Errorf("harness: image is %s, want PNG or JPEG", ct)
	}
	return "data:" + ct + ";base64," + base64.StdEncoding.EncodeToString(img), nil
}

func (c *Client) chatBody(req ChatRequest) ([]byte, error) {
	var msgs []openai.ChatCompletionMessage
	if req.System != "" {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: req.System})
	}
	user := openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser}
	if len(req.Images) == 0 {
		user.Content = req.Prompt
	} else {
		for _, img := range req.Images {
			u, err := DataURL(img)
			if err != nil {
				return nil, err
			}
			user.MultiContent = append(user.MultiContent, openai.ChatMessagePart{
				Type: openai.ChatMessagePartTypeImageURL, ImageURL: &openai.ChatMessageImageURL{URL: u}})
		}
		user.MultiContent = append(user.MultiContent, openai.ChatMessagePart{
			Type: openai.ChatMessagePartTypeText, Text: req.Prompt})
	}
	oreq := openai.ChatCompletionRequest{Model: c.Model, Messages: append(msgs, user),
		MaxTokens: req.MaxTokens, Seed: req.Seed, Stream: req.Stream}
	if req.Stream {
		oreq.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	}
	return mergeJSON(oreq, map[string]any{"temperature": req.Temperature}, req.Extra)
}

// mergeJSON marshals v and sets extra fields on top (go-openai drops a zero temperature
// through omitempty, and has no place for llama.cpp's own fields).
func mergeJSON(v any, extras ...map[string]any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for _, e := range extras {
		for k, v := range e {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// Chat sends one chat completion, streamed or not.
func (c *Client) Chat(ctx context.Context, req ChatRequest) (*ChatResponse, error) {
	body, err := c.chatBody(req)
	if err != nil {
		return nil, err
	}
	var r *ChatResponse
	err = c.do(ctx, http.MethodPost, "/v1/chat/completions", body, func(resp *http.Response, sent time.Time) (err error) {
		if req.Stream {
			r, err = readChatStream(resp.Body, sent)
		} else {
			r, err = readChat(resp, sent)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func readChat(resp *http.Response, start time.Time) (*ChatResponse, error) {
	var out struct {
		openai.ChatCompletionResponse
		Timings *Timings `json:"timings"`
	}
	if err := readJSON(resp, &out); err != nil {
		return nil, err
	}
	if len(out.Choices) == 0 {
		return nil, errors.New("the answer has no choices")
	}
	e2e := time.Since(start)
	ch := out.Choices[0]
	return &ChatResponse{Text: ch.Message.Content, Reasoning: ch.Message.ReasoningContent,
		FinishReason: string(ch.FinishReason), Usage: out.Usage, Timings: out.Timings,
		TTFT: e2e, E2E: e2e}, nil
}

func readChatStream(body io.Reader, start time.Time) (*ChatResponse, error) {
	r := &ChatResponse{}
	var text, reasoning strings.Builder
	var last time.Time
	done := false
	err := readSSE(body, func(data []byte) error {
		if string(data) == "[DONE]" {
			done = true
			return nil
		}
		var chunk struct {
			openai.ChatCompletionStreamResponse
			Timings *Timings `json:"timings"`
		}
		if err := json.Unmarshal(data, &chunk); err != nil {
			return fmt.Errorf("stream chunk is not the JSON expected: %w: %s", err, snippet(data, ""))
		}
		if chunk.Usage != nil {
			r.Usage = *chunk.Usage
		}
		if chunk.Timings != nil {
			r.Timings = chunk.Timings
		}
		for _, ch := range chunk.Choices {
			if ch.FinishReason != "" {
				r.FinishReason = string(ch.FinishReason)
			}
			if ch.Delta.Content == "" && ch.Delta.ReasoningContent == "" {
				continue
			}
			now := time.Now()
			if last.IsZero() {
				r.TTFT = now.Sub(start)
			} else {
				r.Gaps = append(r.Gaps, now.Sub(last))
			}
			last = now
			text.WriteString(ch.Delta.Content)
			reasoning.WriteString(ch.Delta.ReasoningContent)
		}
		return nil
	})
	r.E2E = time.Since(start)
	if err != nil {
		return nil, err
	}
	if !done {
		return nil, errors.New("stream ended without [DONE] (server gone?)")
	}
	if r.TTFT == 0 {
		r.TTFT = r.E2E
	}
	r.Text, r.Reasoning = text.String(), reasoning.String()
	return r, nil
}

// maxSSELine caps one line of a stream (one chunk): far above a token's chunk.
const maxSSELine = 16 << 20

// readSSE calls fn with the data of each server-sent event.
func readSSE(body io.Reader, fn func(data []byte) error) error {
	er := &errReader{r: body}
	sc := bufio.NewScanner(er)
	sc.Buffer(make([]byte, 64*1024), maxSSELine)
	for sc.Scan() {
		if er.err != nil {
			break // the scanner hands over a cut last line with the error: not data
		}
		line := sc.Bytes()
		if !bytes.HasPrefix(line, []byte("data:")) {
			if bytes.HasPrefix(line, []byte("error:")) {
				return fmt.Errorf("stream error: %s", snippet(bytes.TrimSpace(line[6:]), ""))
			}
			continue
		}
		if err := fn(bytes.TrimSpace(line[5:])); err != nil {
			return err
		}
	}
	if er.err != nil {
		return fmt.Errorf("reading the stream: %w", er.err)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("reading the stream: a line over %s: %w", mib(maxSSELine), err)
		}
		return fmt.Errorf("reading the stream: %w", err)
	}
	return nil
}

// errReader remembers the first error of r other than io.EOF.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}
