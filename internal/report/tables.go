package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/vlbench/vlbench/vlrubric"
)

// Markdown writes the report: the plan's two tables, the role assignment with the
// ladder and the reasons, the regressions (when regs is not nil) and notes.
func (rep *Report) Markdown(w io.Writer, regs *Regressions) error {
	var b strings.Builder
	b.WriteString("# VL benchmark report\n\n")
	choices := rep.Assign()

	b.WriteString("## Quality Rubric Results\n\n")
	rep.qualityTable(&b, choices)
	b.WriteString("\n")

	b.WriteString("## Speed Benchmarks\n\n")
	rep.speedTable(&b)
	b.WriteString("\n")

	// Where their benchmarks ran: the image request, the image-token budget, image
	// turns and concurrent load (vision.go).
	rep.imageSplitTable(&b)
	rep.budgetTable(&b)
	rep.imageTurnsTable(&b)
	rep.concurrentTable(&b)

	if len(rep.Sets) > 0 {
		b.WriteString("## Standard Sets\n\n")
		rep.setsTable(&b)
		b.WriteString("\n")
	}

	b.WriteString("## Quality cost of acceleration\n\n")
	rep.costTable(&b)
	b.WriteString("\n")

	b.WriteString("## Acceleration Compatibility Matrix\n\n")
	rep.matrixTable(&b)
	b.WriteString("\n")

	b.WriteString("## Role Assignment\n\n")
	writeStack(&b, choices)
	b.WriteString("\n**Vision escalation ladder:**\n```\n")
	b.WriteString(Ladder(choices))
	b.WriteString("```\n\n")
	rep.writeWhyNot(&b, choices)

	if regs != nil {
		fmt.Fprintf(&b, "## Regressions against %s\n\n", regs.Baseline)
		regs.markdown(&b)
		b.WriteString("\n")
	}
	if len(rep.Notes) > 0 {
		b.WriteString("## Notes\n\n")
		for _, n := range rep.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// QualityRow is one row of "Quality Rubric Results".
type QualityRow struct {
	Model, Quant, Config, Speed, T1, T2, T3, Role string
}

// QualityRows are the rows of "Quality Rubric Results": every entry with a rubric run.
// Speed is the config's own generation speed ("(rubric)" when it comes from the rubric
// run's server timings rather than a bench file). Role is the highest role the entry
// meets with speed and memory gates, in bold where the entry is the one chosen, followed
// by the verdict on the role the run asserted (-role), if any.
func (rep *Report) QualityRows(choices []Choice) []QualityRow {
	chosen := map[*Entry][]string{}
	for _, c := range choices {
		if c.Chosen != nil {
			chosen[c.Chosen.Entry] = append(chosen[c.Chosen.Entry], string(c.Role))
		}
	}
	var rows []QualityRow
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			if e.Sum == nil {
				continue
			}
			r := QualityRow{Model: m.Key.Name, Quant: dash(m.Key.Quant), Config: e.Config,
				Speed: speedCell(e), T1: tierCell(e.Sum, 1), T2: tierCell(e.Sum, 2), T3: tierCell(e.Sum, 3)}
			switch {
			case len(chosen[e]) > 0:
				r.Role = "**" + strings.Join(chosen[e], ", ") + "**"
			case rep.HighestRole(e) != "":
				r.Role = string(rep.HighestRole(e))
			default:
				r.Role = "-"
			}
			if e.Run != nil && e.Run.Role != "" { // asserted with -role (the suite's roles:)
				verdict := "met"
				if len(e.Run.RoleFailures) > 0 {
					verdict = "NOT met"
				}
				r.Role += fmt.Sprintf(" (asserted %s: %s)", e.Run.Role, verdict)
			}
			rows = append(rows, r)
		}
	}
	return rows
}

