package vlrubric

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/fixtures"
)

// answerCase is one realistic answer and the fraction it should earn on each
// criterion of its question, in RUBRIC.md's order.
type answerCase struct {
	name   string
	truth  *fixtures.Truth // nil: the canonical truth of the question
	answer string
	want   []float64
}

func runCases(t *testing.T, id string, cases []answerCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := canonical(id)
			if c.truth != nil {
				tr = *c.truth
				tr.ID = id
			}
			r := Score(tr, c.answer)
			var got []float64
			for _, cr := range r.Criteria {
				got = append(got, cr.Fraction)
			}
			if diff := cmp.Diff(c.want, got, approx); diff != "" {
				t.Errorf("Score() fractions mismatch (-want +got):\n%s\n%s", diff, r)
			}
			if r.Score < 1 || r.Score > 5 {
				t.Errorf("Score() = %.1f, out of [1, 5]", r.Score)
			}
			for _, cr := range r.Criteria {
				if cr.Evidence == "" {
					t.Errorf("criterion %q has no evidence", cr.Name)
				}
			}
		})
	}
}
