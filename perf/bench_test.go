package perf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/draw"

	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/stats"
)

// The benchmarks run in this order, so that BenchmarkMemory's peak covers the whole run.

// BenchmarkPrompt is prompt processing: a text prompt of -p tokens (fresh: cache_prompt
// false) and one generated token. tok/s is the server's prompt_n / prompt_ms; ttft-ms is
// the client's request-to-answer time (time to first token).
// Its llama-bench counterpart is test=pp<P>.
func BenchmarkPrompt(b *testing.B) {
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		c := suite.Server(b, cfg).Client()
		ids := promptIDs(b, c, *promptTokens)
		var tok int
		var ms float64
		var ttft time.Duration
		for b.Loop() {
			r := complete(b, c, harness.CompletionRequest{Prompt: ids, NPredict: 1})
			if r.Timings.PromptN != len(ids) {
				b.Fatalf("server processed %d prompt tokens, want %d (was the prompt cached?)", r.Timings.PromptN, len(ids))
			}
			tok += r.Timings.PromptN
			ms += r.Timings.PromptMS
			ttft += r.TTFT
		}
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(float64(tok)/ms*1e3, "tok/s")
		b.ReportMetric(msPer(ttft, b.N), "ttft-ms")
	})
}

// BenchmarkGenerate is generation: -n tokens (ignore_eos, greedy) after a fresh prompt of
// -p tokens. tok/s is the server's predicted_n / predicted_ms; e2e-ms is the client's
// whole request. Without speculation it reports the decode roofline: GB/s, the weight
// bytes one token reads (the active experts only, at the config's expert_used_count)
// times tok/s, read-GB/s, the machine's read bandwidth at the config's threads (decoding
// only reads the weights), and bw-%, GB/s as a share of read-GB/s. Speculative
// configs report accept-%, 100 × draft_n_accepted / draft_n, instead (their GB/s would
// count the target model's weights once per accepted token, which it does not read).
// Its llama-bench counterpart is test=tg<N>-d<P>: decoding after P tokens of context.
func BenchmarkGenerate(b *testing.B) {
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		c := suite.Server(b, cfg).Client()
		ids := promptIDs(b, c, *promptTokens)
		var tok, drafted, accepted int
		var ms float64
		var e2e time.Duration
		for b.Loop() {
			r := complete(b, c, harness.CompletionRequest{Prompt: ids, NPredict: *genTokens, IgnoreEOS: true})
			if r.Timings.PredictedN != *genTokens {
				b.Fatalf("server generated %d tokens, want %d (ignore_eos)", r.Timings.PredictedN, *genTokens)
			}
			tok += r.Timings.PredictedN
			ms += r.Timings.PredictedMS
			drafted += r.Timings.DraftN
			accepted += r.Timings.DraftNAccepted
			e2e += r.E2E
		}
		tps := float64(tok) / ms * 1e3
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(tps, "tok/s")
		b.ReportMetric(msPer(e2e, b.N), "e2e-ms")
		if !v.Speculative() {
			reportDrafts(b, v, drafted, accepted)
			gbs := float64(s.model.DecodeBytes(v.ExpertUsed)) * tps / 1e9
			bw := machineBandwidth(b, cfg.Threads)
			b.ReportMetric(gbs, "GB/s")
			b.ReportMetric(bw.Best(), "read-GB/s")
			b.ReportMetric(100*gbs/bw.Best(), "bw-%")
			return
		}
		reportDrafts(b, v, drafted, accepted)
	})
}

// reportDrafts reports drafted/op and accept-% (100 × draft_n_accepted / draft_n) of a
// speculative config, and fails a non-speculative one that drafted.
func reportDrafts(b *testing.B, v Variant, drafted, accepted int) {
	if !v.Speculative() {
		if drafted > 0 {
			b.Fatalf("config %s drafted %d tokens: speculation is on where it must be off", v.Name, drafted)
		}
		return
	}
	b.ReportMetric(float64(drafted)/float64(b.N), "drafted/op")
	switch {
	case drafted > 0:
		b.ReportMetric(100*float64(accepted)/float64(drafted), "accept-%")
	case v.NGram:
		// Prompt lookup drafts only where the context repeats an n-gram: none found is
		// a result, not a failure.
		b.Logf("config %s: prompt lookup found no n-gram to draft from", v.Name)
	default:
		b.Fatalf("config %s drafted nothing: speculative decoding did not run", v.Name)
	}
}

