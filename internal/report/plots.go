package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/vlbench/vlbench/vlrubric"
)

// Figure is one rendered plot: a PNG with its title and a caption saying what it shows.
type Figure struct {
	Title, Caption string
	PNG            []byte
}

const (
	figW = 10 * vg.Inch
	figH = 5 * vg.Inch
)

var (
	tierColors = []color.Color{
		color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
		color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
		color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	}
	limitColor = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	gridColor  = color.Gray{Y: 0xdd}
)

// Figures renders the report's plots. A plot with nothing to show is left out.
func (rep *Report) Figures() ([]Figure, error) {
	var out []Figure
	for _, f := range []func() (*Figure, error){rep.speedTiersFigure, rep.costFigure, rep.questionsFigure, rep.gainsFigure, rep.memoryFigure, rep.splitFigure} {
		fig, err := f()
		if err != nil {
			return nil, fmt.Errorf("report: plot: %w", err)
		}
		if fig != nil {
			out = append(out, *fig)
		}
	}
	return out, nil
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(15)
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})
	return p
}

func render(p *plot.Plot, h vg.Length) ([]byte, error) {
	wt, err := p.WriterTo(figW, h, "png")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ShortLabel is an entry's name in a plot: the model without "-Instruct" and the quant
// when it is Q4_K_M, then the config: "Qwen2.5-VL-7B spec-k8".
func ShortLabel(e *Entry) string {
	name := strings.TrimSuffix(e.Model.Name, "-Instruct")
	if e.Model.Quant != "" && e.Model.Quant != "Q4_K_M" {
		name += " " + e.Model.Quant
	}
	return name + " " + e.Config
}

// vline is a dashed vertical line at x from y0 to y1 with its label hanging below y1.
func vline(p *plot.Plot, x, y0, y1 float64, label string) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}})
	if err != nil {
		return err
	}
	l.Color, l.Width, l.Dashes = limitColor, vg.Points(1.5), []vg.Length{vg.Points(6), vg.Points(4)}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: y1}}, Labels: []string{" " + label}})
	if err != nil {
		return err
	}
	lb.TextStyle[0].Color = limitColor
	lb.TextStyle[0].YAlign = draw.YTop
	p.Add(l, lb)
	return nil
}

// hline is a dashed horizontal line at y from x0 to x1 with a label at the right.
func hline(p *plot.Plot, y, x0, x1 float64, label string) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	if err != nil {
		return err
	}
	l.Color, l.Width, l.Dashes = limitColor, vg.Points(1.5), []vg.Length{vg.Points(6), vg.Points(4)}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x0, Y: y}}, Labels: []string{label}})
	if err != nil {
		return err
	}
	lb.TextStyle[0].Color = limitColor
	lb.TextStyle[0].YAlign = draw.YBottom
	p.Add(l, lb)
	return nil
}

