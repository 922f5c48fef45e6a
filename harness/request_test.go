package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// standIn is a loopback endpoint that counts the requests it gets.
func standIn(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// hangUp closes the connection without an answer; with reset, as a TCP reset.
func hangUp(w http.ResponseWriter, reset bool) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	if reset {
		conn.(*net.TCPConn).SetLinger(0)
	}
	conn.Close()
}

// endless writes s over and over until the client goes away.
func endless(w http.ResponseWriter, r *http.Request, s string) {
	chunk := []byte(strings.Repeat(s, max(1, 32<<10/len(s))))
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// repeatReader reads as s repeated forever.
type repeatReader struct {
	s string
	i int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.s[r.i%len(r.s)]
		r.i++
	}
	return len(p), nil
}

const okChat = `{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}`

// A hostile or broken endpoint gives a clear error within the request timeout, with
// memory bounded and no panic. Memory: the live heap's peak growth, sampled every
// millisecond while the request runs, and the heap after a GC (nothing kept).
func TestHostileEndpoints(t *testing.T) {
	// Generous for a loaded 2-core runner; the stall cases use 1s.
	const timeout = 20 * time.Second
	// stall flushes what was written so far, then waits for the client to give up.
	stall := func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
	tests := []struct {
		name    string
		stream  bool
		timeout time.Duration // 0: timeout
		handler http.HandlerFunc
		want    string // a part of the error
	}{
		{"endless body", false, 0, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":[{"index":0,"message":{"content":"`)
			endless(w, r, "a")
		}, "reading the response: body over the client's 64 MiB cap (Client.MaxBody)"},
		{"endless stream", true, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			endless(w, r, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""+strings.Repeat("a", 1000)+"\"}}]}\n\n")
		}, "reading the stream: body over the client's 64 MiB cap (Client.MaxBody)"},
		{"endless stream line", true, 0, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `data: {"choices":[{"index":0,"delta":{"content":"`)
			endless(w, r, "a")
		}, "a line over 16 MiB"},
		{"1 GB body", false, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(1<<30))
			io.CopyN(w, &repeatReader{s: "x"}, 1<<30)
		}, "response of 1073741824 bytes (Content-Length) is over the client's 64 MiB cap"},
		{"1 GB body, chunked", false, 0, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":[{"index":0,"message":{"content":"`)
			io.CopyN(w, &repeatReader{s: "x"}, 1<<30)
		}, "reading the response: body over the client's 64 MiB cap (Client.MaxBody)"},
		{"1 GB stream", true, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(1<<30))
			io.CopyN(w, &repeatReader{s: "data: {\"choices\":[]}\n\n"}, 1<<30)
		}, "over the client's 64 MiB cap"},
		{"malformed JSON", false, 0, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":[{"index":0,"message":`)
		}, `response is not the JSON expected: unexpected end of JSON input: {"choices":[{"index":0,"message":`},
		{"malformed stream chunk", true, 0, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {choices\n\n")
		}, "stream chunk is not the JSON expected: invalid character 'c'"},
		{"stream stalls mid-answer", true, time.Second, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n")
			stall(w, r)
		}, "no complete answer within 1s (the client's request timeout)"},
		{"answer stalls", false, time.Second, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":`)
			stall(w, r)
		}, "no complete answer within 1s (the client's request timeout)"},
		{"HTML error page", false, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
		}, "harness: POST /v1/chat/completions: 502 Bad Gateway: HTML page: 502 Bad Gateway"},
		{"HTML page as an answer", false, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<!DOCTYPE html><html><body><h1>Sign in</h1><p>to use this network</p></body></html>")
		}, "response is not the JSON expected: invalid character '<' looking for beginning of value: HTML page: Sign in to use this network"},
		{"429 with a long Retry-After", false, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			http.Error(w, `{"error":{"message":"rate limit reached"}}`, http.StatusTooManyRequests)
		}, "429 Too Many Requests: rate limit reached (the server asks to retry after 1h0m0s, longer than the 1m0s the client waits)"},
		{"429 past the deadline", false, 0, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "30")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}, "429 Too Many Requests: slow down (the server asks to retry after 30s, past the request's deadline)"},
		{"connection reset", false, 0, func(w http.ResponseWriter, r *http.Request) {
			hangUp(w, true)
		}, "connection reset by peer"},
		{"connection reset mid-stream", true, 0, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n")
			w.(http.Flusher).Flush()
			hangUp(w, true)
		}, "reading the stream: read tcp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, requests := standIn(t, tt.handler)
			c := NewClient(srv.URL, "")
			c.Timeout = orDefault(tt.timeout, timeout)
			var r *ChatResponse
			var err error
			var took time.Duration
			before := memStats()
			peak := peakHeap(func() {
				start := time.Now()
				r, err = c.Chat(t.Context(), ChatRequest{Prompt: "hi", Stream: tt.stream})
				took = time.Since(start)
			})
			after := memStats()
			require.Error(t, err, "answer %+v", r)
			t.Logf("%v\n(in %v; %d request(s); heap peak +%.1f MiB, allocated %.1f MiB in all, heap after GC %+.1f MiB)",
				err, took.Round(time.Millisecond), requests.Load(), mibF(peak),
				mibF(after.TotalAlloc-before.TotalAlloc), mibF(after.HeapAlloc)-mibF(before.HeapAlloc))
			assert.Contains(t, err.Error(), tt.want)
			assert.Less(t, took, c.Timeout+time.Second, "within the request timeout")
			// A body of the cap's size peaks at 1.5–3.5 times it (slice growth, and garbage
			// that GOGC=100 lets wait for the next cycle); the bound is the cap's, not the
			// endless or 1 GB body's.
			assert.Less(t, peak, uint64(5*DefaultMaxBody), "heap peak at most 5 times the 64 MiB cap")
			assert.Less(t, int64(after.HeapAlloc)-int64(before.HeapAlloc), int64(16<<20), "nothing kept")
			assert.EqualValues(t, 1, requests.Load(), "sent once")
		})
	}
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

