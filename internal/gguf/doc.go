// Package gguf reads and writes GGUF v3 files, the model format of llama.cpp.
//
// We keep our own code rather than depend on github.com/gpustack/gguf-parser-go:
// the synthetic test models (package internal/synth) need a writer anyway, the
// reader shares the writer's types, and the memory estimate below is within 10% of
// the measured peak where gguf-parser-go's misses the CPU backend's repacked copy
// (README, "Dependencies, and why", has the figures).
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
//     OpenModel(path) reads a split model (PREFIX-00001-of-00003.gguf, written by
//     llama-gguf-split) whole, as llama.cpp loads it: every shard's tensor infos,
//     the sizes summed; a missing or foreign shard is an error naming it.
//  4. Summarise: f.Facts() gives architecture, parameter count, quantization and
//     its mix, expert counts, sizes and the bytes of weights read per generated
//     token. Fingerprint(path) is the model's identity for results and caches:
//     the shards' sizes and a hash of their headers, not of the weights.
//  5. Estimate: EstimateMemory(model, mmproj, draft, ServeOptions{Context: 16384,
//     Parallel: 2}) is llama-server's peak resident memory on a CPU build, by part
//     (runtime, weights as mapped, the CPU backend's CPU_REPACK and AMX copies, KV
//     cache, compute buffer, projector and its warm-up, draft). Which copy the
//     weights get depends on the CPU: ServeOptions.Buffers, by default this
//     machine's (HostCPUBuffers: AMX on an Intel Xeon with AMX, else CPU_REPACK).
package gguf
