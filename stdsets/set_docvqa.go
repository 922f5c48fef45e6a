package stdsets

import (
	"context"
	"fmt"
)

// docvqaSet: lmms-lab/DocVQA (config DocVQA, split validation; the test split has no
// answers). Columns: questionId, question, question_types (list), image {bytes, path},
// answers (list), docId, … Prompt and max tokens are lmms-eval's docvqa task's.
func docvqaSet() Set {
	return Set{Name: "docvqa", Split: "validation", Title: "DocVQA", HF: "lmms-lab/DocVQA", Metric: "anls", Scale: 1, MaxTokens: 32,
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
