package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A bench file with the vision benchmarks (lines as perf prints them) gives the four
// vision sections, with the figures they are made of, and the image-size plot.
func TestVisionSections(t *testing.T) {
	const bench = `model: Dense-7B-Q4_K_M
quant: Q4_K_M
Unit tok/s better=higher
BenchmarkGenerate/config=baseline-2 1 50 tok/s
BenchmarkGenerate/config=spec-k8-2 1 100 tok/s
BenchmarkImageSplit/config=baseline/size=448-2 1 256 image-tok/op 300 encode-ms 40 image-ms 10 text-ms 200 decode-ms 560 e2e-ms 10 other-ms 1.8 other-%
BenchmarkImageSplit/config=baseline/size=896-2 1 1024 image-tok/op 1300 encode-ms 160 image-ms 10 text-ms 210 decode-ms 1700 e2e-ms 20 other-ms 1.2 other-%
BenchmarkImageGenerate/config=baseline/turn=image-2 1 40 tok/s
BenchmarkImageGenerate/config=baseline/turn=text-2 1 50 tok/s
BenchmarkImageGenerate/config=spec-k8/turn=image-2 1 38 tok/s 1 drafted/op 20 accept-%
BenchmarkImageGenerate/config=spec-k8/turn=text-2 1 100 tok/s 1 drafted/op 70 accept-%
BenchmarkImage/config=baseline-2 1 1100 prompt-tok/op 900 prompt-ms
BenchmarkImage/config=imgmax256-2 1 300 prompt-tok/op 250 prompt-ms
BenchmarkConcurrent/config=baseline/clients=2/kind=text-2 1 98 tok/s 20 ttft-p50-ms 30 ttft-p95-ms 10 itl-p50-ms 12 itl-p95-ms
BenchmarkConcurrent/config=baseline/clients=2/kind=image-2 1 60 tok/s 900 ttft-p50-ms 1000 ttft-p95-ms
BenchmarkLlamaBatchedBench/config=baseline/clients=2 1 100 tok/s 800 prompt-tok/s
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bench-Dense-7B-Q4_K_M-20260101T000000Z.txt"), []byte(bench), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep := Join(s)
	var b strings.Builder
	if err := rep.Markdown(&b, nil); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"## The Image Request, Taken Apart",
		"| Dense-7B Q4_K_M | size=448 | 256 | 300.0 ms | 40.0 ms | 10.0 ms | 200.0 ms | 10.0 ms (1.8%) | 560.0 ms |",
		"## Image-Token Budget",
		"| Dense-7B Q4_K_M | imgmax256 | 300 | 250.0 ms |",
		"## Acceleration on Image Turns",
		"| Dense-7B Q4_K_M | spec-k8 | 38.0 t/s | 100.0 t/s | 20 / 70 | helps text (2.00×) but not image turns (0.95×) |",
		"## Concurrent Load",
		"| Dense-7B Q4_K_M | baseline | 2 | 98.0 t/s | 100.0 t/s | 0.98× | 20 ms / 30 ms | 10.0 ms / 12.0 ms | 60.0 t/s | 900 ms / 1000 ms |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	figs, err := rep.Figures()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range figs {
		found = found || (f.Title == "Image request by size" && len(f.PNG) > 1000)
	}
	if !found {
		t.Errorf("no image-size figure among %d figures", len(figs))
	}
	// The compatibility matrix takes image acceptance from the image turn alone.
	if rows := rep.Matrix(); len(rows) != 1 || !strings.Contains(rows[0].Spec, "20% image") {
		t.Errorf("Matrix() = %+v, want spec-k8's 20%% image acceptance", rows)
	}
	// The sub-benchmarks stay apart: turn=image and turn=text are two series.
	var gen *Entry
	for _, e := range rep.Models[0].Entries {
		if e.Config == "spec-k8" {
			gen = e
		}
	}
	if v, _ := gen.sub("ImageGenerate", "turn=text", "tok/s"); gen == nil || v != 100 {
		t.Errorf("spec-k8 text turn = %v, want 100", v)
	}
}
