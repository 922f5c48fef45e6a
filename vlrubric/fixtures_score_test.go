package vlrubric

import (
	"testing"

	"github.com/vlbench/vlbench/fixtures"
)

// Scorers against the generators' own ground truth (not hand-built truths): keyword
// groups made by the generators must be neither too loose nor too strict.
func TestScoreOnFixtureTruth(t *testing.T) {
	q, _ := fixtures.Lookup("VL-T3-Q3")
	img, err := q.Generate(0)
	if err != nil {
		t.Fatal(err)
	}
	find := func(answer string) float64 {
		r := Score(img.Truth, answer)
		for _, c := range r.Criteria {
			if c.Name == "finds all differences" {
				t.Logf("%q: %.2f (%s)", answer, c.Fraction, c.Evidence)
				return c.Fraction
			}
		}
		t.Fatalf("no 'finds all differences' criterion in %+v", r)
		return 0
	}
	full := find("1. The sun is missing on the right. 2. The door is brown on the left and red on the right. 3. The left house has two windows, the right one has only one.")
	vague := find("1. The sun is missing on the right. 2. The door is brown on the left and red on the right. 3. The windows look different.")
	if full != 1 {
		t.Errorf("all three named: fraction %.2f, want 1", full)
	}
	if vague >= full {
		t.Errorf("naming the windows without their number earned %.2f, as much as the full answer", vague)
	}
}
