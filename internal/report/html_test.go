package report

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

func fixtureReport() *Report {
	return Join(&Set{
		Runs: []*Run{
			fakeRun("Dense-7B-Q4_K_M", "baseline", 5, 4, 2.5, withRSS(6)),
			fakeRun("Moe-30B-Q4_K_M", "baseline", 5, 4.5, 3.5, withRSS(18)),
			fakeRun("Tiny-2B-Q4_K_M", "baseline", 3, 2, 1, withRSS(2), withSpeed(90)),
		},
		Benches: []*Bench{
			fakeBench("a", "Dense-7B-Q4_K_M", map[string][2]float64{"baseline": {15, 5.5}, "spec-k8": {57, 6.1}}),
			fakeBench("b", "Moe-30B-Q4_K_M", map[string][2]float64{"baseline": {25, 18}, "moe4": {35, 18}}),
		},
	})
}

func TestFigures(t *testing.T) {
	figs, err := fixtureReport().Figures()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Speed against T1/T2/T3", "Per-question scores", "Acceleration gains", "Memory against role limits"}
	if len(figs) != len(want) {
		t.Fatalf("%d figures, want %d", len(figs), len(want))
	}
	for i, f := range figs {
		if f.Title != want[i] {
			t.Errorf("figure %d = %q, want %q", i, f.Title, want[i])
		}
		img, err := png.Decode(bytes.NewReader(f.PNG))
		if err != nil {
			t.Fatalf("%s: %v", f.Title, err)
		}
		if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 400 {
			t.Errorf("%s: %v, want at least 800×400", f.Title, b.Size())
		}
	}
	// Nothing to plot: no figures, no error.
	if figs, err := (&Report{}).Figures(); err != nil || len(figs) != 0 {
		t.Errorf("empty report: %d figures, %v", len(figs), err)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := fixtureReport().HTML(&b, nil); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{"<h2>Quality Rubric Results</h2>", "<h2>Speed Benchmarks</h2>", "<h2>Role Assignment</h2>",
		"<th>Best Acceleration</th>", "<strong>worker_vision</strong>", "worker_vision (Dense-7B Q4_K_M baseline, with spec-k8"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// Self-contained: no external resources of any kind.
	if m := regexp.MustCompile(`(?i)(src|href)="(https?:|//|file:)`).FindString(h); m != "" {
		t.Errorf("HTML refers to an external resource: %s", m)
	}
	imgs := regexp.MustCompile(`src="data:image/png;base64,([A-Za-z0-9+/=]+)"`).FindAllStringSubmatch(h, -1)
	if len(imgs) != 4 {
		t.Fatalf("%d inline PNGs, want 4", len(imgs))
	}
	for _, m := range imgs {
		raw, err := base64.StdEncoding.DecodeString(m[1])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
			t.Error(err)
		}
	}
}

func TestMD(t *testing.T) {
	if got := string(md("a **b** `c` <d>")); got != "a <strong>b</strong> <code>c</code> &lt;d&gt;" {
		t.Errorf("md = %q", got)
	}
}
