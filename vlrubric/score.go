package vlrubric

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

// Criterion is one line of a question's rubric: its name, exactly as RUBRIC.md writes
// it but in lower case, and its weight. A question's weights sum to 1. The table lives
// once, with the questions (fixtures.Question.Criteria).
type Criterion = fixtures.Criterion

// CriterionResult is how one answer did on one criterion: the fraction of the
// criterion earned, in [0, 1], and the evidence for it (the matched span, or why
// nothing matched).
type CriterionResult struct {
	Name     string
	Weight   float64
	Fraction float64
	Evidence string
}

// Result is one answer's score on one question variant.
type Result struct {
	ID       string
	Variant  int
	Score    float64 // 1 + 4 × Σ weight × fraction, rounded to one decimal
	Criteria []CriterionResult
	Refusal  bool   // the answer was empty or declined to answer
	Final    string // the answer text actually scored, after stripping <think> blocks
	// Uncertain lists, per criterion name, why the rules could not read the answer
	// with confidence (see uncertain.go); a judge, when given, is asked about these.
	Uncertain map[string]string
	// Truncated is set by whoever asked, when the answer was cut off by the token
	// budget (Answer.Truncated); it is scored on what it says.
	Truncated bool
}

// questions are the rubric's questions by ID, from fixtures (the one source of the
// questions, their tiers and their criteria).
var questions = func() map[string]fixtures.Question {
	m := map[string]fixtures.Question{}
	for _, q := range fixtures.Questions() {
		m[q.ID] = q
	}
	return m
}()

// guard names the criteria that check for the absence of mistakes. They earn
// nothing on an answer that gives nothing to check, so that an evasive answer
// cannot collect them (see each scorer).
var guard = map[string]bool{
	"no hallucinations": true, "no value confusion": true, "no hallucinated data": true,
	"no false positives": true,
}

// IDs returns the question IDs of the rubric in order (tier, then question).
func IDs() []string {
	var ids []string
	for _, q := range fixtures.Questions() {
		ids = append(ids, q.ID)
	}
	return ids
}

// Criteria returns the rubric criteria of question id, in RUBRIC.md's order, or nil
// for an unknown id. The slice is a copy.
func Criteria(id string) []Criterion {
	return append([]Criterion(nil), questions[id].Criteria...)
}

// Tier returns the tier (1, 2 or 3) of question id, or 0 for an unknown id.
func Tier(id string) int { return questions[id].Tier }

// answerText is the final answer as the scorers read it.
type answerText struct {
	raw   string // the final answer as the model wrote it
	plain string // Plain(final answer)
	prose string // the same without fenced code blocks (code quoted from the image)
}

var fencedCode = regexp.MustCompile("(?s)\x60\x60\x60.*?(?:\x60\x60\x60|$)")

// scorer fills in the fractions and evidence of a question's criteria from the
// final answer. It returns one result per criterion, in table order.
type scorer func(t fixtures.Truth, a answerText) ([]CriterionResult, error)

var scorers = map[string]scorer{
	"VL-T1-Q1": scoreText,
	"VL-T1-Q2": scoreShapes,
	"VL-T1-Q3": scoreIcon,
	"VL-T2-Q1": scoreChart,
	"VL-T2-Q2": scoreInvoice,
	"VL-T2-Q3": scoreCode,
	"VL-T3-Q1": scoreEquation,
	"VL-T3-Q2": scoreFlowchart,
	"VL-T3-Q3": scoreDiff,
	"VL-T3-Q4": scorePuzzle,
}

var refusalPattern = regexp.MustCompile(`(?i)\b(?:i(?:'m| am) (?:sorry|unable|not able)|i (?:can(?:'|no)t|cannot|am unable to|'m unable to) (?:see|view|access|read|open|process|analy[sz]e|help|assist|determine|identify|tell|provide|answer|comply)|(?:no|not an?) (?:image|picture|attachment) (?:was |has been |is )?(?:provided|attached|uploaded|included|shared|visible)|as an ai\b|i don't have (?:the ability|access)|unable to (?:view|see|process) (?:the |this |any )?images?)`)

