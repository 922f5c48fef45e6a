package vlrubric

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
)

// JudgePromptVersion names the judge prompt below. It changes whenever the prompt does,
// so that verdicts recorded under different prompts are never compared as equals.
const JudgePromptVersion = "vlbench-judge-v1"

// Subjective lists, per question, the criteria an optional LLM judge (-judge URL) also
// scores. The deterministic scorer's verdict stays the score; the judge's is recorded
// beside it.
var Subjective = map[string][]string{
	"VL-T1-Q3": {"reasonable description"},
	"VL-T2-Q3": {"clear explanation"},
	"VL-T3-Q1": {"shows working"},
	"VL-T3-Q2": {"complete trace"},
	"VL-T3-Q4": {"clear reasoning"},
}

const judgeSystem = `You grade one criterion of an answer that a vision-language model gave about an image. ` +
	`You do not see the image; the reference answer describes it. Grade only the criterion named, ` +
	`not the answer's overall correctness. Reply with one JSON object and nothing else: ` +
	`{"fraction": <a number from 0 to 1>, "reason": "<one sentence>"}.`

// judgePrompt is the fixed user prompt (version JudgePromptVersion).
func judgePrompt(t fixtures.Truth, criterion, answer string) string {
	return fmt.Sprintf("Question asked about the image: %s\nReference answer: %s\nCriterion: %s\n"+
		"Scale: 1 = fully meets the criterion, 0.5 = partly, 0 = not at all.\n\nAnswer to grade:\n<<<\n%s\n>>>",
		t.Prompt, t.Expected, criterion, answer)
}

var jsonObjectRE = regexp.MustCompile(`(?s)\{[^{}]*"fraction"[^{}]*\}`)

// parseVerdict reads the judge's reply: the first JSON object with a fraction in [0, 1].
func parseVerdict(reply string) (float64, string, error) {
	m := jsonObjectRE.FindString(FinalAnswer(reply))
	if m == "" {
		return 0, "", fmt.Errorf("vlrubric: judge reply has no {\"fraction\": …} object: %.120q", reply)
	}
	var v struct {
		Fraction *float64 `json:"fraction"`
		Reason   string   `json:"reason"`
	}
	if err := json.Unmarshal([]byte(m), &v); err != nil || v.Fraction == nil {
		return 0, "", fmt.Errorf("vlrubric: judge reply %q: not a verdict (%v)", m, err)
	}
	if *v.Fraction < 0 || *v.Fraction > 1 {
		return 0, "", fmt.Errorf("vlrubric: judge fraction %v is outside [0, 1]", *v.Fraction)
	}
	return *v.Fraction, strings.TrimSpace(v.Reason), nil
}

// Judge asks the judge about each subjective criterion of a scored answer and returns
// the verdicts by criterion name. A judge that fails or answers out of form gives a
// verdict with Error set, never a guess.
func Judge(ctx context.Context, c *harness.Client, t fixtures.Truth, res Result) map[string]results.Judged {
	out := map[string]results.Judged{}
	for _, crit := range Subjective[t.ID] {
		v := results.Judged{Prompt: JudgePromptVersion, Model: c.Model}
		r, err := c.Chat(ctx, harness.ChatRequest{System: judgeSystem, Prompt: judgePrompt(t, crit, res.Final),
			MaxTokens: 1024, Temperature: 0})
		if err == nil {
			v.Fraction, v.Reason, err = parseVerdict(r.Text)
		}
		if err != nil {
			v.Error = err.Error()
		}
		out[crit] = v
	}
	return out
}
