package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/vlrubric"
)

// ModelKey identifies a model across results folders and bench files: its name without
// the quantization suffix, and the quantization.
type ModelKey struct {
	Name, Quant string
}

func (k ModelKey) String() string {
	if k.Quant == "" {
		return k.Name
	}
	return k.Name + " " + k.Quant
}

// Entry is one model in one configuration: its rubric run (if any) and its benchmark
// samples (if any).
type Entry struct {
	Model  ModelKey
	Config string
	Run    *Run              // nil when only benchmarks were run
	Sum    *vlrubric.Summary // the rubric summary of Run
	// Samples are this config's series from the model's bench file (unit → values):
	// Generate, Memory, ColdLoad, Prompt, Image.
	Samples map[SampleKey][]float64
	Bench   *Bench
}

// Model is everything known about one model.
type Model struct {
	Key         ModelKey
	Size        int64 // file size in bytes, 0 when unknown
	ExpertCount uint64
	Arch        string
	Entries     []*Entry // baseline first, then by config name
}

// Report is the joined input: models with their entries, in a fixed order, and the
// standard sets' runs (results.json files of a suite other than the rubric).
type Report struct {
	Models []*Model
	Sets   []*SetRun
	Notes  []string
	// Criteria are the decision criteria beside the rubric gates; nil means
	// DefaultCriteria.
	Criteria []Criterion
}

// SetRun is one standard set's run of one model in one configuration.
type SetRun struct {
	Model  ModelKey
	Config string
	Set    string // the results' Suite: "docvqa", "mmmu", …
	*Run
}

