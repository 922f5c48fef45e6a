package gguf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// layerOf is the layer of a tensor named blk.N.…
func layerOf(name string) (uint64, bool) {
	rest, ok := strings.CutPrefix(name, "blk.")
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, ".")
	if !ok {
		return 0, false
	}
	l, err := strconv.ParseUint(n, 10, 64)
	return l, err == nil
}

// Split is a memory estimate divided between llama-server (the host) and the llama.cpp
// RPC workers it puts layers on, in bytes.
type Split struct {
	Host    uint64
	Workers []uint64 // in --rpc order
	Layers  []int    // repeating layers on each worker
	Output  int      // the worker that holds the output layer
}

// Total is the whole split's memory.
func (s Split) Total() uint64 {
	t := s.Host
	for _, w := range s.Workers {
		t += w
	}
	return t
}

// String is "host 120 MiB, workers 310 + 290 MiB (layers 8 + 8)".
func (s Split) String() string {
	w := make([]string, len(s.Workers))
	l := make([]string, len(s.Layers))
	for i := range s.Workers {
		w[i] = fmt.Sprintf("%.0f", mib(s.Workers[i]))
		l[i] = strconv.Itoa(s.Layers[i])
	}
	return fmt.Sprintf("host %.0f MiB, workers %s MiB (layers %s)", mib(s.Host), strings.Join(w, " + "), strings.Join(l, " + "))
}

// SplitMemory divides m, EstimateMemory's estimate for model, between the host and
// workers RPC workers as llama.cpp assigns a model to devices when they take every layer
// (-ngl all, split mode layer; llama-model.cpp load_tensors):
//
//  1. The proportions are tensorSplit (-ts) when it has one entry per worker, else equal
//     (llama.cpp splits by each device's free memory; workers alike in memory get equal
//     shares). Their running sums, normalised, are the bounds.
//  2. Layer i of n goes to the first worker whose bound exceeds i/(n+1); the output layer
//     counts as layer n. The input layer (token_embd) stays on the host.
//  3. A worker holds its layers' weights (copied in, not mapped: no repacked copy), their
//     share of the KV cache, a compute buffer when it has a layer, and its own runtime.
//  4. The host keeps the runtime, its compute buffer, the projector with its warm-up and
//     the draft.
//
// With workers ≤ 0 the host holds all of m. llama-server's --fit may move layers back to
// the host when a worker reports too little memory; that is not modelled.
func SplitMemory(model Facts, m Memory, workers int, tensorSplit []float64) Split {
	if workers <= 0 || model.BlockCount == 0 {
		return Split{Host: m.Total()}
	}
	props := make([]float64, workers)
	sum := 0.0
	for i := range props {
		props[i] = 1
		if len(tensorSplit) == workers && tensorSplit[i] >= 0 {
			props[i] = tensorSplit[i]
		}
		sum += props[i]
	}
	if sum == 0 {
		for i := range props {
			props[i] = 1
		}
		sum = float64(workers)
	}
	bounds := make([]float64, workers)
	acc := 0.0
	for i, p := range props {
		acc += p / sum
		bounds[i] = acc
	}
	n := int(model.BlockCount)
	device := func(il int) int {
		x := float64(il) / float64(n+1)
		d := sort.Search(workers, func(i int) bool { return bounds[i] > x }) // upper_bound
		return min(d, workers-1)
	}
	s := Split{Workers: make([]uint64, workers), Layers: make([]int, workers)}
	kvPerLayer := m.KV / model.BlockCount
	var layerSum uint64
	for il := range n {
		d := device(il)
		var w uint64
		if il < len(model.LayerBytes) {
			w = model.LayerBytes[il]
		}
		layerSum += w
		s.Workers[d] += w + kvPerLayer
		s.Layers[d]++
	}
	s.Output = device(n)
	s.Workers[s.Output] += model.OutputBytes
	for i := range s.Workers {
		s.Workers[i] += RuntimeBytes
		if s.Layers[i] > 0 {
			s.Workers[i] += m.Compute
		}
	}
	// The host: what is not on a layer or the output, as the estimate counts it resident.
	input := model.WeightBytes - min(model.WeightBytes, layerSum+model.OutputBytes)
	input -= min(input, model.UntiedEmbdBytes)
	s.Host = m.Runtime + input + m.Compute + m.Projector + m.ProjectorCompute + m.Draft
	return s
}
