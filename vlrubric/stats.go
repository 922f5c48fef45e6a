package vlrubric

import "math"

// Interval is a 95% confidence interval for a mean.
type Interval struct {
	Lo, Hi float64
	// Method says how it was made: "t" (Student's t over the per-variant values),
	// or "degenerate: n=1" when there is a single value and so no spread to estimate
	// (then Lo = Hi = the mean), or "none: n=0".
	Method string
}

// mean returns the mean of xs (0 for none).
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

// tInterval returns the 95% Student's t interval for the mean of xs, clipped to the
// score range [1, 5]. With one value it is degenerate (Lo = Hi = the value).
func tInterval(xs []float64) Interval {
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
	half := tQuantile975(n-1) * math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
	return Interval{Lo: math.Max(1, m-half), Hi: math.Min(5, m+half), Method: "t"}
}

// t975 holds the 0.975 quantiles of Student's t for 1..30 degrees of freedom.
var t975 = [...]float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// tQuantile975 returns the 0.975 quantile of Student's t with df degrees of
// freedom: from the table up to 30, then the Cornish-Fisher expansion around 1.96
// (error below 0.001).
func tQuantile975(df int) float64 {
	if df < 1 {
		return math.Inf(1)
	}
	if df <= len(t975) {
		return t975[df-1]
	}
	z, d := 1.959964, float64(df)
	return z + (z*z*z+z)/(4*d) + (5*math.Pow(z, 5)+16*z*z*z+3*z)/(96*d*d)
}
