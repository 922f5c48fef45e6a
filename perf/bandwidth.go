package perf

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Bandwidth is the machine's memory bandwidth as a large copy measures it.
type Bandwidth struct {
	Threads int
	Bytes   int       // size of the buffer copied per pass
	Passes  []float64 // GB/s of each timed pass, in order
}

// Best is the fastest pass: the figure the roofline divides by, since slower passes are
// other work on the machine, not the memory.
func (b Bandwidth) Best() float64 { return slices.Max(b.Passes) }

// Worst is the slowest pass: Best and Worst together are the spread.
func (b Bandwidth) Worst() float64 { return slices.Min(b.Passes) }

func (b Bandwidth) String() string {
	return fmt.Sprintf("memmove %d MiB × %d threads: best %.1f GB/s, worst %.1f GB/s over %d passes",
		b.Bytes>>20, b.Threads, b.Best(), b.Worst(), len(b.Passes))
}

// MeasureBandwidth copies a buffer of size bytes into another, split between threads
// goroutines (each its own contiguous part, as llama.cpp's threads split a matrix), passes
// times after one untimed pass that faults the pages in. A pass moves 2×size bytes (every
// byte is read once and written once, the STREAM "copy" convention), so GB/s is
// 2×size / time / 1e9. It takes well under a second for 256 MiB.
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
	bw := Bandwidth{Threads: threads, Bytes: size}
	for range passes {
		d := pass()
		bw.Passes = append(bw.Passes, 2*float64(size)/d.Seconds()/1e9)
	}
	return bw
}
