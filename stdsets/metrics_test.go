package stdsets

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestANLS(t *testing.T) {
	for _, c := range []struct {
		answer string
		truths []string
		want   float64
	}{
		{"$87.21", []string{"$87.21"}, 1},
		{"  87.21 ", []string{"$87.21", "87.21"}, 1},                  // max over the ground truths
		{"ACME  corp", []string{"Acme Corp"}, 1},                      // case and spaces folded
		{"Acme Cor", []string{"Acme Corp"}, 1 - 1.0/9},                // one edit in nine
		{"abcd", []string{"abxy"}, 0},                                 // NL = 0.5 is not below the threshold
		{"abcde", []string{"abxye"}, 1 - 2.0/5},                       // NL 0.4 < 0.5
		{"completely different", []string{"1042"}, 0},                 // NL > 0.5
		{"", []string{"1042"}, 0},                                     // empty answer
		{"", []string{""}, 1},                                         // both empty: NL 0
		{"<think>the total is</think> $87.21", []string{"$87.21"}, 1}, // thinking dropped
		{"naïve", []string{"naive"}, 0.8},                             // runes, not bytes
		// lmms-eval's metrics.anls (run in python3) gives the same on these rows:
		{"İstanbul", []string{"i̇stanbul"}, 1}, // lower(): İ is i and U+0307
		{"ΟΔΟΣ", []string{"οδος"}, 1},          // final sigma
		{"ΣΑΣ", []string{"σας"}, 1},
		{"A\x1cB", []string{"a b"}, 1}, // split() breaks at U+001C
		{"ß", []string{"SS"}, 0},
		// Digits folded: lmms-eval gives 0 on these (doc.go's table).
		{"５", []string{"5"}, 1},
		{"٣٤", []string{"34"}, 1},
	} {
		if got := ANLS(c.answer, c.truths); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("ANLS(%q, %q) = %v, want %v", c.answer, c.truths, got, c.want)
		}
	}
}

func TestRelaxedAccuracy(t *testing.T) {
	for _, c := range []struct {
		answer, truth string
		want          float64
	}{
		{"25", "25", 1},
		{"26.2", "25", 1},  // within 5%
		{"26.3", "25", 0},  // 5.2% off
		{"23.75", "25", 1}, // exactly 5% below
		{"45%", "0.45", 1}, // percent on both readings
		{"45%", "45", 1},   // a percent sign on one side only: bare numbers
		{"45", "45%", 1},
		{"0.45", "45%", 1}, // 45% is 0.45
		{"1,234", "1234", 1},
		{"12.", "12", 1},
		{"0", "0", 1},
		{"0.0", "0", 1},
		{"0.01", "0", 0}, // a zero ground truth needs a numeric zero
		{"Yes", "yes", 1},
		{"Yes.", "yes", 0}, // text is exact (case aside)
		{"B", "B", 1},
		{"the answer is 25", "25", 0}, // no extraction: the prompt asks for one word
		{"-5", "-5.1", 1},
		// relaxed_correctness (lmms-eval chartqa/utils.py, run in python3) agrees:
		{"５", "5", 1}, // float() reads any decimal digit
		{"٤٥%", "0.45", 1},
		{"1_000", "1000", 1},
		{"1e3", "1000", 1},
		{".5", "0.5", 1},
		{"45%%", "0.45", 1}, // rstrip("%")
		{"İ", "i̇", 1},      // lower() == lower()
		{"Σ", "σ", 1},
		{"ΟΔΟΣ", "οδος", 1},
		{"ΟΔΟΣ", "οδοσ", 0}, // a final sigma is ς
		{"ſ", "s", 0},       // lower() leaves the long s; strings.EqualFold would match it
	} {
		if got := RelaxedAccuracy(c.answer, c.truth); got != c.want {
			t.Errorf("RelaxedAccuracy(%q, %q) = %v, want %v", c.answer, c.truth, got, c.want)
		}
	}
}

