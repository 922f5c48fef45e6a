package stats

import (
	"math"
	"testing"
)

// The reference values are R's (4.x): t.test(..., paired = TRUE), wilcox.test(d) and
// binom.test, on data sets printed in R's own help pages, and checked by hand below.

// sleep: R's datasets::sleep, extra hours of sleep of 10 patients under two drugs
// (Student 1908). t.test(extra ~ group, sleep, paired = TRUE): mean difference −1.58,
// 95% CI −2.4598858 to −0.7001142. wilcox.test(group1 − group2): V = 0, p = 0.009091,
// "with continuity correction" (one zero difference and one tie, so no exact p).
var (
	sleep1 = []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	sleep2 = []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
)

func TestComparePairedSleep(t *testing.T) {
	// b − a = group1 − group2, as R's formula orders them.
	p := ComparePaired(sleep2, sleep1, 100)
	if p.N != 10 || math.Abs(p.MeanDiff-(-1.58)) > 1e-9 {
		t.Errorf("n %d, mean difference %.4f; want 10, −1.58", p.N, p.MeanDiff)
	}
	// The t table has three decimals (t(9) = 2.262 for R's 2.262157): 1e-3 of slack.
	if math.Abs(p.CI.Lo-(-2.4598858)) > 1e-3 || math.Abs(p.CI.Hi-(-0.7001142)) > 1e-3 || p.CI.Method != "t" {
		t.Errorf("CI %+v, want R's [−2.4598858, −0.7001142] by t", p.CI)
	}
	// sd of the differences, R: sd(sleep1 - sleep2) = 1.229995.
	if math.Abs(p.SD-1.229995) > 1e-6 {
		t.Errorf("sd %.6f, want 1.229995", p.SD)
	}
	if p.V != 0 || math.Abs(p.P-0.009091) > 5e-7 || p.Method != "normal" {
		t.Errorf("Wilcoxon V %g, p %.6f (%s); want R's V = 0, p = 0.009091 (normal)", p.V, p.P, p.Method)
	}
}

// The depression data of R's ?wilcox.test (Hollander & Wolfe 1973, p. 29): Hamilton
// scores at the first (x) and second (y) visit. wilcox.test(x, y, paired = TRUE,
// alternative = "greater"): V = 40, p = 0.01953, so two-sided 0.0390625 = 2·10/512 (10
// of the 2⁹ sign patterns have a positive-rank sum ≤ 5).
func TestWilcoxonExact(t *testing.T) {
	x := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	y := []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29}
	p := ComparePaired(y, x, 10) // d = x − y
	if p.V != 40 || math.Abs(p.P-20.0/512) > 1e-12 || p.Method != "exact" {
		t.Errorf("V %g, p %.7f (%s); want V = 40, p = 0.0390625 (exact)", p.V, p.P, p.Method)
	}
	// The other direction: the same p, V = 45 − 40.
	v, pv, _ := Wilcoxon([]float64{-0.952, 0.147, -1.022, -0.43, -0.62, -0.59, -0.49, 0.08, -0.01})
	if v != 5 || math.Abs(pv-20.0/512) > 1e-12 {
		t.Errorf("mirrored: V %g, p %.7f; want 5, 0.0390625", v, pv)
	}
	// All pairs the same: nothing to test.
	if v, pv, m := Wilcoxon([]float64{0, 0, 0}); v != 0 || pv != 1 || m != "none: all zero" {
		t.Errorf("all zero: %g %g %q", v, pv, m)
	}
	// One difference: exact, and p = 1 (both sign patterns are as extreme).
	if _, pv, m := Wilcoxon([]float64{2}); pv != 1 || m != "exact" {
		t.Errorf("one difference: p %g (%s), want 1 (exact)", pv, m)
	}
	// Five of five positive, no ties: the smallest exact p, 2/32.
	if _, pv, _ := Wilcoxon([]float64{1, 2, 3, 4, 5}); math.Abs(pv-0.0625) > 1e-12 {
		t.Errorf("five positive: p %g, want 0.0625", pv)
	}
}

func TestMcNemar(t *testing.T) {
	for _, tt := range []struct {
		worse, better int
		want          float64
	}{
		// binom.test(1, 10): 2·(1 + 10)/1024 = 0.02148438.
		{1, 9, 22.0 / 1024},
		{9, 1, 22.0 / 1024},
		// binom.test(2, 10): 2·(1 + 10 + 45)/1024 = 0.109375.
		{2, 8, 112.0 / 1024},
		{5, 5, 1},
		{0, 0, 1},
		// binom.test(0, 6): 2/64.
		{0, 6, 2.0 / 64},
		// binom.test(30, 100): 7.85013e-05 (R).
		{30, 70, 7.85013e-05},
	} {
		if got := McNemar(tt.worse, tt.better); math.Abs(got-tt.want) > 1e-9+1e-5*tt.want {
			t.Errorf("McNemar(%d, %d) = %.8g, want %.8g", tt.worse, tt.better, got, tt.want)
		}
	}
}

func TestPairsNeeded(t *testing.T) {
	for _, tt := range []struct {
		sd, delta float64
		want      int
	}{
		// Effect size 0.5: (1.95996 + 0.84162)² / 0.25 = 31.4, so 32 (the normal
		// approximation; G*Power's t test says 34).
		{1, 0.5, 32},
		{0.5, 0.5, 8}, // 7.85
		{2, 0.5, 126}, // 125.6
		{0, 0.5, 0},
		{1, 0, -1},
	} {
		if got := PairsNeeded(tt.sd, tt.delta); got != tt.want {
			t.Errorf("PairsNeeded(%g, %g) = %d, want %d", tt.sd, tt.delta, got, tt.want)
		}
	}
}
