package stdsets

import (
	"context"
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
)

// TestTinySetsLoad writes each kind's 5-sample set in both layouts and checks that both
// load to the same samples (ids, questions, truths, images).
func TestTinySetsLoad(t *testing.T) {
	for _, set := range Sets() {
		t.Run(set.Name, func(t *testing.T) {
			dir := t.TempDir()
			if set.Name == "videomme" {
				writeTinyVideos(t, dir)
			}
			pq, err := set.Load(writeTinySet(t, filepath.Join(dir, "pq"), set.Name, "parquet"), "", filepath.Join(dir, "data"))
			if err != nil {
				t.Fatal(err)
			}
			jl, err := set.Load(writeTinySet(t, filepath.Join(dir, "jl"), set.Name, "jsonl"), "", filepath.Join(dir, "data"))
			if err != nil {
				t.Fatal(err)
			}
			if len(pq) != 5 {
				t.Errorf("parquet: %d samples, want 5", len(pq))
			}
			if diff := cmp.Diff(comparable(pq), comparable(jl), cmp.Comparer(func(a, b float64) bool {
				return a-b < 1e-9 && b-a < 1e-9
			})); diff != "" {
				t.Errorf("parquet and JSONL layouts differ (-parquet +jsonl):\n%s", diff)
			}
		})
	}
}

// comparable replaces images by their hashes (and sorts MMMU's per-subject files back
// into one order) for diffs.
func comparable(ss []Sample) []Sample {
	out := make([]Sample, len(ss))
	for i, s := range ss {
		var hs [][]byte
		for _, im := range s.Images {
			h := sha256.Sum256(im)
			hs = append(hs, h[:8])
		}
		s.Images = hs
		out[i] = s
	}
	sortByID(out)
	return out
}

func sortByID(ss []Sample) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j].ID < ss[j-1].ID; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// TestEndToEnd runs every kind's 5-sample set on the model under test (the synthetic one
// by default, on the real llama-server), the layouts taking turns (TestTinySetsLoad
// checks that both load to the same samples, so one live run per set keeps the package
// fast). The model's weights are random, so the test asserts the machinery: every
// sample answered, the metric computed and in range, results written and readable, a
// second run answered wholly from the cache (no request sent), and a replay of the
// recorded answers scoring as the live run. Answers are cut at 8 tokens: the random
// weights never stop, and on a busy 2-core machine decoding is most of the time (a
// token can take 250 ms there, against 3 ms idle).
func TestEndToEnd(t *testing.T) {
	if *flagSet != "" || *flagData != "" {
		t.Skip("-set/-data given: TestSet runs that set")
	}
	harness.SkipShort(t, "the end-to-end run needs llama-server")
	suite.Tools(t) // skip (or fail in CI) early when there is no llama-server
	for i, set := range Sets() {
		layout := []string{"parquet", "jsonl"}[i%2]
		t.Run(set.Name+"/"+layout, func(t *testing.T) {
			dir := t.TempDir()
			videos := ""
			if set.Name == "videomme" {
				writeTinyVideos(t, dir)
				videos = filepath.Join(dir, "data")
			}
			data := writeTinySet(t, filepath.Join(dir, "set"), set.Name, layout)
			var requests atomic.Int64
			count := func(next ChatFunc) ChatFunc {
				return func(ctx context.Context, req harness.ChatRequest) (*harness.ChatResponse, error) {
					requests.Add(1)
					return next(ctx, req)
				}
			}
			o := runOptions{set: set, data: data, videos: videos, shuffle: -1, min: -1,
				results: filepath.Join(dir, "results"), cache: filepath.Join(dir, "cache"), wrap: count,
				checkReplay: true, ask: AskOptions{Options: Options{Frames: 4, Subtitles: true}, MaxTokens: 8,
					FrameSide: 160}}
			run, st := runSet(t, o)
			if t.Failed() {
				return
			}
			if got := requests.Load(); got != 5 || st.asked != 5 {
				t.Errorf("first run: %d requests (AskAll counted %d), want 5", got, st.asked)
			}
			checkRun(t, set, run, filepath.Join(dir, "results", "results.json"))

			// Resume: the same run again asks nothing, and answers the same.
			requests.Store(0)
			o.results, o.checkReplay = "", false
			_, again := runSet(t, o)
			if got := requests.Load(); got != 0 || again.cached != 5 {
				t.Errorf("second run: %d requests, %d from the cache; want 0 and 5", got, again.cached)
			}
			if diff := cmp.Diff(texts(st.answers), texts(again.answers)); diff != "" {
				t.Errorf("cached answers differ (-first +second):\n%s", diff)
			}
			if diff := cmp.Diff(st.scored, again.scored); diff != "" {
				t.Errorf("cached scores differ (-first +second):\n%s", diff)
			}
		})
	}
}

func texts(as []Answer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Text)
	}
	return out
}

// checkRun asserts a live run's results: every sample answered with tokens, the
// metric in the set's range, results.json written and read back equal.
func checkRun(t *testing.T, set Set, run *results.Run, path string) {
	t.Helper()
	if len(run.Answers) != 5 {
		t.Fatalf("%d answers recorded, want 5", len(run.Answers))
	}
	for _, a := range run.Answers {
		if a.Error != "" || a.Missing {
			t.Errorf("%s: not answered: %s", a.ID, a.Error)
		}
		if a.Answer == "" && a.CompletionTokens == 0 {
			t.Errorf("%s: no tokens generated", a.ID)
		}
		if a.Score < 0 || a.Score > 1 {
			t.Errorf("%s: score %v outside [0, 1]", a.ID, a.Score)
		}
	}
	m := run.Metric
	if m == nil || m.N != 5 || m.Value < 0 || m.Value > set.Scale || m.Low > m.Value || m.High < m.Value {
		t.Errorf("metric %+v: want n=5 and low ≤ value ≤ high within [0, %v]", m, set.Scale)
	}
	back, err := results.ReadRun(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Suite != set.Name || back.Metric == nil || back.Metric.Value != m.Value || len(back.Answers) != 5 {
		t.Errorf("results.json read back: suite %q metric %+v answers %d", back.Suite, back.Metric, len(back.Answers))
	}
	t.Log(fmt.Sprintf("%s: %s = %.3g [%.3g, %.3g]", set.Name, m.Name, m.Value, m.Low, m.High))
}
