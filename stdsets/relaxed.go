package stdsets

import (
	"math"
	"strings"
)

// RelaxedAccuracy is ChartQA's relaxed correctness (Masry et al. 2022, §5.1, after
// Methani et al. 2020): a numeric answer is right within 5% of the ground truth, any
// other answer must match exactly (case-insensitively). It returns 1 or 0.
//
// The reference is Qwen-VL's evaluate_vqa.py relaxed_correctness, which lmms-eval
// copies. Choices where this implementation differs from it, each documented in the
// closing note of issue 7:
//   - "12%" is 0.12 there, and a percent sign on one side only ("12%" against "12") is
//     then wrong; here a percent sign on one side only is right under either reading
//     (12% = 0.12, or 12% = 12), so the model is not penalized for writing the unit
//     the chart shows;
//   - thousands separators ("1,234") and a trailing full stop are removed before the
//     number is read (Python's float() rejects the comma and the reference falls back to
//     an exact string match);
//   - a ground truth of 0 needs a numeric 0 (the reference falls back to exact text);
//   - white space around the answer and a <think> block are removed first.
//
// As the reference, numbers are read as Python's float() reads them (any script's
// decimal digits, "1_000", "1e3", ".5"), and text compares under Python's lower().
func RelaxedAccuracy(answer, truth string) float64 {
	pred := pyStrip(FinalAnswer(answer))
	truth = pyStrip(truth)
	p, pPct, pok := chartNumber(pred)
	t, tPct, tok := chartNumber(truth)
	if pok && tok {
		if pPct != tPct { // a percent sign on one side only: either reading may be meant
			return b2f(within5(p, t) || within5(bare(p, pPct), bare(t, tPct)))
		}
		return b2f(within5(p, t))
	}
	return b2f(pyLower(pred) == pyLower(truth))
}

// within5 is the relaxed comparison: 5% of the truth, or equal when the truth is 0.
func within5(p, t float64) bool {
	if t == 0 {
		return p == 0
	}
	return math.Abs(p-t)/math.Abs(t) <= 0.05
}

// bare undoes a percentage's division by 100.
func bare(v float64, pct bool) float64 {
	if pct {
		return v * 100
	}
	return v
}

// chartNumber reads "1,234.5", "12%" or "3." as a number (pyFloat, after the comma and
// the final full stop are dropped); a percentage is divided by 100.
func chartNumber(s string) (v float64, pct, ok bool) {
	s = strings.TrimSuffix(pyStrip(s), ".")
	if strings.HasSuffix(s, "%") {
		pct = true
		s = strings.TrimRight(s, "%") // the reference's rstrip("%")
	}
	v, ok = pyFloat(strings.ReplaceAll(s, ",", ""))
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, false
	}
	if pct {
		v /= 100
	}
	return v, pct, true
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
