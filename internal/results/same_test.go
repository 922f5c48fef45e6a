package results

import (
	"path/filepath"
	"strings"
	"testing"
)

// recorded is where the real rubric runs of the synthetic models lie (beside the report's
// other inputs, so that its golden shows them too). They were made with
//
//	go test ./vlrubric -run 'TestRubric$' -args -name synthetic-qwen25vl -config CONFIG \
//	    -variants 2 -max-tokens 64 -results DIR
//
// for CONFIG baseline and spec-k8 (the synthetic draft, K = 8), and for the synthetic
// MoE (-model synthetic:qwen3vlmoe -mmproj synthetic:qwen3vlmoe.mmproj -name
// synthetic-qwen3vlmoe) baseline and moe1, on llama-server build 11669 (Debian), 2
// threads; only results.json is kept.
var recorded = filepath.Join("..", "..", "cmd", "vlbench", "testdata", "report", "current")

func readRecorded(t *testing.T, model, config string) *Run {
	t.Helper()
	r, err := ReadRun(filepath.Join(recorded, model, config, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSameAnswersRecorded(t *testing.T) {
	base := readRecorded(t, "synthetic-qwen25vl", "baseline")
	spec := readRecorded(t, "synthetic-qwen25vl", "spec-k8")
	if !strings.Contains(strings.Join(spec.Server.Args, " "), "--spec-draft-n-max 8") {
		t.Fatalf("the spec-k8 run's server args lack the draft settings: %v", spec.Server.Args)
	}
	// Speculative decoding verifies every drafted token with the model: at temperature 0
	// the answers are the baseline's, all 30 (10 questions × 3 variants).
	c := SameAnswers(base, spec)
	if !c.Lossless() || c.Compared != 30 || c.String() != "lossless: 30 of 30 answers identical" {
		t.Errorf("baseline vs spec-k8: %+v, %s; want 30 of 30 identical", c, c)
	}
	// The draft did work: some drafted tokens were accepted (otherwise the check would
	// compare two plain decodes).
	drafted, accepted := 0, 0
	for _, a := range spec.Answers {
		if a.Timings != nil {
			drafted, accepted = drafted+a.Timings.DraftN, accepted+a.Timings.DraftNAccepted
		}
	}
	if drafted == 0 || accepted == 0 {
		t.Errorf("spec-k8 drafted %d tokens, accepted %d: want both > 0", drafted, accepted)
	}
	t.Logf("spec-k8: %d drafted, %d accepted (%.0f%%)", drafted, accepted, 100*float64(accepted)/float64(max(drafted, 1)))

	// One expert of two changes the model: its answers are not the baseline's.
	mb := readRecorded(t, "synthetic-qwen3vlmoe", "baseline")
	m1 := readRecorded(t, "synthetic-qwen3vlmoe", "moe1")
	c = SameAnswers(mb, m1)
	if c.Lossless() || c.Compared != 30 || c.Identical == c.Compared || len(c.Differ) == 0 {
		t.Fatalf("baseline vs moe1: %+v; want some of 30 to differ", c)
	}
	d := c.Differ[0]
	first := ""
	for _, a := range m1.Answers {
		o := findAnswer(mb, a.ID, a.Variant)
		if o != nil && o.Answer != a.Answer {
			first = a.ID
			if o.Answer[:d.At] != a.Answer[:d.At] || (d.At < len(o.Answer) && d.At < len(a.Answer) && o.Answer[d.At] == a.Answer[d.At]) {
				t.Errorf("%s: the texts do not part at byte %d", a.ID, d.At)
			}
			break
		}
	}
	if d.ID != first || !strings.HasPrefix(c.String(), "NOT lossless: ") || !strings.Contains(c.String(), "first differ: "+first) {
		t.Errorf("first difference %+v, want %s; %s", d, first, c)
	}
	t.Log(c)

	// Different models: not comparable.
	if c := SameAnswers(base, mb); c.NotChecked != "different model files (fingerprints differ)" {
		t.Errorf("qwen25vl vs qwen3vlmoe: %+v", c)
	}
}

func findAnswer(r *Run, id string, variant int) *Answer {
	for i, a := range r.Answers {
		if a.ID == id && a.Variant == variant {
			return &r.Answers[i]
		}
	}
	return nil
}

func TestSameAnswersRules(t *testing.T) {
	run := func(temp float64, answers ...Answer) *Run {
		return &Run{Settings: Settings{Temperature: temp, MaxTokens: 64}, Answers: answers}
	}
	a := func(id, text string) Answer { return Answer{ID: id, Prompt: "p", Answer: text} }
	base := run(0, a("Q1", "héllo world"), a("Q2", "same"), Answer{ID: "Q3", Error: "timeout"}, a("Q4", "x"))
	other := run(0, a("Q1", "héllo there"), a("Q2", "same"), a("Q3", "late"), Answer{ID: "Q4", Prompt: "other prompt", Answer: "x"})
	c := SameAnswers(base, other)
	// Q3 failed in the baseline and Q4 was asked another prompt: only Q1 and Q2 compare.
	if c.Compared != 2 || c.Identical != 1 || len(c.Differ) != 1 {
		t.Fatalf("%+v", c)
	}
	if d := c.Differ[0]; d.ID != "Q1" || d.At != len("héllo ") || d.Base != "world" || d.Run != "there" {
		t.Errorf("diff %+v", d)
	}
	if got, want := c.String(), `NOT lossless: 1 of 2 answers identical; first differ: Q1 v0 at byte 7 ("world" vs "there")`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// The same text parted inside a rune: the offset backs off to its start.
	if c := SameAnswers(run(0, a("Q", "aé")), run(0, a("Q", "aè"))); c.Differ[0].At != 1 {
		t.Errorf("parted inside a rune: at %d, want 1", c.Differ[0].At)
	}
	if c := SameAnswers(run(0.7, a("Q", "x")), run(0, a("Q", "x"))); c.String() != "lossless: not checked (temperature 0.7 and 0, not 0)" {
		t.Errorf("temperature: %s", c)
	}
	long := run(0, a("Q", "x"))
	long.Settings.MaxTokens = 128
	if c := SameAnswers(run(0, a("Q", "x")), long); c.NotChecked != "token budgets differ: 64 and 128" {
		t.Errorf("budget: %s", c)
	}
	if c := SameAnswers(run(0, a("Q1", "x")), run(0, a("Q2", "x"))); c.NotChecked != "no answered item in both runs" || c.Lossless() {
		t.Errorf("nothing shared: %s", c)
	}
}
