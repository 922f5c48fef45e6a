package vlrubric

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScore checks that Score never panics, that every score is in [1, 5] with one
// decimal, and that every fraction is in [0, 1], for any answer to any question.
func FuzzScore(f *testing.F) {
	for _, dir := range []string{"good", "wrong"} {
		for i, id := range IDs() {
			b, err := os.ReadFile(filepath.Join("testdata", "answers", dir, id+".txt"))
			if err == nil {
				f.Add(i, string(b))
			}
		}
	}
	f.Add(0, "<think>")
	f.Add(3, "B = \\boxed{25}}}{{ $$ $ \\frac{")
	f.Add(6, "x = ((((((((((((((((((((((((1")
	f.Add(9, "three triangles triangle 3 ? ? ?")
	f.Fuzz(func(t *testing.T, q int, answer string) {
		ids := IDs()
		if q < 0 {
			q = -q
		}
		id := ids[q%len(ids)]
		r := Score(canonical(id), answer)
		if r.Score < 1 || r.Score > 5 || math.IsNaN(r.Score) || math.Abs(r.Score*10-math.Round(r.Score*10)) > 1e-9 {
			t.Fatalf("Score(%s, %q) = %v, want 1 ≤ score ≤ 5 with one decimal", id, answer, r.Score)
		}
		if len(r.Criteria) > 0 && strings.HasPrefix(r.Criteria[0].Evidence, errScorerFailed.Error()) {
			t.Fatalf("Score(%s, %q): %s", id, answer, r.Criteria[0].Evidence)
		}
		if len(r.Criteria) != len(Criteria(id)) {
			t.Fatalf("Score(%s, %q) has %d criteria, want %d", id, answer, len(r.Criteria), len(Criteria(id)))
		}
		for _, c := range r.Criteria {
			if c.Fraction < 0 || c.Fraction > 1 || math.IsNaN(c.Fraction) {
				t.Fatalf("Score(%s, %q): %s fraction %v out of [0, 1]", id, answer, c.Name, c.Fraction)
			}
		}
	})
}
