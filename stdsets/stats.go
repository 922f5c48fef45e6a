package stdsets

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Interval is a 95% confidence interval.
type Interval struct {
	Lo, Hi float64
	Method string // "wilson", "t", "degenerate: n=1", "none: n=0"
}

const z975 = 1.959963984540054

// Wilson is the 95% Wilson score interval for k successes in n trials. It is used for
// the 0/1 metrics (accuracy, relaxed accuracy, click accuracy, OCRBench): unlike the
// normal (Wald) interval it stays inside [0, 1] and is not zero-width at 0 or n.
func Wilson(k, n int) Interval {
	if n == 0 {
		return Interval{Method: "none: n=0"}
	}
	p, nf := float64(k)/float64(n), float64(n)
	z2 := z975 * z975
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z975 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / (1 + z2/nf)
	return Interval{Lo: max(0, centre-half), Hi: min(1, centre+half), Method: "wilson"}
}

// MeanInterval is the 95% Student's t interval for the mean of xs, clipped to [0, 1]:
// for ANLS, whose per-sample values are not 0/1.
func MeanInterval(xs []float64) Interval {
	n := len(xs)
	switch n {
	case 0:
		return Interval{Method: "none: n=0"}
	case 1:
		return Interval{Lo: xs[0], Hi: xs[0], Method: "degenerate: n=1"}
	}
	m := mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	half := tQuantile975(n-1) * math.Sqrt(ss/float64(n-1)/float64(n))
	return Interval{Lo: max(0, m-half), Hi: min(1, m+half), Method: "t"}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

var t975 = [...]float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// tQuantile975 is Student's t 0.975 quantile: a table to 30 degrees of freedom, then
// the Cornish-Fisher expansion around z (error below 0.001).
func tQuantile975(df int) float64 {
	if df <= len(t975) {
		return t975[df-1]
	}
	z, d := z975, float64(df)
	return z + (z*z*z+z)/(4*d) + (5*math.Pow(z, 5)+16*z*z*z+3*z)/(96*d*d)
}

// Summary is a run's headline metric with its interval and breakdown.
type Summary struct {
	Metric   string
	Value    float64 // in the set's scale (OCRBench: points of 1000)
	CI       Interval
	N        int // samples scored
	Unparsed int // answers nothing could be read from
	ByRule   int // MathVista: answers extracted by rule
	Parts    map[string]float64
	Counts   map[string]int // samples per part
	Scale    float64
}

// Summarize computes the headline metric over the scored samples: the mean value times
// the set's scale, a Wilson interval for 0/1 metrics and a t interval otherwise. Parts
// are each group's mean in the same scale, except OCRBench's, which are the points
// (correct answers) per category as OCRBench reports them. Shares (unparsed, extracted
// by rule, mean IoU) are added as parts named after them.
func Summarize(set Set, scored []Scored) Summary {
	s := Summary{Metric: set.Metric, N: len(scored), Scale: set.Scale, Parts: map[string]float64{},
		Counts: map[string]int{}}
	var vals []float64
	sums := map[string]float64{}
	k := 0
	var ious []float64
	for _, sc := range scored {
		vals = append(vals, sc.Value)
		if sc.Value == 1 {
			k++
		}
		if sc.Unparsed {
			s.Unparsed++
		}
		if sc.ByRule {
			s.ByRule++
		}
		if sc.IoU != nil {
			ious = append(ious, *sc.IoU)
		}
		for _, g := range sc.Groups {
			sums[g] += sc.Value
			s.Counts[g]++
		}
	}
	if set.Binary {
		s.CI = Wilson(k, len(vals))
	} else {
		s.CI = MeanInterval(vals)
	}
	s.Value = mean(vals) * set.Scale
	s.CI.Lo *= set.Scale
	s.CI.Hi *= set.Scale
	for g, sum := range sums {
		if set.Name == "ocrbench" {
			s.Parts[g] = sum
		} else {
			s.Parts[g] = sum / float64(s.Counts[g]) * set.Scale
		}
	}
	if s.N > 0 {
		switch set.Name {
		case "mmmu", "videomme", "screenspot":
			s.Parts["unparsed_share"] = float64(s.Unparsed) / float64(s.N)
		case "mathvista":
			s.Parts["extracted_by_rule_share"] = float64(s.ByRule) / float64(s.N)
			s.Parts["unparsed_share"] = float64(s.Unparsed) / float64(s.N)
		}
	}
	if len(ious) > 0 {
		s.Parts["mean_iou"] = mean(ious)
		s.Parts["box_answer_share"] = float64(len(ious)) / float64(max(s.N, 1))
	}
	return s
}

// String is the summary as a small table: the headline, then each part.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s = %.4g  95%% CI [%.4g, %.4g] (%s), n=%d", s.Metric, s.Value, s.CI.Lo, s.CI.Hi, s.CI.Method, s.N)
	var keys []string
	for k := range s.Parts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if n, ok := s.Counts[k]; ok {
			fmt.Fprintf(&b, "\n  %-50s %8.4g  (n=%d)", k, s.Parts[k], n)
		} else {
			fmt.Fprintf(&b, "\n  %-50s %8.4g", k, s.Parts[k])
		}
	}
	return b.String()
}