// BenchmarkImage is an image prompt: the canonical image of rubric question -image with
// its prompt, streamed, one token, cache_prompt false. ttft-ms is the client's time to
// the first streamed token; prompt-ms is the server's prompt phase (image encoding
// included).
func BenchmarkImage(b *testing.B) {
	img := rubricImage(b)
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		if cfg.MMProj == "" {
			b.Skip("no vision projector: pass -mmproj with -model")
		}
		c := suite.Server(b, cfg).Client()
		req := harness.ChatRequest{Prompt: img.Truth.Prompt, Images: [][]byte{img.PNG}, MaxTokens: 1,
			Stream: true, Extra: map[string]any{"cache_prompt": false}}
		var ttft time.Duration
		var ms float64
		var tok int
		for b.Loop() {
			r := chatTimed(b, c, req)
			ttft += r.TTFT
			ms += r.Timings.PromptMS
			tok += r.Timings.PromptN
		}
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(msPer(ttft, b.N), "ttft-ms")
		b.ReportMetric(ms/float64(b.N), "prompt-ms")
		b.ReportMetric(float64(tok)/float64(b.N), "prompt-tok/op")
	})
}

// BenchmarkImageSplit takes an image request apart: for each rubric image (-split-images,
// sub-benchmark image=<ID>) and for the -image one scaled to each of -split-sizes
// (size=<N>, N×N pixels), one chat request (the question's prompt and image, -n tokens,
// ignore_eos, fresh) per iteration. It reports image-tok/op (image tokens), encode-ms (the
// vision encoder), image-ms (the text model taking in the image tokens), text-ms (the rest
// of the prompt phase: the text tokens), decode-ms (the -n generated tokens), e2e-ms (the
// client's whole request) and other-ms, what is left: e2e-ms − prompt_ms − predicted_ms,
// HTTP, JSON, base64 and the server's PNG decoding and resizing before the prompt phase
// (other-% of e2e). encode-ms and image-ms come from llama-server's own log at -lv 4 (the
// verbosity at which build 11669 prints "encoding mtmd batch" and "image decoded"), so
// the benchmark runs a server of its own at -lv 4 per config; a build that prints neither
// gets encode-ms by difference against a text prompt of the same token count (image-ms is
// then inside it, and not reported), and the log says which.
func BenchmarkImageSplit(b *testing.B) {
	type item struct {
		name, prompt string
		png          []byte
	}
	var items []item
	for _, id := range splitIDs(b) {
		q, _ := fixtures.Lookup(id)
		img, err := q.Generate(0)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, item{"image=" + id, img.Truth.Prompt, img.PNG})
	}
	base := rubricImage(b)
	for _, n := range splitSizes {
		png, err := scalePNG(base.PNG, n)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, item{fmt.Sprintf("size=%d", n), base.Truth.Prompt, png})
	}
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		if cfg.MMProj == "" {
			b.Skip("no vision projector: pass -mmproj with -model")
		}
		// A server of its own, stopped when the config is done: beside the config's shared
		// one (which stays up for the other benchmarks) at most one more at a time, since
		// each holds its own repacked copy of the weights.
		cfg.Verbosity = 4
		// One slot with room for the largest default size: 1344² px is 2304 Qwen2.5-VL
		// image tokens (a larger -split-sizes may need -ctx).
		cfg.Parallel, cfg.Context = 1, max(cfg.Context, 8192)
		srv := harness.StartT(b, suite.Tools(b), cfg)
		c := srv.Client()
		for _, it := range items {
			b.Run(it.name, func(b *testing.B) {
				req := harness.ChatRequest{Prompt: it.prompt, Images: [][]byte{it.png}, MaxTokens: *genTokens,
					Extra: map[string]any{"cache_prompt": false, "ignore_eos": true}}
				var tokens int
				var encode, image, prompt, decode, e2e float64
				fromLog := true
				for b.Loop() {
					mark := srv.LogMark()
					r, err := c.Chat(b.Context(), req)
					if err != nil && !splitSizesSet && strings.Contains(it.name, "size=") &&
						strings.Contains(err.Error(), "exceeds the available context size") {
						// A default size the model cannot hold (the synthetic models' own
						// context_length is 2048): the tool's choice, so a skip.
						b.Skipf("%s: %v (the model's context_length or -ctx caps it; -split-sizes picks others)", it.name, err)
					}
					if err != nil {
						b.Fatal(err)
					}
					if r.Timings == nil {
						b.Fatal("no timings in the answer: not llama-server?")
					}
					il, ok := harness.ParseImageLog(srv.RequestLog(mark, 10*time.Second))
					if !ok {
						fromLog = false
						il = imageByDifference(b, c, req, r)
					}
					tokens += il.Tokens
					encode += il.EncodeMS
					image += il.DecodeMS
					prompt += r.Timings.PromptMS
					decode += r.Timings.PredictedMS
					e2e += r.E2E.Seconds() * 1e3
				}
				n := float64(b.N)
				if fromLog {
					b.Logf("%s: vision encoding and image tokens from llama-server's log (-lv 4)", it.name)
				} else {
					b.Logf("%s: the build logs no image encoding: encode-ms by difference against a text prompt of the same token count", it.name)
				}
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(float64(tokens)/n, "image-tok/op")
				b.ReportMetric(encode/n, "encode-ms")
				if fromLog {
					b.ReportMetric(image/n, "image-ms")
				}
				b.ReportMetric((prompt-encode-image)/n, "text-ms")
				b.ReportMetric(decode/n, "decode-ms")
				b.ReportMetric(e2e/n, "e2e-ms")
				b.ReportMetric((e2e-prompt-decode)/n, "other-ms")
				b.ReportMetric(100*(e2e-prompt-decode)/e2e, "other-%")
			})
		}
	})
}

