package vlrubric

import (
	"fmt"
	"sort"
	"strings"
)

// Role is a place on the vision escalation ladder that a model may fill.
type Role string

// The roles of the plan, from the fast worker to the heavy reasoner.
const (
	WorkerVision     Role = "worker_vision"
	VisionEscalation Role = "vision_escalation"
	VisionArchitect  Role = "vision_architect"
)

// Roles returns the roles in ladder order.
func Roles() []Role { return []Role{WorkerVision, VisionEscalation, VisionArchitect} }

// Requirement is one tier minimum of a role. A tier's score is its mean (see
// TierSummary); AllFive means "= 5" in RUBRIC.md: every score of the tier, each
// question of each variant, must be 5.
type Requirement struct {
	Tier    int
	Min     float64
	AllFive bool
}

func (q Requirement) String() string {
	if q.AllFive {
		return fmt.Sprintf("T%d = 5 (every question 5)", q.Tier)
	}
	return fmt.Sprintf("T%d ≥ %g", q.Tier, q.Min)
}

// Requirements returns the rubric minimums of the role (RUBRIC.md, "Tiers and
// roles"), by tier; nil for an unknown role.
func (r Role) Requirements() []Requirement {
	switch r {
	case WorkerVision:
		return []Requirement{{Tier: 1, Min: 4}, {Tier: 2, Min: 3}}
	case VisionEscalation:
		return []Requirement{{Tier: 1, Min: 5, AllFive: true}, {Tier: 2, Min: 4}, {Tier: 3, Min: 3}}
	case VisionArchitect:
		return []Requirement{{Tier: 1, Min: 5, AllFive: true}, {Tier: 2, Min: 5, AllFive: true}, {Tier: 3, Min: 4}}
	}
	return nil
}

// Floors returns the plan's decision criteria beyond the rubric: the generation
// speed a role needs (tokens per second, with the model's best acceleration, more
// than) and the memory it may use (GB, less than); 0 means no floor or ceiling.
// This package does not measure either: reports do, and pass them in as Gates.
func (r Role) Floors() (minTokensPerSec, maxMemoryGB float64) {
	switch r {
	case WorkerVision:
		return 40, 8
	case VisionEscalation:
		return 20, 50
	}
	return 0, 0
}

// Gate is the hook for decision criteria that are not rubric scores (speed,
// memory; see Role.Floors): it returns nil when the model passes for the role, or
// why it does not. Failures and Qualifies take any number of them.
type Gate func(Role) error

// TierSummary is the result of one tier.
type TierSummary struct {
	Tier int
	// Questions maps each question ID of the tier to its mean score over variants.
	Questions map[string]float64
	// Mean is the tier's score: the mean of its questions' means (each question
	// weighs the same, however many variants it ran).
	Mean float64
	// N is the number of scores (question × variant) and Variants the number of
	// distinct variants.
	N, Variants int
	// CI is the 95% interval of the tier score over variants: a t-interval of the
	// per-variant tier scores (the mean of the questions' scores in that variant).
	// With one variant it is degenerate (Lo = Hi = Mean).
	CI Interval
	// AllFive is true when every score of the tier is 5.
	AllFive bool
	// Min is the lowest single score.
	Min float64
}

// Summary is a model's rubric result by tier and the roles it qualifies for on
// the rubric alone.
type Summary struct {
	Tiers     map[int]TierSummary
	Qualified []Role
}

// Summarize groups scores by tier (from the question ID) and computes each tier's
// mean, interval and whether every score is 5, then checks every role's minimums.
// Results with an unknown ID are ignored.
func Summarize(results []Result) Summary {
	type key struct {
		tier, variant int
	}
	byQ := map[string][]float64{}
	byVariant := map[key][]float64{}
	tiers := map[int]*TierSummary{}
	for _, r := range results {
		tier := Tier(r.ID)
		if tier == 0 {
			continue
		}
		ts := tiers[tier]
		if ts == nil {
			ts = &TierSummary{Tier: tier, Questions: map[string]float64{}, AllFive: true, Min: 5}
			tiers[tier] = ts
		}
		ts.N++
		ts.AllFive = ts.AllFive && r.Score >= 5-1e-9
		if r.Score < ts.Min {
			ts.Min = r.Score
		}
		byQ[r.ID] = append(byQ[r.ID], r.Score)
		byVariant[key{tier, r.Variant}] = append(byVariant[key{tier, r.Variant}], r.Score)
	}
	s := Summary{Tiers: map[int]TierSummary{}}
	for tier, ts := range tiers {
		var qmeans []float64
		for id, xs := range byQ {
			if Tier(id) == tier {
				ts.Questions[id] = mean(xs)
				qmeans = append(qmeans, mean(xs))
			}
		}
		sort.Float64s(qmeans) // a fixed order, so the mean is the same every run
		ts.Mean = mean(qmeans)
		var perVariant []float64
		var variants []int
		for k := range byVariant {
			if k.tier == tier {
				variants = append(variants, k.variant)
			}
		}
		sort.Ints(variants)
		for _, v := range variants {
			perVariant = append(perVariant, mean(byVariant[key{tier, v}]))
		}
		ts.Variants = len(variants)
		ts.CI = tInterval(perVariant)
		s.Tiers[tier] = *ts
	}
	for _, role := range Roles() {
		if len(s.Failures(role)) == 0 {
			s.Qualified = append(s.Qualified, role)
		}
	}
	return s
}

