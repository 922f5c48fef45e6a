package report

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/vlbench/vlbench/vlrubric"
)

// errPoints are points with vertical error bars (plotter.YErrorer).
type errPoints struct {
	plotter.XYs
	plotter.YErrors
}

// costFigure: the quality cost of acceleration. For every model with a baseline and a
// config whose rubric runs share items, each tier is a point per config at its
// generation speed: the baseline at its tier mean, each config at the baseline's mean
// plus the paired mean difference, with the paired 95% interval as its error bar
// (PairedTiers). A model's configs are joined to its baseline by a thin line per tier;
// the roles' speed floors are dashed.
func (rep *Report) costFigure() (*Figure, error) {
	p := newPlot("Quality cost of acceleration: tier score against speed, paired", "generation speed (tok/s)", "tier score (1–5)")
	var pts [3]errPoints     // the configs, with their paired intervals
	var bases [3]plotter.XYs // the baselines
	var labels plotter.XYLabels
	minX, maxX := math.Inf(1), 0.0
	for _, role := range vlrubric.Roles() {
		if min, _ := role.Floors(); min > 0 {
			minX, maxX = math.Min(minX, min), math.Max(maxX, min)
		}
	}
	shown := 0
	var names []string
	for _, c := range rep.Costs() {
		if len(c.Tiers) == 0 || c.Base.Sum == nil {
			continue
		}
		bs, bfrom := c.Base.Speed()
		s, from := c.Entry.Speed()
		if bs == 0 || s == 0 || from != bfrom {
			continue
		}
		shown++
		names = append(names, ShortLabel(c.Entry))
		minX, maxX = math.Min(minX, math.Min(s, bs)), math.Max(maxX, math.Max(s, bs))
		top := 0.0
		for t := 1; t <= 3; t++ {
			tp, ok := c.Tiers[t]
			bt, ok2 := c.Base.Sum.Tiers[t]
			if !ok || !ok2 || bt.N == 0 {
				continue
			}
			y := bt.Mean + tp.MeanDiff
			lo, hi := tp.CI.Lo, tp.CI.Hi
			if tp.CI.Method != "t" {
				lo, hi = tp.MeanDiff, tp.MeanDiff
			}
			// A score stays within 1–5, and so does the bar.
			lo, hi = math.Max(lo, 1-bt.Mean), math.Min(hi, 5-bt.Mean)
			bases[t-1] = append(bases[t-1], plotter.XY{X: bs, Y: bt.Mean})
			pts[t-1].XYs = append(pts[t-1].XYs, plotter.XY{X: s, Y: y})
			pts[t-1].YErrors = append(pts[t-1].YErrors, struct{ Low, High float64 }{tp.MeanDiff - lo, hi - tp.MeanDiff})
			l, err := plotter.NewLine(plotter.XYs{{X: bs, Y: bt.Mean}, {X: s, Y: y}})
			if err != nil {
				return nil, err
			}
			l.Color, l.Width = color.Gray{Y: 0xb0}, vg.Points(0.8)
			p.Add(l)
			top = math.Max(top, math.Max(bt.Mean, bt.Mean+hi))
		}
		labels.XYs = append(labels.XYs, plotter.XY{X: s, Y: top})
		labels.Labels = append(labels.Labels, "  "+ShortLabel(c.Entry)+fmt.Sprintf(" (%.2f×)", s/bs))
		labels.XYs = append(labels.XYs, plotter.XY{X: bs, Y: top})
		labels.Labels = append(labels.Labels, "  "+ShortLabel(c.Base))
	}
	if shown == 0 {
		return nil, nil
	}
	for i := range pts {
		if len(pts[i].XYs) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(append(append(plotter.XYs(nil), pts[i].XYs...), bases[i]...))
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = tierColors[i], vg.Points(5), plotutil.Shape(i)
		eb, err := plotter.NewYErrorBars(pts[i])
		if err != nil {
			return nil, err
		}
		eb.LineStyle.Color, eb.LineStyle.Width, eb.CapWidth = tierColors[i], vg.Points(1.5), vg.Points(8)
		p.Add(eb, sc)
		p.Legend.Add(fmt.Sprintf("T%d", i+1), sc)
	}
	if err := addVerticalLabels(p, labels, false); err != nil {
		return nil, err
	}
	if err := speedScoreAxes(p, minX, maxX, 8.4); err != nil {
		return nil, err
	}
	png, err := render(p, figH+vg.Inch)
	if err != nil {
		return nil, err
	}
	cap := "Per model, its baseline and each config whose rubric run shares items with the baseline's: each tier at the config's generation speed, " +
		"the config at the baseline's mean plus the paired mean difference, its error bar the paired 95% interval of that difference (Student's t over question × variant). " +
		"Grey lines join a config to its baseline. Dashed: the roles' speed floors."
	cap += " Paired: " + strings.Join(names, ", ") + "."
	return &Figure{Title: "Quality cost of acceleration", Caption: cap, PNG: png}, nil
}
