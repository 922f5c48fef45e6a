package perf

import (
	"fmt"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// Bandwidth is the machine's memory bandwidth as a large read or copy measures it.
type Bandwidth struct {
	Kind    string // "read" (what decoding does to the weights) or "copy"
	Threads int
	Bytes   int       // size of the buffer per pass
	Passes  []float64 // GB/s of each timed pass, in order
}

// Best is the fastest pass: the figure the roofline divides by, since slower passes are
// other work on the machine, not the memory.
func (b Bandwidth) Best() float64 { return slices.Max(b.Passes) }

// Worst is the slowest pass: Best and Worst together are the spread.
func (b Bandwidth) Worst() float64 { return slices.Min(b.Passes) }

func (b Bandwidth) String() string {
	return fmt.Sprintf("%s %d MiB × %d threads: best %.1f GB/s, worst %.1f GB/s over %d passes",
		b.Kind, b.Bytes>>20, b.Threads, b.Best(), b.Worst(), len(b.Passes))
}

// MeasureReadBandwidth reads a buffer of size bytes (make it larger than the caches),
// split between threads goroutines (each its own contiguous part, as llama.cpp's threads
// split a weight matrix), passes times after one untimed pass that faults the pages in.
// A pass reads every byte once and writes nothing, as a decoded token reads the weights,
// so GB/s is size / time / 1e9: the roofline of decoding.
func MeasureReadBandwidth(size, threads, passes int) Bandwidth {
	threads, passes = max(threads, 1), max(passes, 1)
	words := make([]uint64, max(size/8, threads))
	for i := range words {
		words[i] = uint64(i)
	}
	size = len(words) * 8
	chunk := (len(words) + threads - 1) / threads
	sums := make([]uint64, threads*8) // one cache line per thread: no false sharing
	pass := func() time.Duration {
		var wg sync.WaitGroup
		start := time.Now()
		for t := range threads {
			lo, hi := min(t*chunk, len(words)), min((t+1)*chunk, len(words))
			wg.Go(func() { sums[t*8] += sumWords(words[lo:hi]) })
		}
		wg.Wait()
		return time.Since(start)
	}
	pass()
	bw := Bandwidth{Kind: "read", Threads: threads, Bytes: size}
	for range passes {
		bw.Passes = append(bw.Passes, float64(size)/pass().Seconds()/1e9)
	}
	sink = sums[0] // keep the sums, and so the reads, alive
	return bw
}

var sink uint64

// sumWords adds the words with 8 independent accumulators, so that the loop is bound by
// the loads rather than by one chain of additions.
func sumWords(w []uint64) uint64 {
	var s0, s1, s2, s3, s4, s5, s6, s7 uint64
	i := 0
	for ; i+8 <= len(w); i += 8 {
		v := (*[8]uint64)(unsafe.Pointer(&w[i]))
		s0 += v[0]
		s1 += v[1]
		s2 += v[2]
		s3 += v[3]
		s4 += v[4]
		s5 += v[5]
		s6 += v[6]
		s7 += v[7]
	}
	for ; i < len(w); i++ {
		s0 += w[i]
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}

// MeasureBandwidth copies a buffer of size bytes into another, split between threads
// goroutines, passes times after one untimed pass that faults the pages in. A pass moves
// 2×size bytes (every byte is read once and written once, the STREAM "copy" convention),
// so GB/s is 2×size / time / 1e9. It is not decoding's roofline (decoding only reads the
// weights: MeasureReadBandwidth); BenchmarkBandwidth reports it beside the read figure.
// It takes well under a second for 256 MiB.
func MeasureBandwidth(size, threads, passes int) Bandwidth {
	threads = max(threads, 1)
	passes = max(passes, 1)
	src, dst := make([]byte, size), make([]byte, size)
	for i := range src {
		src[i] = byte(i)
	}
	chunk := (size + threads - 1) / threads
	pass := func() time.Duration {
		var wg sync.WaitGroup
		start := time.Now()
		for t := range threads {
			lo, hi := min(t*chunk, size), min((t+1)*chunk, size)
			wg.Go(func() { copy(dst[lo:hi], src[lo:hi]) })
		}
		wg.Wait()
		return time.Since(start)
	}
	pass() // fault in dst's pages
	bw := Bandwidth{Kind: "copy", Threads: threads, Bytes: size}
	for range passes {
		d := pass()
		bw.Passes = append(bw.Passes, 2*float64(size)/d.Seconds()/1e9)
	}
	return bw
}
