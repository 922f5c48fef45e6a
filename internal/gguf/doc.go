// Package gguf reads and writes GGUF v3 files, the model format of llama.cpp.
//
// We keep our own code rather than depend on github.com/gpustack/gguf-parser-go:
// the synthetic test models (package internal/synth) need a writer anyway, and
// the reader shares the writer's types, so one small package serves both.
//
// Workflow:
//
//  1. Build a file: f := gguf.NewFile(); f.AddString("general.architecture", "llama");
//     f.AddTensorF32("token_embd.weight", []uint64{64, 256}, data) (shapes in ggml
//     ne order, innermost first); or AddTensorF16 to store halves.
//  2. Write it: f.WriteTo(w) for a stream, or f.WriteFile(path), which writes a
//     temporary file beside path and renames it, so no partial file is ever
//     visible. The bytes are deterministic: KVs and tensors in the order added.
//  3. Read one back: gguf.Open(path) parses the header, the metadata and the
//     tensor infos without reading tensor data, so 100+ GB models open at once.
//     Every length and count is bounded by the file's size: a truncated file, a
//     text file or absurd counts give an error naming the file and the problem.
//  4. Summarise: f.Facts() gives architecture, parameter count, quantization,
//     expert counts, sizes and the bytes of weights read per generated token;
//     Facts.MemoryEstimate(ctx) adds the KV cache for a context length.
package gguf