// speedTiersFigure: each entry with a rubric run and a speed is a column of three
// points, its T1, T2 and T3 scores, at its generation speed; an entry whose answers a
// faster lossless config gives (a baseline with spec-kK) has faint points there too,
// joined by dotted lines. The role speed floors are dashed lines.
func (rep *Report) speedTiersFigure() (*Figure, error) {
	p := newPlot("Generation speed against rubric tier scores", "generation speed (tok/s)", "tier score (1–5)")
	type column struct {
		x, top, bottom float64
		label          string
	}
	var pts, fast [3]plotter.XYs
	var cols []column
	labelled := map[*Entry]bool{}
	var skipped []string
	maxX, minX := 0.0, math.Inf(1)
	for _, role := range vlrubric.Roles() {
		if min, _ := role.Floors(); min > 0 {
			maxX, minX = math.Max(maxX, min), math.Min(minX, min)
		}
	}
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			if e.Sum == nil {
				continue
			}
			s, _ := e.Speed()
			if s > 0 {
				minX = math.Min(minX, s)
			}
			if s == 0 {
				skipped = append(skipped, ShortLabel(e))
				continue
			}
			acc := m.Accelerated(e)
			as, _ := acc.Speed()
			maxX = math.Max(maxX, math.Max(s, as))
			c := column{x: s, top: 0, bottom: 6, label: ShortLabel(e)}
			for t := 1; t <= 3; t++ {
				ts, ok := e.Sum.Tiers[t]
				if !ok || ts.N == 0 {
					continue
				}
				pts[t-1] = append(pts[t-1], plotter.XY{X: s, Y: ts.Mean})
				c.top, c.bottom = math.Max(c.top, ts.Mean), math.Min(c.bottom, ts.Mean)
				if acc != e && as > s {
					fast[t-1] = append(fast[t-1], plotter.XY{X: as, Y: ts.Mean})
					l, err := plotter.NewLine(plotter.XYs{{X: s, Y: ts.Mean}, {X: as, Y: ts.Mean}})
					if err != nil {
						return nil, err
					}
					l.Color, l.Dashes = color.Gray{Y: 0xa0}, []vg.Length{vg.Points(2), vg.Points(3)}
					p.Add(l)
				}
			}
			cols = append(cols, c)
			// The acceleration's column is labelled once, unless it has a rubric run
			// (and so a column and label of its own).
			if acc != e && as > s && acc.Sum == nil && !labelled[acc] {
				labelled[acc] = true
				cols = append(cols, column{x: as, top: c.top, bottom: c.bottom, label: "(" + acc.Config + ")"})
			}
		}
	}
	if len(cols) == 0 {
		return nil, nil
	}
	for i := range pts {
		for j, xy := range []plotter.XYs{fast[i], pts[i]} {
			if len(xy) == 0 {
				continue
			}
			sc, err := plotter.NewScatter(xy)
			if err != nil {
				return nil, err
			}
			r, g, b, _ := tierColors[i].RGBA()
			c := color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0xff}
			if j == 0 {
				c.A = 0x70
			}
			sc.GlyphStyle.Color = c
			sc.GlyphStyle.Radius = vg.Points(5)
			sc.GlyphStyle.Shape = plotutil.Shape(i)
			p.Add(sc)
			if j == 1 {
				p.Legend.Add(fmt.Sprintf("T%d", i+1), sc)
			}
		}
	}
	// Labels above each column; a column close to the previous labelled one above is
	// labelled below instead, so that neighbours do not overlap.
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].x < cols[j].x })
	var above, below plotter.XYLabels
	lastAbove := math.Inf(-1)
	for _, c := range cols {
		if math.Log10(c.x)-lastAbove > 0.02*math.Log10(maxX*1.8/(minX/1.6)) {
			above.XYs = append(above.XYs, plotter.XY{X: c.x, Y: c.top})
			above.Labels = append(above.Labels, "  "+c.label)
			lastAbove = math.Log10(c.x)
		} else {
			below.XYs = append(below.XYs, plotter.XY{X: c.x, Y: c.bottom})
			below.Labels = append(below.Labels, c.label+"  ")
		}
	}
	for i, l := range []plotter.XYLabels{above, below} {
		if err := addVerticalLabels(p, l, i == 1); err != nil {
			return nil, err
		}
	}
	if err := speedScoreAxes(p, minX, maxX, 7.4); err != nil {
		return nil, err
	}
	png, err := render(p, figH+vg.Inch)
	if err != nil {
		return nil, err
	}
	cap := "Each model and config is a column of its three tier means at its generation speed (median of BenchmarkGenerate, or the rubric run's server timings). " +
		"Faint points joined by dotted lines: the same answers at the speed of a lossless acceleration (speculative decoding), which the role gates use. Dashed: the roles' speed floors."
	if len(skipped) > 0 {
		cap += " Not shown, no speed: " + strings.Join(skipped, ", ") + "."
	}
	return &Figure{Title: "Speed against T1/T2/T3", Caption: cap, PNG: png}, nil
}

// addVerticalLabels adds labels written upwards from their points (downwards, ending at
// them, when below), in 9 pt; none when l is empty.
func addVerticalLabels(p *plot.Plot, l plotter.XYLabels, below bool) error {
	if len(l.XYs) == 0 {
		return nil
	}
	lb, err := plotter.NewLabels(l)
	if err != nil {
		return err
	}
	for j := range lb.TextStyle {
		lb.TextStyle[j].Rotation = math.Pi / 2
		lb.TextStyle[j].Font.Size = vg.Points(9)
		lb.TextStyle[j].XAlign = draw.XLeft
		lb.TextStyle[j].YAlign = draw.YCenter
		if below {
			lb.TextStyle[j].XAlign = draw.XRight
		}
	}
	p.Add(lb)
	return nil
}

