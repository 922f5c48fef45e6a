package vlrubric

import (
	"context"
	"fmt"
	"sync"

	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/harness"
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
// there is nothing to score.
type Answer struct {
	Text     string
	Response *harness.ChatResponse // nil when replayed
	Err      error                 // the request failed
	Missing  bool                  // replay: no file for this item
}

// AskOptions are the request settings.
type AskOptions struct {
	Temperature float64
	Seed        *int
	MaxTokens   int
	Parallel    int // requests in flight at once: the server's slots
}

// AskAll asks every item, up to opts.Parallel at a time, and returns the answers in item
// order. A failed request is recorded in its Answer; the others go on.
func AskAll(ctx context.Context, c *harness.Client, items []Item, opts AskOptions) []Answer {
	answers := make([]Answer, len(items))
	sem := make(chan struct{}, max(opts.Parallel, 1))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r, err := c.Chat(ctx, harness.ChatRequest{Prompt: it.Truth().Prompt, Images: [][]byte{it.Image.PNG},
				MaxTokens: opts.MaxTokens, Temperature: opts.Temperature, Seed: opts.Seed})
			if err != nil {
				answers[i] = Answer{Err: err}
				return
			}
			// A reasoning model's thinking, where the server splits it out, is kept in
			// front of the answer as the model wrote it; the scorers read past it.
			text := r.Text
			if r.Reasoning != "" {
				text = "<think>" + r.Reasoning + "</think>\n" + r.Text
			}
			answers[i] = Answer{Text: text, Response: r}
		}()
	}
	wg.Wait()
	return answers
}

// RecordName is the file of an item's raw answer in a -record/-replay folder:
// "<ID>.txt" for the canonical variant, "<ID>-v<N>.txt" for variant N.
func RecordName(id string, variant int) string {
	if variant == 0 {
		return id + ".txt"
	}
	return fmt.Sprintf("%s-v%d.txt", id, variant)
}

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
