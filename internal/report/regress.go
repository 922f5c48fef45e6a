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
	// Improved lists speed series that got better beyond noise (for the record).
	Improved []Regression
}

// Compare finds what got worse from base to rep:
//
//   - quality: a role whose rubric minimums the baseline run met and this run does
//     not (vlrubric's Failures, without speed and memory gates: those are speed's);
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

// compareSets finds the standard sets whose headline metric moved beyond noise: the new
// 95% interval lies wholly below (a regression) or above (an improvement) the baseline's
// value.
func compareSets(out *Regressions, base, rep *Report) {
	old := map[string]*SetRun{}
	for _, s := range base.Sets {
		old[s.Model.String()+"|"+s.Config+"|"+s.Set] = s
	}
	for _, s := range rep.Sets {
		o := old[s.Model.String()+"|"+s.Config+"|"+s.Set]
		if o == nil || o.Metric == nil || s.Metric == nil {
			continue
		}
		out.Sets++
		m := s.Metric
		r := Regression{Model: s.Model, Config: s.Config, What: s.Set,
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
	fmt.Fprintf(b, "Compared %d rubric runs, %d benchmark series and %d standard-set runs found in both (speed: Mann-Whitney U test, alpha %g, as benchstat; sets: the new 95%% interval wholly below the baseline's score).\n\n", r.Quality, r.Speed, r.Sets, Alpha)
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