// speedScoreAxes finishes a plot of tier scores against generation speed: the roles'
// speed floors as dashed lines, a log speed axis around minX–maxX, a 1–5 score axis with
// room up to yMax for the labels above the points, and the legend at the bottom right.
func speedScoreAxes(p *plot.Plot, minX, maxX, yMax float64) error {
	for i, role := range vlrubric.Roles() {
		if min, _ := role.Floors(); min > 0 {
			// From top to bottom, so that the label hangs below the points; each
			// floor's label a line lower than the last, so that near floors do not
			// overlap.
			if err := vline(p, min, 5.6, 0.7-0.45*float64(i), fmt.Sprintf("%s > %g", role, min)); err != nil {
				return err
			}
		}
	}
	// Speeds span orders of magnitude (4 t/s for a 235B model, 100 for a 2B one, and
	// thousands for the synthetic models): a log axis keeps the floors apart.
	p.X.Scale = plot.LogScale{}
	p.X.Min, p.X.Max = minX/1.6, maxX*1.8
	p.X.Tick.Marker = logTicks(p.X.Min, p.X.Max)
	p.Y.Min, p.Y.Max = -0.6, yMax
	p.Y.Tick.Marker = plot.ConstantTicks{{Value: 1, Label: "1"}, {Value: 2, Label: "2"}, {Value: 3, Label: "3"}, {Value: 4, Label: "4"}, {Value: 5, Label: "5"}}
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.XOffs = -vg.Points(10)
	return nil
}

// questionsFigure: grouped bars, one group per question, one bar per entry.
func (rep *Report) questionsFigure() (*Figure, error) {
	ids := vlrubric.IDs()
	var entries []*Entry
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			if e.Run != nil && len(e.Run.Answers) > 0 {
				entries = append(entries, e)
			}
		}
	}
	if len(entries) == 0 {
		return nil, nil
	}
	p := newPlot("Score per question (mean over variants)", "", "score (1–5)")
	group := 0.8 * float64(figW-vg.Inch) / float64(len(ids)) // points per group
	w := vg.Length(group / float64(len(entries)))
	for i, e := range entries {
		vals := make(plotter.Values, len(ids))
		for j, id := range ids {
			var sum float64
			n := 0
			for _, a := range e.Run.Answers {
				if a.ID == id && !a.Missing && a.Error == "" {
					sum += a.Score
					n++
				}
			}
			if n > 0 {
				vals[j] = sum / float64(n)
			}
		}
		bc, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		bc.Color = plotutil.Color(i)
		bc.LineStyle.Width = 0
		bc.Offset = vg.Length(float64(i)-float64(len(entries)-1)/2) * w
		p.Add(bc)
		p.Legend.Add(ShortLabel(e), bc)
	}
	p.NominalX(ids...)
	p.Y.Min, p.Y.Max = 0, 5
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Points(2)
	h := figH + vg.Length(len(entries))*vg.Points(13)
	p.Y.Max = 5 + float64(len(entries))*0.32 // room for the legend above the bars
	p.Y.Tick.Marker = plot.ConstantTicks{{Value: 1, Label: "1"}, {Value: 2, Label: "2"}, {Value: 3, Label: "3"}, {Value: 4, Label: "4"}, {Value: 5, Label: "5"}}
	png, err := render(p, h)
	if err != nil {
		return nil, err
	}
	return &Figure{Title: "Per-question scores", Caption: "Each question's score, the mean over the variants asked, for every rubric run.", PNG: png}, nil
}