// imageByDifference is the image split where the server logs none: image tokens are the
// prompt tokens beyond those of the same request without its image, and encoding is the
// prompt phase beyond that of a text prompt of the same token count (fresh).
func imageByDifference(b *testing.B, c *harness.Client, req harness.ChatRequest, r *harness.ChatResponse) harness.ImageLog {
	b.Helper()
	text := req
	text.Images, text.MaxTokens = nil, 1
	t, err := c.Chat(b.Context(), text)
	if err != nil {
		b.Fatal(err)
	}
	same := complete(b, c, harness.CompletionRequest{Prompt: promptIDs(b, c, r.Timings.PromptN), NPredict: 1})
	return harness.ImageLog{Images: 1, Tokens: r.Timings.PromptN - t.Timings.PromptN,
		EncodeMS: r.Timings.PromptMS - same.Timings.PromptMS}
}

// splitIDs are the rubric questions of -split-images: "all", or a comma-separated list.
func splitIDs(b *testing.B) []string {
	if *splitImages == "all" {
		var ids []string
		for _, q := range fixtures.Questions() {
			ids = append(ids, q.ID)
		}
		return ids
	}
	var ids []string
	for id := range strings.SplitSeq(*splitImages, ",") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		if _, ok := fixtures.Lookup(id); !ok {
			b.Fatalf("-split-images: no rubric question %q", id)
		}
		ids = append(ids, id)
	}
	return ids
}

// chatTimed sends req and returns the answer, which must carry llama-server's timings.
func chatTimed(b *testing.B, c *harness.Client, req harness.ChatRequest) *harness.ChatResponse {
	b.Helper()
	r, err := c.Chat(b.Context(), req)
	if err != nil {
		b.Fatal(err)
	}
	if r.Timings == nil {
		b.Fatal("no timings in the answer: not llama-server?")
	}
	return r
}

