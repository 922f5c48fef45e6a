package stdsets

import (
	"context"
	"fmt"
	"strings"
)

// mathvistaSet: AI4Math/MathVista (split testmini; test has no answers). Columns: pid,
// question, decoded_image ({bytes, path}; image is its file name), choices (list or
// null), unit, precision (null unless float), answer, question_type ("multi_choice",
// "free_form"), answer_type ("text", "integer", "float", "list"), query, metadata
// (struct with task, category, …). Prompt: lmms-eval's "format-prompt" shot type, the
// one its Qwen evaluations use.
func mathvistaSet() Set {
	return Set{Name: "mathvista", Split: "testmini", Title: "MathVista", HF: "AI4Math/MathVista", Metric: "accuracy", Scale: 1,
		MaxTokens: 1024, Binary: true,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.String("pid"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("question"); err != nil {
				return s, err
			}
			if s.QuestionType, err = r.String("question_type"); err != nil {
				return s, err
			}
			if s.AnswerType, err = r.String("answer_type"); err != nil {
				return s, err
			}
			a, err := r.String("answer")
			if err != nil {
				return s, err
			}
			s.Answers = []string{a}
			if r.Has("choices") {
				if s.Choices, err = r.Strings("choices"); err != nil {
					return s, err
				}
			}
			if s.QuestionType == "multi_choice" && len(s.Choices) == 0 {
				return s, r.errorf("choices", "a multi_choice question without choices")
			}
			if r.Has("precision") {
				p, err := r.Float("precision")
				if err != nil {
					return s, err
				}
				s.Precision = int(p)
			}
			if s.Unit, err = r.OptString("unit"); err != nil {
				return s, err
			}
			if m, ok := r.Cols["metadata"].(map[string]any); ok {
				s.Category, _ = asString(m["task"])
			}
			if s.Category == "" {
				s.Category = s.QuestionType
			}
			col := "decoded_image"
			if !r.Has(col) {
				col = "image"
			}
			img, err := r.Image(col)
			if err != nil {
				return s, err
			}
			s.Images = [][]byte{img}
			return s, nil
		},
		prompt: func(s Sample, _ string) string {
			q := s.Question
			if s.Unit != "" {
				q += " (Unit: " + s.Unit + ")"
			}
			parts := []string{q}
			if len(s.Choices) > 0 {
				parts = append(parts, letters(s.Choices))
			}
			return strings.Join(append(parts, mathvistaHint(s)), "\n")
		},
		score: func(ctx context.Context, s Sample, answer string, o Options) Scored {
			p := MathVistaProblem{QuestionType: s.QuestionType, AnswerType: s.AnswerType, Choices: s.Choices,
				Precision: s.Precision, Answer: s.Answers[0]}
			sc := Scored{Groups: []string{s.Category}}
			ext, ok := MathVistaExtract(answer, p)
			sc.ByRule = ok
			if !ok && o.Extract != nil {
				j, err := o.Extract(ctx, s.Question, FinalAnswer(answer))
				if err != nil {
					sc.Evidence = "judge: " + err.Error()
				} else {
					ext, ok = strings.TrimSpace(j), strings.TrimSpace(j) != ""
					sc.Evidence = "extracted by the judge"
				}
			}
			if !ok {
				sc.Unparsed = true
				if sc.Evidence == "" {
					sc.Evidence = "no answer extracted"
				}
				return sc
			}
			norm, right := MathVistaNormalize(ext, p)
			sc.Parsed, sc.Value = norm, b2f(right)
			return sc
		},
	}
}

func mathvistaHint(s Sample) string {
	switch {
	case s.QuestionType == "multi_choice":
		return "Answer with the option's letter from the given choices directly."
	case s.AnswerType == "integer":
		return "Answer the question using a single integer number."
	case s.AnswerType == "float" && s.Precision == 1:
		return "Answer the question using a single floating-point number with one decimal place."
	case s.AnswerType == "float" && s.Precision == 2:
		return "Answer the question using a single floating-point number with two decimal places."
	case s.AnswerType == "float":
		return fmt.Sprintf("Answer the question using a single floating-point number with %d decimal places.", s.Precision)
	case s.AnswerType == "list":
		return "Answer the question using a Python list."
	}
	return "Answer the question using a single word or phrase."
}
