package vlrubric

import (
	stdcmp "cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/results"
)

// TestRubric asks every question (canonical plus -variants variants) of the model under
// test, one subtest per question and variant (VL-T1-Q1/v0 …) that logs the answer, each
// criterion's fraction and evidence, and the score. Tier scores and the role check come
// last: with -role a tier below the role's minimum fails the test; without it the test
// reports the roles the model qualifies for and never fails on quality.
//
// Without -model it runs the synthetic model on the real llama-server: its weights are
// random, so its scores are low; the test then asserts the machinery (every request
// answered with tokens and timings, results written, a replay of the recorded answers
// scoring the same), not the score.
func TestRubric(t *testing.T) {
	runRubric(t, options{config: *flagConfig, variants: *flagVariants, role: *flagRole, results: *flagResults,
		record: *flagRecord, replay: *flagReplay, judge: *flagJudge, judgeModel: *flagJudgeModel,
		judgeTimeout: *flagJudgeTimeout, maxTokens: *flagMaxTokens, acceptTruncated: *flagAcceptTruncated,
		cache: *flagCache, fresh: *flagFresh})
}

// options are TestRubric's flags, so that other tests can run the rubric their own way.
type options struct {
	config, role, results, record, replay, judge, judgeModel, cache string
	variants, maxTokens                                             int
	judgeTimeout                                                    time.Duration
	acceptTruncated, fresh                                          bool
}

// Token budgets per answer when -max-tokens is not given. A thinking model (Qwen3-VL
// Thinking: its chat template opens a <think> block) reasons before it answers: on these
// ten questions its reasoning runs to a few thousand tokens, and Qwen's own guidance for
// its thinking models is a budget of 32768 for hard problems; 16384 keeps every rubric
// answer whole while fitting a slot of the server's context next to the image.
const (
	defaultMaxTokens   = 4096
	thinkingMaxTokens  = 16384
	syntheticMaxTokens = 256 // the synthetic model's random weights never emit EOS
)

// maxTokens is the budget of o, or the default for the model under test.
func (o options) budget() (int, string) {
	switch {
	case o.maxTokens > 0:
		return o.maxTokens, "-max-tokens"
	case suite.Flags.Model == "" && suite.Flags.Endpoint == "":
		return syntheticMaxTokens, "the synthetic model's default"
	case thinkingModel(suite.Flags.Model):
		return thinkingMaxTokens, "the thinking-model default"
	}
	return defaultMaxTokens, "the default"
}

// thinkingModel reports whether the GGUF at path is a reasoning model: its chat
// template opens a <think> block, or its name says Thinking.
func thinkingModel(path string) bool {
	if path == "" {
		return false
	}
	if strings.Contains(strings.ToLower(filepath.Base(path)), "thinking") {
		return true
	}
	f, err := gguf.Open(path)
	if err != nil {
		return false
	}
	tmpl, _ := f.String("tokenizer.chat_template")
	name, _ := f.String("general.name")
	return strings.Contains(tmpl, "<think>") || strings.Contains(strings.ToLower(name), "thinking")
}

