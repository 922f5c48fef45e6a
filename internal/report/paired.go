package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/internal/stats"
	"github.com/vlbench/vlbench/vlrubric"
)

// PowerDelta is the tier difference the report sizes -variants for: how many variants a
// paired comparison needs to detect a change of half a point with 80% power.
const PowerDelta = 0.5

// item pairs answers across runs: the same question and variant (rubric), or the same
// sample (standard sets: variant 0).
type item struct {
	id      string
	variant int
}

// counted reports whether answer a of r counts in its scores: not missing, not failed,
// and truncated only where the run accepted truncated answers.
func counted(r *results.Run, a results.Answer) bool {
	return !a.Missing && a.Error == "" && (!a.Truncated || r.Settings.AcceptTruncated)
}

// scoredAnswers are the answers of r that count in its scores, by item.
func scoredAnswers(r *results.Run) map[item]results.Answer {
	out := map[item]results.Answer{}
	for _, a := range r.Answers {
		if counted(r, a) {
			out[item{a.ID, a.Variant}] = a
		}
	}
	return out
}

// TierPair is one tier's paired comparison of two rubric runs: stats.Paired of the
// second against the first on the items both scored, and how many questions those
// items cover.
type TierPair struct {
	stats.Paired
	Questions int
}

// PairedTiers compares run b against run a tier by tier on the items both scored (same
// question and variant, and the same prompt). A tier with no shared item is absent.
func PairedTiers(a, b *Run) map[int]TierPair {
	old := scoredAnswers(a.Run)
	type pairs struct {
		a, b []float64
		qs   map[string]bool
	}
	byTier := map[int]*pairs{}
	for _, x := range b.Answers {
		k := item{x.ID, x.Variant}
		o, ok := old[k]
		if !ok || !counted(b.Run, x) || o.Prompt != x.Prompt {
			continue
		}
		t := x.Tier
		if t == 0 {
			t = vlrubric.Tier(x.ID)
		}
		p := byTier[t]
		if p == nil {
			p = &pairs{qs: map[string]bool{}}
			byTier[t] = p
		}
		p.a, p.b = append(p.a, o.Score), append(p.b, x.Score)
		p.qs[x.ID] = true
	}
	out := map[int]TierPair{}
	for t, p := range byTier {
		out[t] = TierPair{Paired: stats.ComparePaired(p.a, p.b, 4), Questions: len(p.qs)}
	}
	return out
}

// VariantsNeeded is the -variants a tier of q questions needs for a paired difference of
// PowerDelta to show (80% power, 5% two-sided) when the paired differences spread as
// sd: the pairs stats.PairsNeeded asks for, spread over the questions, less the
// canonical one. 0 when the canonical questions are enough.
func VariantsNeeded(sd float64, questions int) int {
	n := stats.PairsNeeded(sd, PowerDelta)
	if questions <= 0 || n <= questions {
		return 0
	}
	return (n+questions-1)/questions - 1
}

// SetDelta is one standard set's change from a model's baseline to a config.
type SetDelta struct {
	Set, Metric string
	Delta       float64 // config's headline metric − baseline's
	// Paired: the runs shared samples. For 0/1 scores Worse and Better count the samples
	// that changed each way and P is McNemar's exact p; for other scores (ANLS) CI is
	// the paired t interval of the mean difference.
	Paired        bool
	N             int // shared samples
	Worse, Better int
	P             float64
	CI            stats.Interval
	Binary        bool
}

func (d SetDelta) String() string {
	s := fmt.Sprintf("%s %s", d.Set, signed(d.Delta, 3))
	switch {
	case !d.Paired:
		return s + " (unpaired: no shared samples)"
	case d.Binary:
		return s + fmt.Sprintf(" (n %d: %d worse, %d better, McNemar p %.3g)", d.N, d.Worse, d.Better, d.P)
	}
	return s + fmt.Sprintf(" (n %d, paired 95%% CI %s to %s)", d.N, signed(d.CI.Lo, 3), signed(d.CI.Hi, 3))
}

