package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/vlrubric"
)

// Criterion is one of the plan's decision criteria beside the rubric's minimums and the
// speed and memory floors: a standard set's headline metric at least Min, or the cold
// load under Max seconds, for a role. A preference (VideoMME for long video) is shown
// and never fails a role.
type Criterion struct {
	Role vlrubric.Role
	// Name is a standard set ("docvqa", "ocrbench", "mmmu", "mathvista", "videomme":
	// the results' Suite) or "coldload".
	Name   string
	Min    float64 // a set's metric must be ≥ Min (in the metric's own scale)
	Max    float64 // the cold load must be < Max seconds
	Prefer bool
}

// DefaultCriteria are the plan's criteria with vlbench's default thresholds:
//
//   - worker_vision: DocVQA ANLS ≥ 0.90, OCRBench ≥ 800 (of 1000), where those sets ran;
//   - vision_escalation: MMMU accuracy ≥ 0.55, MathVista ≥ 0.60, where they ran; cold
//     load < 30 s; long video (VideoMME) a preference;
//   - vision_architect: long video (VideoMME) a preference.
//
// `vlbench report -criteria docvqa=0.85,coldload=45` changes thresholds by name.
func DefaultCriteria() []Criterion {
	return []Criterion{
		{Role: vlrubric.WorkerVision, Name: "docvqa", Min: 0.90},
		{Role: vlrubric.WorkerVision, Name: "ocrbench", Min: 800},
		{Role: vlrubric.VisionEscalation, Name: "mmmu", Min: 0.55},
		{Role: vlrubric.VisionEscalation, Name: "mathvista", Min: 0.60},
		{Role: vlrubric.VisionEscalation, Name: "coldload", Max: 30},
		{Role: vlrubric.VisionEscalation, Name: "videomme", Prefer: true},
		{Role: vlrubric.VisionArchitect, Name: "videomme", Prefer: true},
	}
}

// ParseCriteria sets thresholds of DefaultCriteria from a list "name=value,…": a set's
// minimum, or coldload's maximum seconds, for every role that has the criterion. An
// unknown name, a preference or a value that is not a number is an error.
func ParseCriteria(list string) ([]Criterion, error) {
	cs := DefaultCriteria()
	if strings.TrimSpace(list) == "" {
		return cs, nil
	}
	for _, kv := range strings.Split(list, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(kv), "=")
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("report: criterion %q: want name=number", kv)
		}
		found := false
		for i := range cs {
			if cs[i].Name != name {
				continue
			}
			if cs[i].Prefer {
				return nil, fmt.Errorf("report: criterion %q: %s is a preference, it has no threshold", kv, name)
			}
			found = true
			if name == "coldload" {
				cs[i].Max = v
			} else {
				cs[i].Min = v
			}
		}
		if !found {
			var names []string
			for _, c := range cs {
				if !c.Prefer && !contains(names, c.Name) {
					names = append(names, c.Name)
				}
			}
			return nil, fmt.Errorf("report: unknown criterion %q (known: %s)", name, strings.Join(names, ", "))
		}
	}
	return cs, nil
}

// Verdict is a criterion judged for one candidate.
type Verdict struct {
	Criterion
	Measured bool
	Value    float64
	Pass     bool
	Text     string // "docvqa 0.912 ≥ 0.90", "ocrbench not measured", "cold load 41.0 s ≥ 30 s"
}

func (rep *Report) criteria() []Criterion {
	if rep.Criteria != nil {
		return rep.Criteria
	}
	return DefaultCriteria()
}

// Verdicts judges the role's criteria for candidate c: a set's metric from the standard
// set run of c's model and config (for baseline and lossless configs, any of them: they
// give the same answers); the cold load from BenchmarkColdLoad's median load-s of the
// config whose speed counts (else the rubric run's server load time). A criterion
// without data is "not measured": it fails nothing and passes nothing.
func (rep *Report) Verdicts(role vlrubric.Role, c *Candidate) []Verdict {
	var out []Verdict
	for _, cr := range rep.criteria() {
		if cr.Role != role {
			continue
		}
		v := Verdict{Criterion: cr}
		label := cr.Name
		if cr.Name == "coldload" {
			label = "cold load"
			for _, e := range []*Entry{c.Fast, c.Entry} {
				if xs := e.series("ColdLoad", "load-s"); len(xs) > 0 && !v.Measured {
					v.Measured, v.Value = true, median(xs)
				}
			}
			if !v.Measured && c.Entry.Run != nil && c.Entry.Run.Server.LoadSeconds > 0 {
				v.Measured, v.Value = true, c.Entry.Run.Server.LoadSeconds
			}
		} else if s := rep.setRun(c.Entry, cr.Name); s != nil && s.Metric != nil {
			v.Measured, v.Value = true, s.Metric.Value
		}
		switch {
		case !v.Measured && cr.Prefer:
			v.Pass, v.Text = true, label+" not measured (a preference)"
		case !v.Measured:
			v.Text = label + " not measured"
		case cr.Prefer:
			v.Pass, v.Text = true, fmt.Sprintf("%s %s (a preference)", label, num(v.Value))
		case cr.Name == "coldload":
			v.Pass = v.Value < cr.Max
			v.Text = fmt.Sprintf("%s %.1f s %s %g s", label, v.Value, map[bool]string{true: "<", false: "≥"}[v.Pass], cr.Max)
		default:
			v.Pass = v.Value >= cr.Min
			v.Text = fmt.Sprintf("%s %s %s %g", label, num(v.Value), map[bool]string{true: "≥", false: "<"}[v.Pass], cr.Min)
		}
		out = append(out, v)
	}
	return out
}

// setRun is the standard set's run for e: of e's config, or for a baseline or lossless
// config of any such config of the model.
func (rep *Report) setRun(e *Entry, set string) *SetRun {
	same := func(c string) bool { return c == "baseline" || Lossless(c) }
	var alt *SetRun
	for _, s := range rep.Sets {
		if s.Model != e.Model || s.Set != set {
			continue
		}
		if s.Config == e.Config {
			return s
		}
		if same(s.Config) && same(e.Config) && alt == nil {
			alt = s
		}
	}
	return alt
}

// criteriaGate turns the role's measured, failed criteria into a vlrubric Gate.
func criteriaGate(vs []Verdict) vlrubric.Gate {
	return func(vlrubric.Role) error {
		var fails []string
		for _, v := range vs {
			if v.Measured && !v.Pass {
				fails = append(fails, v.Text)
			}
		}
		if len(fails) == 0 {
			return nil
		}
		return fmt.Errorf("%s", strings.Join(fails, "; "))
	}
}

// criteriaText lists the verdicts that did not fail (failed ones are in the failures):
// "criteria: docvqa 0.912 ≥ 0.9, ocrbench not measured"; "" when there are none.
func criteriaText(vs []Verdict) string {
	var t []string
	for _, v := range vs {
		if !v.Measured || v.Pass {
			t = append(t, v.Text)
		}
	}
	if len(t) == 0 {
		return ""
	}
	return "criteria: " + strings.Join(t, ", ")
}