// Failure is one reason a model does not qualify for a role: a tier below its
// minimum, a tier with no scores, or a gate that failed.
type Failure struct {
	Role    Role
	Tier    int     // 0 for a gate failure
	Score   float64 // the tier's mean
	Min     float64 // the minimum it needed
	AllFive bool    // the minimum is "every question 5"
	Lowest  float64 // the lowest single score of the tier (for AllFive)
	Missing bool    // the tier has no scores
	Gate    error   // a failed gate
}

func (f Failure) String() string {
	switch {
	case f.Gate != nil:
		return fmt.Sprintf("%s: %v", f.Role, f.Gate)
	case f.Missing:
		return fmt.Sprintf("%s: T%d has no scores (needs %s)", f.Role, f.Tier, Requirement{f.Tier, f.Min, f.AllFive})
	case f.AllFive:
		return fmt.Sprintf("%s: T%d score %.2f, lowest question %.1f; needs every question 5", f.Role, f.Tier, f.Score, f.Lowest)
	}
	return fmt.Sprintf("%s: T%d score %.2f < minimum %g", f.Role, f.Tier, f.Score, f.Min)
}

// Failures returns why the summary does not qualify for role, in tier order then
// gates; none means it qualifies. A tier meets "≥ m" when its mean is at least m
// (to within 1e-9, so 4.0 meets 4 and 3.99 does not) and "= 5" when every score of
// the tier is 5. A required tier with no scores fails.
func (s Summary) Failures(role Role, gates ...Gate) []Failure {
	var out []Failure
	reqs := role.Requirements()
	if reqs == nil {
		return []Failure{{Role: role, Gate: fmt.Errorf("unknown role %q", string(role))}}
	}
	for _, q := range reqs {
		ts, ok := s.Tiers[q.Tier]
		f := Failure{Role: role, Tier: q.Tier, Min: q.Min, AllFive: q.AllFive, Score: ts.Mean, Lowest: ts.Min}
		switch {
		case !ok || ts.N == 0:
			f.Missing = true
			out = append(out, f)
		case q.AllFive && !ts.AllFive:
			out = append(out, f)
		case !q.AllFive && ts.Mean < q.Min-1e-9:
			out = append(out, f)
		}
	}
	for _, g := range gates {
		if g == nil {
			continue
		}
		if err := g(role); err != nil {
			out = append(out, Failure{Role: role, Gate: err})
		}
	}
	return out
}

// Qualifies reports whether the summary meets every minimum of role and passes
// every gate.
func (s Summary) Qualifies(role Role, gates ...Gate) bool {
	return len(s.Failures(role, gates...)) == 0
}

// String formats the summary as one line per tier and the roles qualified for.
func (s Summary) String() string {
	var b strings.Builder
	var tiers []int
	for t := range s.Tiers {
		tiers = append(tiers, t)
	}
	sort.Ints(tiers)
	for _, t := range tiers {
		ts := s.Tiers[t]
		fmt.Fprintf(&b, "T%d: %.2f [%.2f, %.2f] (%s, %d scores, %d variants)", t, ts.Mean, ts.CI.Lo, ts.CI.Hi, ts.CI.Method, ts.N, ts.Variants)
		if ts.AllFive {
			b.WriteString(", all 5")
		}
		b.WriteString("\n")
	}
	var roles []string
	for _, r := range s.Qualified {
		roles = append(roles, string(r))
	}
	if len(roles) == 0 {
		roles = []string{"none"}
	}
	fmt.Fprintf(&b, "qualifies: %s", strings.Join(roles, ", "))
	return b.String()
}