// CompareSets compares two runs of one standard set: paired on their shared samples
// (McNemar for 0/1 scores, the paired t otherwise), or by the headline metrics alone.
func CompareSets(base, run *SetRun) SetDelta {
	d := SetDelta{Set: run.Set}
	if run.Metric != nil {
		d.Metric = run.Metric.Name
	}
	if base.Metric != nil && run.Metric != nil {
		d.Delta = run.Metric.Value - base.Metric.Value
	}
	old := scoredAnswers(base.Run.Run)
	var a, b []float64
	binary := true
	for _, x := range run.Answers {
		o, ok := old[item{x.ID, x.Variant}]
		if !ok || !counted(run.Run.Run, x) {
			continue
		}
		a, b = append(a, o.Score), append(b, x.Score)
		for _, s := range []float64{o.Score, x.Score} {
			binary = binary && (s == 0 || s == 1)
		}
		switch {
		case o.Score > x.Score:
			d.Worse++
		case o.Score < x.Score:
			d.Better++
		}
	}
	if len(a) == 0 {
		return d
	}
	d.Paired, d.N, d.Binary = true, len(a), binary
	p := stats.ComparePaired(a, b, 1)
	if base.Metric == nil || run.Metric == nil {
		d.Delta = p.MeanDiff
	}
	if binary {
		d.P = stats.McNemar(d.Worse, d.Better)
	} else {
		d.CI, d.P = p.CI, p.P
	}
	return d
}

// Worse reports whether the delta is a regression beyond noise: paired, McNemar p <
// Alpha with more samples worse than better, or the paired interval wholly below 0.
func (d SetDelta) worse() bool {
	if d.Binary {
		return d.P < Alpha && d.Worse > d.Better
	}
	return d.CI.Method == "t" && d.CI.Hi < 0
}

// Cost is one row of "Quality cost of acceleration": a config of a model against the
// model's baseline.
type Cost struct {
	Entry, Base *Entry
	// Speed is the config's generation speed over the baseline's (0 when either is
	// unknown); SpeedP benchstat's test of the two bench samples ("" without them).
	Speed  float64
	SpeedP string
	// Tiers are the paired tier comparisons (PairedTiers) when both have rubric runs
	// that share items; Unpaired the differences of the tier means when they share none.
	Tiers    map[int]TierPair
	Unpaired map[int]float64
	Sets     []SetDelta
	// Check is the answer-by-answer comparison for a lossless config (Lossless) with a
	// rubric run; nil otherwise.
	Check *results.AnswerCheck
}