func TestParseMultiChoice(t *testing.T) {
	opts := []string{"3", "4", "5", "the red circle"}
	for _, c := range []struct {
		resp, want string
		ok         bool
	}{
		{"B", "B", true},
		{"(C)", "C", true},
		{"B.", "B", true},
		{"The answer is (A) or maybe (D)", "D", true},                   // the last bracketed letter
		{"A or C", "C", true},                                           // the last of "A " and "C "
		{"I think it shows the red circle on the left side", "D", true}, // option text, > 5 words
		{"the red circle", "", false},                                   // option text needs more than five words
		{"I cannot tell from this picture at all", "", false},
		{"", "", false},
		{"<think>A? B?</think>C", "C", true},
		{"E", "", false}, // not an option
	} {
		got, ok := ParseMultiChoice(c.resp, opts)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseMultiChoice(%q) = %q, %v; want %q, %v", c.resp, got, ok, c.want, c.ok)
		}
	}
}

func TestMMMUOpen(t *testing.T) {
	for _, c := range []struct {
		resp  string
		truth []string
		right bool
	}{
		{"5", []string{"5"}, true},
		{"The answer is 5.0", []string{"5"}, true},
		{"so the total is 1,200", []string{"1200"}, true},
		{"therefore x = 3.14159", []string{"3.14"}, true}, // both rounded to 2 decimals
		{"The result is copper", []string{"Copper"}, true},
		{"6", []string{"5"}, false},
		{"a", []string{"b"}, false},
		// The rows below are the official parse_open_response and eval_open (lmms-eval
		// mmmu/utils.py, run in python3) on the same response and truth.
		{"0.13", []string{"0.125"}, false}, // round(0.125, 2) is 0.12: a tie, to even
		{"0.12", []string{"0.125"}, true},
		{"2.68", []string{"2.675"}, false}, // 2.675 is 2.67499… in binary
		{"2.67", []string{"2.675"}, true},
		{"The answer is 1.5e3", []string{"1500"}, true},
		{"so x = 1.5e3", []string{"1"}, true}, // extract_numbers also gives "1" and "3"
		{"so it is 12.5, roughly", []string{"12"}, true},
		{"the answer is 12.5, roughly", []string{"12.5"}, false}, // "12.5," is not a simple number
		{"so the value is 1_000", []string{"1000"}, true},        // float("1_000")
		{"the answer is ٣", []string{"3"}, true},                 // Arabic-Indic three
		{"THE ANSWER IS İ", []string{"i̇"}, true},                // lower(): i and U+0307
		{"the answer is ΟΔΟΣ", []string{"οδος"}, true},           // final sigma
		{"answer is ", []string{"5"}, false},
		{"x is 5 so ", []string{"5"}, true},
		{"so 7 is 5", []string{"5"}, true}, // the shortest tail
	} {
		if _, right := MMMUOpen(c.resp, c.truth); right != c.right {
			t.Errorf("MMMUOpen(%q, %q) = %v, want %v", c.resp, c.truth, right, c.right)
		}
	}
	if got := MMMUSubject("validation_Art_Theory_12"); got != "Art_Theory" {
		t.Errorf("MMMUSubject = %q", got)
	}
	if got := mmmuDiscipline("Clinical_Medicine"); got != "Health and Medicine" {
		t.Errorf("discipline = %q", got)
	}
}

