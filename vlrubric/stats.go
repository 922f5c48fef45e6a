package vlrubric

import "github.com/vlbench/vlbench/internal/stats"

// Interval is a 95% confidence interval for a mean (see stats.Interval for Method).
type Interval = stats.Interval

// mean returns the mean of xs (0 for none).
func mean(xs []float64) float64 { return stats.Mean(xs) }

// tInterval returns the 95% Student's t interval for the mean of xs, clipped to the
// score range [1, 5]. With one value it is degenerate (Lo = Hi = the value).
func tInterval(xs []float64) Interval { return stats.TInterval(xs, 1, 5) }
