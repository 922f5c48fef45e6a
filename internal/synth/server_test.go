package synth_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vlbench/vlbench/internal/synth"
)

// needLlama returns the llama.cpp install, or skips (fails when CI=true).
func needLlama(t testing.TB) synth.Llama {
	t.Helper()
	l, err := synth.FindLlama()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v", err)
		}
		t.Skipf("%v: run make llama", err)
	}
	return l
}

// syncBuf is a goroutine-safe log buffer.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is a minimal llama-server for these tests; the real harness lives
// elsewhere.
type server struct {
	url string
	log *syncBuf
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startServer runs llama-server with args, waits for /health, and stops it
// (interrupt, then kill) in t.Cleanup. A bind race is retried.
func startServer(t *testing.T, l synth.Llama, args ...string) *server {
	t.Helper()
	var lastErr error
	for range 3 {
		s, err := tryStart(t, l, args)
		if err == nil {
			return s
		}
		lastErr = err
		if !strings.Contains(err.Error(), "bind") {
			break
		}
	}
	t.Fatalf("llama-server: %v", lastErr)
	return nil
}

func tryStart(t *testing.T, l synth.Llama, args []string) (*server, error) {
	port := freePort(t)
	s := &server{url: "http://127.0.0.1:" + strconv.Itoa(port), log: &syncBuf{}}
	cmd := l.Command("llama-server", append([]string{"--host", "127.0.0.1", "--port", strconv.Itoa(port),
		"-t", "2", "-c", "2048", "-np", "1", "--no-webui"}, args...)...)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stop := func() {
		cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-done:
			return nil, fmt.Errorf("exited (%v) before ready:\n%s", err, lastLines(s.log.String(), 15))
		case <-time.After(50 * time.Millisecond):
		}
		if resp, err := client.Get(s.url + "/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("not ready in 30s:\n%s", lastLines(s.log.String(), 15))
		}
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("llama-server log:\n%s", lastLines(s.log.String(), 40))
		}
	})
	return s, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func pngURL(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 5), uint8(x ^ y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

type chatResult struct {
	Choices []struct {
		FinishReason string `json:"finish_reason"`
		Message      struct {
			Content string `json:"content"`
		} `json:"message"`
	} `json:"choices"`
	Usage struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
	Timings map[string]float64 `json:"timings"`
}

// chat sends a user message (with an image of w×h when w > 0) and decodes
// the reply, failing the test unless the status is 200.
func (s *server) chat(t *testing.T, text string, w, h, maxTokens int) chatResult {
	t.Helper()
	var content any = text
	if w > 0 {
		content = []map[string]any{
			{"type": "text", "text": text},
			{"type": "image_url", "image_url": map[string]string{"url": pngURL(t, w, h)}},
		}
	}
	body, _ := json.Marshal(map[string]any{
		"messages":     []map[string]any{{"role": "user", "content": content}},
		"max_tokens":   maxTokens,
		"temperature":  0,
		"cache_prompt": false,
	})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", s.url+"/v1/chat/completions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatalf("chat: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("chat: status %d: %s", resp.StatusCode, raw)
	}
	var r chatResult
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("chat: %v: %s", err, raw)
	}
	return r
}
