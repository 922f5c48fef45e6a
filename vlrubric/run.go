package vlrubric

import (
	"fmt"
	"time"

	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/internal/answer"
	"github.com/vlbench/vlbench/internal/results"
)

// Item is one question variant to ask: the question and its drawn image with ground truth.
type Item struct {
	Question fixtures.Question
	Image    fixtures.Image
}

// Truth is the item's ground truth.
func (it Item) Truth() fixtures.Truth { return it.Image.Truth }

// Name is the item's subtest name, "VL-T1-Q1/v0".
func (it Item) Name() string { return fmt.Sprintf("%s/v%d", it.Question.ID, it.Image.Truth.Variant) }

// Items draws every question's canonical image and variants 1..variants, in rubric order
// (question, then variant).
func Items(variants int) ([]Item, error) {
	if variants < 0 {
		return nil, fmt.Errorf("vlrubric: negative variants %d", variants)
	}
	var items []Item
	for _, q := range fixtures.Questions() {
		for v := 0; v <= variants; v++ {
			img, err := q.Generate(v)
			if err != nil {
				return nil, err
			}
			items = append(items, Item{Question: q, Image: img})
		}
	}
	return items, nil
}

// Answer is what came back for one item: a model's response, a replayed file, or why
// there is nothing to score. It carries what the scorers and the results need of a live
// response (filled in by whoever asked), never the client itself: the scoring code
// neither starts nor talks to a server.
type Answer struct {
	Text    string
	Err     error // the request failed
	Missing bool  // replay: no file for this item
	// FinishReason is the server's ("stop", "length", …); "" for a replayed file.
	FinishReason string
	// Live is set for an answer a server gave now: its token counts and times.
	Live *LiveStats
}

// LiveStats are the figures of one live request.
type LiveStats struct {
	PromptTokens, CompletionTokens int
	Timings                        *results.Timings // nil where the endpoint is not llama.cpp
	TTFT, E2E                      time.Duration
}

// Truncated reports whether the answer was cut off by the token budget: the server
// said so (finish reason "length"), or the text opens a reasoning block it never
// closes (a replayed thinking model that ran out of tokens while thinking).
func (a Answer) Truncated() bool {
	return a.FinishReason == "length" || answer.UnclosedThink(a.Text)
}

// ItemName is a question variant's name in file names: "<ID>" for the canonical
// variant, "<ID>-v<N>" for variant N (fixtures.VariantName).
func ItemName(id string, variant int) string { return fixtures.VariantName(id, variant) }

// RecordName is the file of an item's raw answer in a -record/-replay folder:
// "<ID>.txt" for the canonical variant, "<ID>-v<N>.txt" for variant N.
func RecordName(id string, variant int) string { return ItemName(id, variant) + ".txt" }

// Record writes each answered item's raw answer into dir.
func Record(dir string, items []Item, answers []Answer) error {
	files := map[string]string{}
	for i, it := range items {
		if a := answers[i]; a.Err == nil && !a.Missing {
			files[RecordName(it.Question.ID, it.Truth().Variant)] = a.Text
		}
	}
	return results.RecordAnswers(dir, files)
}

// Replay reads each item's answer from dir; an absent file is Missing, not scored.
func Replay(dir string, items []Item) ([]Answer, error) {
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = RecordName(it.Question.ID, it.Truth().Variant)
	}
	recs, err := results.ReplayAnswers(dir, names)
	if err != nil {
		return nil, err
	}
	answers := make([]Answer, len(items))
	for i, r := range recs {
		answers[i] = Answer{Text: r.Text, Missing: r.Missing, Err: r.Err}
	}
	return answers, nil
}
