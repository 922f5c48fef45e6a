package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vlbench/vlbench/vlrubric"
)

// Choice is the outcome for one role: the chosen entry (nil when no model
// qualifies) and why each other entry was not chosen.
type Choice struct {
	Role   vlrubric.Role
	Chosen *Candidate
	// Others are the other entries, qualified ones first (in rank order), each with
	// the reason it was not chosen.
	Others []Rejection
}

// Candidate is an entry judged for a role: its rubric summary and the speed and
// memory of its best acceleration (Model.Accelerated).
type Candidate struct {
	Entry *Entry
	// Fast is the entry whose speed and memory count: Entry, or a lossless
	// acceleration of it (a spec-kK config of a baseline run).
	Fast      *Entry
	Speed     float64 // tok/s; 0 when unknown
	SpeedFrom string
	MemGB     float64 // 0 when unknown
	MemFrom   string
	Failures  []vlrubric.Failure
	// Verdicts are the role's other decision criteria (Report.Verdicts); the measured
	// ones that failed are among Failures.
	Verdicts []Verdict
	tieWith  []*Candidate
}

// Rejection is an entry that was not chosen for a role, and why.
type Rejection struct {
	Entry  *Entry
	Reason string
}

// Qualified reports whether the candidate meets the role's rubric minimums and gates.
func (c *Candidate) Qualified() bool { return len(c.Failures) == 0 }

// Gates are the plan's speed and memory decision criteria for c, as vlrubric Gates:
// more than the role's minimum tok/s and less than its maximum GB. An unknown figure
// fails a role that has a floor: it cannot be shown to pass.
func (c *Candidate) Gates() []vlrubric.Gate {
	speed := func(r vlrubric.Role) error {
		min, _ := r.Floors()
		switch {
		case min == 0:
			return nil
		case c.Speed == 0:
			return fmt.Errorf("no speed measured (needs > %g t/s)", min)
		case c.Speed <= min:
			return fmt.Errorf("speed %.1f t/s%s ≤ %g t/s", c.Speed, c.via(), min)
		}
		return nil
	}
	memory := func(r vlrubric.Role) error {
		_, max := r.Floors()
		switch {
		case max == 0:
			return nil
		case c.MemGB == 0:
			return fmt.Errorf("no memory measured (needs < %g GB)", max)
		case c.MemGB >= max:
			return fmt.Errorf("memory %.1f GB%s ≥ %g GB", c.MemGB, c.via(), max)
		}
		return nil
	}
	return []vlrubric.Gate{speed, memory}
}

// via names the acceleration whose figures count, when it is not the entry itself.
func (c *Candidate) via() string {
	if c.Fast != nil && c.Fast != c.Entry {
		return " (" + c.Fast.Config + ")"
	}
	return ""
}

// tier returns the mean of tier t, or 0 when it has no scores.
func (c *Candidate) tier(t int) float64 {
	if c.Entry.Sum == nil {
		return 0
	}
	return c.Entry.Sum.Tiers[t].Mean
}

// rankKey is what a role cares about, most important first; higher is better. The
// plan's decision criteria: worker_vision is "fast, interactive", so speed first,
// then the T1/T2 scores it needs, then less memory; vision_escalation and
// vision_architect are about quality ("best-in-class reasoning"), so T3, T2, T1
// first, speed second, then long video (VideoMME) as a preference.
func rankKey(r vlrubric.Role, c *Candidate) []rankPart {
	speed := rankPart{"speed", c.Speed, "%.1f t/s"}
	mem := rankPart{"memory", -c.MemGB, "%.1f GB"}
	t := func(n int) rankPart { return rankPart{fmt.Sprintf("T%d", n), c.tier(n), "%.2f"} }
	if r == vlrubric.WorkerVision {
		return []rankPart{speed, t(1), t(2), t(3), mem}
	}
	// Long video (VideoMME) is a preference: it decides only between candidates equal
	// in quality and speed, a measured score before none.
	return []rankPart{t(3), t(2), t(1), speed, {"VideoMME", c.preferred("videomme"), "%.3g"}, mem}
}

// preferred is the measured value of the preference criterion name, 0 when unmeasured.
func (c *Candidate) preferred(name string) float64 {
	for _, v := range c.Verdicts {
		if v.Prefer && v.Name == name && v.Measured {
			return v.Value
		}
	}
	return 0
}

type rankPart struct {
	name   string
	v      float64
	format string
}

func (p rankPart) String() string {
	v := p.v
	if v < 0 {
		v = -v
	}
	return fmt.Sprintf(p.format, v)
}

// compare returns the first part where a and b differ (index) and the sign of a-b
// there; -1, 0 when they are equal everywhere.
func compare(a, b []rankPart) (int, int) {
	for i := range a {
		d := a[i].v - b[i].v
		if d > 1e-9 {
			return i, 1
		}
		if d < -1e-9 {
			return i, -1
		}
	}
	return -1, 0
}

