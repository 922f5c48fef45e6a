package report

import (
	"fmt"
	"time"

	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/vlrubric"
)

// fakeRun is a rubric run of model in config whose every question scored its tier's
// score (t1, t2, t3; a score applies to all questions of the tier).
func fakeRun(model, config string, t1, t2, t3 float64, opts ...func(*results.Run)) *Run {
	r := &results.Run{Schema: results.Schema, Suite: "vlrubric", Config: config,
		Model:    results.Model{Name: model, Quantization: "Q4_K_M", Architecture: "qwen2vl"},
		Finished: time.Date(2025, 12, 16, 12, 0, 0, 0, time.UTC)}
	for _, id := range vlrubric.IDs() {
		s := map[int]float64{1: t1, 2: t2, 3: t3}[vlrubric.Tier(id)]
		r.Answers = append(r.Answers, results.Answer{ID: id, Tier: vlrubric.Tier(id), Score: s})
	}
	for _, o := range opts {
		o(r)
	}
	return &Run{Path: fmt.Sprintf("%s/%s/results.json", model, config), Run: r}
}

func withRSS(gb float64) func(*results.Run) {
	return func(r *results.Run) { r.Server.PeakRSS = int64(gb * 1e9) }
}

func withSpeed(tokps float64) func(*results.Run) {
	return func(r *results.Run) {
		for i := range r.Answers {
			r.Answers[i].Timings = &results.Timings{PredictedPerSecond: tokps}
		}
	}
}

// fakeBench is a bench file of model with ten Generate samples per config around the
// given speed (±1%) and a peak memory in GB.
func fakeBench(path, model string, configs map[string][2]float64) *Bench {
	b := &Bench{Path: path, Model: model, ModelFrom: "config", Samples: map[SampleKey][]float64{}, Better: map[string]int{}}
	for c, v := range configs {
		for i := range 10 {
			b.Samples[SampleKey{Bench: "Generate", Config: c, Unit: "tok/s"}] = append(b.Samples[SampleKey{Bench: "Generate", Config: c, Unit: "tok/s"}], v[0]*(1+0.01*float64(i%5-2)/2))
		}
		if v[1] > 0 {
			b.Samples[SampleKey{Bench: "Memory", Config: c, Unit: "peak-MiB"}] = []float64{v[1] * 1e9 / (1 << 20)}
		}
	}
	return b
}

func writeRun(path string, r *Run) error { return results.WriteRun(path, r.Run) }
