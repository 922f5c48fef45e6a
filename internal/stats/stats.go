// Package stats holds the statistics vlbench reports: Student's t intervals for means
// of scores (rubric tiers, ANLS), Wilson's for shares of 0/1 outcomes (accuracies), and
// paired comparisons of two runs on the same items (paired.go): the paired t interval of
// the mean difference, Wilcoxon's signed-rank test, McNemar's exact test for 0/1
// outcomes, and the pairs a difference needs to be detected (power). The tests check
// them against R's t.test, wilcox.test and binom.test on the data of R's help pages.
package stats

import (
	"math"
	"slices"
)

// Interval is a 95% confidence interval.
type Interval struct {
	Lo, Hi float64
	// Method says how it was made: "t", "wilson", "degenerate: n=1" (a single value, so
	// no spread to estimate; Lo = Hi = the value) or "none: n=0".
	Method string
}

// Mean is the mean of xs (0 for none).
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// TInterval is the 95% Student's t interval for the mean of xs, clipped to [lo, hi], the
// range the values can take (1–5 for rubric scores, 0–1 for ANLS).
func TInterval(xs []float64, lo, hi float64) Interval {
	n := len(xs)
	switch n {
	case 0:
		return Interval{Method: "none: n=0"}
	case 1:
		return Interval{Lo: xs[0], Hi: xs[0], Method: "degenerate: n=1"}
	}
	m := Mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	half := TQuantile975(n-1) * math.Sqrt(ss/float64(n-1)/float64(n))
	return Interval{Lo: max(lo, m-half), Hi: min(hi, m+half), Method: "t"}
}

const z975 = 1.959963984540054

// Wilson is the 95% Wilson score interval for k successes in n trials: unlike the
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

// t975 holds the 0.975 quantiles of Student's t for 1..30 degrees of freedom.
var t975 = [...]float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// TQuantile975 is the 0.975 quantile of Student's t with df degrees of freedom: from the
// table up to 30, then the Cornish-Fisher expansion around z (error below 0.001).
func TQuantile975(df int) float64 {
	if df < 1 {
		return math.Inf(1)
	}
	if df <= len(t975) {
		return t975[df-1]
	}
	z, d := z975, float64(df)
	return z + (z*z*z+z)/(4*d) + (5*math.Pow(z, 5)+16*z*z*z+3*z)/(96*d*d)
}

// Quantile is the q-quantile (0 ≤ q ≤ 1) of xs by linear interpolation between the order
// statistics (type 7, as R's and NumPy's default): Quantile(xs, 0.5) is the median,
// Quantile(xs, 0.99) the p99. NaN for none; xs is not modified.
func Quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	h := q * float64(len(s)-1)
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	if lo < 0 {
		return s[0]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}
