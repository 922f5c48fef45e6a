package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"

	"github.com/vlbench/vlbench/harness"
)

// The vision sections: the image request taken apart (BenchmarkImageSplit), the
// image-token budget against quality and speed (imgmaxN/imgminN configs), acceleration on
// image turns (BenchmarkImageGenerate) and concurrent load against llama-batched-bench
// (BenchmarkConcurrent). Each appears only where its benchmarks were run.

// sub returns the median of one series of the entry with the given Sub ("turn=image");
// 0 and false when there is none.
func (e *Entry) sub(bench, sub, unit string) (float64, bool) {
	xs := e.Samples[SampleKey{Bench: bench, Config: e.Config, Unit: unit, Sub: sub}]
	if len(xs) == 0 {
		return 0, false
	}
	return median(xs), true
}

// subs lists the Sub values the entry has for a benchmark, in natural order.
func (e *Entry) subs(bench string) []string {
	seen := map[string]bool{}
	var out []string
	for k := range e.Samples {
		if k.Bench == bench && !seen[k.Sub] {
			seen[k.Sub] = true
			out = append(out, k.Sub)
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

// entry is the model's entry of config, nil when there is none.
func (m *Model) entry(config string) *Entry {
	for _, o := range m.Entries {
		if o.Config == config {
			return o
		}
	}
	return nil
}

// ImageTurn is one config's generation speed on image and on text turns
// (BenchmarkImageGenerate), and each as a multiple of baseline's (0 when unknown).
type ImageTurn struct {
	Model, Config         string
	Image, Text           float64 // tok/s
	ImageGain, TextGain   float64
	AcceptImage, AcceptTx float64 // accept-%, 0 when not speculative
}

// ImageTurns are the rows of "Acceleration on image turns", per model baseline first.
func (rep *Report) ImageTurns() []ImageTurn {
	var rows []ImageTurn
	for _, m := range rep.Models {
		var base *ImageTurn
		for _, e := range m.Entries {
			img, ok1 := e.sub("ImageGenerate", "turn=image", "tok/s")
			txt, ok2 := e.sub("ImageGenerate", "turn=text", "tok/s")
			if !ok1 || !ok2 {
				continue
			}
			r := ImageTurn{Model: m.Key.String(), Config: e.Config, Image: img, Text: txt}
			r.AcceptImage, _ = e.sub("ImageGenerate", "turn=image", "accept-%")
			r.AcceptTx, _ = e.sub("ImageGenerate", "turn=text", "accept-%")
			if e.Config == "baseline" {
				base = &r
			}
			if base != nil {
				r.ImageGain, r.TextGain = r.Image/base.Image, r.Text/base.Text
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// Verdict says whether an acceleration that helps text helps image turns too.
func (r ImageTurn) Verdict() string {
	switch {
	case r.TextGain == 0:
		return "–"
	case r.TextGain <= 1:
		return fmt.Sprintf("does not help text (%.2f×)", r.TextGain)
	case r.ImageGain > 1:
		return fmt.Sprintf("helps text (%.2f×) and image turns too (%.2f×)", r.TextGain, r.ImageGain)
	default:
		return fmt.Sprintf("helps text (%.2f×) but not image turns (%.2f×)", r.TextGain, r.ImageGain)
	}
}

func (rep *Report) imageTurnsTable(b *strings.Builder) {
	rows := rep.ImageTurns()
	if len(rows) == 0 {
		return
	}
	b.WriteString("## Acceleration on Image Turns\n\n")
	b.WriteString("| Model | Config | Image turn | Text turn | Accept-% image / text | Verdict |\n")
	b.WriteString("|-------|--------|------------|-----------|-----------------------|---------|\n")
	for _, r := range rows {
		acc := "–"
		if r.AcceptImage > 0 || r.AcceptTx > 0 {
			acc = fmt.Sprintf("%.0f / %.0f", r.AcceptImage, r.AcceptTx)
		}
		verdict := "–"
		if r.Config != "baseline" {
			verdict = r.Verdict()
		}
		fmt.Fprintf(b, "| %s | %s | %.1f t/s | %.1f t/s | %s | %s |\n", r.Model, r.Config, r.Image, r.Text, acc, verdict)
	}
	b.WriteString("\nGeneration tok/s after a rubric image and its prompt, and after the prompt alone (medians of BenchmarkImageGenerate); the verdict compares each with baseline's. llama.cpp's draft model does not see the image.\n\n")
}

// splitUnits are BenchmarkImageSplit's parts, in the order they happen.
var splitUnits = []struct{ unit, label string }{
	{"encode-ms", "Vision encode"}, {"image-ms", "Image tokens"}, {"text-ms", "Text prefill"},
	{"decode-ms", "Decode"}, {"other-ms", "Other"},
}

func (rep *Report) imageSplitTable(b *strings.Builder) {
	head := false
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			subs := e.subs("ImageSplit")
			if len(subs) == 0 || e.Config != "baseline" {
				continue
			}
			if !head {
				b.WriteString("## The Image Request, Taken Apart\n\n")
				b.WriteString("| Model | Image | Image tokens | Vision encode | Image tokens prefill | Text prefill | Decode | Other | End to end |\n")
				b.WriteString("|-------|-------|--------------|---------------|----------------------|--------------|--------|-------|------------|\n")
				head = true
			}
			for _, s := range subs {
				tok, _ := e.sub("ImageSplit", s, "image-tok/op")
				cells := []string{m.Key.String(), s, fmt.Sprintf("%.0f", tok)}
				for _, u := range splitUnits {
					if v, ok := e.sub("ImageSplit", s, u.unit); ok {
						cells = append(cells, fmt.Sprintf("%.1f ms", v))
					} else {
						cells = append(cells, "–")
					}
				}
				if pct, ok := e.sub("ImageSplit", s, "other-%"); ok {
					cells[len(cells)-1] += fmt.Sprintf(" (%.1f%%)", pct)
				}
				e2e, _ := e.sub("ImageSplit", s, "e2e-ms")
				cells = append(cells, fmt.Sprintf("%.1f ms", e2e))
				fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
			}
		}
	}
	if head {
		b.WriteString("\nMedians of BenchmarkImageSplit (baseline): vision encoding and the image tokens' prefill from llama-server's own log, the text prefill the rest of its prompt_ms, decode its predicted_ms; Other is the client's end-to-end time less the server's (HTTP, JSON, base64, image decoding), with its share.\n\n")
	}
}

// budgetTable: the image-token budget configs beside baseline, with their image tokens,
// image prompt time, generation speed and rubric tiers.
func (rep *Report) budgetTable(b *strings.Builder) {
	head := false
	for _, m := range rep.Models {
		var rows []*Entry
		for _, e := range m.Entries {
			v, err := harness.ParseVariant(e.Config)
			if err == nil && (v.ImageMaxTokens > 0 || v.ImageMinTokens > 0) {
				rows = append(rows, e)
			}
		}
		if len(rows) == 0 {
			continue
		}
		if base := m.entry("baseline"); base != nil {
			rows = append([]*Entry{base}, rows...)
		}
		if !head {
			b.WriteString("## Image-Token Budget\n\n")
			b.WriteString("| Model | Config | Image prompt tokens | Image prompt | Speed | T1 | T2 | T3 |\n")
			b.WriteString("|-------|--------|---------------------|--------------|-------|----|----|----|\n")
			head = true
		}
		for _, e := range rows {
			cell := func(unit, format string) string {
				xs := e.series("Image", unit)
				if len(xs) == 0 {
					return "–"
				}
				return fmt.Sprintf(format, median(xs))
			}
			tiers := []string{"–", "–", "–"}
			if e.Sum != nil {
				tiers = []string{tierCell(e.Sum, 1), tierCell(e.Sum, 2), tierCell(e.Sum, 3)}
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", m.Key, e.Config, cell("prompt-tok/op", "%.0f"),
				cell("prompt-ms", "%.1f ms"), speedCell(e), strings.Join(tiers, " | "))
		}
	}
	if head {
		b.WriteString("\nimgmaxN / imgminN: --image-max-tokens / --image-min-tokens. Image prompt tokens and time: BenchmarkImage's prompt-tok/op and prompt-ms (medians); T1–T3: the config's rubric run, where there is one.\n\n")
	}
}

// ConcurrentRow is one (model, config, clients) of BenchmarkConcurrent beside
// llama-batched-bench.
type ConcurrentRow struct {
	Model, Config                  string
	Clients                        int
	Text, Image, Batched           float64 // aggregate generation tok/s; 0 when not run
	TTFT50, TTFT95, ITL50, ITL95   float64 // kind=text, ms
	ImageTTFT50, ImageTTFT95, Rate float64 // Rate: Text / Batched
}

// ConcurrentRows are the rows of "Concurrent Load".
func (rep *Report) ConcurrentRows() []ConcurrentRow {
	var rows []ConcurrentRow
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			clients := map[int]bool{}
			for _, s := range append(e.subs("Concurrent"), e.subs("LlamaBatchedBench")...) {
				c, _, _ := strings.Cut(strings.TrimPrefix(s, "clients="), "/")
				if n, err := strconv.Atoi(c); err == nil {
					clients[n] = true
				}
			}
			var ns []int
			for n := range clients {
				ns = append(ns, n)
			}
			sort.Ints(ns)
			for _, n := range ns {
				t := fmt.Sprintf("clients=%d/kind=text", n)
				i := fmt.Sprintf("clients=%d/kind=image", n)
				r := ConcurrentRow{Model: m.Key.String(), Config: e.Config, Clients: n}
				r.Text, _ = e.sub("Concurrent", t, "tok/s")
				r.Image, _ = e.sub("Concurrent", i, "tok/s")
				r.Batched, _ = e.sub("LlamaBatchedBench", fmt.Sprintf("clients=%d", n), "tok/s")
				r.TTFT50, _ = e.sub("Concurrent", t, "ttft-p50-ms")
				r.TTFT95, _ = e.sub("Concurrent", t, "ttft-p95-ms")
				r.ITL50, _ = e.sub("Concurrent", t, "itl-p50-ms")
				r.ITL95, _ = e.sub("Concurrent", t, "itl-p95-ms")
				r.ImageTTFT50, _ = e.sub("Concurrent", i, "ttft-p50-ms")
				r.ImageTTFT95, _ = e.sub("Concurrent", i, "ttft-p95-ms")
				if r.Text > 0 && r.Batched > 0 {
					r.Rate = r.Text / r.Batched
				}
				rows = append(rows, r)
			}
		}
	}
	return rows
}

func (rep *Report) concurrentTable(b *strings.Builder) {
	rows := rep.ConcurrentRows()
	if len(rows) == 0 {
		return
	}
	f := func(v float64, format string) string {
		if v == 0 {
			return "–"
		}
		return fmt.Sprintf(format, v)
	}
	b.WriteString("## Concurrent Load\n\n")
	b.WriteString("| Model | Config | Clients | Text | llama-batched-bench | Ratio | TTFT p50 / p95 | ITL p50 / p95 | Image | Image TTFT p50 / p95 |\n")
	b.WriteString("|-------|--------|---------|------|---------------------|-------|----------------|---------------|-------|----------------------|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %d | %s | %s | %s | %s / %s | %s / %s | %s | %s / %s |\n", r.Model, r.Config, r.Clients,
			f(r.Text, "%.1f t/s"), f(r.Batched, "%.1f t/s"), f(r.Rate, "%.2f×"), f(r.TTFT50, "%.0f ms"), f(r.TTFT95, "%.0f ms"),
			f(r.ITL50, "%.1f ms"), f(r.ITL95, "%.1f ms"), f(r.Image, "%.1f t/s"), f(r.ImageTTFT50, "%.0f ms"), f(r.ImageTTFT95, "%.0f ms"))
	}
	b.WriteString("\nAggregate generation tok/s of N concurrent streamed requests on the server's clock (medians of BenchmarkConcurrent), beside llama-batched-bench's speed_tg at the same npl, prompt and generated tokens (Ratio: the harness over it); latencies are per request on the client's clock.\n\n")
}

// splitFigure: how the image request's cost grows with the image size, one line per part
// (BenchmarkImageSplit size=N of each model's baseline) against the image tokens.
func (rep *Report) splitFigure() (*Figure, error) {
	p := newPlot("The image request by image size", "image tokens", "ms (median)")
	var lines []any
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			if e.Config != "baseline" {
				continue
			}
			var sizes []string
			for _, s := range e.subs("ImageSplit") {
				if strings.HasPrefix(s, "size=") {
					sizes = append(sizes, s)
				}
			}
			if len(sizes) < 2 {
				continue
			}
			for _, u := range append(splitUnits, struct{ unit, label string }{"e2e-ms", "End to end"}) {
				var xys plotter.XYs
				for _, s := range sizes {
					tok, _ := e.sub("ImageSplit", s, "image-tok/op")
					if v, ok := e.sub("ImageSplit", s, u.unit); ok {
						xys = append(xys, plotter.XY{X: tok, Y: v})
					}
				}
				if len(xys) > 0 {
					lines = append(lines, ShortLabel(e)+": "+u.label, xys)
				}
			}
		}
	}
	if len(lines) == 0 {
		return nil, nil
	}
	if err := plotutil.AddLinePoints(p, lines...); err != nil {
		return nil, err
	}
	p.Legend.Top, p.Legend.Left = true, true
	png, err := render(p, figH)
	if err != nil {
		return nil, err
	}
	return &Figure{Title: "Image request by size", Caption: "BenchmarkImageSplit's parts of one image request (baseline) for the -image picture scaled to each -split-sizes side, against the image tokens it became.", PNG: png}, nil
}
