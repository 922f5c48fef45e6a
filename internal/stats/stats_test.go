package stats

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

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
		if diff := cmp.Diff(tt.want, TInterval(tt.xs, 1, 5), cmpopts.EquateApprox(0, 1e-3)); diff != "" {
			t.Errorf("TInterval(%v, 1, 5) mismatch (-want +got):\n%s", tt.xs, diff)
		}
	}
}

func TestTQuantile(t *testing.T) {
	for _, tt := range []struct {
		df   int
		want float64
	}{{1, 12.706}, {30, 2.042}, {40, 2.021}, {60, 2.000}, {120, 1.980}, {100000, 1.960}} {
		if got := TQuantile975(tt.df); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("TQuantile975(%d) = %.4f, want %.3f", tt.df, got, tt.want)
		}
	}
}

func TestIntervals(t *testing.T) {
	// Wilson for 8 of 10: the textbook values (Agresti & Coull 1998) 0.490, 0.943.
	w := Wilson(8, 10)
	if math.Abs(w.Lo-0.4902) > 1e-3 || math.Abs(w.Hi-0.9433) > 1e-3 {
		t.Errorf("Wilson(8, 10) = %+v", w)
	}
	if w := Wilson(0, 5); w.Lo != 0 || w.Hi <= 0 {
		t.Errorf("Wilson(0, 5) = %+v: want [0, >0]", w)
	}
	if w := Wilson(5, 5); w.Hi != 1 || w.Lo >= 1 {
		t.Errorf("Wilson(5, 5) = %+v: want [<1, 1]", w)
	}
	if m := TInterval([]float64{0.5}, 0, 1); m.Method != "degenerate: n=1" {
		t.Errorf("TInterval of one = %+v", m)
	}
	m := TInterval([]float64{0.2, 0.4, 0.6}, 0, 1)
	if math.Abs(m.Hi-(0.4+4.303*0.2/math.Sqrt(3))) > 1e-9 || m.Lo != 0 || m.Method != "t" { // Lo clipped at 0
		t.Errorf("TInterval = %+v", m)
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3} // sorted: 1 2 3 4 5
	for _, tc := range []struct{ q, want float64 }{{0, 1}, {0.5, 3}, {0.25, 2}, {0.95, 4.8}, {0.99, 4.96}, {1, 5}} {
		if got := Quantile(xs, tc.q); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Quantile(%v, %v) = %v, want %v", xs, tc.q, got, tc.want)
		}
	}
	if xs[0] != 5 {
		t.Error("Quantile sorted its input")
	}
	if !math.IsNaN(Quantile(nil, 0.5)) || Quantile([]float64{7}, 0.99) != 7 {
		t.Error("Quantile of none or one value")
	}
}
