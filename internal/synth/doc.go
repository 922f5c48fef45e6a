// Package synth makes tiny synthetic vision-language models that the real
// llama-server loads in well under a second, so the test suite can drive the
// real server without downloading anything.
//
// Workflow:
//
//  1. dir, err := synth.CacheDir() — $VLBENCH_CACHE, else build/models under
//     the module root.
//  2. m, err := synth.Ensure(dir, synth.Qwen25VL) — writes the pair if it is
//     missing and returns the paths: m.Model (text) and m.MMProj (projector).
//     Kinds: Qwen25VL (qwen2vl + qwen2.5vl_merger), Qwen3VL (qwen3vl +
//     qwen3vl_merger), Qwen3VLMoE (qwen3vlmoe, 8 experts with 2 used, +
//     qwen3vl_merger) and Draft (a 1-layer qwen2vl with Qwen25VL's vocabulary,
//     for -md with --spec-type draft-simple).
//  3. Start llama-server with -m m.Model --mmproj m.MMProj. The models speak
//     ChatML; image parts of OpenAI content arrays work; output is gibberish
//     but never stops early (EOS is never the argmax), so max_tokens rules.
//  4. For speed work: harness.SyntheticLarge (or `go run ./cmd/synth -kind
//     large`, or EnsureLarge with a llama-quantize command) makes a dense
//     723M-parameter llama quantized to Q4_K_M by the real llama-quantize
//     (about 433 MB).
//
// Models are deterministic: all weights are N(0,1)·0.05 (embeddings and
// output ·0.5) from a fixed seed, so every machine writes the same bytes.
// File names carry a hash of the content (small kinds) or of the spec
// (Large), so a changed spec never reuses a stale file; files appear by
// rename only, so concurrent test processes never see a partial file.
//
// This package only writes files. Loading them is harness's job (the one place
// that runs llama.cpp); the end-to-end tests of these models against the real
// llama-server live there (harness/server_test.go).
package synth
