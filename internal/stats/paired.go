package stats

import (
	"math"
	"sort"
)

// Paired is the comparison of two runs on the same items: the differences d = b − a,
// item by item (the same question and variant, or the same standard-set sample).
type Paired struct {
	N        int     // pairs
	MeanDiff float64 // mean of d
	SD       float64 // sample standard deviation of d (0 for n < 2)
	// CI is the paired 95% interval of the mean difference (Student's t on d).
	CI Interval
	// V is Wilcoxon's signed-rank statistic (the sum of the ranks of the positive d),
	// P its two-sided p, and Method how P was found (Wilcoxon).
	V      float64
	P      float64
	Method string
}

// ComparePaired compares b against a item by item: a[i] and b[i] are the same item's
// values in the two runs. span is how far a difference can reach (4 for 1–5 scores):
// the interval is clipped to [−span, span]. It panics when a and b differ in length.
func ComparePaired(a, b []float64, span float64) Paired {
	if len(a) != len(b) {
		panic("stats: ComparePaired of unequal lengths")
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = b[i] - a[i]
	}
	p := Paired{N: len(d), MeanDiff: Mean(d), CI: TInterval(d, -span, span)}
	if len(d) > 1 {
		ss := 0.0
		for _, x := range d {
			ss += (x - p.MeanDiff) * (x - p.MeanDiff)
		}
		p.SD = math.Sqrt(ss / float64(len(d)-1))
	}
	p.V, p.P, p.Method = Wilcoxon(d)
	return p
}

// Wilcoxon is the Wilcoxon signed-rank test of the differences d against a median of
// zero, two-sided, computed as R's wilcox.test(d) does by default:
//
//  1. zero differences are dropped (they say nothing about the direction);
//  2. the rest are ranked by |d|, tied values sharing the mean of their ranks, and v is
//     the sum of the ranks of the positive differences;
//  3. with fewer than 50 left and no ties, p is exact, from the distribution of v over
//     all 2ⁿ sign patterns (method "exact");
//  4. otherwise p is the normal approximation with the tie correction of the variance
//     and a continuity correction of 0.5 (method "normal").
//
// With no non-zero difference, v = 0, p = 1 and the method says "none: all zero".
func Wilcoxon(d []float64) (v, p float64, method string) {
	var nz []float64
	for _, x := range d {
		if x != 0 {
			nz = append(nz, x)
		}
	}
	n := len(nz)
	if n == 0 {
		return 0, 1, "none: all zero"
	}
	sort.Slice(nz, func(i, j int) bool { return math.Abs(nz[i]) < math.Abs(nz[j]) })
	ties := false
	tieTerm := 0.0 // Σ (t³ − t) over groups of tied |d|
	for i := 0; i < n; {
		j := i
		for j+1 < n && math.Abs(nz[j+1]) == math.Abs(nz[i]) {
			j++
		}
		rank := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			if nz[k] > 0 {
				v += rank
			}
		}
		if t := float64(j - i + 1); t > 1 {
			ties = true
			tieTerm += t*t*t - t
		}
		i = j + 1
	}
	nf := float64(n)
	if n < 50 && !ties {
		// counts[s] = number of sign patterns whose positive ranks sum to s.
		maxSum := n * (n + 1) / 2
		counts := make([]float64, maxSum+1)
		counts[0] = 1
		for r := 1; r <= n; r++ {
			for s := maxSum; s >= r; s-- {
				counts[s] += counts[s-r]
			}
		}
		total := math.Pow(2, nf)
		iv := int(math.Round(v))
		lo, hi := 0.0, 0.0 // P(V ≤ v), P(V ≥ v)
		for s, c := range counts {
			if s <= iv {
				lo += c
			}
			if s >= iv {
				hi += c
			}
		}
		return v, math.Min(1, 2*math.Min(lo, hi)/total), "exact"
	}
	mean := nf * (nf + 1) / 4
	sd := math.Sqrt(nf*(nf+1)*(2*nf+1)/24 - tieTerm/48)
	z := v - mean
	if z != 0 {
		z -= math.Copysign(0.5, z) // continuity correction, as R's correct = TRUE
	}
	return v, math.Min(1, 2*normalUpper(math.Abs(z)/sd)), "normal"
}

// normalUpper is P(Z > z) for a standard normal Z.
func normalUpper(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }

// McNemar is McNemar's exact test for paired 0/1 outcomes: of the items whose outcome
// changed, worse went from 1 to 0 and better from 0 to 1; under no difference each
// change is a fair coin, so p is the two-sided binomial test of min(worse, better) in
// worse+better trials at 1/2 (R's binom.test, and mcnemar.test's exact form). No
// change at all gives p = 1.
func McNemar(worse, better int) float64 {
	n := worse + better
	if n == 0 {
		return 1
	}
	k := min(worse, better)
	// Σ_{i≤k} C(n, i) / 2ⁿ, in logs so that large n does not overflow.
	sum := 0.0
	for i := 0; i <= k; i++ {
		sum += math.Exp(logChoose(n, i) - float64(n)*math.Ln2)
	}
	return math.Min(1, 2*sum)
}

func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// z for 80% power (one side), the convention of most power calculations.
const z80 = 0.8416212335729143

// PairsNeeded is how many pairs a paired comparison needs to detect a mean difference
// of delta with 80% power at the two-sided 5% level, when the differences have standard
// deviation sd: n = ((z₀.₉₇₅ + z₀.₈₀)·sd/delta)², rounded up (the normal approximation;
// the t test needs one or two more when n is small). 0 when sd is 0 (any difference
// shows) and −1 when delta is not positive.
func PairsNeeded(sd, delta float64) int {
	switch {
	case delta <= 0:
		return -1
	case sd == 0:
		return 0
	}
	x := (z975 + z80) * sd / delta
	return int(math.Ceil(x*x - 1e-9))
}