// scalePNG returns the PNG scaled to n×n pixels (bilinear).
func scalePNG(src []byte, n int) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("perf: decoding the image: %w", err)
	}
	if n < 1 {
		return nil, fmt.Errorf("perf: -split-sizes %d: want at least 1 pixel", n)
	}
	dst := image.NewRGBA(image.Rect(0, 0, n, n))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// BenchmarkImageGenerate is acceleration on image turns: the canonical image of rubric
// question -image with its prompt, then -n generated tokens (ignore_eos, greedy, fresh),
// as turn=image, beside the same prompt without the image as turn=text. Per config and
// turn: tok/s (the server's predicted_n / predicted_ms) and, for speculative configs,
// accept-% and drafted/op. llama.cpp's draft model does not see the image, so `benchstat
// -col /turn` shows whether an acceleration that helps text helps image turns too.
func BenchmarkImageGenerate(b *testing.B) {
	img := rubricImage(b)
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		if cfg.MMProj == "" {
			b.Skip("no vision projector: pass -mmproj with -model")
		}
		c := suite.Server(b, cfg).Client()
		for _, turn := range []struct {
			name   string
			images [][]byte
		}{{"image", [][]byte{img.PNG}}, {"text", nil}} {
			b.Run("turn="+turn.name, func(b *testing.B) {
				req := harness.ChatRequest{Prompt: img.Truth.Prompt, Images: turn.images, MaxTokens: *genTokens,
					Extra: map[string]any{"cache_prompt": false, "ignore_eos": true}}
				var tok, drafted, accepted int
				var ms float64
				for b.Loop() {
					r := chatTimed(b, c, req)
					if r.Timings.PredictedN != *genTokens {
						b.Fatalf("server generated %d tokens, want %d (ignore_eos)", r.Timings.PredictedN, *genTokens)
					}
					tok += r.Timings.PredictedN
					ms += r.Timings.PredictedMS
					drafted += r.Timings.DraftN
					accepted += r.Timings.DraftNAccepted
				}
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(float64(tok)/ms*1e3, "tok/s")
				reportDrafts(b, v, drafted, accepted)
			})
		}
	})
}

// BenchmarkConcurrent is a worker serving several requests at once: one server of its
// own (started and stopped per config) with as many slots (-np) as the largest of -clients, and per sub-benchmark clients=N/kind=K, N
// streamed requests started together per iteration, each -n tokens (ignore_eos, greedy,
// fresh) after a -p token text prompt (kind=text, /completion) or after the -image rubric
// image and its prompt (kind=image, chat). tok/s is the aggregate generation rate on the
// server's clock, Σ predicted_n / predicted_ms over the N requests (the N decode in
// lockstep, so this is llama-batched-bench's speed_tg: pl × tg / t_tg); wall-tok/s is every
// generated token over the client's wall time of the round (prompts included). Per request
// on the client's clock: time to first token (ttft-p50-ms, -p95, -p99) and inter-token
// latency, the gaps between streamed chunks (itl-p50-ms, -p95, -p99). Its llama.cpp
// counterpart is BenchmarkLlamaBatchedBench/config=<config>/clients=N (cmd/llamabench2go
// -npl), against kind=text.
func BenchmarkConcurrent(b *testing.B) {
	img := rubricImage(b)
	if len(clientsFlag) == 0 || slices.Min(clientsFlag) < 1 {
		b.Fatalf("-clients %v: want counts of at least 1", clientsFlag)
	}
	slots := slices.Max(clientsFlag)
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		cfg.Parallel = max(cfg.Parallel, slots)
		// Each slot holds its prompt (an image's tokens included) and its generation.
		cfg.Context = max(cfg.Context, slots*(*promptTokens+*genTokens+2048))
		// Its own server, stopped when the config is done (see BenchmarkImageSplit).
		c := harness.StartT(b, suite.Tools(b), cfg).Client()
		ids := promptIDs(b, c, *promptTokens)
		for _, n := range clientsFlag {
			b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
				for _, kind := range []string{"text", "image"} {
					b.Run("kind="+kind, func(b *testing.B) {
						if kind == "image" && cfg.MMProj == "" {
							b.Skip("no vision projector: pass -mmproj with -model")
						}
						one := func(ctx context.Context) (ttft time.Duration, gaps []time.Duration, t *harness.Timings, err error) {
							if kind == "text" {
								r, err := c.Complete(ctx, harness.CompletionRequest{Prompt: ids, NPredict: *genTokens, IgnoreEOS: true, Stream: true})
								if err != nil {
									return 0, nil, nil, err
								}
								return r.TTFT, r.Gaps, r.Timings, nil
							}
							r, err := c.Chat(ctx, harness.ChatRequest{Prompt: img.Truth.Prompt, Images: [][]byte{img.PNG},
								MaxTokens: *genTokens, Stream: true, Extra: map[string]any{"cache_prompt": false, "ignore_eos": true}})
							if err != nil {
								return 0, nil, nil, err
							}
							return r.TTFT, r.Gaps, r.Timings, nil
						}
						concurrent(b, n, one)
					})
				}
			})
		}
	})
}

