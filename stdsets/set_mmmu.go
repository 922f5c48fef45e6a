package stdsets

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var imageToken = regexp.MustCompile(`<image (\d)>`)

// mmmuSet: MMMU/MMMU (one config per subject, split validation; the test split has no
// answers). Columns: id ("validation_Art_1"), question, options (a Python list literal
// in a text column), answer ("B", or text for open questions), question_type
// ("multiple-choice", "open"), image_1 … image_7 ({bytes, path} or null), subfield,
// img_type, topic_difficulty, explanation. Prompt: lmms-eval's mmmu_val default (the
// <image N> tokens stay in the text; the images referenced are sent in number order).
func mmmuSet() Set {
	return Set{Name: "mmmu", Split: "validation", Title: "MMMU", HF: "MMMU/MMMU", Metric: "accuracy", Scale: 1, MaxTokens: 128, Binary: true,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.String("id"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("question"); err != nil {
				return s, err
			}
			if s.QuestionType, err = r.String("question_type"); err != nil {
				return s, err
			}
			if s.QuestionType == "multiple-choice" {
				if s.Choices, err = r.Strings("options"); err != nil {
					return s, err
				}
				if len(s.Choices) == 0 {
					return s, r.errorf("options", "a multiple-choice question without options")
				}
			}
			a, err := r.String("answer")
			if err != nil {
				return s, err
			}
			if s.Answers, err = answerList(a); err != nil {
				return s, r.errorf("answer", "%v", err)
			}
			s.Category = MMMUSubject(s.ID)
			if s.Category == "" {
				if s.Category, err = r.OptString("subject"); err != nil {
					return s, err
				}
			}
			// The images the text refers to, in number order; else every image column.
			nums := map[string]bool{}
			for _, m := range imageToken.FindAllStringSubmatch(s.Question+" "+strings.Join(s.Choices, " "), -1) {
				nums[m[1]] = true
			}
			var cols []string
			for n := range nums {
				cols = append(cols, "image_"+n)
			}
			sort.Strings(cols)
			if len(cols) == 0 {
				for i := 1; i <= 7; i++ {
					if r.Has(fmt.Sprintf("image_%d", i)) {
						cols = append(cols, fmt.Sprintf("image_%d", i))
					}
				}
			}
			for _, c := range cols {
				img, err := r.Image(c)
				if err != nil {
					return s, err
				}
				s.Images = append(s.Images, img)
			}
			if len(s.Images) == 0 {
				return s, r.errorf("image_1", "no image in image_1 … image_7")
			}
			return s, nil
		},
		prompt: func(s Sample, _ string) string {
			if s.QuestionType == "multiple-choice" {
				return s.Question + "\n" + letters(s.Choices) + "\n\nAnswer with the option's letter from the given choices directly."
			}
			return s.Question + "\n\nAnswer the question using a single word or phrase."
		},
		score: func(_ context.Context, s Sample, answer string, _ Options) Scored {
			sc := Scored{Groups: []string{mmmuDiscipline(s.Category)}}
			if s.QuestionType == "multiple-choice" {
				l, ok := ParseMultiChoice(answer, s.Choices)
				sc.Parsed, sc.Unparsed = l, !ok
				sc.Value = b2f(ok && contains(s.Answers, l))
				if !ok {
					sc.Evidence = "unparsed: no option letter or text found"
				}
				return sc
			}
			pred, right := MMMUOpen(answer, s.Answers)
			sc.Parsed, sc.Value = strings.Join(pred, " | "), b2f(right)
			return sc
		},
	}
}

func mmmuDiscipline(subject string) string {
	if d, ok := MMMUDisciplines[subject]; ok {
		return d
	}
	return "Other"
}

// answerList reads "B" or "['A', 'C']" (a few MMMU answers list several).
func answerList(a string) ([]string, error) {
	if t := strings.TrimSpace(a); strings.HasPrefix(t, "[") {
		return ParseListLiteral(t)
	}
	return []string{strings.TrimSpace(a)}, nil
}

func trimSpace(s string) string { return strings.TrimSpace(s) }