func memStats() runtime.MemStats {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

// peakHeap runs fn and returns the peak growth of the live heap while it ran, sampled
// every millisecond (runtime/metrics, no stop-the-world).
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base, peak := read(), uint64(0)
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := read(); v > base && v-base > peak {
				peak = v - base
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	<-sampled
	return peak
}

func mibF(n uint64) float64 { return float64(n) / (1 << 20) }

// A 429 or 503 with a short Retry-After is waited out, at most three times.
func TestRetryAfter(t *testing.T) {
	t.Run("honoured", func(t *testing.T) {
		var n atomic.Int32
		srv, requests := standIn(t, func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "busy", http.StatusTooManyRequests)
				return
			}
			io.WriteString(w, okChat)
		})
		start := time.Now()
		c := NewClient(srv.URL, "")
		var logs syncBuffer
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		r, err := c.Chat(t.Context(), ChatRequest{Prompt: "hi"})
		require.NoError(t, err)
		assert.Equal(t, "ok", r.Text)
		assert.EqualValues(t, 2, requests.Load())
		assert.Contains(t, logs.String(), `msg="harness: endpoint asks to retry later"`, "the wait is logged")
		assert.GreaterOrEqual(t, time.Since(start), time.Second, "waited the second asked for")
		assert.Less(t, r.E2E, time.Second, "E2E is the answered request's, not the wait")
	})
	t.Run("HTTP date", func(t *testing.T) {
		assert.Equal(t, 90*time.Second, retryAfter("Wed, 02 Dec 2026 07:01:30 GMT",
			time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)))
		assert.Zero(t, retryAfter("soon", time.Now()))
		assert.Zero(t, retryAfter("", time.Now()))
	})
	t.Run("refused again and again", func(t *testing.T) {
		srv, requests := standIn(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "loading model", http.StatusServiceUnavailable)
		})
		_, err := NewClient(srv.URL, "").Chat(t.Context(), ChatRequest{Prompt: "hi"})
		var he *HTTPError
		require.ErrorAs(t, err, &he)
		assert.Equal(t, 503, he.Status)
		assert.Equal(t, time.Second, he.RetryAfter)
		assert.Contains(t, err.Error(), "still refused after waiting out Retry-After 3 times")
		assert.EqualValues(t, 4, requests.Load())
	})
	t.Run("no Retry-After", func(t *testing.T) {
		srv, requests := standIn(t, func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "busy", http.StatusTooManyRequests)
		})
		_, err := NewClient(srv.URL, "").Chat(t.Context(), ChatRequest{Prompt: "hi"})
		assert.EqualError(t, err, "harness: POST /v1/chat/completions: 429 Too Many Requests: busy")
		assert.EqualValues(t, 1, requests.Load())
	})
}

// perConn answers the first request on each connection and hangs up on the next, before
// any response byte: llama-server's behaviour after a stream, made deterministic.
func perConn(t *testing.T, answer http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	type key struct{}
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.ConnContext = func(ctx context.Context, _ net.Conn) context.Context {
		return context.WithValue(ctx, key{}, new(atomic.Int32))
	}
	var requests atomic.Int32
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Context().Value(key{}).(*atomic.Int32).Add(1) > 1 {
			hangUp(w, false)
			return
		}
		answer(w, r)
	})
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &requests
}

