package stdsets

import "context"

// ocrbenchSet: echo840/OCRBench (split test, 1000 questions). Columns: dataset (the
// source set, HME100k …), question, question_type (the ten categories), answer (list),
// image. Prompt: the question alone, as lmms-eval.
func ocrbenchSet() Set {
	return Set{Name: "ocrbench", Split: "test", Title: "OCRBench", HF: "echo840/OCRBench", Metric: "ocrbench_score", Scale: 1000,
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