func TestMathVista(t *testing.T) {
	mc := MathVistaProblem{QuestionType: "multi_choice", AnswerType: "text", Choices: []string{"3", "4", "6", "7"}, Answer: "4"}
	integer := MathVistaProblem{QuestionType: "free_form", AnswerType: "integer", Answer: "12"}
	float1 := MathVistaProblem{QuestionType: "free_form", AnswerType: "float", Precision: 1, Answer: "1.5"}
	float2 := MathVistaProblem{QuestionType: "free_form", AnswerType: "float", Precision: 2, Answer: "0.25"}
	list := MathVistaProblem{QuestionType: "free_form", AnswerType: "list", Answer: "[1, 2, 3]"}
	for _, c := range []struct {
		name, resp string
		p          MathVistaProblem
		ruled      bool
		right      bool
	}{
		{"mc letter", "B", mc, true, true},
		{"mc bracket", "(B) 4", mc, true, true},
		{"mc text", "4", mc, true, true},
		{"mc answer tail", "Counting them gives four.\nAnswer: B", mc, true, true},
		{"mc wrong letter", "A", mc, true, false},
		{"mc sentence starting with A", "A square has four sides", mc, true, true}, // "4"? no: "four" is no choice; see below
		{"mc nothing", "I am not sure", mc, false, false},
		{"int", "12", integer, true, true},
		{"int last number", "3 apples and 9 pears make 12", integer, true, true},
		{"int float form", "12.0", integer, true, true},
		{"int wrong", "13", integer, true, false},
		{"int none", "twelve", integer, false, false},
		{"float rounds", "1.54", float1, true, true},
		{"float formatting", "1.50", float1, true, true},
		{"float precision 2", "The answer is 0.249", float2, true, true},
		{"float wrong", "1.6", float1, true, false},
		{"list", "[1, 2, 3]", list, true, true},
		{"list floats", "The list is [1.0, 2, 3.0]", list, true, true},
		{"list wrong order", "[3, 2, 1]", list, true, false},
		{"list none", "one two three", list, false, false},
	} {
		ext, ok := MathVistaExtract(c.resp, c.p)
		right := false
		if ok {
			_, right = MathVistaNormalize(ext, c.p)
		}
		if c.name == "mc sentence starting with A" {
			// "A square …" is not choice A, and names no choice's text: not extracted.
			if ok && right {
				t.Errorf("%s: extracted %q as right", c.name, ext)
			}
			continue
		}
		if ok != c.ruled || right != c.right {
			t.Errorf("%s: MathVista(%q) extracted %q (by rule %v), right %v; want by rule %v, right %v",
				c.name, c.resp, ext, ok, right, c.ruled, c.right)
		}
	}
}

// TestMathVistaEdges: each want is the official code run in python3 (lmms-eval
// mathvista_evals.py: extract_answer's steps before GPT, then
// normalize_extracted_answer and safe_equal), on the same response and problem.
func TestMathVistaEdges(t *testing.T) {
	float := func(prec int, answer string) MathVistaProblem {
		return MathVistaProblem{QuestionType: "free_form", AnswerType: "float", Precision: prec, Answer: answer}
	}
	integer := func(answer string) MathVistaProblem {
		return MathVistaProblem{QuestionType: "free_form", AnswerType: "integer", Answer: answer}
	}
	mc := MathVistaProblem{QuestionType: "multi_choice", AnswerType: "text", Choices: []string{"3", "4", "6", "7"}, Answer: "6"}
	mc4 := mc
	mc4.Answer = "4"
	for _, c := range []struct {
		resp string
		p    MathVistaProblem
		norm string
		want bool
	}{
		{"0.125", float(2, "0.12"), "0.12", true}, // round(0.125, 2): a tie, to even
		{"2.675", float(2, "2.67"), "2.67", true}, // 2.67499… in binary
		{"0.25", float(1, "0.2"), "0.2", true},
		{"0.25", float(1, "0.3"), "0.2", false},
		{"0.35", float(1, "0.3"), "0.3", true}, // 0.34999… in binary
		{"1e-3", float(3, "0.001"), "0.001", true},
		{"The answer is 1e-3", float(3, "0.001"), "0.001", true}, // by rule: the last number, 1e-3, not -3
		{"1_2", integer("12"), "12", true},                       // int("1_2") is 12
		{"1e1", integer("10"), "10", true},
		{"٣", integer("3"), "3", true},        // int() takes any decimal digit
		{"５.５", float(1, "5.5"), "5.5", true}, // so does float()
		{"(c)", mc, "6", true},                // a lower-case option letter
		{"(C) 6", mc, "6", true},
		{"C", mc, "6", true},
		{"Answer: (b)", mc4, "4", true},
	} {
		ext, ok := MathVistaExtract(c.resp, c.p)
		if !ok {
			t.Errorf("MathVistaExtract(%q) found nothing", c.resp)
			continue
		}
		norm, right := MathVistaNormalize(ext, c.p)
		if norm != c.norm || right != c.want {
			t.Errorf("MathVista(%q, answer %q): extracted %q, normalized %q, right %v; want %q, %v",
				c.resp, c.p.Answer, ext, norm, right, c.norm, c.want)
		}
	}
	// A judge's reply goes through MathVistaNormalize alone.
	for _, c := range []struct {
		reply string
		want  bool
	}{{"(c)", true}, {"(C) 6", true}, {"the (c) one", true}, {"(a)", false}} {
		if _, right := MathVistaNormalize(c.reply, mc); right != c.want {
			t.Errorf("MathVistaNormalize(%q) right %v, want %v", c.reply, right, c.want)
		}
	}
}