// A request that finds its reused connection closed before any response byte is retried
// on a fresh one; a fresh connection's failure is returned at once; the Idempotency-Key
// marker that allows the retry is never sent.
func TestRetryOnClosedConnection(t *testing.T) {
	var keys atomic.Int32
	srv, requests := perConn(t, func(w http.ResponseWriter, r *http.Request) {
		if len(r.Header.Values("Idempotency-Key")) > 0 {
			keys.Add(1)
		}
		io.WriteString(w, okChat)
	})
	c := NewClient(srv.URL, "")
	for i := range 3 {
		_, err := c.Chat(t.Context(), ChatRequest{Prompt: "hi"})
		require.NoError(t, err, "request %d", i)
	}
	assert.EqualValues(t, 5, requests.Load(), "requests 2 and 3 hung up on once each, then answered")
	assert.Zero(t, keys.Load(), "Idempotency-Key sent on the wire")

	for _, reset := range []bool{false, true} {
		t.Run(fmt.Sprintf("always hangs up/reset=%v", reset), func(t *testing.T) {
			var first atomic.Bool
			srv, requests := standIn(t, func(w http.ResponseWriter, r *http.Request) {
				if !first.Swap(true) {
					io.WriteString(w, okChat) // a connection to reuse
					return
				}
				hangUp(w, reset)
			})
			c := NewClient(srv.URL, "")
			_, err := c.Chat(t.Context(), ChatRequest{Prompt: "hi"})
			require.NoError(t, err)
			start := time.Now()
			_, err = c.Chat(t.Context(), ChatRequest{Prompt: "hi"})
			require.Error(t, err)
			t.Logf("%v (in %v)", err, time.Since(start))
			assert.EqualValues(t, 3, requests.Load(), "one answer, then the reused connection and one fresh one")
			assert.Less(t, time.Since(start), time.Second)
			_, err = NewClient(srv.URL, "").Chat(t.Context(), ChatRequest{Prompt: "hi"})
			require.Error(t, err)
			assert.EqualValues(t, 4, requests.Load(), "a fresh connection's failure is not retried")
		})
	}
}

// HTTPError names the request's real method and path.
func TestHTTPErrorMethod(t *testing.T) {
	srv, _ := standIn(t, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	c := NewClient(srv.URL, "")
	_, err := c.Props(t.Context())
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, http.MethodGet, he.Method)
	assert.EqualError(t, err, "harness: GET /props: 404 Not Found: 404 page not found")
	_, err = c.Tokenize(t.Context(), "hi")
	assert.EqualError(t, err, "harness: POST /tokenize: 404 Not Found: 404 page not found")
}

// The API key is sent, and appears in no error (even where the endpoint echoes it), no
// printed or logged client, and no marshalled Secret.
func TestAPIKeyNeverShown(t *testing.T) {
	const key = "sk-test-0123456789abcdef"
	srv, _ := standIn(t, func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch r.URL.Path {
		case "/v1/chat/completions":
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"error":{"message":"invalid key in %q"}}`, auth)
		default: // a 200 that is not JSON, with the key in it
			fmt.Fprintf(w, "<html><body>you sent %s</body></html>", auth)
		}
	})
	c := NewClient(srv.URL, key)
	_, chatErr := c.Chat(t.Context(), ChatRequest{Prompt: "hi"})
	_, tokErr := c.Tokenize(t.Context(), "hi")
	url := NewClient(strings.Replace(srv.URL, "http://", "http://user:"+key+"@", 1)+"/nowhere\x7f", key)
	_, urlErr := url.Props(t.Context())
	var he *HTTPError
	require.ErrorAs(t, chatErr, &he)
	assert.Contains(t, he.Message, "Bearer [redacted]", "the key was sent, and redacted in the message")

	var logged bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&logged, nil), slog.NewJSONHandler(&logged, nil)} {
		slog.New(h).Info("client", "client", c, "key", c.APIKey, "value", *c)
	}
	secretJSON, err := json.Marshal(struct{ Key Secret }{c.APIKey})
	require.NoError(t, err)
	shown := map[string]string{
		"chat error":     fmt.Sprint(chatErr),
		"tokenize error": fmt.Sprint(tokErr),
		"URL error":      fmt.Sprint(urlErr),
		"%v":             fmt.Sprintf("%v", c),
		"%+v value":      fmt.Sprintf("%+v", *c),
		"%#v":            fmt.Sprintf("%#v", *c),
		"%s key":         fmt.Sprintf("%s %q %x", c.APIKey, c.APIKey, c.APIKey),
		"slog":           logged.String(),
		"json":           string(secretJSON),
	}
	for what, s := range shown {
		assert.NotContains(t, s, key, what)
		assert.NotContains(t, s, key[3:12], what)
		t.Logf("%s: %.300s", what, s)
	}
	require.Error(t, tokErr)
	assert.Contains(t, tokErr.Error(), "you sent Bearer [redacted]")
	require.Error(t, urlErr)
	assert.Equal(t, "harness.Client{"+srv.URL+" model=vlbench timeout=30m0s API key [redacted]}", c.String())
	assert.True(t, errors.As(chatErr, &he), "a redacted error still unwraps")
}
