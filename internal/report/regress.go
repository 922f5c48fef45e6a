package report

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/perf/benchmath"

	"github.com/vlbench/vlbench/vlrubric"
)

// Alpha is the significance level of the speed comparison, benchstat's default.
const Alpha = 0.05

// defaultBetter is which way each of perf's units is better, for files without Unit
// lines (perf writes them; llama-bench's lines only say tok/s).
var defaultBetter = map[string]int{
	"tok/s": +1, "GB/s": +1, "bw-%": +1, "accept-%": +1,
	"ttft-ms": -1, "e2e-ms": -1, "prompt-ms": -1, "load-s": -1, "first-token-s": -1,
	"peak-MiB": -1, "rss-MiB": -1,
}

// Regression is one thing that got worse than the baseline beyond noise.
type Regression struct {
	Model  ModelKey
	Config string
	// What: "quality" or "speed".
	What string
	// Text says what got worse, with the figures.
	Text string
}

func (r Regression) String() string {
	return fmt.Sprintf("%s %s: %s", r.Model, r.Config, r.Text)
}

// Regressions is the comparison of a report against a baseline.
type Regressions struct {
	Baseline string
	List     []Regression
	// Compared counts the quality entries, speed series and standard-set runs found in
	// both.
	Quality, Speed, Sets int
	// Paired and Unpaired count the rubric tiers and standard-set runs compared item by
	// item (the runs shared items) and by their intervals alone (they shared none).
	Paired, Unpaired int
	// Improved lists speed series that got better beyond noise (for the record).
	Improved []Regression
}

// Compare finds what got worse from base to rep:
//
//   - quality: a role whose rubric minimums the baseline run met and this run does
//     not (vlrubric's Failures, without speed and memory gates: those are speed's);
//   - a tier that fell beyond noise: where the two runs share items (question and
//     variant), paired: the paired 95% interval of the mean difference (PairedTiers)
//     wholly below 0; where they share none, unpaired: the new tier's 95% interval
//     wholly below the baseline's mean. The text says which;
//   - a standard set that fell beyond noise: paired on shared samples (McNemar's
//     exact p < alpha with more samples worse than better for 0/1 scores, the paired
//     interval wholly below 0 otherwise), else unpaired: the new 95% interval wholly
//     below the baseline's value;
//   - speed: every series of a bench file in both (same model, config, benchmark,
//     test and unit, with a known better direction) compared as benchstat does
//     (benchmath.AssumeNothing, a Mann-Whitney U test, alpha 0.05) that moved the
//     wrong way with p < alpha.
func Compare(base, rep *Report, baseName string) *Regressions {
	out := &Regressions{Baseline: baseName}
	old := map[ModelKey]map[string]*Entry{}
	for _, m := range base.Models {
		old[m.Key] = map[string]*Entry{}
		for _, e := range m.Entries {
			old[m.Key][e.Config] = e
		}
	}
	compareSets(out, base, rep)
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			o := old[m.Key][e.Config]
			if o == nil {
				continue
			}
			if o.Sum != nil && e.Sum != nil {
				out.Quality++
				out.List = append(out.List, tierRegressions(out, m.Key, e.Config, o, e)...)
				for _, role := range vlrubric.Roles() {
					if !o.Sum.Qualifies(role) {
						continue
					}
					var fs []string
					for _, f := range e.Sum.Failures(role) {
						fs = append(fs, strings.TrimPrefix(f.String(), string(role)+": "))
					}
					if len(fs) > 0 {
						out.List = append(out.List, Regression{Model: m.Key, Config: e.Config, What: "quality",
							Text: fmt.Sprintf("no longer meets %s: %s (baseline: %s)", role, strings.Join(fs, "; "), tiersText(o.Sum))})
					}
				}
			}
			keys := make([]SampleKey, 0, len(e.Samples))
			for k := range e.Samples {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
			for _, k := range keys {
				ov := o.Samples[k]
				if len(ov) == 0 {
					continue
				}
				better := betterOf(k.Unit, e.Bench, o.Bench)
				if better == 0 {
					continue
				}
				out.Speed++
				nv := e.Samples[k]
				cmp, om, nm := compareSamples(ov, nv)
				if cmp.P >= Alpha || om == nm {
					continue
				}
				name := k.Bench
				if k.Test != "" {
					name += "/" + k.Test
				}
				r := Regression{Model: m.Key, Config: e.Config, What: "speed",
					Text: fmt.Sprintf("%s %s %s → %s (%s, %s)", name, k.Unit, num(om), num(nm), cmp.FormatDelta(om, nm), cmp)}
				if (nm-om)*float64(better) < 0 {
					out.List = append(out.List, r)
				} else {
					out.Improved = append(out.Improved, r)
				}
			}
		}
	}
	return out
}

