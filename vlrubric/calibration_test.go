package vlrubric

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The scorers against expert scores of realistic answers. Three sets:
//
//   - shared: ../shared/calibration/rubric, 120 answers on the canonical images, scored
//     by an expert (beside the project: present on developers' machines and in CI);
//   - dev: testdata/calibration/dev, half of this project's own corpus (canonical
//     images and variants, many model styles), whose disagreements may be read;
//   - heldout: the other half, measured only: its figures are reported, its answers
//     are never printed, and the scorers are not tuned on it.
//
// Each answer's expected per-criterion fractions were written, by people who never saw
// the scorers, before the scorers ran on it. Agreement is the share of scores within
// ±0.5 of the expert's, the mean absolute error, fully correct answers (expert 5.0)
// scored below 4.5, and wrong ones (expert ≤ 2.0) scored above 2.5.

var flagCalibrationV = flag.Bool("calibration-v", false, "list every disagreement (> 0.5) of the shared and dev calibration sets")

// calibrationGoal is what the held-out half must reach (issue 11's bar).
var calibrationGoal = agreement{Within: 0.90, MAE: 0.30}

// calibrationFloor is what each set must not fall below: the figures measured when the
// scorers were last changed, less a little, and at most as many fully correct answers
// below 4.5 and wrong ones above 2.5 as then. A scorer change that reads more answers
// right raises them; one that reads fewer fails here.
var calibrationFloor = map[string]agreement{
	"shared":  {Within: 0.97, MAE: 0.07, FullLow: 0, WrongHigh: 0},  // measured 99%, 0.03, 0, 0 (n=120)
	"dev":     {Within: 0.92, MAE: 0.11, FullLow: 7, WrongHigh: 37}, // measured 94%, 0.09, 6, 35 (n=4004)
	"heldout": {Within: 0.90, MAE: 0.15, FullLow: 4, WrongHigh: 1},  // measured 92%, 0.12, 4, 1 (n=160): below the goal
}

type calibCase struct {
	id       string
	n        string
	variant  int
	score    float64
	fracs    []float64
	note     string
	file     string
	fromTSV  string
	heldOut  bool
	gotScore float64
}

type agreement struct {
	Within, MAE        float64
	FullLow, WrongHigh int
	N                  int
}

func (a agreement) String() string {
	return fmt.Sprintf("%.0f%% within 0.5, MAE %.2f, fully-correct<4.5: %d, wrong>2.5: %d (n=%d)",
		100*a.Within, a.MAE, a.FullLow, a.WrongHigh, a.N)
}

// readCalibration reads a set: every scores.tsv under dir (one at its root, as the
// shared set has, or one per question folder), each row's answer in <ID>/<n>.txt.
func readCalibration(t *testing.T, dir string, heldOut bool) []calibCase {
	t.Helper()
	var tsvs []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "scores.tsv" {
			tsvs = append(tsvs, p)
		}
		return nil
	})
	var out []calibCase
	for _, tsv := range tsvs {
		f, err := os.Open(tsv)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		var head []string
		line := 0
		for sc.Scan() {
			line++
			cols := strings.Split(sc.Text(), "\t")
			if head == nil {
				head = cols
				continue
			}
			row := map[string]string{}
			for i, h := range head {
				if i < len(cols) {
					row[h] = cols[i]
				}
			}
			c := calibCase{id: row["id"], n: row["n"], note: row["note"], heldOut: heldOut,
				fromTSV: fmt.Sprintf("%s:%d", tsv, line)}
			c.variant, _ = strconv.Atoi(stdOr(row["variant"], "0"))
			if c.score, err = strconv.ParseFloat(row["score"], 64); err != nil {
				t.Fatalf("%s: score %q: %v", c.fromTSV, row["score"], err)
			}
			for _, s := range strings.Split(row["fractions"], ",") {
				v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
				if err != nil {
					t.Fatalf("%s: fractions %q: %v", c.fromTSV, row["fractions"], err)
				}
				c.fracs = append(c.fracs, v)
			}
			c.file = filepath.Join(filepath.Dir(tsv), c.id, c.n+".txt")
			if _, err := os.Stat(c.file); err != nil {
				c.file = filepath.Join(filepath.Dir(tsv), c.n+".txt")
			}
			out = append(out, c)
		}
		f.Close()
	}
	return out
}

func stdOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// scoreCalibration scores each case against its variant's generator truth and returns
// the agreement; verbose lists the disagreements (never for the held-out half).
func scoreCalibration(t *testing.T, name string, cases []calibCase, verbose bool) agreement {
	t.Helper()
	var a agreement
	var sum float64
	var lines []string
	for i := range cases {
		c := &cases[i]
		text, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatalf("%s: %v", c.fromTSV, err)
		}
		if want := expertScore(c.id, c.fracs); math.Abs(want-c.score) > 0.051 {
			t.Errorf("%s: the expert's score %.1f is not 1 + 4 × Σ weight × fraction = %.1f", c.fromTSV, c.score, want)
		}
		r := Score(variantTruth(c.id, c.variant), string(text))
		if len(r.Criteria) > 0 && strings.HasPrefix(r.Criteria[0].Evidence, errScorerFailed.Error()) {
			t.Errorf("%s: %s", c.fromTSV, r.Criteria[0].Evidence)
		}
		c.gotScore = r.Score
		d := math.Abs(r.Score - c.score)
		sum += d
		a.N++
		if d <= 0.5+1e-9 {
			a.Within++
		}
		if c.score >= 5 && r.Score < 4.5 {
			a.FullLow++
		}
		if c.score <= 2 && r.Score > 2.5 {
			a.WrongHigh++
		}
		if verbose && d > 0.5 && !c.heldOut {
			var got []string
			for j, cr := range r.Criteria {
				mark := ""
				if j < len(c.fracs) && math.Abs(cr.Fraction-c.fracs[j]) > 0.01 {
					mark = fmt.Sprintf(" (expert %.2f)", c.fracs[j])
				}
				got = append(got, fmt.Sprintf("%s %.2f%s [%s]", cr.Name, cr.Fraction, mark, cr.Evidence))
			}
			lines = append(lines, fmt.Sprintf("%s/%s v%d auto %.1f expert %.1f — %s\n    %s", c.id, c.n, c.variant,
				r.Score, c.score, c.note, strings.Join(got, "\n    ")))
		}
	}
	if a.N > 0 {
		a.Within /= float64(a.N)
		a.MAE = sum / float64(a.N)
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Log(l)
	}
	// Per criterion: how often the rules gave less, or more, than the expert (figures
	// only, so the held-out half's answers are never shown).
	type ck struct{ id, crit string }
	under, over := map[ck]int{}, map[ck]int{}
	for _, c := range cases {
		text, _ := os.ReadFile(c.file)
		r := Score(variantTruth(c.id, c.variant), string(text))
		for j, cr := range r.Criteria {
			if j < len(c.fracs) && cr.Fraction < c.fracs[j]-0.26 {
				under[ck{c.id, cr.Name}]++
			} else if j < len(c.fracs) && cr.Fraction > c.fracs[j]+0.26 {
				over[ck{c.id, cr.Name}]++
			}
		}
	}
	var crits []string
	for k, n := range under {
		crits = append(crits, fmt.Sprintf("%s %s %q: %d under", name, k.id, k.crit, n))
	}
	for k, n := range over {
		crits = append(crits, fmt.Sprintf("%s %s %q: %d over", name, k.id, k.crit, n))
	}
	sort.Strings(crits)
	for _, l := range crits {
		t.Log(l)
	}
	// Per question: the figures only, for every set (the held-out half's answers
	// are never shown).
	per := map[string][]float64{}
	fullLow, wrongHigh := map[string]int{}, map[string]int{}
	for _, c := range cases {
		per[c.id] = append(per[c.id], math.Abs(c.gotScore-c.score))
		if c.score >= 5 && c.gotScore < 4.5 {
			fullLow[c.id]++
		}
		if c.score <= 2 && c.gotScore > 2.5 {
			wrongHigh[c.id]++
		}
	}
	var ids []string
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		within, sum := 0, 0.0
		for _, d := range per[id] {
			sum += d
			if d <= 0.5+1e-9 {
				within++
			}
		}
		t.Logf("%s %s: %d of %d within 0.5, MAE %.2f, fully-correct<4.5: %d, wrong>2.5: %d", name, id, within, len(per[id]),
			sum/float64(len(per[id])), fullLow[id], wrongHigh[id])
	}
	return a
}

