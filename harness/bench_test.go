package harness

import (
	"slices"
	"testing"
	"time"

	"github.com/vlbench/vlbench/internal/synth"
)

// BenchmarkRequestOverhead measures what a request costs beyond the server's own prompt
// and generation time (transport, JSON, scheduling): the client's end-to-end time minus
// prompt_ms + predicted_ms, as a median over 50 requests per iteration.
func BenchmarkRequestOverhead(b *testing.B) {
	srv := StartT(b, suite.Tools(b), synthConfig(b, synth.Qwen25VL))
	c := srv.Client()
	img := testPNG(b, 64, 48)
	req := ChatRequest{Prompt: "What is shown?", Images: [][]byte{img}, MaxTokens: 8}
	var overheads []time.Duration
	for b.Loop() {
		for range 50 {
			r, err := c.Chat(b.Context(), req)
			if err != nil {
				b.Fatal(err)
			}
			overheads = append(overheads, r.Overhead())
		}
	}
	slices.Sort(overheads)
	b.ReportMetric(float64(overheads[len(overheads)/2])/1e6, "overhead-ms")
	b.ReportMetric(float64(overheads[len(overheads)*9/10])/1e6, "overhead-p90-ms")
	b.ReportMetric(srv.LoadTime.Seconds(), "load-s")
}