// Join joins runs and bench files by model and config. A bench file whose quant is
// unknown joins the model's only quant. When two runs share a model and config, the
// one finished last wins; when two bench files share one, the last file (by path, so
// by date for bench-<model>-<date>.txt) wins series by series.
func Join(s *Set) *Report {
	rep := &Report{Notes: append([]string(nil), s.Notes...)}
	models := map[ModelKey]*Model{}
	entry := func(k ModelKey, config string) *Entry {
		m := models[k]
		if m == nil {
			m = &Model{Key: k}
			models[k] = m
		}
		for _, e := range m.Entries {
			if e.Config == config {
				return e
			}
		}
		e := &Entry{Model: k, Config: config, Samples: map[SampleKey][]float64{}}
		m.Entries = append(m.Entries, e)
		return e
	}
	quants := map[string][]string{} // lower name → quants seen in runs
	sets := map[string]*SetRun{}
	for _, r := range s.Runs {
		name, q := SplitQuant(r.Model.Name)
		if r.Model.Quantization != "" {
			q = r.Model.Quantization
		}
		if r.Suite != "" && r.Suite != "vlrubric" {
			sr := &SetRun{Model: ModelKey{name, q}, Config: cmpOr(r.Config, "baseline"), Set: r.Suite, Run: r}
			key := sr.Model.String() + "|" + sr.Config + "|" + sr.Set
			if old := sets[key]; old != nil && old.Finished.After(r.Finished) {
				continue
			}
			sets[key] = sr
			continue
		}
		k := ModelKey{name, q}
		config := r.Config
		if config == "" {
			config = "baseline"
		}
		e := entry(k, config)
		if e.Run != nil {
			older, newer := e.Run, r
			if r.Finished.Before(e.Run.Finished) {
				older, newer = r, e.Run
			}
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s %s: two runs; %s is used, %s is not", k, config, newer.Path, older.Path))
			r = newer
		}
		e.Run = r
		if note := answerNote(k, config, r); note != "" {
			rep.Notes = append(rep.Notes, note)
		}
		sum := summarize(r)
		e.Sum = &sum
		m := models[k]
		if m.Size == 0 {
			m.Size = r.Model.Size
		}
		if r.Model.Architecture != "" {
			m.Arch, m.ExpertCount = r.Model.Architecture, r.Model.ExpertCount
		}
		l := strings.ToLower(name)
		if !contains(quants[l], q) {
			quants[l] = append(quants[l], q)
		}
	}
	benches := append([]*Bench(nil), s.Benches...)
	sort.SliceStable(benches, func(i, j int) bool { return benches[i].Path < benches[j].Path })
	for _, b := range benches {
		name, q := SplitQuant(b.Model)
		if b.Quant != "" {
			q = b.Quant
		}
		if qs := quants[strings.ToLower(name)]; q == "" && len(qs) == 1 {
			q = qs[0]
		}
		// Match the runs' spelling of the name.
		for _, m := range models {
			if strings.EqualFold(m.Key.Name, name) {
				name = m.Key.Name
			}
		}
		k := ModelKey{name, q}
		for sk, v := range b.Samples {
			if sk.Bench == "Bandwidth" || sk.Bench == "LlamaBench" || sk.Config == "" {
				continue
			}
			e := entry(k, sk.Config)
			e.Bench = b
			e.Samples[sk] = v // a later file replaces the series
		}
		if m := models[k]; m != nil && m.Size == 0 {
			m.Size = b.Size
		}
	}
	for _, sr := range sets {
		rep.Sets = append(rep.Sets, sr)
	}
	sort.Slice(rep.Sets, func(i, j int) bool {
		a, b := rep.Sets[i], rep.Sets[j]
		if a.Set != b.Set {
			return a.Set < b.Set
		}
		if a.Model != b.Model {
			return a.Model.String() < b.Model.String()
		}
		return configLess(a.Config, b.Config)
	})
	for _, m := range models {
		sort.Slice(m.Entries, func(i, j int) bool { return configLess(m.Entries[i].Config, m.Entries[j].Config) })
		rep.Models = append(rep.Models, m)
	}
	sort.Slice(rep.Models, func(i, j int) bool {
		a, b := rep.Models[i].Key, rep.Models[j].Key
		if a.Name != b.Name {
			return naturalLess(a.Name, b.Name)
		}
		return a.Quant < b.Quant
	})
	return rep
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// configLess puts baseline first, then the rest by name with numbers in order
// (spec-k8 before spec-k16).
func configLess(a, b string) bool {
	if (a == "baseline") != (b == "baseline") {
		return a == "baseline"
	}
	return naturalLess(a, b)
}

// naturalLess compares strings with runs of digits compared as numbers, so that
// "Qwen3-VL-8B" sorts before "Qwen3-VL-30B".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// summarize is the rubric summary of a run: vlrubric.Summarize over its scored
// answers, or the run's own tier summaries when it has no answers (a hand-made file).
// answerNote says how many of a rubric run's answers were truncated, uncertain to the
// rules, failed or missing, per question, or "" when all were whole and read.
func answerNote(k ModelKey, config string, r *Run) string {
	c := r.Count()
	if c.Truncated+c.Uncertain+c.Failed+c.Missing == 0 {
		return ""
	}
	var parts []string
	if c.Truncated > 0 {
		verdict := "kept out of the tiers and roles"
		if r.Settings.AcceptTruncated {
			verdict = "counted, as the run accepted them"
		}
		perQ := map[string]int{}
		var ids []string
		for _, a := range r.Answers {
			if a.Truncated {
				if perQ[a.ID] == 0 {
					ids = append(ids, a.ID)
				}
				perQ[a.ID]++
			}
		}
		var qs []string
		for _, id := range ids {
			qs = append(qs, fmt.Sprintf("%s %d", id, perQ[id]))
		}
		parts = append(parts, fmt.Sprintf("%d of %d answers truncated at the budget of %d tokens (%s; %s)",
			c.Truncated, c.Answers, r.Settings.MaxTokens, strings.Join(qs, ", "), verdict))
	}
	if c.Uncertain > 0 {
		parts = append(parts, fmt.Sprintf("%d uncertain to the rules", c.Uncertain))
	}
	if c.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", c.Failed))
	}
	if c.Missing > 0 {
		parts = append(parts, fmt.Sprintf("%d missing", c.Missing))
	}
	return fmt.Sprintf("%s %s: %s", k, config, strings.Join(parts, "; "))
}

func summarize(r *Run) vlrubric.Summary {
	var rs []vlrubric.Result
	for _, a := range r.Answers {
		if !counted(r.Run, a) {
			continue // truncated answers count only where the run accepted them
		}
		rs = append(rs, vlrubric.Result{ID: a.ID, Variant: a.Variant, Score: a.Score})
	}
	if len(rs) > 0 {
		return vlrubric.Summarize(rs)
	}
	s := vlrubric.Summary{Tiers: map[int]vlrubric.TierSummary{}}
	for _, t := range r.Tiers {
		s.Tiers[t.Tier] = vlrubric.TierSummary{Tier: t.Tier, Mean: t.Mean, N: t.N, AllFive: t.AllFive, Min: t.Min,
			CI: vlrubric.Interval{Lo: t.Low, Hi: t.High, Method: t.Method}}
	}
	for _, role := range vlrubric.Roles() {
		if s.Qualifies(role) {
			s.Qualified = append(s.Qualified, role)
		}
	}
	return s
}

