// Package perf measures the speed of the model under test as Go benchmarks against a real
// llama-server, one server per configuration, and puts llama-bench's figures for the same
// model beside them.
//
// The workflow:
//
//  1. Pick the model: -model, -mmproj, -draft (the harness's flags), or nothing for the
//     synthetic Qwen2.5-VL-like model with its synthetic draft. perf reads the GGUF
//     headers (LoadModel) before anything starts.
//
//  2. The configs follow from the model's GGUF facts and perf's flags (Select, a pure
//     function): "baseline" always; "moeN" for each N of -moe (default 4) on MoE models,
//     as --override-kv <arch>.expert_used_count=int:N; "spec-kK" for each K of -spec-k
//     (default 8,16) when there is a draft, as --spec-type draft-simple with K drafted
//     tokens per step. With -threads 8,16 every config runs once per thread count, named
//     "<config>-t<N>" ("baseline-t8"): one key, config, so `benchstat -col /config` puts
//     every variant side by side. -ngram adds "ngram", prompt lookup (--spec-type
//     ngram-simple), for any model. -imgmax 256,1024 and -imgmin … add "imgmaxN" and
//     "imgminN", the image-token budget (--image-max-tokens / --image-min-tokens, read
//     from the build's --help: a build without them skips with the reason), -rpcn 2 adds
//     "rpc2", baseline split over two llama.cpp RPC workers (-rpc's, else two local ones)
//     so the network's cost shows beside baseline (BenchmarkMemory's est-MiB is then the
//     host's share), and -configs adds configs by name, combinations such as
//     "moe4+imgmax512". What a name means and whether the model takes it is
//     harness.Variant's one rule (the rubric's -config and the suite obey the same); a
//     config the model cannot take (moe4 on a dense model, moeN with N ≥ expert_count or N
//     = the model's own count, spec-kK without a draft, imgmaxN without a projector) still
//     appears and skips with the reason.
//     harness.WithVariant turns a config name into server flags.
//
//  3. Run the benchmarks, each a sub-benchmark config=<name> per config, each config on
//     its own shared llama-server (started on first use, stopped after the run):
//
//     go test ./perf -run '^$' -bench . -count 10 -args -p 512 -n 128 [-model M.gguf …]
//
//     (`go test` itself takes -p and -n: perf's go after -args.) Or `make bench`, which
//     writes results/bench-<model>-<date>.txt with -count 10 and adds llama-bench's lines.
//
//  4. Compare: `make compare` (benchstat -col /config on the newest file),
//     `make compare OLD=a.txt NEW=b.txt`, `make compare-llama` (the harness against
//     llama-bench, see below).
//
// The benchmarks and what they report (ns/op is suppressed everywhere: an iteration is a
// request or a server start, and its wall time is not the figure):
//
//	BenchmarkPrompt     -p prompt tokens, 1 generated     tok/s (server), ttft-ms (client)
//	BenchmarkGenerate   -n tokens after a -p token prompt tok/s (server), e2e-ms (client),
//	                                                      GB/s, read-GB/s, bw-% (not spec),
//	                                                      accept-%, drafted/op (spec, ngram)
//	BenchmarkImage      one rubric image (-image) + prompt ttft-ms (client, streamed),
//	                                                      prompt-ms (server, image encoding
//	                                                      included), prompt-tok/op
//	BenchmarkImageGenerate
//	                    /turn=image: rubric image + prompt tok/s (server), accept-%,
//	                    then -n tokens; /turn=text: the     drafted/op (spec, ngram)
//	                    prompt alone
//	BenchmarkImageSplit /image=<ID> per -split-images, /size=<N> per -split-sizes (the
//	                    -image one scaled to N×N): a chat  image-tok/op, encode-ms,
//	                    request with -n tokens             image-ms, text-ms, decode-ms
//	                                                      (server log and timings),
//	                                                      e2e-ms, other-ms, other-%
//	BenchmarkConcurrent /clients=N per -clients (1,2,4),  tok/s (server, aggregate),
//	                    /kind=text|image: N streamed      wall-tok/s, ttft-p50-ms,
//	                    requests at once, -n tokens each  -p95, -p99, itl-p50-ms, -p95,
//	                    (one server, -np = largest N)     -p99 (client)
//	BenchmarkMemory     one more generation and image      peak-MiB, rss-MiB (server RSS),
//	                                                      est-MiB (GGUF estimate), est-%
//	BenchmarkColdLoad   a fresh server per iteration      load-s, first-token-s (client)
//	BenchmarkBandwidth  the machine's read bandwidth      GB/s (best pass), worst-GB/s,
//	                                                      copy-GB/s (read + write)
//
// The image request, taken apart (BenchmarkImageSplit): prompt_ms, llama-server's prompt
// phase, is split into encode-ms (the vision encoder: from "encoding mtmd batch" to the
// first "decoding image batch" in the server's own log, which build 11669 prints at -lv 4,
// so that config's server runs at -lv 4), image-ms (the text model on the image tokens:
// each "decoding image batch" to its "image decoded"; harness.ParseImageLog) and text-ms
// (the rest: the text tokens). decode-ms is predicted_ms; other-ms = e2e-ms − prompt_ms −
// predicted_ms is what is left (HTTP, JSON, base64 and the server's PNG decoding and
// resizing, before the prompt phase starts), and other-% its share of e2e-ms: the parts
// add up to the client's end-to-end time by construction, and other-% says how much of it
// the server's clocks do not see. A build that prints no image lines gets encode-ms by
// difference against a text prompt of the same token count, and the benchmark log says so.
//
// A bench file starts with benchfmt configuration lines naming the model (model, quant,
// arch, params, size), so that a report knows what it measured.
//
// Whose clock: tok/s and prompt-ms are llama-server's own timings (prompt_n/prompt_ms,
// predicted_n/predicted_ms), so transport and JSON are not in them. ttft-ms, e2e-ms,
// load-s and first-token-s are the client's clock (harness): ttft-ms is request start to
// the first token (for Prompt, the whole one-token request; for Image, the first streamed
// chunk), e2e-ms is the whole request, load-s is process start to /health ok,
// first-token-s process start to the answer of a one-token request. Every request is
// fresh (cache_prompt false) and generation runs its full -n (ignore_eos), greedy.
// LLAMA_SERVER_DEBUG_FAKE_TIMING is removed from every child's environment.
//
// Memory: peak-MiB is the server's peak RSS (the kernel's VmHWM, sampled by the harness)
// over the whole run of that config so far; BenchmarkMemory runs after the others so it
// covers them. est-MiB is what the GGUF headers say before loading: gguf.EstimateMemory at
// the server's options (-ctx, -parallel, -ub, -ctk/-ctv, --no-mmap): the runtime, weights
// as mapped, the CPU backend's repacked copy, the KV cache, the compute buffer, the
// projector and its warm-up, and for spec configs the draft; the parts are logged. est-% is
// est-MiB over peak-MiB (100: exact).
//
// Decode roofline: a generated token reads the weights once, so GB/s = DecodeBytes × tok/s,
// where DecodeBytes is every tensor but token_embd, and of the expert tensors only the
// config's expert_used_count / expert_count share (moe4 reads more than moe2). bw-% is
// that over the machine's read bandwidth (read-GB/s): decoding reads the weights and
// writes next to nothing, so the roofline is a read-only pass over -bw-mib (256) MiB split
// over the threads, best of -bw-passes (5) passes, measured once per thread count.
// BenchmarkBandwidth reports it with its spread, and beside it a copy of the same size
// counted as read + write (copy-GB/s, STREAM's convention), which is not comparable with
// decoding. TestRooflineLarge checks the printed bw-% on the large synthetic model
// against the hand figure: (file size − data offset − token_embd bytes) × tok/s ÷
// read-GB/s.
// Speculative configs report accept-% (100 × draft_n_accepted / draft_n) instead: the
// target model reads its weights once per verified batch, not once per token.
//
// llama-bench side by side: cmd/llamabench2go runs the real llama-bench on the same model,
// threads and sizes and prints one Go benchmark line per sample:
//
//	BenchmarkLlamaBench/config=baseline/test=pp512       (-p 512 -n 128: pp512, tg128)
//	BenchmarkLlamaBench/config=baseline/test=tg128
//	BenchmarkLlamaBench/config=baseline/test=tg128-d512  (-p 0 -n 128 -d 512)
//
// With -npl (`make bench` passes CLIENTS, default 1,2,4) it also runs llama.cpp's
// llama-batched-bench on the same model, threads and sizes (-npp P -ntg N -npl 1,2,4,
// prompts not shared) and prints, per result,
//
//	BenchmarkLlamaBatchedBench/config=baseline/clients=4  (tok/s = speed_tg, prompt-tok/s)
//
// whose tok/s, pl × tg / t_tg, is the aggregate generation rate that
// BenchmarkConcurrent/config=baseline/clients=4/kind=text reports as tok/s; `make
// compare-llama` puts the pairs side by side:
//
//	benchstat -filter '.unit:tok/s (.name:LlamaBatchedBench OR (.name:Concurrent /kind:text))' -row /config,/clients -col .name FILE
//
// Compare like with like: BenchmarkGenerate decodes after its 512-token prompt, so its
// counterpart is tg128-d512, not tg128 (decoding at depth 512 is slower than at depth 0);
// BenchmarkPrompt's is pp512. In `benchstat -col /config` these are rows of the same
// config column. To divide one by the other, make the benchmark name the column and the
// config the row, keeping only the matching pair:
//
//	benchstat -filter '.unit:tok/s (.name:Generate OR /test:tg128-d512)' -row /config -col .name FILE
//
// which is `make compare-llama`. llama-bench has no --override-kv and no draft model, so
// only baseline (and baseline-tN) configs have a counterpart.
//
// A busy machine: llama.cpp's threads meet at a barrier after every operation, so when
// other processes take the cores one descheduled thread stalls the others. On the 2-core
// development machine with a load average of 4–5, 2 threads decoded the 723M-parameter
// synthetic model at about 1 tok/s (llama-bench and llama-server alike) and 1 thread at
// 11–19. Check `uptime` first; on a shared machine, compare at -threads below the core
// count (THREADS=1), which both perf and llama-bench then use.
//
// Tests: config selection (dense, MoE, with and without a draft), the conversion of a real
// llama-bench output (cmd/llamabench2go's golden, and a run of the real tool), and
// TestBenchmarksReport, which runs every benchmark once in a child process on the
// synthetic dense and MoE models and checks every name, unit and skip with benchfmt and
// benchstat (30–80 s on 2 cores; -short skips it); TestRooflineLarge checks bw-% on the
// large synthetic model by hand (skipped until `make models-large`).
package perf
