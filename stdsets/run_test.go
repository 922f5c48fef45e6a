package stdsets

import (
	stdcmp "cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/modroot"
	"github.com/vlbench/vlbench/internal/results"
)

// TestSet runs one standard set (-set, -data) on the model under test: one subtest per
// sample that logs the prompt, the expected and the given answer and its score; then the
// headline metric with its 95% interval and its parts, measured against the published
// figure where the model's name matches one. With -min the metric is an assertion.
func TestSet(t *testing.T) {
	if *flagSet == "" && *flagData == "" {
		t.Skip("no -set/-data: `go test ./stdsets -set docvqa -data PATH`; the end-to-end test runs the tiny sets")
	}
	if *flagSet == "" || *flagData == "" {
		t.Fatalf("-set and -data go together (-set %q -data %q)", *flagSet, *flagData)
	}
	set, err := Lookup(*flagSet)
	if err != nil {
		t.Fatal(err)
	}
	if *flagSplit != "" {
		set.Split = *flagSplit
	}
	var seed *int
	if *flagSeed >= 0 {
		seed = flagSeed
	}
	o := runOptions{set: set, data: *flagData, images: *flagImages, videos: *flagVideos, limit: *flagLimit,
		shuffle: *flagShuffle, min: *flagMin, results: *flagResults, record: *flagRecord, replay: *flagReplay,
		cache: *flagCache, judge: *flagJudge,
		ask: AskOptions{Options: Options{Frames: *flagFrames, Subtitles: *flagSubtitles, Coords: Coords(*flagCoords)},
			Temperature: *flagTemperature, Seed: seed, MaxTokens: *flagMaxTokens, FrameSide: *flagFrameSide}}
	runSet(t, o)
}

// runOptions are TestSet's flags, so that other tests can run a set their own way.
type runOptions struct {
	set                                           Set
	data, images, videos, results, record, replay string
	cache, judge                                  string
	limit                                         int
	shuffle                                       int64
	min                                           float64
	ask                                           AskOptions
	wrap                                          func(ChatFunc) ChatFunc // tests: count requests
	checkReplay                                   bool                    // score a replay of the recorded answers too
}

// runStats is what a run did, for the tests' assertions.
type runStats struct {
	asked, cached int
	scored        []Scored
	answers       []Answer
}

