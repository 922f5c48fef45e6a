package results

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// AnswerCheck is the item-by-item comparison of a run's answers with a baseline run's
// of the same model (SameAnswers): the check that a speculative or n-gram config is
// lossless in fact, not only in theory.
type AnswerCheck struct {
	// Compared counts the items answered in both runs (same question, variant and
	// prompt, neither failed nor missing); Identical those whose answers are the same
	// text, byte for byte.
	Compared, Identical int
	// Differ are the first items whose answers differ (at most MaxDiffs), in the run's
	// order.
	Differ []AnswerDiff
	// NotChecked says why no comparison could be made ("" when one was): the runs are
	// not of the same files, or not at temperature 0, or share no answered item.
	NotChecked string
}

// MaxDiffs is how many differing answers an AnswerCheck keeps.
const MaxDiffs = 3

// AnswerDiff is one item whose answers differ: where the texts part (a byte offset into
// both) and a little of each from there.
type AnswerDiff struct {
	ID        string
	Variant   int
	At        int
	Base, Run string
}

// Lossless reports whether every compared answer was identical (and some were).
func (c AnswerCheck) Lossless() bool {
	return c.NotChecked == "" && c.Compared > 0 && c.Identical == c.Compared
}

// String is the verdict as the report prints it: "lossless: 10 of 10 answers identical",
// "NOT lossless: 8 of 10 answers identical; first differ: VL-T1-Q1 v0 at byte 12 ("…"
// vs "…")", or "lossless: not checked (reason)".
func (c AnswerCheck) String() string {
	if c.NotChecked != "" {
		return "lossless: not checked (" + c.NotChecked + ")"
	}
	if c.Lossless() {
		return fmt.Sprintf("lossless: %d of %d answers identical", c.Identical, c.Compared)
	}
	var ds []string
	for _, d := range c.Differ {
		ds = append(ds, fmt.Sprintf("%s v%d at byte %d (%q vs %q)", d.ID, d.Variant, d.At, d.Base, d.Run))
	}
	return fmt.Sprintf("NOT lossless: %d of %d answers identical; first differ: %s", c.Identical, c.Compared, strings.Join(ds, "; "))
}

// SameAnswers compares r's answers with base's, item by item (question ID and variant;
// the prompt must match too). Both runs must be at temperature 0 (greedy decoding, the
// only setting at which a lossless acceleration must give the same text) with the same
// token budget, and of the same model and projector files where both record their
// fingerprints; otherwise NotChecked says why. Failed and missing answers are not
// compared. The text is what the server returned, the detokenized tokens: equal text
// is equal tokens for any tokenizer that round-trips, as llama.cpp's do for generated
// text.
func SameAnswers(base, r *Run) AnswerCheck {
	var c AnswerCheck
	switch {
	case base.Settings.Temperature != 0 || r.Settings.Temperature != 0:
		c.NotChecked = fmt.Sprintf("temperature %g and %g, not 0", base.Settings.Temperature, r.Settings.Temperature)
		return c
	case base.Settings.MaxTokens != r.Settings.MaxTokens:
		c.NotChecked = fmt.Sprintf("token budgets differ: %d and %d", base.Settings.MaxTokens, r.Settings.MaxTokens)
		return c
	case base.Model.Fingerprint != "" && r.Model.Fingerprint != "" && base.Model.Fingerprint != r.Model.Fingerprint:
		c.NotChecked = "different model files (fingerprints differ)"
		return c
	case base.Model.MMProjFingerprint != "" && r.Model.MMProjFingerprint != "" && base.Model.MMProjFingerprint != r.Model.MMProjFingerprint:
		c.NotChecked = "different projector files (fingerprints differ)"
		return c
	}
	type key struct {
		id      string
		variant int
	}
	answered := func(a Answer) bool { return !a.Missing && a.Error == "" }
	old := map[key]Answer{}
	for _, a := range base.Answers {
		if answered(a) {
			old[key{a.ID, a.Variant}] = a
		}
	}
	for _, a := range r.Answers {
		o, ok := old[key{a.ID, a.Variant}]
		if !ok || !answered(a) || o.Prompt != a.Prompt {
			continue
		}
		c.Compared++
		if o.Answer == a.Answer {
			c.Identical++
			continue
		}
		if len(c.Differ) < MaxDiffs {
			at := commonPrefix(o.Answer, a.Answer)
			c.Differ = append(c.Differ, AnswerDiff{ID: a.ID, Variant: a.Variant, At: at, Base: excerpt(o.Answer[at:]), Run: excerpt(a.Answer[at:])})
		}
	}
	if c.Compared == 0 {
		c.NotChecked = "no answered item in both runs"
	}
	return c
}

// commonPrefix is the length in bytes of the longest common prefix of a and b that ends
// on a rune boundary.
func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i--
	}
	return i
}

// excerpt is the first 24 runes of s.
func excerpt(s string) string {
	n := 0
	for i := range s {
		if n == 24 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