// tierRegressions compares the rubric runs of one entry tier by tier: paired on the
// items they share, unpaired (the new interval against the old mean) where they share
// none.
func tierRegressions(out *Regressions, k ModelKey, config string, o, e *Entry) []Regression {
	var regs []Regression
	if o.Run != nil && e.Run != nil {
		if pt := PairedTiers(o.Run, e.Run); len(pt) > 0 {
			for _, t := range []int{1, 2, 3} {
				p, ok := pt[t]
				if !ok {
					continue
				}
				out.Paired++
				if p.CI.Method == "t" && p.CI.Hi < 0 {
					txt := fmt.Sprintf("T%d fell %s on %d shared items (paired 95%% CI %s to %s", t, signed(p.MeanDiff, 2), p.N, signed(p.CI.Lo, 2), signed(p.CI.Hi, 2))
					if p.N <= 25 {
						txt += fmt.Sprintf(", Wilcoxon p %.2g", p.P)
					}
					regs = append(regs, Regression{Model: k, Config: config, What: "quality (paired)", Text: txt + ")"})
				}
			}
			return regs
		}
	}
	for _, t := range []int{1, 2, 3} {
		ot, ok1 := o.Sum.Tiers[t]
		nt, ok2 := e.Sum.Tiers[t]
		if !ok1 || !ok2 || ot.N == 0 || nt.N == 0 {
			continue
		}
		out.Unpaired++
		if nt.CI.Method == "t" && nt.CI.Hi < ot.Mean {
			regs = append(regs, Regression{Model: k, Config: config, What: "quality (unpaired)",
				Text: fmt.Sprintf("T%d %.2f (95%% CI %.2f–%.2f) below the baseline's %.2f; the runs share no item", t, nt.Mean, nt.CI.Lo, nt.CI.Hi, ot.Mean)})
		}
	}
	return regs
}

// compareSets finds the standard sets whose headline metric moved beyond noise: paired
// on the samples both runs scored (CompareSets), else the new 95% interval lies wholly
// below (a regression) or above (an improvement) the baseline's value.
func compareSets(out *Regressions, base, rep *Report) {
	old := map[string]*SetRun{}
	for _, s := range base.Sets {
		old[s.Model.String()+"|"+s.Config+"|"+s.Set] = s
	}
	for _, s := range rep.Sets {
		o := old[s.Model.String()+"|"+s.Config+"|"+s.Set]
		if o == nil {
			continue
		}
		if d := CompareSets(o, s); d.Paired {
			out.Sets++
			out.Paired++
			r := Regression{Model: s.Model, Config: s.Config, What: s.Set + " (paired)", Text: d.String()}
			switch {
			case d.worse():
				out.List = append(out.List, r)
			case d.Binary && d.P < Alpha && d.Better > d.Worse, !d.Binary && d.CI.Method == "t" && d.CI.Lo > 0:
				out.Improved = append(out.Improved, r)
			}
			continue
		}
		if o.Metric == nil || s.Metric == nil {
			continue
		}
		out.Sets++
		out.Unpaired++
		m := s.Metric
		r := Regression{Model: s.Model, Config: s.Config, What: s.Set + " (unpaired)",
			Text: fmt.Sprintf("%s %s (95%% CI %s–%s), baseline %s", m.Name, num(m.Value), num(m.Low), num(m.High), num(o.Metric.Value))}
		switch {
		case m.High < o.Metric.Value:
			out.List = append(out.List, r)
		case m.Low > o.Metric.Value:
			out.Improved = append(out.Improved, r)
		}
	}
}

func keyLess(a, b SampleKey) bool {
	if a.Bench != b.Bench {
		return a.Bench < b.Bench
	}
	if a.Test != b.Test {
		return a.Test < b.Test
	}
	return a.Unit < b.Unit
}

func betterOf(unit string, bs ...*Bench) int {
	for _, b := range bs {
		if b != nil && b.Better[unit] != 0 {
			return b.Better[unit]
		}
	}
	return defaultBetter[unit]
}

// compareSamples is benchstat's comparison: medians and a U test.
func compareSamples(old, new []float64) (benchmath.Comparison, float64, float64) {
	t := benchmath.DefaultThresholds
	t.CompareAlpha = Alpha
	so := benchmath.NewSample(append([]float64(nil), old...), &t)
	sn := benchmath.NewSample(append([]float64(nil), new...), &t)
	cmp := benchmath.AssumeNothing.Compare(so, sn)
	return cmp, median(old), median(new)
}

// significance compares two configs' generation speeds as benchstat does; ok is false
// when either has no bench samples.
func significance(a, b *Entry) (string, bool) {
	x, y := a.series("Generate", "tok/s"), b.series("Generate", "tok/s")
	if len(x) == 0 || len(y) == 0 {
		return "", false
	}
	cmp, _, _ := compareSamples(x, y)
	return cmp.String(), true
}

func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

func tiersText(s *vlrubric.Summary) string {
	var p []string
	for _, t := range []int{1, 2, 3} {
		p = append(p, fmt.Sprintf("T%d %s", t, tierCell(s, t)))
	}
	return strings.Join(p, ", ")
}

func (r *Regressions) markdown(b *strings.Builder) {
	fmt.Fprintf(b, "Compared %d rubric runs, %d benchmark series and %d standard-set runs found in both (speed: Mann-Whitney U test, alpha %g, as benchstat). "+
		"Quality: %d rubric tiers and standard-set runs paired on shared items (the paired 95%% interval wholly below 0; McNemar's exact test for 0/1 scores), "+
		"%d unpaired, the runs sharing no item (the new 95%% interval wholly below the baseline's score).\n\n", r.Quality, r.Speed, r.Sets, Alpha, r.Paired, r.Unpaired)
	if len(r.List) == 0 {
		b.WriteString("No regressions.\n")
	} else {
		for _, x := range r.List {
			fmt.Fprintf(b, "- **%s** %s\n", x.What, x)
		}
	}
	if len(r.Improved) > 0 {
		b.WriteString("\nImproved:\n")
		for _, x := range r.Improved {
			fmt.Fprintf(b, "- %s\n", x)
		}
	}
}