func runSet(t *testing.T, o runOptions) (*results.Run, runStats) {
	t.Helper()
	var st runStats
	samples, err := o.set.Load(o.data, o.images, o.videos)
	if err != nil {
		t.Fatal(err)
	}
	samples = Select(samples, o.limit, o.shuffle)
	synthetic := suite.Flags.Model == "" && suite.Flags.Endpoint == ""
	if o.ask.MaxTokens == 0 {
		o.ask.MaxTokens = o.set.MaxTokens
		if synthetic {
			o.ask.MaxTokens = 64 // the synthetic model's random weights never emit EOS
		}
	}
	o.ask.Coords = stdcmp.Or(o.ask.Coords, CoordsAuto)
	switch o.ask.Coords {
	case CoordsAuto, CoordsPixel, Coords1000:
	default:
		t.Fatalf("-coords %q: want auto, pixel or 1000", o.ask.Coords)
	}
	run := &results.Run{Suite: o.set.Name, Config: "baseline", Started: time.Now().UTC(),
		Settings: results.Settings{Temperature: o.ask.Temperature, Seed: o.ask.Seed, MaxTokens: o.ask.MaxTokens,
			Replayed: o.replay, Judge: o.judge}}
	if o.set.Name == "videomme" {
		run.Config = fmt.Sprintf("frames%d", max(o.ask.Frames, 1))
		if o.ask.Subtitles {
			run.Config += "-subs"
		}
	}
	if o.judge != "" {
		j := harness.NewClient(o.judge, os.Getenv("VLBENCH_JUDGE_API_KEY"))
		if *flagJudgeModel != "" {
			j.Model = *flagJudgeModel
		}
		o.ask.Extract = Judge(j)
	}

	var answers []Answer
	live := o.replay == ""
	if live {
		answers, st = ask(t, run, samples, o)
	} else {
		if answers, err = Replay(o.replay, samples); err != nil {
			t.Fatal(err)
		}
		if suite.Flags.Model != "" {
			run.Model = results.ModelFromFiles(suite.Flags.Model, suite.Flags.MMProj, "")
		}
		run.Model.Name = stdcmp.Or(suite.Flags.Name, run.Model.Name, "replay")
	}
	st.answers = answers

	st.scored = scoreAll(t, o.set, samples, answers, run, o.ask.Options)
	run.Finished = time.Now().UTC()
	sum := Summarize(o.set, st.scored)
	run.Metric = &results.Metric{Name: sum.Metric, Value: sum.Value, Low: sum.CI.Lo, High: sum.CI.Hi, N: sum.N,
		Parts: sum.Parts}
	t.Logf("%s on %s:\n%s", o.set.Title, run.Model.Name, sum)
	pub, hasPub := PublishedFor(o.set.Name, run.Model.Name)
	if hasPub {
		t.Logf("measured %.4g against published %.4g for %s (%s)", sum.Value, pub.Score, pub.Model, pub.Source)
		run.Metric.Parts["published"] = pub.Score
	}
	if o.min >= 0 && sum.Value < o.min {
		t.Errorf("%s %s = %.4g is below -min %.4g (95%% CI [%.4g, %.4g], n=%d)", o.set.Name, sum.Metric, sum.Value,
			o.min, sum.CI.Lo, sum.CI.Hi, sum.N)
	}
	if o.results != "" {
		if err := results.WriteRun(filepath.Join(o.results, "results.json"), run); err != nil {
			t.Error(err)
		}
		md := markdown(o.set, run, sum, pub, hasPub)
		if err := results.WriteFile(filepath.Join(o.results, "results.md"), []byte(md)); err != nil {
			t.Error(err)
		}
	}
	if live {
		dir := o.record
		if dir == "" && o.checkReplay {
			dir = t.TempDir()
		}
		if dir != "" {
			if err := Record(dir, samples, answers); err != nil {
				t.Fatal(err)
			}
		}
		if o.checkReplay {
			again, err := Replay(dir, samples)
			if err != nil {
				t.Fatal(err)
			}
			var rescored []Scored
			for i, s := range samples {
				if again[i].Missing || again[i].Err != nil || answers[i].Err != nil {
					continue
				}
				rescored = append(rescored, o.set.Score(t.Context(), s, again[i].Text, o.ask.Options))
			}
			if diff := cmp.Diff(st.scored, rescored); diff != "" {
				t.Errorf("replay of %s mismatch (-live +replay):\n%s", dir, diff)
			}
		}
	}
	return run, st
}

// ask runs the model under test (the shared baseline server, or -endpoint) with the
// answer cache.
func ask(t *testing.T, run *results.Run, samples []Sample, o runOptions) ([]Answer, runStats) {
	t.Helper()
	cfg := suite.Base(t)
	client := suite.Client(t, cfg)
	identity := ModelIdentity(cfg.Model, cfg.MMProj, "", "")
	if suite.Flags.Endpoint != "" {
		run.Server.Endpoint = suite.Flags.Endpoint
		identity = ModelIdentity(suite.Flags.Model, suite.Flags.MMProj, suite.Flags.Endpoint, suite.Flags.EndpointModel)
		if suite.Flags.Model != "" {
			run.Model = results.ModelFromFiles(suite.Flags.Model, suite.Flags.MMProj, "")
		}
		run.Model.Name = suite.ModelName(suite.Flags.Model)
	} else {
		srv := suite.Server(t, cfg)
		run.Model = results.ModelOf(srv.Headers.Model, srv.Headers.MMProj, nil) // read by the start
		run.Model.Name = suite.ModelName(cfg.Model)
		run.Server = results.Server{Build: srv.Caps.Version, LoadSeconds: srv.LoadTime.Seconds(), RPC: srv.Config.RPC}
		o.ask.Server = ServerKey(srv.Caps.Version, srv.Config.Context, srv.Config.ExtraArgs)
		if args, err := srv.Config.Args(srv.Caps, srv.Port); err == nil { // local workers' addresses included
			run.Server.Args = args
		}
		defer func() { run.Server.PeakRSS = srv.Memory().Peak }()
	}
	switch o.cache {
	case "off":
	case "":
		root, err := modroot.Build("stdsets-cache")
		if err != nil {
			t.Fatal(err)
		}
		o.ask.Cache = &Cache{Dir: results.CacheDir(root, identity, o.set.Name)}
	default:
		o.ask.Cache = &Cache{Dir: o.cache}
	}
	o.ask.Parallel = suite.Flags.Parallel
	chat := ChatFunc(client.Chat)
	if o.wrap != nil {
		chat = o.wrap(chat)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 12*time.Hour)
	defer cancel()
	start := time.Now()
	answers, asked := o.set.AskAll(ctx, chat, samples, o.ask)
	st := runStats{asked: asked}
	for _, a := range answers {
		if a.Cached {
			st.cached++
		}
	}
	dir := ""
	if o.ask.Cache != nil {
		dir = " (cache " + o.ask.Cache.Dir + ")"
	}
	t.Logf("asked %d, %d from the cache%s, in %v (%d at a time)", asked, st.cached, dir,
		time.Since(start).Round(time.Millisecond), o.ask.Parallel)
	return answers, st
}