// concurrent runs n requests at once per iteration and reports BenchmarkConcurrent's
// figures.
func concurrent(b *testing.B, n int, one func(context.Context) (time.Duration, []time.Duration, *harness.Timings, error)) {
	type result struct {
		ttft time.Duration
		gaps []time.Duration
		t    *harness.Timings
		err  error
	}
	var ttft, itl []float64
	var aggregate float64
	var tokens int
	var wall time.Duration
	for b.Loop() {
		res := make([]result, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				<-start
				r := &res[i]
				r.ttft, r.gaps, r.t, r.err = one(b.Context())
			})
		}
		t0 := time.Now()
		close(start)
		wg.Wait()
		wall += time.Since(t0)
		for _, r := range res {
			switch {
			case r.err != nil:
				b.Fatal(r.err)
			case r.t == nil:
				b.Fatal("no timings in the answer: not llama-server?")
			case r.t.PredictedN != *genTokens:
				b.Fatalf("server generated %d tokens, want %d (ignore_eos)", r.t.PredictedN, *genTokens)
			}
			aggregate += float64(r.t.PredictedN) / r.t.PredictedMS * 1e3
			tokens += r.t.PredictedN
			ttft = append(ttft, r.ttft.Seconds()*1e3)
			for _, g := range r.gaps {
				itl = append(itl, g.Seconds()*1e3)
			}
		}
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(aggregate/float64(b.N), "tok/s")
	b.ReportMetric(float64(tokens)/wall.Seconds(), "wall-tok/s")
	for _, p := range []struct {
		q    float64
		name string
	}{{0.50, "p50"}, {0.95, "p95"}, {0.99, "p99"}} {
		b.ReportMetric(stats.Quantile(ttft, p.q), "ttft-"+p.name+"-ms")
		if len(itl) > 0 {
			b.ReportMetric(stats.Quantile(itl, p.q), "itl-"+p.name+"-ms")
		}
	}
}

