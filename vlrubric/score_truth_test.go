package vlrubric

import (
	"fmt"
	"sync"

	"github.com/vlbench/vlbench/fixtures"
)

// canonical is question id's canonical ground truth (variant 0) from its generator, the
// same truth a live run scores against, never a hand-typed copy.
func canonical(id string) fixtures.Truth { return variantTruth(id, 0) }

var truthCache sync.Map // "id/v" → fixtures.Truth

// variantTruth is the generator's ground truth of question id's variant v.
func variantTruth(id string, v int) fixtures.Truth {
	key := fmt.Sprintf("%s/%d", id, v)
	if t, ok := truthCache.Load(key); ok {
		return t.(fixtures.Truth)
	}
	q, ok := fixtures.Lookup(id)
	if !ok {
		panic(fmt.Sprintf("no question %s", id))
	}
	img, err := q.Generate(v)
	if err != nil {
		panic(err)
	}
	truthCache.Store(key, img.Truth)
	return img.Truth
}