// series returns this entry's samples of one benchmark and unit (any test).
func (e *Entry) series(bench, unit string) []float64 {
	var out []float64
	for k, v := range e.Samples {
		if k.Bench == bench && k.Unit == unit {
			out = append(out, v...)
		}
	}
	return out
}

// Speed is the generation speed in tokens per second: the median of
// BenchmarkGenerate's tok/s, or, with no bench file, the mean of the rubric run's
// server timings. from says which ("bench" or "rubric"); 0 and "" when neither.
func (e *Entry) Speed() (tokPerSec float64, from string) {
	if xs := e.series("Generate", "tok/s"); len(xs) > 0 {
		return median(xs), "bench"
	}
	if e.Run != nil {
		if s := e.Run.GenerationSpeed(); s > 0 {
			return s, "rubric"
		}
	}
	return 0, ""
}

// Memory is the memory the config needs, in GB (10⁹ bytes): BenchmarkMemory's peak
// RSS (the largest peak-MiB of any benchmark), else the rubric run's peak RSS, else
// the GGUF estimate (est-MiB); 0 and "" when none is known.
func (e *Entry) Memory() (gb float64, from string) {
	var peak float64
	for k, v := range e.Samples {
		if k.Unit == "peak-MiB" {
			for _, x := range v {
				peak = math.Max(peak, x)
			}
		}
	}
	if peak > 0 {
		return peak * (1 << 20) / 1e9, "peak RSS"
	}
	if e.Run != nil && e.Run.Server.PeakRSS > 0 {
		return float64(e.Run.Server.PeakRSS) / 1e9, "rubric peak RSS"
	}
	if xs := e.series("Memory", "est-MiB"); len(xs) > 0 {
		return median(xs) * (1 << 20) / 1e9, "GGUF estimate"
	}
	return 0, ""
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Lossless reports whether a config other than baseline gives the same answers as
// baseline, so that a baseline rubric run stands for it: speculative decoding with a
// draft (spec-kK) or with prompt lookup (ngram) verifies every drafted token with the
// model itself (harness.Variant.Lossless; spec-k8+imgmax512 is not: the budget changes
// the answers).
func Lossless(config string) bool {
	v, err := harness.ParseVariant(config)
	return err == nil && v.Speculative() && v.Lossless()
}

// Accelerated returns the entry of m that gives e's answers fastest. Baseline and the
// lossless configs (Lossless) all give the same answers, so for any of them it is the
// fastest of them; any other config (moeN) is its own. A lossless config whose rubric
// answers were compared with the baseline's and found to differ (results.SameAnswers)
// gives other answers in fact, so it stands for none but itself. Speed and memory gates
// judge that entry: "speed with its best acceleration".
func (m *Model) Accelerated(e *Entry) *Entry {
	same := func(c string) bool { return c == "baseline" || Lossless(c) }
	if !same(e.Config) || m.shownLossy(e) {
		return e
	}
	best := e
	bs, _ := e.Speed()
	for _, o := range m.Entries {
		if o == e || !same(o.Config) || m.shownLossy(o) {
			continue
		}
		if s, _ := o.Speed(); s > bs {
			best, bs = o, s
		}
	}
	return best
}

// shownLossy reports whether e is a lossless config whose rubric answers were compared
// with the baseline run's and some differed.
func (m *Model) shownLossy(e *Entry) bool {
	if !Lossless(e.Config) || e.Run == nil {
		return false
	}
	for _, b := range m.Entries {
		if b.Config == "baseline" && b.Run != nil {
			c := results.SameAnswers(b.Run.Run, e.Run.Run)
			return c.NotChecked == "" && !c.Lossless()
		}
	}
	return false
}

// Label is how an entry is named in prose: "Qwen2.5-VL-7B Q4_K_M spec-k8".
func (e *Entry) Label() string { return e.Model.String() + " " + e.Config }

// Acceleration names a config as the plan does: "Spec Decode K=8", "MoE 4 experts"
// (harness.Variant.Describe); a name that is not a config is itself.
func Acceleration(config string) string {
	v, err := harness.ParseVariant(config)
	if err != nil {
		return config
	}
	return v.Describe()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