// expertScore is the rubric's formula on the expert's fractions.
func expertScore(id string, fracs []float64) float64 {
	sum := 0.0
	for i, c := range Criteria(id) {
		if i < len(fracs) {
			sum += c.Weight * fracs[i]
		}
	}
	return math.Round((1+4*sum)*10) / 10
}

func TestCalibration(t *testing.T) {
	sets := []struct {
		name, dir string
		heldOut   bool
	}{
		{"shared", filepath.Join("..", "..", "shared", "calibration", "rubric"), false},
		{"dev", filepath.Join("testdata", "calibration", "dev"), false},
		{"heldout", filepath.Join("testdata", "calibration", "heldout"), true},
	}
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			if _, err := os.Stat(s.dir); err != nil {
				if s.name == "shared" {
					t.Skipf("the shared calibration set is not beside this checkout: %v", err)
				}
				t.Fatal(err)
			}
			cases := readCalibration(t, s.dir, s.heldOut)
			if len(cases) == 0 {
				t.Fatalf("no expert-scored answers in %s", s.dir)
			}
			a := scoreCalibration(t, s.name, cases, *flagCalibrationV)
			t.Logf("%s: %s", s.name, a)
			fmt.Printf("calibration %s: %s\n", s.name, a)
			if f := calibrationFloor[s.name]; a.Within < f.Within || a.MAE > f.MAE || a.FullLow > f.FullLow || a.WrongHigh > f.WrongHigh {
				t.Errorf("%s: agreement %s fell below the floor of %.0f%% within 0.5, MAE %.2f, at most %d fully-correct<4.5 and %d wrong>2.5",
					s.name, a, 100*f.Within, f.MAE, f.FullLow, f.WrongHigh)
			}
			goalMet := a.Within >= calibrationGoal.Within && a.MAE <= calibrationGoal.MAE && a.FullLow == 0 && a.WrongHigh == 0
			switch {
			case s.name == "shared" && !goalMet:
				// The shared set meets the goal: it must go on meeting it.
				t.Errorf("shared: agreement %s is below the goal of ≥ %.0f%% within 0.5, MAE ≤ %.2f, none fully correct below 4.5, none wrong above 2.5",
					a, 100*calibrationGoal.Within, calibrationGoal.MAE)
			case s.heldOut && !goalMet:
				// Not met yet (see calibrationFloor): the floor keeps it from falling.
				t.Logf("held-out goal not met: want ≥ %.0f%% within 0.5, MAE ≤ %.2f, none fully correct below 4.5, none wrong above 2.5",
					100*calibrationGoal.Within, calibrationGoal.MAE)
			}
		})
	}
}

// TestScoreOtherVariants scores every dev answer against another variant of its
// question: a realistic wrong answer (a model that read the image wrongly), on which the
// scorers must still return a well-formed result, never panic (a label matched across a
// sentence's end once sliced past it).
func TestScoreOtherVariants(t *testing.T) {
	for _, c := range readCalibration(t, filepath.Join("testdata", "calibration", "dev"), false) {
		text, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		v := (c.variant + 1) % 13
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s/%s on variant %d: Score panics: %v", c.id, c.n, v, p)
				}
			}()
			r := Score(variantTruth(c.id, v), string(text))
			if r.Score < 1 || r.Score > 5 || math.IsNaN(r.Score) || len(r.Criteria) != len(Criteria(c.id)) {
				t.Errorf("%s/%s on variant %d: score %v with %d criteria", c.id, c.n, v, r.Score, len(r.Criteria))
			}
			if len(r.Criteria) > 0 && strings.HasPrefix(r.Criteria[0].Evidence, errScorerFailed.Error()) {
				t.Errorf("%s/%s on variant %d: %s", c.id, c.n, v, r.Criteria[0].Evidence)
			}
		}()
	}
}
