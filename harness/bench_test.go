package harness

import (
	"fmt"
	"net/http"
	"net/http/httptrace"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vlbench/vlbench/internal/synth"
)

// BenchmarkRequestOverhead measures what a request costs beyond the server's own prompt
// and generation time (transport, JSON, scheduling): the client's end-to-end time minus
// prompt_ms + predicted_ms, as a median and p90 over 50 requests per iteration.
//
// stream= is streamed or not; conn= is how connections are used: reuse is the client as
// it is (keep-alive; llama-server closes a connection after each streamed answer, and a
// request that finds its reused connection closed before any response byte is retried on
// a fresh one), fresh is a new connection per request (keep-alive off), the alternative
// for streamed requests. dials/req counts new connections, attempts/req the connections a
// request took (above 1: retried). Compare with `benchstat -col /conn`.
func BenchmarkRequestOverhead(b *testing.B) {
	srv := StartT(b, suite.Tools(b), synthConfig(b, synth.Qwen25VL))
	img := testPNG(b, 64, 48)
	for _, stream := range []bool{false, true} {
		for _, conn := range []string{"reuse", "fresh"} {
			b.Run(fmt.Sprintf("stream=%v/conn=%s", stream, conn), func(b *testing.B) {
				c := srv.Client()
				c.HTTP.Transport.(*http.Transport).DisableKeepAlives = conn == "fresh"
				dials := countDials(c)
				var conns atomic.Int32 // connections taken, one per attempt: a retry takes two
				ctx := httptrace.WithClientTrace(b.Context(), &httptrace.ClientTrace{
					GotConn: func(httptrace.GotConnInfo) { conns.Add(1) }})
				req := ChatRequest{Prompt: "What is shown?", Images: [][]byte{img}, MaxTokens: 8, Stream: stream}
				var overheads []time.Duration
				for b.Loop() {
					for range 50 {
						r, err := c.Chat(ctx, req)
						if err != nil {
							b.Fatal(err)
						}
						overheads = append(overheads, r.Overhead())
					}
				}
				slices.Sort(overheads)
				b.ReportMetric(float64(overheads[len(overheads)/2])/1e6, "overhead-ms")
				b.ReportMetric(float64(overheads[len(overheads)*9/10])/1e6, "overhead-p90-ms")
				b.ReportMetric(float64(dials.Load())/float64(len(overheads)), "dials/req")
				b.ReportMetric(float64(conns.Load())/float64(len(overheads)), "attempts/req")
			})
		}
	}
	b.ReportMetric(srv.LoadTime.Seconds(), "load-s")
}
