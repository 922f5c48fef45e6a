package harness

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Against an OpenAI-compatible endpoint that is not llama.cpp, the client works and the
// llama.cpp extras are simply absent; a server error comes back with its message.
func TestClientOtherEndpoint(t *testing.T) {
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		if strings.Contains(r.URL.Path, "broken") {
			http.Error(w, `{"error":{"message":"model overloaded"}}`, http.StatusServiceUnavailable)
			return
		}
		if strings.Contains(readAll(r), `"stream":true`) {
			w.Header().Set("Content-Type", "text/event-stream")
			for _, tok := range []string{"Hel", "lo"} {
				fmt.Fprintf(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\n", tok)
			}
			fmt.Fprint(w, "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\ndata: [DONE]\n\n")
			return
		}
		fmt.Fprint(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}`)
	}))
	defer srv.Close()
	c := NewClient(srv.URL+"/v1", "sekret")
	for _, stream := range []bool{false, true} {
		r, err := c.Chat(t.Context(), ChatRequest{Prompt: "hi", Images: [][]byte{testPNG(t, 8, 8)}, Stream: stream})
		if err != nil {
			t.Fatalf("stream=%v: %v", stream, err)
		}
		if r.Text != "Hello" || r.Timings != nil || r.Overhead() != 0 || r.Usage.TotalTokens == 0 {
			t.Errorf("stream=%v: %+v; want the text, usage, and no llama.cpp timings", stream, r)
		}
	}
	if auth != "Bearer sekret" {
		t.Errorf("Authorization = %q", auth)
	}
	bad := NewClient(srv.URL+"/broken", "")
	_, err := bad.Chat(t.Context(), ChatRequest{Prompt: "hi"})
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 503 || he.Message != "model overloaded" {
		t.Errorf("error = %v, want a 503 HTTPError with the server's message", err)
	}
	if _, err := c.Chat(t.Context(), ChatRequest{Prompt: "hi", Images: [][]byte{[]byte("not an image")}}); err == nil {
		t.Error("a non-image attachment was sent")
	}
}

func readAll(r *http.Request) string {
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