// Costs are the rows of "Quality cost of acceleration": every config of a model with a
// baseline, against that baseline.
func (rep *Report) Costs() []Cost {
	var out []Cost
	for _, m := range rep.Models {
		var base *Entry
		for _, e := range m.Entries {
			if e.Config == "baseline" {
				base = e
			}
		}
		if base == nil {
			continue
		}
		for _, e := range m.Entries {
			if e == base {
				continue
			}
			c := Cost{Entry: e, Base: base}
			if s, from := e.Speed(); s > 0 {
				if bs, bfrom := base.Speed(); bs > 0 && from == bfrom {
					c.Speed = s / bs
					c.SpeedP, _ = significance(base, e)
				}
			}
			if e.Run != nil && base.Run != nil {
				c.Tiers = PairedTiers(base.Run, e.Run)
				if len(c.Tiers) == 0 && e.Sum != nil && base.Sum != nil {
					c.Unpaired = map[int]float64{}
					for t, ts := range e.Sum.Tiers {
						if bt, ok := base.Sum.Tiers[t]; ok && ts.N > 0 && bt.N > 0 {
							c.Unpaired[t] = ts.Mean - bt.Mean
						}
					}
				}
				if Lossless(e.Config) {
					ch := results.SameAnswers(base.Run.Run, e.Run.Run)
					c.Check = &ch
				}
			}
			for _, s := range rep.Sets {
				if s.Model != m.Key || s.Config != e.Config {
					continue
				}
				for _, bs := range rep.Sets {
					if bs.Model == m.Key && bs.Config == "baseline" && bs.Set == s.Set {
						c.Sets = append(c.Sets, CompareSets(bs, s))
					}
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// tierDelta is a cost's tier cell: "−0.20 (−0.45 to +0.05), n 30, W p 0.13".
func (c Cost) tierDelta(t int) string {
	if p, ok := c.Tiers[t]; ok {
		s := signed(p.MeanDiff, 2)
		switch {
		case p.N > 1 && p.SD == 0:
			s += " (every pair)"
		case p.CI.Method == "t":
			s += fmt.Sprintf(" (%s to %s)", signed(p.CI.Lo, 2), signed(p.CI.Hi, 2))
		}
		s += fmt.Sprintf(", n %d", p.N)
		if p.N <= 25 && p.Method != "none: all zero" {
			s += fmt.Sprintf(", W p %.2g", p.P)
		}
		return s
	}
	if d, ok := c.Unpaired[t]; ok {
		return signed(d, 2) + " (unpaired)"
	}
	return "–"
}

// Lossless is the cost's lossless cell.
func (c Cost) lossless() string {
	switch {
	case c.Check != nil:
		return c.Check.String()
	case Lossless(c.Entry.Config) && c.Entry.Run == nil:
		return "lossless: not checked (no rubric run of " + c.Entry.Config + ")"
	case Lossless(c.Entry.Config):
		return "lossless: not checked (no baseline rubric run)"
	}
	return "lossy: quality from the rubric"
}

// power is the cost's "variants for Δ0.5" cell: per tier, the -variants a paired
// difference of PowerDelta needs given the spread seen here.
func (c Cost) power() string {
	if len(c.Tiers) == 0 {
		return "–"
	}
	var parts []string
	for _, t := range []int{1, 2, 3} {
		if p, ok := c.Tiers[t]; ok && p.N > 1 {
			parts = append(parts, fmt.Sprintf("T%d %d (sd %.2f)", t, VariantsNeeded(p.SD, p.Questions), p.SD))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

func (c Cost) speedCell() string {
	if c.Speed == 0 {
		return "–"
	}
	s := fmt.Sprintf("%.2f×", c.Speed)
	if c.SpeedP != "" {
		s += " (" + c.SpeedP + ")"
	} else if _, from := c.Entry.Speed(); from == "rubric" {
		s += " (rubric timings)"
	}
	return s
}

func (c Cost) setsCell() string {
	if len(c.Sets) == 0 {
		return "–"
	}
	var s []string
	for _, d := range c.Sets {
		s = append(s, d.String())
	}
	return strings.Join(s, "; ")
}

// CostRow is a Cost as printed.
type CostRow struct {
	Model, Config, Speed, T1, T2, T3, Sets, Lossless, Power string
}

// CostRows are Costs as the table prints them.
func (rep *Report) CostRows() []CostRow {
	var rows []CostRow
	for _, c := range rep.Costs() {
		rows = append(rows, CostRow{Model: c.Entry.Model.String(), Config: c.Entry.Config, Speed: c.speedCell(),
			T1: c.tierDelta(1), T2: c.tierDelta(2), T3: c.tierDelta(3), Sets: c.setsCell(), Lossless: c.lossless(), Power: c.power()})
	}
	return rows
}

const costNote = "Speed: generation tok/s over the baseline's (p: benchstat's Mann-Whitney U test). " +
	"ΔT1–ΔT3: the config's tier score minus the baseline's, paired by question and variant: the mean difference, its paired 95% t interval and the pairs n " +
	"(W p: Wilcoxon's signed-rank p, where n ≤ 25); \"unpaired\": the runs share no item, the difference of the tier means. " +
	"Standard sets: the headline metric's change, paired by sample (McNemar's exact test for 0/1 scores). " +
	"Lossless: for spec-kK and ngram, the rubric answers at temperature 0 compared with the baseline's item by item. " +
	"Variants for Δ0.5: the -variants a tier needs for a paired difference of 0.5 to show (80% power, 5% level), from the spread of the differences seen here (sd)."

func (rep *Report) costTable(b *strings.Builder) {
	rows := rep.CostRows()
	if len(rows) == 0 {
		b.WriteString("No model has a baseline and another config.\n")
		return
	}
	b.WriteString("| Model | Config | Speed vs baseline | ΔT1 | ΔT2 | ΔT3 | Standard sets | Lossless | Variants for Δ0.5 |\n")
	b.WriteString("|-------|--------|-------------------|-----|-----|-----|---------------|----------|-------------------|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Model, r.Config, r.Speed, r.T1, r.T2, r.T3, r.Sets, r.Lossless, r.Power)
	}
	b.WriteString("\n" + costNote + "\n")
}

// signed prints v with an explicit sign and the given decimals, a true minus for
// negatives and no "−0".
func signed(v float64, decimals int) string {
	s := fmt.Sprintf("%+.*f", decimals, v)
	if strings.Trim(s, "+-0.") == "" {
		return strings.Replace(strings.Replace(s, "-", "+", 1), "+", "±", 1)
	}
	if math.Signbit(v) {
		return "−" + s[1:]
	}
	return s
}
