package stdsets

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Set is one standard benchmark: how its rows become samples, its official prompt, and
// its metric.
type Set struct {
	Name      string // "docvqa", the -set name and the results' suite
	Title     string // "DocVQA"
	HF        string // the Hugging Face export it reads, "lmms-lab/DocVQA"
	Metric    string // the headline metric's name, "anls"
	Scale     float64
	MaxTokens int    // the reference's max_new_tokens (a thinking model wants -max-tokens)
	Split     string // the split with answers that the references score: files named after it are read
	// Binary metrics are 0/1 per sample (a Wilson interval); the others are means of
	// values in [0, 1] (a Student's t interval).
	Binary bool

	parse  func(r Row) (Sample, error)
	prompt func(s Sample, subtitles string) string
	score  func(ctx context.Context, s Sample, answer string, o Options) Scored
}

// Options are the per-run choices that change inputs or scoring.
type Options struct {
	Frames    int    // VideoMME: frames sampled per video (default 32, lmms-eval's)
	Subtitles bool   // VideoMME: with subtitles
	Coords    Coords // ScreenSpot: how answer numbers are read
	// Extract is MathVista's fallback when no rule extracts an answer (-judge): it
	// returns the extracted answer text. nil: no fallback.
	Extract func(ctx context.Context, question, response string) (string, error)
}

// Scored is one sample's verdict.
type Scored struct {
	Value    float64  // the sample's metric value, in [0, 1]
	Parsed   string   // what was read from the answer (choice, number, point)
	Unparsed bool     // no answer could be read from the response (counted as wrong)
	ByRule   bool     // MathVista: the rules extracted it (else the judge, or nothing)
	IoU      *float64 // ScreenSpot: when the model gave a box
	Groups   []string // the breakdown parts the sample counts in
	Evidence string
}

// Sets lists the seven sets in the plan's priority order.
func Sets() []Set {
	return []Set{mmmuSet(), docvqaSet(), mathvistaSet(), chartqaSet(), videommeSet(), screenspotSet(), ocrbenchSet()}
}

// Names lists the sets' names.
func Names() []string {
	var n []string
	for _, s := range Sets() {
		n = append(n, s.Name)
	}
	return n
}

// Lookup finds a set by name (case-insensitive; "video-mme" and "videomme" both work).
func Lookup(name string) (Set, error) {
	key := strings.ReplaceAll(strings.ToLower(name), "-", "")
	for _, s := range Sets() {
		if s.Name == key {
			return s, nil
		}
	}
	return Set{}, fmt.Errorf("stdsets: no set %q: want one of %s", name, strings.Join(Names(), ", "))
}

// Load reads the set from path (a parquet or JSONL file, or a folder of them; see
// ReadRows, which in a folder reads the files of s.Split when there are such).
// imageDir overrides where JSONL image paths are relative to; videoDir is where
// VideoMME's videos are (default: see VideoDir).
func (s Set) Load(path, imageDir, videoDir string) ([]Sample, error) {
	rows, err := ReadRows(path, imageDir, s.Split)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("stdsets: %s: no rows", path)
	}
	out := make([]Sample, 0, len(rows))
	seen := map[string]string{}
	for i, r := range rows {
		smp, err := s.parse(r)
		if err != nil {
			return nil, err
		}
		if smp.ID == "" {
			smp.ID = fmt.Sprintf("%s-%05d", s.Name, i)
		}
		if at, dup := seen[smp.ID]; dup {
			return nil, fmt.Errorf("%s:%d: duplicate id %q (first at %s)", r.File, r.N, smp.ID, at)
		}
		seen[smp.ID] = fmt.Sprintf("%s:%d", r.File, r.N)
		if s.Name == "videomme" {
			if err := resolveVideo(&smp, r, path, videoDir); err != nil {
				return nil, err
			}
		}
		out = append(out, smp)
	}
	return out, nil
}

// Prompt is the prompt sent for a sample (subtitles: VideoMME's subtitle text, or "").
func (s Set) Prompt(smp Sample, subtitles string) string { return s.prompt(smp, subtitles) }

// Score scores one answer.
func (s Set) Score(ctx context.Context, smp Sample, answer string, o Options) Scored {
	return s.score(ctx, smp, answer, o)
}

// letters writes options as "A. text" lines.
func letters(opts []string) string {
	var b strings.Builder
	for i, o := range opts {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%c. %s", 'A'+i, o)
	}
	return b.String()
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
