package stdsets

import "context"

// chartqaSet: lmms-lab/ChartQA (split test). Columns: type (human_test,
// augmented_test), question, answer, image. Prompt: lmms-eval's chartqa task.
func chartqaSet() Set {
	return Set{Name: "chartqa", Split: "test", Title: "ChartQA", HF: "lmms-lab/ChartQA", Metric: "relaxed_accuracy", Scale: 1,
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
