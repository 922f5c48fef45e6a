package report

import (
	"fmt"
	"strings"

	"github.com/vlbench/vlbench/harness"
)

// MatrixRow is one model's row of the plan's "Acceleration Compatibility Matrix".
type MatrixRow struct {
	Model, MoE, Spec, Lookup string
}

// Matrix is the plan's "Acceleration Compatibility Matrix", filled from the runs: per
// model, whether each acceleration ran and what it gave against the baseline:
//
//   - MoE Reduction: "Yes: moe4 1.48×, T2 −0.20" (the speed ratio, then the tier that
//     fell most, paired where the rubric runs share items), "No (dense)" for a model
//     whose GGUF has no experts, "untested" where no moeN config ran;
//   - Spec Decode (spec-kK) and Prompt Lookup (ngram): "Yes: spec-k8 0.85×, accept 41%
//     text, 3% image", the draft acceptance from BenchmarkGenerate (text) and
//     BenchmarkImageGenerate, else the rubric run's server timings (its prompts are
//     image questions), "untested" where none ran.
//
// A config with several thread counts or sizes lists each, joined by "; ".
func (rep *Report) Matrix() []MatrixRow {
	costs := map[*Entry]Cost{}
	for _, c := range rep.Costs() {
		costs[c.Entry] = c
	}
	var rows []MatrixRow
	for _, m := range rep.Models {
		var moe, spec, lookup []string
		for _, e := range m.Entries {
			// One acceleration alone (any threads): the config grammar says which.
			v, err := harness.ParseVariant(e.Config)
			budget := v.ImageMaxTokens > 0 || v.ImageMinTokens > 0
			switch {
			case err != nil || budget:
			case v.ExpertUsed > 0 && !v.Speculative():
				moe = append(moe, matrixCell(e, costs, false))
			case v.DraftMax > 0 && v.Lossless():
				spec = append(spec, matrixCell(e, costs, true))
			case v.NGram && v.Lossless():
				lookup = append(lookup, matrixCell(e, costs, true))
			}
		}
		r := MatrixRow{Model: m.Key.String(), MoE: yes(moe), Spec: yes(spec), Lookup: yes(lookup)}
		if len(moe) == 0 && m.ExpertCount == 0 && m.Arch != "" {
			r.MoE = "No (dense)"
		}
		rows = append(rows, r)
	}
	return rows
}

func yes(cells []string) string {
	if len(cells) == 0 {
		return "untested"
	}
	return "Yes: " + strings.Join(cells, "; ")
}

// matrixCell is one config's figures: its speed against the baseline, then for a
// lossy config the tier that fell most, for a drafting one the acceptance.
func matrixCell(e *Entry, costs map[*Entry]Cost, drafts bool) string {
	parts := []string{e.Config}
	c, ok := costs[e]
	if ok && c.Speed > 0 {
		parts[0] += fmt.Sprintf(" %.2f×", c.Speed)
	}
	if drafts {
		var acc []string
		if xs := e.series("Generate", "accept-%"); len(xs) > 0 {
			acc = append(acc, fmt.Sprintf("%.0f%% text", median(xs)))
		}
		if a, ok := e.sub("ImageGenerate", "turn=image", "accept-%"); ok {
			acc = append(acc, fmt.Sprintf("%.0f%% image", a))
		} else if a, ok := rubricAccept(e); ok {
			acc = append(acc, fmt.Sprintf("%.0f%% image (rubric)", a))
		}
		if len(acc) > 0 {
			parts = append(parts, "accept "+strings.Join(acc, ", "))
		}
		return strings.Join(parts, ", ")
	}
	worst, wt, paired := 0.0, 0, false
	for _, t := range []int{1, 2, 3} {
		if p, ok := c.Tiers[t]; ok && (wt == 0 || p.MeanDiff < worst) {
			worst, wt, paired = p.MeanDiff, t, true
		}
		if d, ok := c.Unpaired[t]; ok && (wt == 0 || d < worst) {
			worst, wt, paired = d, t, false
		}
	}
	if wt > 0 {
		s := fmt.Sprintf("T%d %s", wt, signed(worst, 2))
		if !paired {
			s += " (unpaired)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// rubricAccept is the share of drafted tokens accepted over e's rubric answers (server
// timings), in percent; false when nothing was drafted.
func rubricAccept(e *Entry) (float64, bool) {
	if e.Run == nil {
		return 0, false
	}
	drafted, accepted := 0, 0
	for _, a := range e.Run.Answers {
		if a.Timings != nil {
			drafted += a.Timings.DraftN
			accepted += a.Timings.DraftNAccepted
		}
	}
	if drafted == 0 {
		return 0, false
	}
	return 100 * float64(accepted) / float64(drafted), true
}

func (rep *Report) matrixTable(b *strings.Builder) {
	rows := rep.Matrix()
	if len(rows) == 0 {
		b.WriteString("No models.\n")
		return
	}
	b.WriteString("| Model | MoE Reduction | Spec Decode | Prompt Lookup |\n")
	b.WriteString("|-------|---------------|-------------|---------------|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", r.Model, r.MoE, r.Spec, r.Lookup)
	}
	b.WriteString("\n× : generation tok/s against the baseline's. MoE: the tier that fell most against the baseline (paired by item where the runs share items). " +
		"Accept: the share of drafted tokens the model kept, on text prompts (BenchmarkGenerate) and image turns (BenchmarkImageGenerate, or the rubric's server timings).\n")
}
