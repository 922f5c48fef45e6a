package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The client's limits, where a Client leaves them zero.
const (
	// DefaultTimeout bounds one request, from sending it to the end of its answer: longer
	// than the plan's biggest models take for a 4096-token answer on CPU at 2.5 tok/s
	// (27 min), short enough that a stalled endpoint or judge does not hold a run for hours.
	DefaultTimeout = 30 * time.Minute
	// DefaultMaxBody caps every response body. The longest real answers are streams of a
	// few hundred bytes per token (32k tokens ≈ 12 MiB); a body over the cap is an error,
	// never truncated text.
	DefaultMaxBody = 64 << 20
	// A 429 (or a 503) with Retry-After is retried after the delay it names, at most
	// maxRetryAfterTries times, each delay at most maxRetryAfter and inside the request's
	// deadline; otherwise the HTTPError names the delay the server asked for.
	maxRetryAfter      = time.Minute
	maxRetryAfterTries = 3
)

// Secret is a credential. It prints, logs and marshals as "[redacted]", so that a Client
// (or anything holding one) can be logged or written as it is; string(s) is the value.
type Secret string

const redacted = "[redacted]"

func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString is String, for %#v.
func (s Secret) GoString() string { return strconv.Quote(s.String()) }

// LogValue is String, for log/slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText is String, for encoding/json and other encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// redact replaces the secret in s; errors and messages pass through it before they leave
// the client.
func (s Secret) redact(msg string) string {
	if s == "" {
		return msg
	}
	return strings.ReplaceAll(msg, string(s), redacted)
}

// redactedError is an error whose text had the API key in it (an endpoint echoing the
// key, a key in the URL).
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// HTTPError is an answer with a status other than 200.
type HTTPError struct {
	Method  string
	Path    string
	Status  int
	Message string // the server's error message, or a snippet of its body
	// RetryAfter is the delay a 429 or 503 asked for (Retry-After), zero without one;
	// Retried says how many times the client already waited it out.
	RetryAfter time.Duration
	Retried    int
	retry      string // why the client did not wait (again)
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("harness: %s %s: %d %s: %s", e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Message)
	if e.retry != "" {
		msg += " (" + e.retry + ")"
	}
	return msg
}

func (c *Client) timeout() time.Duration {
	if c.Timeout == 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

func (c *Client) maxBody() int64 {
	if c.MaxBody <= 0 {
		return DefaultMaxBody
	}
	return c.MaxBody
}

// do sends one request and, for a 200, calls read with the response, its body capped at
// MaxBody, and the time the request was sent. Every request of the client goes through
// it:
//   - Timeout bounds the whole exchange, read included;
//   - a 429 or 503 with Retry-After is waited out (bounded; see maxRetryAfter);
//   - any other status is an *HTTPError with the server's message;
//   - every error names the method and path, and never carries the API key.
//
// A request that fails before any response byte on a reused connection is retried by
// net/http on another connection (the Idempotency-Key marker below; the header itself is
// not sent): llama-server closes the connection after each streamed answer without saying
// so, and an idle connection may close as a request goes out. A failure on a fresh
// connection (refused, reset, the server gone) is returned at once, as is any failure
// after the first response byte.
func (c *Client) do(ctx context.Context, method, path string, body []byte,
	read func(resp *http.Response, sent time.Time) error) error {
	parent := ctx
	if t := c.timeout(); t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	err := c.exchange(ctx, method, path, body, read)
	var he *HTTPError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &he):
	case ctx.Err() != nil && parent.Err() == nil:
		err = fmt.Errorf("harness: %s %s: no complete answer within %v (the client's request timeout): %w",
			method, path, c.timeout(), err)
	default:
		err = fmt.Errorf("harness: %s %s: %w", method, path, err)
	}
	if c.explain != nil && parent.Err() == nil { // not when the caller gave up
		err = c.explain(err)
	}
	if msg := err.Error(); c.APIKey != "" && strings.Contains(msg, string(c.APIKey)) {
		err = &redactedError{msg: c.APIKey.redact(msg), err: err}
	}
	return err
}