// BenchmarkMemory is the server's memory: peak-MiB is its peak RSS (the kernel's VmHWM)
// over the whole run so far, after one more -p/-n generation (and one image request when
// the model takes images) per iteration; rss-MiB is its RSS at the end; est-MiB is the
// GGUF estimate made before loading (gguf.EstimateMemory at the server's options: weights,
// repacked copy, KV cache, compute buffers, projector and its warm-up, the draft for spec
// configs), logged by part; est-% is est-MiB as a share of peak-MiB.
func BenchmarkMemory(b *testing.B) {
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		srv := suite.Server(b, cfg)
		c := srv.Client()
		ids := promptIDs(b, c, *promptTokens)
		var png []byte
		if cfg.MMProj != "" {
			q, _ := fixtures.Lookup(*imageID)
			img, err := q.Generate(0)
			if err != nil {
				b.Fatal(err)
			}
			png = img.PNG
		}
		for b.Loop() {
			complete(b, c, harness.CompletionRequest{Prompt: ids, NPredict: *genTokens, IgnoreEOS: true})
			if png != nil {
				if _, err := c.Chat(b.Context(), harness.ChatRequest{Prompt: "Describe.", Images: [][]byte{png},
					MaxTokens: 1, Extra: map[string]any{"cache_prompt": false}}); err != nil {
					b.Fatal(err)
				}
			}
		}
		mem := srv.Memory()
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(mib(mem.Peak), "peak-MiB")
		b.ReportMetric(mib(mem.Current), "rss-MiB")
		opts := srv.Config.ServeOptions()
		est := s.model.Estimate(opts, v.DraftMax > 0)
		b.Logf("estimate: %v; measured peak %.0f MiB", est, mib(mem.Peak))
		total := est.Total()
		if len(srv.RPC) > 0 { // the server holds the host's share; the workers the rest
			sp := gguf.SplitMemory(s.model.Facts, est, len(srv.RPC), opts.TensorSplit)
			b.Logf("split over rpc workers %v: %v", srv.Config.RPC, sp)
			total = sp.Host
		}
		b.ReportMetric(mib(int64(total)), "est-MiB")
		if mem.Peak > 0 {
			b.ReportMetric(100*float64(total)/float64(mem.Peak), "est-%")
		}
	})
}

// BenchmarkColdLoad starts a server of its own per iteration: load-s is process start to
// /health ok, first-token-s process start to the answer of a one-token request. The
// page cache stays warm (dropping it needs root): this is a process cold start.
func BenchmarkColdLoad(b *testing.B) {
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		tools := suite.Tools(b)
		var load, first time.Duration
		for b.Loop() {
			srv, err := harness.Start(b.Context(), tools, cfg)
			if err != nil {
				b.Fatal(err)
			}
			_, err = srv.Client().Complete(b.Context(), harness.CompletionRequest{Prompt: "Hello", NPredict: 1})
			first += time.Since(srv.Started)
			load += srv.LoadTime
			if _, serr := srv.Stop(); serr != nil {
				b.Error(serr)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(load.Seconds()/float64(b.N), "load-s")
		b.ReportMetric(first.Seconds()/float64(b.N), "first-token-s")
	})
}

// BenchmarkBandwidth is the machine's memory bandwidth, the roofline that bw-% divides
// by: a read-only pass over -bw-mib MiB split over the config's threads, best of
// -bw-passes passes (GB/s), with the slowest pass (worst-GB/s) for the spread, and beside
// it a copy of the same size counted as read plus write (copy-GB/s, STREAM's convention;
// not comparable with decoding, which only reads). It runs for the configs that report a
// roofline (not the speculative ones), so that `benchstat -col /config` shows the
// machine's GB/s under Generate's effective GB/s in each config's column.
func BenchmarkBandwidth(b *testing.B) {
	forConfigs(b, func(b *testing.B, s *setup, v Variant, cfg harness.Config) {
		if v.Speculative() {
			b.Skip("speculative config: no decode roofline, so no bandwidth to divide by")
		}
		threads := cfg.Threads
		if threads == 0 {
			threads = runtime.NumCPU()
		}
		var read, cp Bandwidth
		for b.Loop() {
			read = MeasureReadBandwidth(*bwMiB<<20, threads, *bwPasses)
			cp = MeasureBandwidth(*bwMiB<<20, threads, *bwPasses)
		}
		b.Log(read)
		b.Log(cp)
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(read.Best(), "GB/s")
		b.ReportMetric(read.Worst(), "worst-GB/s")
		b.ReportMetric(cp.Best(), "copy-GB/s")
	})
}

// rubricImage is the canonical image of rubric question -image.
func rubricImage(b *testing.B) fixtures.Image {
	b.Helper()
	q, ok := fixtures.Lookup(*imageID)
	if !ok {
		b.Fatalf("-image %q: no such rubric question", *imageID)
	}
	img, err := q.Generate(0)
	if err != nil {
		b.Fatal(err)
	}
	return img
}

