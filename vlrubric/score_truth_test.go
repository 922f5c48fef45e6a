package vlrubric

import (
	"fmt"
	"sync"

	"github.com/vlbench/vlbench/fixtures"
)

// canonical is question id's canonical ground truth (variant 0) from its generator, the
// same truth a live run scores against, never a hand-typed copy. Each call draws it
// anew, so a test may change its copy.
func canonical(id string) fixtures.Truth { return drawTruth(id, 0) }

var truthCache sync.Map // "id/v" → fixtures.Truth

// variantTruth is the generator's ground truth of question id's variant v, drawn once
// and shared: read it, never change it.
func variantTruth(id string, v int) fixtures.Truth {
	key := fmt.Sprintf("%s/%d", id, v)
	if t, ok := truthCache.Load(key); ok {
		return t.(fixtures.Truth)
	}
	t := drawTruth(id, v)
	truthCache.Store(key, t)
	return t
}

func drawTruth(id string, v int) fixtures.Truth {
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