// Candidates judges every entry with a rubric run for role.
func (rep *Report) Candidates(role vlrubric.Role) []*Candidate {
	var out []*Candidate
	for _, m := range rep.Models {
		for _, e := range m.Entries {
			if e.Sum == nil {
				continue
			}
			c := &Candidate{Entry: e, Fast: m.Accelerated(e)}
			c.Speed, c.SpeedFrom = c.Fast.Speed()
			c.MemGB, c.MemFrom = c.Fast.Memory()
			if c.MemGB == 0 {
				c.MemGB, c.MemFrom = e.Memory()
			}
			c.Verdicts = rep.Verdicts(role, c)
			c.Failures = e.Sum.Failures(role, append(c.Gates(), criteriaGate(c.Verdicts))...)
			out = append(out, c)
		}
	}
	return out
}

// Assign chooses the best qualified entry for every role of the ladder. Ties on
// every criterion are broken by name (model, then config), and the reason says so.
func (rep *Report) Assign() []Choice {
	var out []Choice
	for _, role := range vlrubric.Roles() {
		out = append(out, rep.assign(role))
	}
	return out
}

func (rep *Report) assign(role vlrubric.Role) Choice {
	ch := Choice{Role: role}
	cands := rep.Candidates(role)
	var ok, bad []*Candidate
	for _, c := range cands {
		if c.Qualified() {
			ok = append(ok, c)
		} else {
			bad = append(bad, c)
		}
	}
	// The input order is already by model name then config, so a stable sort breaks
	// full ties by name.
	sort.SliceStable(ok, func(i, j int) bool {
		_, s := compare(rankKey(role, ok[i]), rankKey(role, ok[j]))
		return s > 0
	})
	if len(ok) > 0 {
		ch.Chosen = ok[0]
		best := rankKey(role, ok[0])
		for _, c := range ok[1:] {
			i, s := compare(best, rankKey(role, c))
			var reason string
			if s == 0 {
				ch.Chosen.tieWith = append(ch.Chosen.tieWith, c)
				reason = fmt.Sprintf("qualifies; tied with %s on every criterion (%s), chosen by name", ok[0].Entry.Label(), partNames(best))
			} else {
				p := rankKey(role, c)[i]
				word := "lower " + p.name
				switch p.name {
				case "speed":
					word = "slower"
				case "memory":
					word = "more memory"
				}
				reason = fmt.Sprintf("qualifies; %s: %s vs %s", word, p, best[i])
				if i > 0 {
					reason += fmt.Sprintf(" (same %s)", partNames(best[:i]))
				}
			}
			if t := criteriaText(c.Verdicts); t != "" {
				reason += "; " + t
			}
			ch.Others = append(ch.Others, Rejection{Entry: c.Entry, Reason: reason})
		}
	}
	for _, c := range bad {
		var rs []string
		for _, f := range c.Failures {
			rs = append(rs, strings.TrimPrefix(f.String(), string(role)+": "))
		}
		if t := criteriaText(c.Verdicts); t != "" {
			rs = append(rs, t)
		}
		ch.Others = append(ch.Others, Rejection{Entry: c.Entry, Reason: strings.Join(rs, "; ")})
	}
	// Models with benchmarks but no rubric run cannot be judged.
	for _, m := range rep.Models {
		rubric := false
		for _, e := range m.Entries {
			rubric = rubric || e.Sum != nil
		}
		if !rubric && len(m.Entries) > 0 {
			ch.Others = append(ch.Others, Rejection{Entry: m.Entries[0], Reason: "no rubric results (benchmarks only)"})
		}
	}
	return ch
}

func partNames(ps []rankPart) string {
	var n []string
	for _, p := range ps {
		n = append(n, p.name)
	}
	return strings.Join(n, ", ")
}

// Tied returns the candidates tied with the chosen one on every criterion.
func (c *Candidate) Tied() []*Candidate { return c.tieWith }

// Requirements describes what a role needs: its rubric minimums and floors.
func Requirements(role vlrubric.Role) string {
	var parts []string
	for _, q := range role.Requirements() {
		parts = append(parts, q.String())
	}
	min, max := role.Floors()
	if min > 0 {
		parts = append(parts, fmt.Sprintf("> %g t/s", min))
	}
	if max > 0 {
		parts = append(parts, fmt.Sprintf("< %g GB", max))
	}
	if min == 0 && max == 0 {
		parts = append(parts, "no speed or memory floor")
	}
	return strings.Join(parts, ", ")
}

// Requirements is the package function's text with the report's criteria for the role
// (DefaultCriteria, or those given): "…, docvqa ≥ 0.9 where run, cold load < 30 s".
func (rep *Report) Requirements(role vlrubric.Role) string {
	parts := []string{Requirements(role)}
	for _, c := range rep.criteria() {
		switch {
		case c.Role != role:
		case c.Prefer:
			parts = append(parts, c.Name+" preferred")
		case c.Name == "coldload":
			parts = append(parts, fmt.Sprintf("cold load < %g s", c.Max))
		default:
			parts = append(parts, fmt.Sprintf("%s ≥ %g where run", c.Name, c.Min))
		}
	}
	return strings.Join(parts, ", ")
}

// HighestRole is the highest role of the ladder c's entry qualifies for with gates, or "".
func (rep *Report) HighestRole(e *Entry) vlrubric.Role {
	var best vlrubric.Role
	for _, role := range vlrubric.Roles() {
		for _, c := range rep.Candidates(role) {
			if c.Entry == e && c.Qualified() {
				best = role
			}
		}
	}
	return best
}
