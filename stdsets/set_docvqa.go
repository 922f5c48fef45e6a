package stdsets

import (
	"context"
	"fmt"
)

// docvqaSet: lmms-lab/DocVQA (config DocVQA, split validation; the test split has no
// answers). Columns: questionId, question, question_types (list), image {bytes, path},
// answers (list), docId, … Prompt and max tokens are lmms-eval's docvqa task's.
func docvqaSet() Set {
	return Set{Name: "docvqa", Title: "DocVQA", HF: "lmms-lab/DocVQA", Metric: "anls", Scale: 1, MaxTokens: 32,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.OptString("questionId"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("question"); err != nil {
				return s, err
			}
			if s.Answers, err = r.Strings("answers"); err != nil {
				return s, err
			}
			if len(s.Answers) == 0 {
				return s, r.errorf("answers", "empty: the test split has no ground truth (use validation)")
			}
			img, err := r.Image("image")
			if err != nil {
				return s, err
			}
			s.Images = [][]byte{img}
			if r.Has("question_types") {
				types, err := r.Strings("question_types")
				if err != nil {
					return s, err
				}
				if len(types) > 0 {
					s.Category = types[0]
				}
			}
			return s, nil
		},
		prompt: func(s Sample, _ string) string {
			return s.Question + "\nAnswer the question using a single word or phrase."
		},
		score: func(_ context.Context, s Sample, answer string, _ Options) Scored {
			v := ANLS(answer, s.Answers)
			sc := Scored{Value: v, Parsed: FinalAnswer(answer), Evidence: fmt.Sprintf("ANLS %.3f", v)}
			if s.Category != "" {
				sc.Groups = []string{s.Category}
			}
			return sc
		},
	}
}

// chartqaSet: lmms-lab/ChartQA (split test). Columns: type (human_test,
// augmented_test), question, answer, image. Prompt: lmms-eval's chartqa task.
func chartqaSet() Set {
	return Set{Name: "chartqa", Title: "ChartQA", HF: "lmms-lab/ChartQA", Metric: "relaxed_accuracy", Scale: 1,
		MaxTokens: 16, Binary: true,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.OptString("id"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("question"); err != nil {
				return s, err
			}
			a, err := r.String("answer")
			if err != nil {
				return s, err
			}
			s.Answers = []string{a}
			if s.Category, err = r.OptString("type"); err != nil {
				return s, err
			}
			img, err := r.Image("image")
			if err != nil {
				return s, err
			}
			s.Images = [][]byte{img}
			return s, nil
		},
		prompt: func(s Sample, _ string) string { return s.Question + "\nAnswer the question with a single word." },
		score: func(_ context.Context, s Sample, answer string, _ Options) Scored {
			v := RelaxedAccuracy(answer, s.Answers[0])
			sc := Scored{Value: v, Parsed: FinalAnswer(answer)}
			if s.Category != "" {
				sc.Groups = []string{s.Category}
			}
			return sc
		},
	}
}

// ocrbenchSet: echo840/OCRBench (split test, 1000 questions). Columns: dataset (the
// source set, HME100k …), question, question_type (the ten categories), answer (list),
// image. Prompt: the question alone, as lmms-eval.
func ocrbenchSet() Set {
	return Set{Name: "ocrbench", Title: "OCRBench", HF: "echo840/OCRBench", Metric: "ocrbench_score", Scale: 1000,
		MaxTokens: 128, Binary: true,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.OptString("id"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("question"); err != nil {
				return s, err
			}
			if s.Answers, err = r.Strings("answer"); err != nil {
				return s, err
			}
			if s.Category, err = r.String("question_type"); err != nil {
				return s, err
			}
			if s.Source, err = r.OptString("dataset"); err != nil {
				return s, err
			}
			img, err := r.Image("image")
			if err != nil {
				return s, err
			}
			s.Images = [][]byte{img}
			return s, nil
		},
		prompt: func(s Sample, _ string) string { return trimSpace(s.Question) },
		score: func(_ context.Context, s Sample, answer string, _ Options) Scored {
			v := OCRBenchMatch(answer, s.Answers, s.Source)
			g := []string{s.Category}
			if contains(OCRBenchRecognition, s.Category) {
				g = append(g, "Text Recognition")
			}
			return Scored{Value: v, Parsed: FinalAnswer(answer), Groups: g}
		},
	}
}
