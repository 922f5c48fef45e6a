package vlrubric

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/vlbench/vlbench/fixtures"
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

// ChatFunc asks a chat model one question (a system and a user message, at temperature
// 0) and returns its reply. Whoever runs the rubric supplies it over an
// OpenAI-compatible client; the scoring code itself talks to no server.
type ChatFunc func(ctx context.Context, system, prompt string) (string, error)

// JudgeCriteria are the criteria of a scored answer the judge is asked about: the
// question's subjective ones (Subjective) and every criterion the rules marked
// uncertain (Result.Uncertain), in the question's criteria order.
func JudgeCriteria(t fixtures.Truth, res Result) []string {
	want := map[string]bool{}
	for _, c := range Subjective[t.ID] {
		want[c] = true
	}
	for c := range res.Uncertain {
		want[c] = true
	}
	var out []string
	for _, c := range Criteria(t.ID) {
		if want[c.Name] {
			out = append(out, c.Name)
		}
	}
	return out
}

// Judge asks the judge about each criterion of JudgeCriteria and returns the verdicts by
// criterion name. A judge that fails, takes longer than timeout (when positive) or
// answers out of form gives a verdict with Error set, never a guess.
func Judge(ctx context.Context, chat ChatFunc, model string, timeout time.Duration, t fixtures.Truth, res Result) map[string]results.Judged {
	out := map[string]results.Judged{}
	for _, crit := range JudgeCriteria(t, res) {
		v := results.Judged{Prompt: JudgePromptVersion, Model: model}
		cctx, cancel := ctx, context.CancelFunc(func() {})
		if timeout > 0 {
			cctx, cancel = context.WithTimeout(ctx, timeout)
		}
		reply, err := chat(cctx, judgeSystem, judgePrompt(t, crit, res.Final))
		cancel()
		if err == nil {
			v.Fraction, v.Reason, err = parseVerdict(reply)
		}
		if err != nil {
			v.Error = err.Error()
		}
		out[crit] = v
	}
	return out
}