func TestOCRBenchMatch(t *testing.T) {
	for _, c := range []struct {
		answer  string
		truths  []string
		dataset string
		want    float64
	}{
		{"The text says Hello World 123.", []string{"hello world 123"}, "IIIT5K", 1},
		{"HELLO\nWORLD", []string{"hello world"}, "IIIT5K", 1}, // newline is a space
		{"hello", []string{"hello world"}, "IIIT5K", 0},
		{"ｈｅｌｌｏ", []string{"hello"}, "IIIT5K", 1},              // full-width folded
		{"x^{2} + 1", []string{"x ^ { 2 } + 1"}, "HME100k", 1}, // spaces dropped
		{"X^{2}+1", []string{"x^{2}+1"}, "HME100k", 0},         // case kept for HME
		{"anything", []string{""}, "IIIT5K", 0},                // empty truth never matches
		{"b", []string{"a", "b"}, "IIIT5K", 1},
		// ocrbench_process_results (lmms-eval, run in python3) agrees:
		{"İSTANBUL", []string{"i̇stanbul"}, "IIIT5K", 1},
		{"The ΟΔΟΣ sign", []string{"οδος"}, "IIIT5K", 1},
		{"\x1cok\x1c", []string{"ok"}, "IIIT5K", 1},
		// Digits folded: lmms-eval gives 0 (doc.go's table).
		{"٥٠", []string{"50"}, "IIIT5K", 1},
	} {
		if got := OCRBenchMatch(c.answer, c.truths, c.dataset); got != c.want {
			t.Errorf("OCRBenchMatch(%q, %q, %s) = %v, want %v", c.answer, c.truths, c.dataset, got, c.want)
		}
	}
}