// gainsFigure: optimized / baseline generation speed per model.
func (rep *Report) gainsFigure() (*Figure, error) {
	var vals plotter.Values
	var names []string
	var labels plotter.XYLabels
	for _, r := range rep.SpeedRows() {
		if r.Gain == 0 {
			continue
		}
		x := float64(len(vals))
		vals = append(vals, r.Gain)
		names = append(names, strings.TrimSuffix(r.Model, "-Instruct")+" "+strings.Trim(r.Quant, "–"))
		labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: r.Gain})
		labels.Labels = append(labels.Labels, fmt.Sprintf("%.2f× %s", r.Gain, r.BestConfig))
	}
	if len(vals) == 0 {
		return nil, nil
	}
	p := newPlot("Acceleration gain: best config over baseline", "", "optimized / baseline generation speed")
	bc, err := plotter.NewBarChart(vals, vg.Points(math.Min(90, 500/float64(len(vals)))))
	if err != nil {
		return nil, err
	}
	bc.Color = tierColors[0]
	bc.LineStyle.Width = 0
	p.Add(bc)
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].YAlign = draw.YBottom
	}
	p.Add(lb)
	max := 1.0
	for _, v := range vals {
		max = math.Max(max, v)
	}
	if err := hline(p, 1, -0.5, float64(len(vals))-0.5, "1× (no gain)"); err != nil {
		return nil, err
	}
	p.NominalX(names...)
	p.Y.Min, p.Y.Max = 0, max*1.2
	png, err := render(p, figH)
	if err != nil {
		return nil, err
	}
	return &Figure{Title: "Acceleration gains", Caption: "The fastest non-baseline config's generation speed over baseline's, per model (medians of BenchmarkGenerate).", PNG: png}, nil
}

// memoryFigure: memory per entry on a log scale with the roles' limits.
func (rep *Report) memoryFigure() (*Figure, error) {
	type bar struct {
		name string
		gb   float64
		from string
	}
	var bars []bar
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			if gb, from := e.Memory(); gb > 0 {
				bars = append(bars, bar{ShortLabel(e), gb, from})
			}
		}
	}
	if len(bars) == 0 {
		return nil, nil
	}
	p := newPlot("Memory against the role limits", "", "memory (GB, log scale)")
	p.Y.Scale = plot.LogScale{}
	lo, hi := 0.5, 100.0
	for _, b := range bars {
		lo, hi = math.Min(lo, b.gb/2), math.Max(hi, b.gb*2)
	}
	p.Y.Tick.Marker = logTicks(lo, hi)
	var names []string
	var labels plotter.XYLabels
	for i, b := range bars {
		x := float64(i)
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x - 0.35, Y: lo}, {X: x + 0.35, Y: lo}, {X: x + 0.35, Y: b.gb}, {X: x - 0.35, Y: b.gb}})
		if err != nil {
			return nil, err
		}
		poly.Color = tierColors[0]
		poly.LineStyle.Width = 0
		p.Add(poly)
		names = append(names, b.name)
		labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: b.gb})
		labels.Labels = append(labels.Labels, gbLabel(b.gb))
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].YAlign = draw.YBottom
	}
	p.Add(lb)
	for _, role := range vlrubric.Roles() {
		if _, max := role.Floors(); max > 0 {
			if err := hline(p, max, -0.5, float64(len(bars))-0.5, fmt.Sprintf("%s < %g GB", role, max)); err != nil {
				return nil, err
			}
		}
	}
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = math.Pi / 8
	p.X.Tick.Label.XAlign = draw.XRight
	p.Y.Min, p.Y.Max = lo, hi
	png, err := render(p, figH+vg.Inch)
	if err != nil {
		return nil, err
	}
	return &Figure{Title: "Memory against role limits", Caption: "Peak RSS of each model and config (BenchmarkMemory's peak-MiB; else the rubric run's peak RSS; else the GGUF estimate). Dashed: worker_vision's 8 GB and vision_escalation's 50 GB limits.", PNG: png}, nil
}

// logTicks are 1-2-5 ticks from lo to hi for a log axis, labelled plainly (0.05, 0.1,
// 0.2, …, 50, 100).
func logTicks(lo, hi float64) plot.ConstantTicks {
	var ts plot.ConstantTicks
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v >= lo && v <= hi {
				ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
			}
		}
	}
	return ts
}

func gbLabel(gb float64) string {
	if gb < 1 {
		return fmt.Sprintf("%.2f", gb)
	}
	return fmt.Sprintf("%.1f", gb)
}