func (rep *Report) qualityTable(b *strings.Builder, choices []Choice) {
	rows := rep.QualityRows(choices)
	if len(rows) == 0 {
		b.WriteString("No rubric results.\n")
		return
	}
	b.WriteString("| Model | Quant | Config | Speed | T1 | T2 | T3 | Role |\n")
	b.WriteString("|-------|-------|--------|-------|----|----|-----|------|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Model, r.Quant, r.Config, r.Speed, r.T1, r.T2, r.T3, r.Role)
	}
	b.WriteString("\nSpeed: generation tok/s of that config, the median of BenchmarkGenerate (\"(rubric)\": the mean of the rubric run's server timings, no bench file). " +
		"T1–T3: tier means; 5.0 only when every question scored 5. " +
		"Role: the highest role met with the speed and memory gates (speed with the model's best lossless acceleration); bold: chosen.\n")
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func speedCell(e *Entry) string {
	s, from := e.Speed()
	switch from {
	case "":
		return "–"
	case "rubric":
		return fmt.Sprintf("%.1f t/s (rubric)", s)
	}
	return fmt.Sprintf("%.1f t/s", s)
}

// tierCell prints a tier mean with one decimal; a mean that would print as 5.0
// without every question at 5 gets two decimals (4.97), so "5.0" always means "= 5".
func tierCell(s *vlrubric.Summary, tier int) string {
	t, ok := s.Tiers[tier]
	if !ok || t.N == 0 {
		return "–"
	}
	if t.AllFive {
		return "5.0"
	}
	c := fmt.Sprintf("%.1f", t.Mean)
	if c == "5.0" {
		c = fmt.Sprintf("%.2f", t.Mean)
	}
	return c
}

// SpeedRow is one row of "Speed Benchmarks": a model.
type SpeedRow struct {
	Model, Quant, Size, Baseline, Optimized, Best, Notes string
	// BestConfig is the config of Optimized ("spec-k8"); "" when none.
	BestConfig string
	// Gain is optimized / baseline (0 when either is unknown).
	Gain float64
}

// SpeedRows are the rows of "Speed Benchmarks": every model with a speed figure.
func (rep *Report) SpeedRows() []SpeedRow {
	var rows []SpeedRow
	for _, m := range rep.Models {
		var base, best *Entry
		var bs, os float64
		var notes, rubricOnly []string
		// Bench medians and rubric timings are not measured alike: with any bench
		// figure for the model, configs with rubric timings only are left out (named
		// in the notes).
		benched := false
		for _, e := range m.Entries {
			_, from := e.Speed()
			benched = benched || from == "bench"
		}
		for _, e := range m.Entries {
			s, from := e.Speed()
			if s == 0 {
				continue
			}
			if from == "rubric" && benched {
				rubricOnly = append(rubricOnly, e.Config)
				continue
			}
			if from == "rubric" && !contains(notes, "rubric timings (no bench file)") {
				notes = append(notes, "rubric timings (no bench file)")
			}
			if e.Config == "baseline" {
				base, bs = e, s
			} else if s > os {
				best, os = e, s
			}
		}
		if base == nil && best == nil {
			continue
		}
		r := SpeedRow{Model: m.Key.Name, Quant: dash(m.Key.Quant), Size: sizeCell(m.Size), Baseline: "–", Optimized: "N/A"}
		if base != nil {
			r.Baseline = fmt.Sprintf("%.1f t/s", bs)
		}
		switch {
		case best == nil && m.ExpertCount == 0 && m.Arch != "":
			r.Best = "Dense (no MoE)"
		case best == nil && m.ExpertCount > 0:
			r.Best = "MoE (not run)"
		case best == nil:
			r.Best = "none run"
		case base != nil && os <= bs:
			r.Optimized = fmt.Sprintf("%.1f t/s", os)
			r.Best = "none (baseline fastest)"
			notes = append(notes, fmt.Sprintf("%s %.2f× baseline", best.Config, os/bs))
		default:
			r.Optimized = fmt.Sprintf("%.1f t/s", os)
			r.Best = Acceleration(best.Config)
			r.BestConfig = best.Config
			if base != nil {
				r.Gain = os / bs
				g := fmt.Sprintf("%.2f× baseline", r.Gain)
				if p, ok := significance(base, best); ok {
					g += ", " + p
				}
				notes = append(notes, g)
			}
		}
		// Bold the faster figure, as the plan does.
		if base != nil && (best == nil || bs >= os) {
			r.Baseline = "**" + r.Baseline + "**"
		} else if best != nil {
			r.Optimized = "**" + r.Optimized + "**"
		}
		fastest := maxf(bs, os)
		var meets []string
		for _, role := range vlrubric.Roles() {
			if min, _ := role.Floors(); min > 0 && fastest > min {
				meets = append(meets, fmt.Sprintf("%s (> %g)", role, min))
			}
		}
		if len(meets) > 0 {
			notes = append(notes, "fast enough for "+strings.Join(meets, ", "))
		} else {
			notes = append(notes, "too slow for worker_vision and vision_escalation")
		}
		if len(rubricOnly) > 0 {
			notes = append(notes, "not benchmarked: "+strings.Join(rubricOnly, ", "))
		}
		r.Notes = strings.Join(notes, "; ")
		rows = append(rows, r)
	}
	return rows
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func (rep *Report) speedTable(b *strings.Builder) {
	rows := rep.SpeedRows()
	if len(rows) == 0 {
		b.WriteString("No speed figures.\n")
		return
	}
	b.WriteString("| Model | Quant | Size | Baseline | Optimized | Best Acceleration | Notes |\n")
	b.WriteString("|-------|-------|------|----------|-----------|-------------------|-------|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", r.Model, r.Quant, r.Size, r.Baseline, r.Optimized, r.Best, r.Notes)
	}
	b.WriteString("\nBaseline and Optimized: generation tok/s (median of BenchmarkGenerate); Optimized is the fastest other config. " +
		"p: Mann-Whitney U test of the two samples (benchstat's), n: samples each.\n")
}

func sizeCell(size int64) string {
	if size <= 0 {
		return "–"
	}
	gib := float64(size) / (1 << 30)
	if gib < 0.1 {
		return fmt.Sprintf("%.1f MiB", float64(size)/(1<<20))
	}
	return fmt.Sprintf("%.2f GiB", gib)
}

// writeStack is the plan's "Current Vision Stack" table for the chosen models.
func writeStack(b *strings.Builder, choices []Choice) {
	b.WriteString("| Role | Model | Speed | Acceleration |\n|------|-------|-------|--------------|\n")
	for _, c := range choices {
		if c.Chosen == nil {
			fmt.Fprintf(b, "| %s | (none qualifies) | – | – |\n", c.Role)
			continue
		}
		e := c.Chosen.Entry
		speed := "–"
		if c.Chosen.Speed > 0 {
			speed = fmt.Sprintf("%.1f t/s", c.Chosen.Speed)
		}
		acc := Acceleration(c.Chosen.Fast.Config)
		if acc == "baseline" {
			acc = "none"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", c.Role, e.Label(), speed, acc)
	}
}

// Ladder draws the escalation ladder as the plan does, one role per line with the
// chosen model, joined by arrows.
func Ladder(choices []Choice) string {
	var b strings.Builder
	for i, c := range choices {
		if i > 0 {
			b.WriteString("    ↓\n")
		}
		if c.Chosen == nil {
			fmt.Fprintf(&b, "%s (none qualifies)\n", c.Role)
			continue
		}
		var facts []string
		facts = append(facts, c.Chosen.Entry.Label())
		if c.Chosen.Fast != c.Chosen.Entry {
			facts = append(facts, "with "+c.Chosen.Fast.Config)
		}
		if c.Chosen.Speed > 0 {
			facts = append(facts, fmt.Sprintf("%.1f t/s", c.Chosen.Speed))
		}
		if c.Chosen.MemGB > 0 {
			facts = append(facts, fmt.Sprintf("%.1f GB", c.Chosen.MemGB))
		}
		fmt.Fprintf(&b, "%s (%s)\n", c.Role, strings.Join(facts, ", "))
	}
	return b.String()
}

func (rep *Report) writeWhyNot(b *strings.Builder, choices []Choice) {
	for _, c := range choices {
		fmt.Fprintf(b, "### %s\n\nNeeds %s.\n", c.Role, rep.Requirements(c.Role))
		if c.Chosen == nil {
			b.WriteString("No model qualifies.\n")
		} else {
			fmt.Fprintf(b, "Chosen: **%s**: %s.\n", c.Chosen.Entry.Label(), chosenWhy(c))
		}
		if len(c.Others) > 0 {
			b.WriteString("\nNot chosen:\n")
			for _, o := range c.Others {
				fmt.Fprintf(b, "- %s: %s\n", o.Entry.Label(), o.Reason)
			}
		}
		b.WriteString("\n")
	}
}

func chosenWhy(c Choice) string {
	ch := c.Chosen
	s := chosenFigures(c)
	if t := criteriaText(ch.Verdicts); t != "" {
		s += "; " + t
	}
	return s
}

func chosenFigures(c Choice) string {
	ch := c.Chosen
	var parts []string
	for _, t := range []int{1, 2, 3} {
		parts = append(parts, fmt.Sprintf("T%d %s", t, tierCell(ch.Entry.Sum, t)))
	}
	if ch.Speed > 0 {
		s := fmt.Sprintf("%.1f t/s", ch.Speed)
		if ch.Fast != ch.Entry {
			s += " with " + ch.Fast.Config
		}
		if ch.SpeedFrom == "rubric" {
			s += " (rubric timings)"
		}
		parts = append(parts, s)
	}
	if ch.MemGB > 0 {
		parts = append(parts, fmt.Sprintf("%.1f GB (%s)", ch.MemGB, ch.MemFrom))
	}
	return strings.Join(parts, ", ")
}

// setsTable is the standard sets' headline metrics, measured beside published.
func (rep *Report) setsTable(b *strings.Builder) {
	b.WriteString("| Set | Model | Quant | Config | Metric | Score (95% CI) | n | Published |\n")
	b.WriteString("|-----|-------|-------|--------|--------|----------------|---|-----------|\n")
	for _, s := range rep.Sets {
		m := s.Metric
		if m == nil {
			fmt.Fprintf(b, "| %s | %s | %s | %s | – | no metric | – | – |\n", s.Set, s.Model.Name, dash(s.Model.Quant), s.Config)
			continue
		}
		pub := "–"
		if v, ok := m.Parts["published"]; ok {
			pub = num(v)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s (%s–%s) | %d | %s |\n", s.Set, s.Model.Name, dash(s.Model.Quant),
			s.Config, m.Name, num(m.Value), num(m.Low), num(m.High), m.N, pub)
	}
}
