package vlrubric

import (
	"fmt"

	"path/filepath"
	"strings"

	"github.com/vlbench/vlbench/internal/results"
)

// ResultAnswer turns a scored item into its results entry. res is nil when the item was
// not scored (missing or failed).
func ResultAnswer(it Item, a Answer, res *Result) results.Answer {
	t := it.Truth()
	out := results.Answer{ID: t.ID, Variant: t.Variant, Tier: it.Question.Tier, Prompt: t.Prompt,
		Expected: t.Expected, Answer: a.Text, Missing: a.Missing}
	if a.Err != nil {
		out.Error = a.Err.Error()
	}
	if res != nil {
		out.Final, out.Score, out.Refusal = res.Final, res.Score, res.Refusal
		for _, c := range res.Criteria {
			out.Criteria = append(out.Criteria, results.Criterion{Name: c.Name, Weight: c.Weight,
				Fraction: c.Fraction, Evidence: c.Evidence})
		}
	}
	out.FinishReason = a.FinishReason
	out.Truncated = a.Err == nil && !a.Missing && a.Truncated()
	if res != nil && len(res.Uncertain) > 0 {
		out.Uncertain = res.Uncertain
	}
	if r := a.Live; r != nil {
		out.PromptTokens, out.CompletionTokens = r.PromptTokens, r.CompletionTokens
		out.TTFTms, out.E2Ems = float64(r.TTFT.Microseconds())/1000, float64(r.E2E.Microseconds())/1000
		out.Timings = r.Timings
	}
	return out
}

// SetSummary records the tier summaries and roles of s in run.
func SetSummary(run *results.Run, s Summary) {
	run.Tiers = nil
	for tier := 1; tier <= 3; tier++ {
		ts, ok := s.Tiers[tier]
		if !ok {
			continue
		}
		run.Tiers = append(run.Tiers, results.Tier{Tier: tier, Mean: ts.Mean, Low: ts.CI.Lo, High: ts.CI.Hi,
			Method: ts.CI.Method, N: ts.N, AllFive: ts.AllFive, Min: ts.Min})
	}
	run.Qualified = []string{}
	for _, r := range s.Qualified {
		run.Qualified = append(run.Qualified, string(r))
	}
}

// Markdown is results.md: the plan's "Quality Rubric Results" row for the run, then the
// tiers with their intervals and every question's score.
func Markdown(run *results.Run) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Quality Rubric Results: %s (%s)\n\n%s\n", run.Model.Name, run.Config, run.QualityRow())
	b.WriteString("| Tier | Score | 95% CI | n | Lowest | All 5 |\n|------|-------|--------|---|--------|-------|\n")
	for _, t := range run.Tiers {
		fmt.Fprintf(&b, "| T%d | %.2f | %.2f–%.2f (%s) | %d | %.1f | %v |\n", t.Tier, t.Mean, t.Low, t.High, t.Method, t.N, t.Min, t.AllFive)
	}
	b.WriteString("\n| Question | Variant | Score | Criteria (fraction) |\n|----------|---------|-------|---------------------|\n")
	for _, a := range run.Answers {
		score := fmt.Sprintf("%.1f", a.Score)
		switch {
		case a.Missing:
			score = "missing"
		case a.Error != "":
			score = "error"
		case a.Truncated:
			score += " (truncated)"
		}
		if len(a.Uncertain) > 0 {
			score += " (uncertain)"
		}
		var crits []string
		for _, c := range a.Criteria {
			crits = append(crits, fmt.Sprintf("%s %.2f", c.Name, c.Fraction))
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", a.ID, a.Variant, score, strings.Join(crits, "; "))
	}
	qualified := "none"
	if len(run.Qualified) > 0 {
		qualified = strings.Join(run.Qualified, ", ")
	}
	if c := run.Count(); c.Truncated > 0 || c.Uncertain > 0 {
		verdict := "kept out of the tier scores and roles"
		if run.Settings.AcceptTruncated {
			verdict = "counted in the tier scores and roles (-accept-truncated)"
		}
		fmt.Fprintf(&b, "\nTruncated at the budget of %d tokens: %d of %d answers, %s. Uncertain to the rules: %d (see each answer's file; -judge asks a judge about them).\n",
			run.Settings.MaxTokens, c.Truncated, c.Answers, verdict, c.Uncertain)
	}
	fmt.Fprintf(&b, "\nQualifies (rubric minimums only) for: %s\n", qualified)
	if run.Role != "" {
		verdict := "met"
		if len(run.RoleFailures) > 0 {
			verdict = "NOT met: " + strings.Join(run.RoleFailures, "; ")
		}
		fmt.Fprintf(&b, "Asserted role %s: %s\n", run.Role, verdict)
	}
	return b.String()
}

// WriteResults writes a run's results folder: results.json, results.md (the plan's
// "Quality Rubric Results" row) and one {model}_{config}_{ID}.txt per answer with the
// answer and its scoring. Every file is written atomically.
func WriteResults(dir string, run *results.Run) error {
	if err := results.WriteRun(filepath.Join(dir, "results.json"), run); err != nil {
		return err
	}
	if err := results.WriteFile(filepath.Join(dir, "results.md"), []byte(Markdown(run))); err != nil {
		return err
	}
	for _, a := range run.Answers {
		test := ItemName(a.ID, a.Variant)
		var b strings.Builder
		fmt.Fprintf(&b, "%s variant %d\nprompt: %s\nexpected: %s\n", a.ID, a.Variant, a.Prompt, a.Expected)
		switch {
		case a.Missing:
			b.WriteString("answer: MISSING (not scored)\n")
		case a.Error != "":
			fmt.Fprintf(&b, "error: %s (not scored)\n", a.Error)
		default:
			fmt.Fprintf(&b, "score: %.1f\n", a.Score)
			if a.Truncated {
				fmt.Fprintf(&b, "truncated: cut off at the token budget (finish reason %q)\n", a.FinishReason)
			}
			for c, why := range a.Uncertain {
				fmt.Fprintf(&b, "uncertain %q: %s\n", c, why)
			}
			for _, c := range a.Criteria {
				fmt.Fprintf(&b, "  %-32s w=%.2f f=%.2f  %s\n", c.Name, c.Weight, c.Fraction, c.Evidence)
			}
			fmt.Fprintf(&b, "answer:\n%s\n", a.Answer)
		}
		name := results.FileName(run.Model.Name, run.Config, test, ".txt")
		if err := results.WriteFile(filepath.Join(dir, name), []byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}