// scoreAll scores each answer in its own subtest and records it in run.
func scoreAll(t *testing.T, s Set, samples []Sample, answers []Answer, run *results.Run, o Options) []Scored {
	var out []Scored
	for i, smp := range samples {
		a := answers[i]
		t.Run(smp.ID, func(t *testing.T) {
			ra := results.Answer{ID: smp.ID, Prompt: a.Prompt, Expected: smp.Expected(), Answer: a.Text, Missing: a.Missing}
			if ra.Prompt == "" {
				ra.Prompt = s.Prompt(smp, "")
			}
			defer func() { run.Answers = append(run.Answers, ra) }()
			switch {
			case a.Missing:
				t.Errorf("no answer file %s: missing, not scored", results.SafeName(smp.ID, ".txt"))
				return
			case a.Err != nil:
				ra.Error = a.Err.Error()
				t.Errorf("asking %s: %v", smp.ID, a.Err)
				return
			}
			sc := s.Score(t.Context(), smp, a.Text, o)
			out = append(out, sc)
			ra.Final, ra.Score = sc.Parsed, sc.Value
			ev := sc.Evidence
			if sc.Unparsed {
				ev = strings.TrimSpace("unparsed " + ev)
			}
			ra.Criteria = []results.Criterion{{Name: s.Metric, Weight: 1, Fraction: sc.Value, Evidence: ev}}
			if r := a.Response; r != nil {
				ra.PromptTokens, ra.CompletionTokens = r.Usage.PromptTokens, r.Usage.CompletionTokens
				ra.TTFTms, ra.E2Ems = float64(r.TTFT.Microseconds())/1000, float64(r.E2E.Microseconds())/1000
				if tm := r.Timings; tm != nil {
					ra.Timings = &results.Timings{PromptN: tm.PromptN, PromptMS: tm.PromptMS, PredictedN: tm.PredictedN,
						PredictedMS: tm.PredictedMS, PredictedPerSecond: tm.PredictedPerSecond}
				}
			}
			t.Logf("expected: %s\nanswer: %s\nparsed: %s  score: %g %s", smp.Expected(), oneLine(a.Text, 300),
				sc.Parsed, sc.Value, ev)
		})
	}
	return out
}

// markdown is results.md: the headline against the published figure, then the parts.
func markdown(s Set, run *results.Run, sum Summary, pub Published, hasPub bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n| Model | Quant | %s | 95%% CI | n | Published | Source |\n|---|---|---|---|---|---|---|\n",
		s.Title, run.Model.Name, sum.Metric)
	p, src := "–", "–"
	if hasPub {
		p, src = fmt.Sprintf("%.4g", pub.Score), pub.Source
	}
	fmt.Fprintf(&b, "| %s | %s | %.4g | [%.4g, %.4g] %s | %d | %s | %s |\n\n", run.Model.Name,
		stdcmp.Or(run.Model.Quantization, "–"), sum.Value, sum.CI.Lo, sum.CI.Hi, sum.CI.Method, sum.N, p, src)
	b.WriteString("```\n" + sum.String() + "\n```\n")
	return b.String()
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