func runRubric(t *testing.T, o options) *results.Run {
	items, err := Items(o.variants)
	if err != nil {
		t.Fatal(err)
	}
	budget, why := o.budget()
	o.maxTokens = budget
	if synthetic := suite.Flags.Model == "" && suite.Flags.Endpoint == "" && o.replay == ""; synthetic && !o.acceptTruncated {
		// The synthetic model's random weights never stop, so every answer runs to the
		// budget: its scores show the machinery, and they are counted as they are.
		o.acceptTruncated = true
		t.Logf("the synthetic model never stops: its answers, all cut at the budget, count as they are")
	}
	run := &results.Run{Suite: "vlrubric", Config: o.config, Started: time.Now().UTC(),
		Settings: results.Settings{Temperature: *flagTemperature, MaxTokens: o.maxTokens,
			Variants: o.variants, Replayed: o.replay, Judge: o.judge, AcceptTruncated: o.acceptTruncated}}
	if *flagSeed >= 0 {
		run.Settings.Seed = flagSeed
	}
	if o.role != "" && !slices.Contains(Roles(), Role(o.role)) {
		t.Fatalf("-role %q: want one of %v", o.role, Roles())
	}

	var answers []Answer
	live := o.replay == ""
	if live {
		t.Logf("token budget per answer: %d (%s)", o.maxTokens, why)
		answers = ask(t, run, items, o)
	} else {
		if answers, err = Replay(o.replay, items); err != nil {
			t.Fatal(err)
		}
		if suite.Flags.Model != "" {
			run.Model = results.ModelFromFiles(suite.Flags.Model, suite.Flags.MMProj, suite.Flags.Draft)
		}
		run.Model.Name = stdcmp.Or(suite.Flags.Name, run.Model.Name, "replay")
	}

	var judge *judgeClient
	if o.judge != "" {
		judge = newJudgeClient(o.judge, o.judgeModel, o.judgeTimeout)
	}

	scored := scoreAll(t, items, answers, run, judge, o.replay)
	run.Finished = time.Now().UTC()
	counted := scored
	if !o.acceptTruncated {
		counted = slices.DeleteFunc(slices.Clone(scored), func(r Result) bool { return r.Truncated })
	}
	sum := Summarize(counted)
	SetSummary(run, sum)
	t.Logf("tier scores:\n%s", sum)
	if c := run.Count(); c.Truncated > 0 || c.Uncertain > 0 {
		verdict := "kept out of the tier scores and roles (-accept-truncated counts them)"
		if o.acceptTruncated {
			verdict = "counted in the tier scores and roles (-accept-truncated)"
		}
		t.Logf("%d of %d answers truncated at the budget of %d tokens (%s), %s; %d uncertain to the rules",
			c.Truncated, c.Answers, o.maxTokens, why, verdict, c.Uncertain)
	}
	if o.role != "" {
		run.Role = o.role
		for _, f := range sum.Failures(Role(o.role)) {
			run.RoleFailures = append(run.RoleFailures, f.String())
			t.Errorf("role %s: %s", o.role, f)
		}
	} else {
		t.Logf("qualifies for: %v (rubric minimums only; speed and memory gates are the report's)", sum.Qualified)
	}

	if o.results != "" {
		if err := WriteResults(o.results, run); err != nil {
			t.Error(err)
		}
		t.Logf("results in %s:\n%s", o.results, run.QualityRow())
	}
	if live {
		dir := o.record
		if dir == "" {
			dir = t.TempDir()
		}
		if err := Record(dir, items, answers); err != nil {
			t.Fatal(err)
		}
		checkReplay(t, dir, items, scored)
	}
	return run
}

// ask runs the model under test: the shared server of -config (or -endpoint), every item
// asked up to the server's slots at once.
func ask(t *testing.T, run *results.Run, items []Item, o options) []Answer {
	t.Helper()
	cfg := suite.Config(t, o.config)
	// A slot must hold the image, the prompt and the whole budget: raise the context for
	// a budget the user did not choose, and say so when -ctx was chosen too small.
	if slot, need := cfg.Context/max(cfg.Parallel, 1), o.maxTokens+slotMargin; slot < need {
		if flagSet("ctx") {
			t.Logf("warning: -ctx %d gives each of %d slots %d tokens, less than the budget of %d plus %d for the prompt: answers may be cut off",
				cfg.Context, cfg.Parallel, slot, o.maxTokens, slotMargin)
		} else {
			cfg.Context = need * max(cfg.Parallel, 1)
			t.Logf("context raised to %d (%d slots × (budget %d + %d for the prompt))", cfg.Context, cfg.Parallel, o.maxTokens, slotMargin)
		}
	}
	var seed *int
	if *flagSeed >= 0 {
		seed = flagSeed
	}
	// The answers asked before (an interrupted run) come from the cache; only the
	// rest are asked.
	cache, keys := answerCache(t, cfg, items, o, seed)
	answers := make([]Answer, len(items))
	var todo []Item
	var todoAt []int
	for i, it := range items {
		var c cachedAnswer
		if !o.fresh && cache.Get(ItemName(it.Question.ID, it.Truth().Variant), keys[i], &c) {
			answers[i] = c.answer()
			continue
		}
		todo, todoAt = append(todo, it), append(todoAt, i)
	}
	if len(todo) == 0 {
		t.Logf("all %d answers from the cache %s (-fresh asks again)", len(items), cache.Dir)
		run.Model = results.ModelFromFiles(cfg.Model, cfg.MMProj, cfg.Draft)
		run.Model.Name = suite.ModelName(cfg.Model)
		return answers
	}
	client := suite.Client(t, cfg)
	if suite.Flags.Endpoint != "" {
		run.Server.Endpoint = suite.Flags.Endpoint
		if suite.Flags.Model != "" {
			run.Model = results.ModelFromFiles(suite.Flags.Model, suite.Flags.MMProj, "")
		}
		run.Model.Name = suite.ModelName(suite.Flags.Model)
	} else {
		srv := suite.Server(t, cfg)
		run.Model = results.ModelOf(srv.Headers.Model, srv.Headers.MMProj, srv.Headers.Draft) // read by the start
		run.Model.Name = suite.ModelName(cfg.Model)
		run.Server = results.Server{Build: srv.Caps.Version, LoadSeconds: srv.LoadTime.Seconds(), RPC: srv.Config.RPC}
		if args, err := srv.Config.Args(srv.Caps, srv.Port); err == nil { // local workers' addresses included
			run.Server.Args = args
		}
		defer func() {
			mem := srv.Memory()
			run.Server.PeakRSS, run.Server.PeakGPU = mem.Peak, mem.GPUPeak
		}()
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Minute)
	defer cancel()
	start := time.Now()
	asked := askAll(ctx, client, todo, o.maxTokens, seed, func(j int, a Answer) {
		i := todoAt[j]
		if err := cache.Put(ItemName(items[i].Question.ID, items[i].Truth().Variant), keys[i], cachedOf(a)); err != nil {
			t.Errorf("caching %s: %v", items[i].Name(), err)
		}
	})
	for j, a := range asked {
		answers[todoAt[j]] = a
	}
	t.Logf("asked %d of %d questions in %v (%d at a time; %d from the cache)", len(todo), len(items),
		time.Since(start).Round(time.Millisecond), suite.Flags.Parallel, len(items)-len(todo))
	return answers
}

