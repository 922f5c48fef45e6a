package vlrubric

import (
	"fmt"

	"github.com/vlbench/vlbench/fixtures"
)

// canonical is question id's canonical ground truth (variant 0) from its generator, the
// same truth a live run scores against, never a hand-typed copy.
func canonical(id string) fixtures.Truth { return variantTruth(id, 0) }

// variantTruth is the generator's ground truth of question id's variant v.
func variantTruth(id string, v int) fixtures.Truth {
	q, ok := fixtures.Lookup(id)
	if !ok {
		panic(fmt.Sprintf("no question %s", id))
	}
	img, err := q.Generate(v)
	if err != nil {
		panic(err)
	}
	return img.Truth
}
