package vlrubric

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// approx compares fractions and scores to within 0.001 (absolute).
var approx = cmpopts.EquateApprox(0, 1e-3)

func TestTInterval(t *testing.T) {
	tests := []struct {
		xs   []float64
		want Interval
	}{
		{nil, Interval{Method: "none: n=0"}},
		{[]float64{3}, Interval{Lo: 3, Hi: 3, Method: "degenerate: n=1"}},
		{[]float64{3, 3, 3}, Interval{Lo: 3, Hi: 3, Method: "t"}},
		// mean 3, sd √2, t(1) = 12.706: clipped to the score range.
		{[]float64{2, 4}, Interval{Lo: 1, Hi: 5, Method: "t"}},
		// mean 4, sd √(1/3), n 4, t(3) = 3.182.
		{[]float64{3.5, 4.5, 3.5, 4.5}, Interval{Lo: 4 - 3.182*math.Sqrt(1.0/3)/2, Hi: 4 + 3.182*math.Sqrt(1.0/3)/2, Method: "t"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tInterval(tt.xs), approx); diff != "" {
			t.Errorf("tInterval(%v) mismatch (-want +got):\n%s", tt.xs, diff)
		}
	}
}

func TestTQuantile(t *testing.T) {
	for _, tt := range []struct {
		df   int
		want float64
	}{{1, 12.706}, {30, 2.042}, {40, 2.021}, {60, 2.000}, {120, 1.980}, {100000, 1.960}} {
		if got := tQuantile975(tt.df); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("tQuantile975(%d) = %.4f, want %.3f", tt.df, got, tt.want)
		}
	}
}
