package synth

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// normals fills tensors with deterministic N(0,1)·scale values. Each tensor
// draws from its own stream, keyed by seed and name, so values do not
// depend on the order tensors are made in. Box–Muller on PCG keeps the
// sequence fixed across Go releases.
type normals struct{ seed uint64 }

func (n normals) stream(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(n.seed, h.Sum64()))
}

// fill returns a generator for gguf.File.AddTensorFunc.
func (n normals) fill(name string, scale float64) func([]float32) {
	r := n.stream(name)
	var spare float64
	var have bool
	return func(c []float32) {
		for i := range c {
			if have {
				c[i] = float32(spare * scale)
				have = false
				continue
			}
			u1 := 1 - r.Float64() // (0, 1]
			u2 := r.Float64()
			m := math.Sqrt(-2 * math.Log(u1))
			c[i] = float32(m * math.Cos(2*math.Pi*u2) * scale)
			spare, have = m*math.Sin(2*math.Pi*u2), true
		}
	}
}

// make returns count values.
func (n normals) make(name string, count uint64, scale float64) []float32 {
	d := make([]float32, count)
	n.fill(name, scale)(d)
	return d
}