func TestParseClick(t *testing.T) {
	const w, h = 1000, 500
	box := Box{0.4, 0.4, 0.6, 0.6}
	for _, c := range []struct {
		answer string
		mode   Coords
		inside bool
		ok     bool
		iou    float64 // -1: no box
	}{
		{"(0.5, 0.5)", CoordsAuto, true, true, -1},
		{"Click at (0.1, 0.5)", CoordsAuto, false, true, -1},
		{"(500, 250)", CoordsAuto, true, true, -1},                 // pixels
		{"(500, 250)", CoordsPixel, true, true, -1},                // pixels
		{"(500, 500)", Coords1000, true, true, -1},                 // thousandths
		{"[0.4, 0.4, 0.6, 0.6]", CoordsAuto, true, true, 1},        // a box: centre, IoU 1
		{"[0.5, 0.5, 0.7, 0.7]", CoordsAuto, false, true, 1.0 / 7}, // centre 0.6 on the edge? no: 0.6 is inside
		{"x=0.5 y=0.5", CoordsAuto, true, true, -1},
		{"I don't know", CoordsAuto, false, false, -1},
		{"[50%, 50%]", CoordsAuto, true, true, -1},             // percent of the image, not pixels
		{"(10%, 50%)", CoordsPixel, false, true, -1},           // percent whatever the mode: 0.1 is left of the box
		{"[45%, 45%, 55%, 55%]", Coords1000, true, true, 0.25}, // a box of 0.1² in 0.2²
		{"[.2, .2, .4, .4]", CoordsAuto, false, true, 0},       // leading dots: fractions, corner (0.4, 0.4) only
		{"(.5, .5)", CoordsAuto, true, true, -1},
		{"(500,250)", CoordsAuto, true, true, -1},                         // a comma without a space separates
		{"(０.５, ０.５)", CoordsAuto, true, true, -1},                        // full-width digits
		{"(٠.٥, ٠.٥)", CoordsAuto, true, true, -1},                        // Arabic-Indic digits
		{"Click (0.5, 0.5), then (0.1, 0.1)", CoordsAuto, true, true, -1}, // the first group
	} {
		cl, ok := ParseClick(c.answer, w, h, c.mode)
		if ok != c.ok {
			t.Errorf("ParseClick(%q): ok %v, want %v", c.answer, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		inside := box.Contains(cl.X, cl.Y)
		if c.answer == "[0.5, 0.5, 0.7, 0.7]" {
			c.inside = true // the centre (0.6, 0.6) is on the box's corner, edges included
		}
		if inside != c.inside {
			t.Errorf("ParseClick(%q) = (%v, %v): inside %v, want %v", c.answer, cl.X, cl.Y, inside, c.inside)
		}
		if c.iou >= 0 {
			if cl.Box == nil || math.Abs(box.IoU(*cl.Box)-c.iou) > 1e-9 {
				t.Errorf("ParseClick(%q): box %v, IoU want %v", c.answer, cl.Box, c.iou)
			}
		}
	}
	for src, want := range map[string]string{"ios": "mobile", "android": "mobile", "macos": "desktop",
		"windows": "desktop", "shop": "web", "gitlab": "web"} {
		if got := ScreenSpotPlatform(src); got != want {
			t.Errorf("ScreenSpotPlatform(%s) = %s, want %s", src, got, want)
		}
	}
}

func TestVideoMMEChoice(t *testing.T) {
	for _, c := range []struct{ answer, want string }{
		{"A", "A"},
		{"The best answer is B.", "B"},
		{"(C) the man", "C"},
		{"The answer is: D", "D"},
		{"I think the video shows a man walking down the street at night time", ""}, // > 10 words, no A-D
		{"", ""},
	} {
		got, ok := VideoMMEChoice(c.answer)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("VideoMMEChoice(%q) = %q, %v; want %q", c.answer, got, ok, c.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	set, _ := Lookup("ocrbench")
	scored := []Scored{{Value: 1, Groups: []string{"Regular Text Recognition", "Text Recognition"}},
		{Value: 0, Groups: []string{"Regular Text Recognition", "Text Recognition"}},
		{Value: 1, Groups: []string{"Doc-oriented VQA"}}, {Value: 1, Groups: []string{"Doc-oriented VQA"}}}
	s := Summarize(set, scored)
	want := map[string]float64{"Regular Text Recognition": 1, "Text Recognition": 1, "Doc-oriented VQA": 2}
	if s.Value != 750 || s.CI.Method != "wilson" || s.CI.Hi > 1000 {
		t.Errorf("OCRBench summary %v", s)
	}
	if diff := cmp.Diff(want, s.Parts); diff != "" {
		t.Errorf("OCRBench parts (-want +got):\n%s", diff)
	}
	mmmu, _ := Lookup("mmmu")
	s = Summarize(mmmu, []Scored{{Value: 1, Groups: []string{"Science"}}, {Value: 0, Unparsed: true, Groups: []string{"Science"}},
		{Value: 0, Groups: []string{"Business"}}})
	want = map[string]float64{"Science": 0.5, "Business": 0, "unparsed_share": 1.0 / 3}
	if diff := cmp.Diff(want, s.Parts, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("MMMU parts (-want +got):\n%s", diff)
	}
	// ScreenSpot: an unparsed answer and a point count IoU 0 in mean_iou (the
	// reference's screenspot_rec reads [0, 0, 0, 0] for them), not in mean_iou_boxes.
	ss, _ := Lookup("screenspot")
	one, half := 1.0, 0.5
	s = Summarize(ss, []Scored{{Value: 1, IoU: &one}, {Value: 1, IoU: &half}, {Unparsed: true}, {Value: 1}})
	for part, want := range map[string]float64{"mean_iou": 1.5 / 4, "mean_iou_boxes": 0.75, "box_answer_share": 0.5, "unparsed_share": 0.25} {
		if got, ok := s.Parts[part]; !ok || math.Abs(got-want) > 1e-12 {
			t.Errorf("ScreenSpot %s = %v (present %v), want %v", part, got, ok, want)
		}
	}
}

func TestPublishedFor(t *testing.T) {
	p, ok := PublishedFor("docvqa", "Qwen2.5-VL-7B-Instruct-Q4_K_M")
	if !ok || p.Score != 0.957 {
		t.Errorf("PublishedFor(docvqa, Qwen2.5-VL-7B-Instruct-Q4_K_M) = %+v, %v", p, ok)
	}
	if _, ok := PublishedFor("docvqa", "qwen25vl-95853d2a1efb"); ok {
		t.Error("the synthetic model matched a published model")
	}
	if _, ok := PublishedFor("docvqa", "Qwen2.5-VL-72B-Instruct"); ok {
		t.Error("72B matched the 7B row")
	}
	for _, p := range PublishedScores {
		if _, err := Lookup(p.Set); err != nil || p.Source == "" {
			t.Errorf("row %+v: unknown set or no source", p)
		}
	}
}

// TestMathVistaJudge: the -judge fallback is asked only when the rules fail, and the
// share extracted by rule counts only the rules.
func TestMathVistaJudge(t *testing.T) {
	set, _ := Lookup("mathvista")
	s := Sample{ID: "1", Question: "How many?", QuestionType: "free_form", AnswerType: "integer", Answers: []string{"12"}}
	asked := 0
	o := Options{Extract: func(ctx context.Context, question, response string) (string, error) {
		asked++
		return "12", nil
	}}
	if sc := set.Score(t.Context(), s, "12", o); !sc.ByRule || sc.Value != 1 || asked != 0 {
		t.Errorf("by rule: %+v, judge asked %d times", sc, asked)
	}
	sc := set.Score(t.Context(), s, "a dozen", o)
	if sc.ByRule || sc.Unparsed || sc.Value != 1 || asked != 1 {
		t.Errorf("by judge: %+v, judge asked %d times", sc, asked)
	}
	o.Extract = func(context.Context, string, string) (string, error) { return "", errors.New("judge down") }
	if sc := set.Score(t.Context(), s, "a dozen", o); !sc.Unparsed || sc.Value != 0 || !strings.Contains(sc.Evidence, "judge down") {
		t.Errorf("judge failing: %+v", sc)
	}
	sum := Summarize(set, []Scored{{Value: 1, ByRule: true}, {Value: 1}, {Value: 0, Unparsed: true}, {Value: 0, ByRule: true}})
	if sum.Parts["extracted_by_rule_share"] != 0.5 || sum.Parts["unparsed_share"] != 0.25 {
		t.Errorf("MathVista shares: %v", sum.Parts)
	}
}

func TestPublishedMatchesQwen3(t *testing.T) {
	for model, want := range map[string]float64{
		"Qwen3-VL-8B-Instruct-Q4_K_M":        896,
		"Qwen3VL-8B-Thinking-UD-Q4_K_XL":     819,
		"Qwen3-VL-30B-A3B-Instruct-Q8_0":     903,
		"Qwen3-VL-235B-A22B-Instruct-Q2_K_L": 920,
		"qwen3-vl-4b-instruct-f16":           881,
	} {
		p, ok := PublishedFor("ocrbench", model)
		if !ok || p.Score != want {
			t.Errorf("PublishedFor(ocrbench, %s) = %+v, %v; want %v", model, p, ok, want)
		}
	}
	if _, ok := PublishedFor("screenspot", "Qwen3-VL-8B-Instruct"); ok {
		t.Error("a ScreenSpot number for Qwen3-VL, which the report does not give")
	}
}
