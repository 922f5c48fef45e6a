package stdsets

import (
	"fmt"
	"math/rand/v2"
)

// Sample is one question of a set, read from either layout.
type Sample struct {
	ID       string   // the set's own id (questionId, pid, id, question_id), else "<set>-<row>"
	Question string   // the question as the set writes it
	Images   [][]byte // PNG/JPEG; empty for VideoMME, whose frames are sampled when asked
	Video    string   // VideoMME: the video file
	Answers  []string // accepted ground truths (DocVQA and OCRBench have several)
	Choices  []string // option texts, without letters (MMMU, MathVista, VideoMME)

	Category     string // breakdown key: question type, chart type, subject, platform_type, duration
	QuestionType string // MMMU "multiple-choice"/"open"; MathVista "multi_choice"/"free_form"
	AnswerType   string // MathVista "text", "integer", "float", "list"
	Precision    int    // MathVista floats
	Unit         string // MathVista
	Source       string // OCRBench source dataset (HME100k …); ScreenSpot data_source
	Box          Box    // ScreenSpot: the element, in fractions of the image
	Width        int    // ScreenSpot: image size in pixels
	Height       int
	Subtitles    string // VideoMME: the .srt file, "" when there is none
}

// Expected is the ground truth in one line, for logs and results.
func (s Sample) Expected() string {
	switch {
	case s.Box != (Box{}):
		return fmt.Sprintf("[%.3f, %.3f, %.3f, %.3f]", s.Box.X1, s.Box.Y1, s.Box.X2, s.Box.Y2)
	case len(s.Answers) == 1:
		return s.Answers[0]
	}
	return fmt.Sprintf("%q", s.Answers)
}

// Select shuffles the samples with seed (when seed ≥ 0; a PCG stream, so the order is
// the same on every machine) and keeps the first limit (when limit > 0).
func Select(samples []Sample, limit int, seed int64) []Sample {
	out := append([]Sample(nil), samples...)
	if seed >= 0 {
		r := rand.New(rand.NewPCG(uint64(seed), 0x7374647365747321))
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	if limit > 0 && limit < len(out) {
		out = out[:limit]
	}
	return out
}