// scoreAll scores each answer in its own subtest and records it in run, with the judge's
// verdicts (when there is a judge) on the entry of the answer they are about.
func scoreAll(t *testing.T, items []Item, answers []Answer, run *results.Run, judge *judgeClient, replay string) []Result {
	var scored []Result
	for i, it := range items {
		a := answers[i]
		t.Run(it.Name(), func(t *testing.T) {
			entry := ResultAnswer(it, a, nil)
			defer func() { run.Answers = append(run.Answers, entry) }()
			switch {
			case a.Missing:
				t.Errorf("no answer file %s in %s: missing, not scored", RecordName(it.Question.ID, it.Truth().Variant), replay)
				return
			case a.Err != nil:
				t.Errorf("asking %s: %v", it.Name(), a.Err)
				return
			}
			r := Score(it.Truth(), a.Text)
			r.Truncated = a.Truncated()
			scored = append(scored, r)
			entry = ResultAnswer(it, a, &r)
			t.Logf("prompt: %s\nexpected: %s\nanswer: %s\n%s", it.Truth().Prompt, it.Truth().Expected,
				oneLine(a.Text, 400), explain(r))
			if a.Live != nil {
				checkMachinery(t, a)
			}
			if judge != nil {
				verdicts := Judge(t.Context(), judge.chat, judge.model, judge.timeout, it.Truth(), r)
				for j := range entry.Criteria {
					if v, ok := verdicts[entry.Criteria[j].Name]; ok {
						entry.Criteria[j].Judge = &v
						t.Logf("judge on %q: %.2f %s%s", entry.Criteria[j].Name, v.Fraction, v.Reason, v.Error)
					}
				}
			}
		})
	}
	return scored
}

// checkMachinery asserts what every live answer must carry, whatever the model.
func checkMachinery(t *testing.T, a Answer) {
	t.Helper()
	r := a.Live
	if r.CompletionTokens <= 0 && a.Text == "" {
		t.Errorf("no tokens generated")
	}
	if r.E2E <= 0 || r.TTFT > r.E2E {
		t.Errorf("client times: ttft %v, end-to-end %v", r.TTFT, r.E2E)
	}
	if suite.Flags.Endpoint == "" {
		if r.Timings == nil {
			t.Errorf("llama-server gave no timings")
		} else if r.Timings.PredictedN <= 0 || r.Timings.PromptN+r.Timings.CacheN <= 0 {
			t.Errorf("timings count no tokens: %+v", *r.Timings)
		}
	}
}

// checkReplay scores the recorded answers again from disk: a replay must give the same
// results as the live run.
func checkReplay(t *testing.T, dir string, items []Item, live []Result) {
	t.Helper()
	answers, err := Replay(dir, items)
	if err != nil {
		t.Fatal(err)
	}
	var again []Result
	for i, it := range items {
		if !answers[i].Missing && answers[i].Err == nil {
			again = append(again, Score(it.Truth(), answers[i].Text))
		}
	}
	// A replayed file has no finish reason: truncation is the live run's to know.
	if diff := cmp.Diff(live, again, cmpopts.IgnoreFields(Result{}, "Truncated")); diff != "" {
		t.Errorf("replay of %s mismatch (-live +replay):\n%s", dir, diff)
	}
}

func explain(r Result) string {
	var b strings.Builder
	for _, c := range r.Criteria {
		fmt.Fprintf(&b, "  %-32s w=%.2f f=%.2f  %s\n", c.Name, c.Weight, c.Fraction, c.Evidence)
	}
	fmt.Fprintf(&b, "score: %.1f", r.Score)
	if r.Refusal {
		b.WriteString(" (refusal or empty)")
	}
	if r.Truncated {
		b.WriteString(" (truncated at the token budget)")
	}
	for c, why := range r.Uncertain {
		fmt.Fprintf(&b, "\n  uncertain %q: %s", c, why)
	}
	return b.String()
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
