package stdsets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vlbench/vlbench/internal/stats"
)

// Interval is a 95% confidence interval (see stats.Interval for Method).
type Interval = stats.Interval

func mean(xs []float64) float64 { return stats.Mean(xs) }

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
// by rule, box answers) and ScreenSpot's IoU, when any answer was a box, are added as
// parts named after them: mean_iou over all answers with 0 for those without a box
// (unparsed or a point), as the reference counts them, and mean_iou_boxes over the box
// answers alone.
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
		s.CI = stats.Wilson(k, len(vals))
	} else {
		s.CI = stats.TInterval(vals, 0, 1)
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
		// mean_iou is the reference's (lmms-eval screenspot_rec): every answer counts,
		// IoU 0 where no box was read; mean_iou_boxes is over the box answers alone.
		s.Parts["mean_iou"] = mean(ious) * float64(len(ious)) / float64(s.N)
		s.Parts["mean_iou_boxes"] = mean(ious)
		s.Parts["box_answer_share"] = float64(len(ious)) / float64(s.N)
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