// setup is what every benchmark needs first: the model under test and its configs.
type setup struct {
	base     harness.Config
	draft    string // "" when there is none
	model    *Model
	variants []Variant
}

var (
	setupMu sync.Mutex
	theSet  *setup
)

func getSetup(b *testing.B) *setup {
	b.Helper()
	setupMu.Lock()
	defer setupMu.Unlock()
	if theSet != nil {
		return theSet
	}
	if suite.Flags.Endpoint != "" {
		b.Skip("perf measures a llama-server it starts itself (timings, RSS, cold load): -endpoint is not supported")
	}
	base, draft := suite.Base(b), suite.Draft(b)
	m, err := LoadModel(base.Model, base.MMProj, draft)
	if err != nil {
		b.Fatal(err)
	}
	theSet = &setup{base: base, draft: draft, model: m, variants: Select(m.Fit(), options())}
	return theSet
}

// forConfigs runs fn as a sub-benchmark "config=<name>" per variant; a variant the model
// cannot take skips with the reason.
func forConfigs(b *testing.B, fn func(b *testing.B, s *setup, v Variant, cfg harness.Config)) {
	s := getSetup(b)
	for _, v := range s.variants {
		b.Run("config="+v.Name, func(b *testing.B) {
			if v.Skip != "" {
				b.Skip(v.Skip)
			}
			caps, err := suite.Tools(b).Caps(b.Context())
			if err != nil {
				b.Fatal(err)
			}
			if why := v.SkipBuild(caps); why != "" {
				b.Skip(why)
			}
			cfg, err := v.Apply(s.base, s.draft)
			if err != nil {
				b.Fatal(err)
			}
			fn(b, s, v, cfg)
		})
	}
}

var (
	idsMu    sync.Mutex
	idsCache = map[string][]int{}
)

// promptIDs returns n token ids of an ordinary English text in the server's vocabulary
// (the text repeated as needed), the same for every config of one model.
func promptIDs(b *testing.B, c *harness.Client, n int) []int {
	b.Helper()
	const text = "The quick brown fox jumps over the lazy dog while the chart shows four bars. "
	idsMu.Lock()
	defer idsMu.Unlock()
	key := fmt.Sprint(n)
	if ids, ok := idsCache[key]; ok {
		return ids
	}
	ids, err := c.Tokenize(b.Context(), text)
	if err != nil {
		b.Fatal(err)
	}
	if len(ids) == 0 {
		b.Fatal("tokenize returned no tokens")
	}
	out := make([]int, 0, n)
	for len(out) < n {
		out = append(out, ids[:min(len(ids), n-len(out))]...)
	}
	idsCache[key] = out
	return out
}

func complete(b *testing.B, c *harness.Client, req harness.CompletionRequest) *harness.CompletionResponse {
	b.Helper()
	r, err := c.Complete(b.Context(), req)
	if err != nil {
		b.Fatal(err)
	}
	if r.Timings == nil {
		b.Fatal("no timings in the answer: not llama-server?")
	}
	return r
}

var (
	bwMu    sync.Mutex
	bwCache = map[int]Bandwidth{}
)

// machineBandwidth measures the read bandwidth at threads (0: all CPUs) once per run.
func machineBandwidth(b *testing.B, threads int) Bandwidth {
	if threads == 0 {
		threads = runtime.NumCPU()
	}
	bwMu.Lock()
	defer bwMu.Unlock()
	bw, ok := bwCache[threads]
	if !ok {
		bw = MeasureReadBandwidth(*bwMiB<<20, threads, *bwPasses)
		bwCache[threads] = bw
		b.Logf("machine bandwidth: %v", bw)
	}
	return bw
}

func msPer(d time.Duration, n int) float64 { return d.Seconds() * 1e3 / float64(max(n, 1)) }
func mib(n int64) float64                  { return float64(n) / (1 << 20) }