// Score scores answer against the ground truth of the variant asked. It dispatches
// on t.ID, scores the final answer only (FinalAnswer), reads it as plain text
// (Plain), and never panics: an unknown ID or missing ground truth scores 1 with the
// reason as evidence.
//
// An empty final answer scores 1 and is a refusal. An answer with a refusal phrase
// ("I can't see the image", "I'm sorry, but …") that earns nothing on the
// question's main criteria, or that opens the answer and misses its first criterion,
// scores 1 and is a refusal; a hedge that still answers
// ("I can't be sure, but it reads Hello World 123") is scored on what it answers.
func Score(t fixtures.Truth, answer string) Result {
	r := Result{ID: t.ID, Variant: t.Variant, Final: FinalAnswer(answer), Score: 1}
	q, ok := questions[t.ID]
	crit := q.Criteria
	if !ok {
		r.Criteria = []CriterionResult{{Name: "unknown question", Evidence: fmt.Sprintf("no rubric for question %q", t.ID)}}
		return r
	}
	zero := func(why string) []CriterionResult {
		out := make([]CriterionResult, len(crit))
		for i, c := range crit {
			out[i] = CriterionResult{Name: c.Name, Weight: c.Weight, Evidence: why}
		}
		return out
	}
	if strings.TrimSpace(r.Final) == "" {
		r.Refusal = true
		if strings.TrimSpace(answer) != "" {
			r.Criteria = zero("no final answer: only a reasoning block")
		} else {
			r.Criteria = zero("empty answer")
		}
		return r
	}
	plain := Plain(r.Final)
	// Fenced code is the image's code, quoted: not prose. A fenced JSON answer is the
	// answer itself, read as its lines ("effect: data[0] is never added").
	raw, prose := r.Final, Plain(fencedCode.ReplaceAllStringFunc(r.Final, func(block string) string {
		if j := jsonLines(block); j != "" {
			return "\n" + j + "\n"
		}
		return "\n"
	}))
	// An answer that doubts itself and keeps its first answer claims nothing by the
	// doubts (correction.go).
	raw, plain, prose = dropKeptDoubts(raw), dropKeptDoubts(plain), dropKeptDoubts(prose)
	foreign := foreignReason(plain)
	if foreign != "" {
		// Read the closed vocabulary of another language in English (lexicon.go).
		raw, plain, prose = toEnglish(raw), toEnglish(plain), toEnglish(prose)
	}
	res, err := safeScore(scorers[t.ID], t, answerText{raw: raw, plain: plain, prose: prose})
	if err != nil {
		r.Criteria = zero(err.Error())
		if errors.Is(err, errScorerFailed) {
			// A rule that breaks on an answer must not end a run: the answer scores 1,
			// every criterion is marked uncertain (a judge is asked), and the tests
			// that score every calibration answer fail on it.
			r.Uncertain = map[string]string{}
			for _, c := range crit {
				r.Uncertain[c.Name] = err.Error()
			}
		}
		return r
	}
	main := 0.0
	for i := range res {
		res[i].Name, res[i].Weight = crit[i].Name, crit[i].Weight
		res[i].Fraction = math.Max(0, math.Min(1, res[i].Fraction))
		if math.IsNaN(res[i].Fraction) {
			res[i].Fraction = 0
		}
		if !guard[crit[i].Name] {
			main += res[i].Fraction
		}
	}
	// A refusal that repeats the prompt's words ("… I'll gladly trace the path for
	// input > 10 and flag = true") earns nothing by them: one that opens the answer and
	// misses its first criterion is a refusal too.
	if loc := refusalPattern.FindStringIndex(plain); loc != nil && (main == 0 || loc[0] < 80 && res[0].Fraction == 0) {
		r.Refusal = true
		r.Criteria = zero("refusal: " + quote(plain[loc[0]:loc[1]]))
		return r
	}
	r.Criteria = res
	r.Score = total(res)
	r.Uncertain = uncertainty(t.ID, plain, res, foreign)
	return r
}

// total is 1 + 4 × Σ weight × fraction, rounded to one decimal.
func total(res []CriterionResult) float64 {
	sum := 0.0
	for _, c := range res {
		sum += c.Weight * c.Fraction
	}
	s := 1 + 4*sum
	return math.Max(1, math.Min(5, math.Round(s*10)/10))
}

// errScorerFailed marks a scorer that panicked on an answer.
var errScorerFailed = errors.New("scorer failed on this answer")

// safeScore runs a scorer, turning a panic into an error.
func safeScore(f func(fixtures.Truth, answerText) ([]CriterionResult, error), t fixtures.Truth, a answerText) (res []CriterionResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("%w: %v", errScorerFailed, p)
		}
	}()
	return f(t, a)
}

// errNoTruth is returned by a scorer whose question-specific ground truth is missing.
func errNoTruth(t fixtures.Truth, field string) error {
	return fmt.Errorf("no ground truth: %s has no %s", t.ID, field)
}

// String formats a result as one line per criterion, for logs and test failures.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s variant %d: score %.1f", r.ID, r.Variant, r.Score)
	if r.Refusal {
		b.WriteString(" (refusal)")
	}
	for _, c := range r.Criteria {
		fmt.Fprintf(&b, "\n  %-32s w=%.1f f=%.2f  %s", c.Name, c.Weight, c.Fraction, c.Evidence)
	}
	return b.String()
}

// cr is a shorthand for a criterion result.
func cr(f float64, format string, args ...any) CriterionResult {
	return CriterionResult{Fraction: f, Evidence: fmt.Sprintf(format, args...)}
}