func (c *Client) exchange(ctx context.Context, method, path string, body []byte,
	read func(resp *http.Response, sent time.Time) error) error {
	for tries := 0; ; tries++ {
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, rd)
		if err != nil {
			return err
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if c.APIKey != "" {
			req.Header.Set("Authorization", "Bearer "+string(c.APIKey))
		}
		req.Header["Idempotency-Key"] = nil // replayable before the first response byte; not sent
		sent := time.Now()
		resp, err := c.HTTP.Do(req)
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("the endpoint closed the connection without an answer: %w", err)
		}
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			err := c.readOK(resp, sent, read)
			resp.Body.Close()
			return err
		}
		herr := c.httpError(method, path, resp)
		resp.Body.Close()
		herr.Retried = tries
		if !c.waitRetryAfter(ctx, herr) {
			return herr
		}
	}
}

func (c *Client) readOK(resp *http.Response, sent time.Time, read func(*http.Response, time.Time) error) error {
	limit := c.maxBody()
	if resp.ContentLength > limit {
		return fmt.Errorf("response of %d bytes (Content-Length) is over the client's %s cap", resp.ContentLength, mib(limit))
	}
	resp.Body = &capBody{ReadCloser: resp.Body, left: limit, limit: limit}
	return read(resp, sent)
}

// capBody is a body that fails, rather than ends, once it has given limit bytes and has
// more (as http.MaxBytesReader does for request bodies).
type capBody struct {
	io.ReadCloser
	left, limit int64
}

func (b *capBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.err()
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.ReadCloser.Read(p)
	if int64(n) <= b.left {
		b.left -= int64(n)
		return n, err
	}
	n, b.left = int(b.left), -1
	return n, b.err()
}

func (b *capBody) err() error {
	return fmt.Errorf("body over the client's %s cap (Client.MaxBody)", mib(b.limit))
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// httpError reads a non-200 answer: llama.cpp's and OpenAI's {"error":{"message":…}},
// else a snippet of the body (an HTML page as its title or text).
func (c *Client) httpError(method, path string, resp *http.Response) *HTTPError {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	msg := snippet(raw, resp.Header.Get("Content-Type"))
	if json.Unmarshal(raw, &e) == nil && e.Error.Message != "" {
		msg = e.Error.Message
	}
	return &HTTPError{Method: method, Path: path, Status: resp.StatusCode, Message: c.APIKey.redact(msg),
		RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
}

// waitRetryAfter waits the delay of a 429 or 503 with Retry-After and reports true, where
// it is at most maxRetryAfter, fits the deadline and the tries are not used up; otherwise
// it notes on e why not.
func (c *Client) waitRetryAfter(ctx context.Context, e *HTTPError) bool {
	if e.Status != http.StatusTooManyRequests && e.Status != http.StatusServiceUnavailable || e.RetryAfter <= 0 {
		return false
	}
	wait := e.RetryAfter
	dl, hasDL := ctx.Deadline()
	switch {
	case wait > maxRetryAfter:
		e.retry = fmt.Sprintf("the server asks to retry after %v, longer than the %v the client waits", wait, maxRetryAfter)
	case e.Retried >= maxRetryAfterTries:
		e.retry = fmt.Sprintf("still refused after waiting out Retry-After %d times", e.Retried)
	case hasDL && time.Until(dl) < wait:
		e.retry = fmt.Sprintf("the server asks to retry after %v, past the request's deadline", wait)
	}
	if e.retry != "" {
		return false
	}
	if c.Logger != nil {
		c.Logger.Info("harness: endpoint asks to retry later", "url", c.BaseURL, "path", e.Path, "status", e.Status, "after", wait)
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// retryAfter parses a Retry-After header: seconds or an HTTP date; zero when absent or
// unreadable.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

// readJSON reads a whole (capped) body and decodes it into v; a body that is not JSON
// gives an error with a snippet of it.
func readJSON(resp *http.Response, v any) error {
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("reading the response: %w", err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("response is not the JSON expected: %w: %s", err, snippet(raw, resp.Header.Get("Content-Type")))
	}
	return nil
}

var (
	titleRE = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	tagRE   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// snippet is a short, one-line view of a body for an error message: an HTML page (a
// proxy's or a web server's error page) as its title, or its text without tags.
func snippet(raw []byte, contentType string) string {
	s := string(raw)
	head := strings.ToLower(strings.TrimSpace(s[:min(len(s), 64)]))
	if strings.Contains(contentType, "html") || strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") {
		if m := titleRE.FindStringSubmatch(s); m != nil {
			s = m[1]
		} else {
			s = tagRE.ReplaceAllString(s, " ")
		}
		s = "HTML page: " + s
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}
