package vlrubric

import (
	"testing"

	"github.com/vlbench/vlbench/fixtures"
)

func TestScoreEquation(t *testing.T) {
	minus := &fixtures.Truth{Equation: &fixtures.EquationTruth{Equation: "3x - 4 = 11", Var: "x", A: 3, B: -4, C: 11,
		Solution: 5, Steps: []string{"3x = 15", "x = 5"}}}
	runCases(t, "VL-T3-Q1", []answerCase{
		{"plain working", nil, "2x + 5 = 13\n2x = 8\nx = 4", []float64{1, 1, 1}},
		{"latex boxed", nil, "We have \\(2x + 5 = 13\\). Then \\(2x = 8\\), so \\(x = \\boxed{4}\\).", []float64{1, 1, 1}},
		{"display latex", nil, "$$2x + 5 = 13$$\n$$2x = 13 - 5 = 8$$\n$$x = \\frac{8}{2} = 4$$", []float64{1, 1, 1}},
		{"words", nil, "Subtract 5 from both sides to get 2x = 8, then divide by 2: x equals four.", []float64{1, 1, 1}},
		{"verbal working only", nil, "Subtracting 5 from both sides and dividing by 2 gives x = 4.", []float64{1, 1, 1}},
		{"answer only", nil, "x = 4", []float64{1, 0, 1}}, // a right answer shows it was read,
		{"answer line", nil, "**Answer:** 4", []float64{1, 0, 1}},
		{"chain", nil, "2x = 13 - 5, so x = 8 ÷ 2 = 4.", []float64{1, 1, 1}},
		{"multiplication dot", nil, "2·x + 5 = 13 → 2·x = 8 → x = 4", []float64{1, 1, 1}},
		{"check after answer", nil, "2x = 8, so x = 4. Check: 2(4) + 5 = 13 ✓", []float64{1, 1, 1}},
		{"corrected", nil, "2x = 8, x = 3... wait, 8/2 = 4, so x = 4.", []float64{1, 1, 1}},
		{"ends wrong", nil, "2x = 8 so x = 4? No: x = 5.", []float64{0.5, 1, 1}},
		{"misread equation", nil, "The equation is 2x + 5 = 18. So 2x = 13 and x = 6.5.", []float64{0, 1, 0}}, // working valid for the misread,
		{"arithmetic slip", nil, "2x + 5 = 13, so 2x = 18 and x = 9.", []float64{0, 0.5, 1}},                  // one wrong step of two,
		{"think block", nil, "<think>2x = 8, x = 4</think>\nx = 4", []float64{1, 0, 1}},
		{"refusal", nil, "I can't see the image, so I can't solve the equation.", []float64{0, 0, 0}},
		{"all in words", nil, "Two x plus five equals thirteen. Taking five away from each side leaves two x equals eight, and halving both sides gives x equals four.", []float64{1, 1, 1}},
		{"division skipped", nil, "Subtracting 5 from 13 gives 8, so x = 4.", []float64{1, 0.5, 1}},
		{"invented second equation", nil, "2x + 5 = 13, so 2x = 8 and x = 4. The image also shows a second equation, y = 3x.", []float64{1, 1, 0.5}},
		{"variant negative b", minus, "3x - 4 = 11 → 3x = 15 → x = 5", []float64{1, 1, 1}},
		{"variant add words", minus, "Add 4 to both sides and divide by 3: x = 5.", []float64{1, 1, 1}},
		{"variant canonical answer", minus, "2x + 5 = 13, 2x = 8, x = 4", []float64{0, 1, 0}}, // valid working for the equation it misread,
	})
}

func TestScoreFlowchart(t *testing.T) {
	no := canonical("VL-T3-Q2")
	no.Flowchart.Conditions = map[string]bool{"input > 10": false, "flag = true": true}
	no.Flowchart.Path = []string{"start", "d1", "a2"}
	no.Flowchart.Answers = []string{"No"}
	runCases(t, "VL-T3-Q2", []answerCase{
		{"arrows", nil, "Start → input > 10? (Yes) → flag = true? (Yes) → Send Alert", []float64{1, 1, 1}},
		{"ascii arrows", nil, "Start -> input > 10? -> Yes -> flag = true? -> Yes -> Send Alert", []float64{1, 1, 1}},
		{"prose", nil, "We begin at Start. Since input is greater than 10, the first decision is Yes. The flag is true, so the second decision is also Yes. The flow ends at Send Alert.", []float64{1, 1, 1}},
		{"outcome only", nil, "It sends an alert.", []float64{1, 0.5, 0.25}}, // a bare end box: conditions half
		{"no yes words", nil, "Start, then input > 10?, then flag = true?, then Send Alert.", []float64{1, 0.5, 1}},
		{"counterfactual mention", nil, "Start → input > 10? Yes → flag = true? Yes → Send Alert. (If flag were false, it would go to Log Only.)", []float64{1, 1, 1}},
		{"negated other", nil, "The path goes Start → input > 10? (Yes) → flag = true? (Yes) → Send Alert; it does not go to Log Only.", []float64{1, 1, 1}},
		{"both outcomes", nil, "Start → input > 10? (Yes) → flag = true? (Yes) → Send Alert, then Log Only.", []float64{0.5, 1, 1}},
		{"wrong branch", nil, "Start → input > 10? No → Log Only", []float64{0, 0, 0.5}},
		{"wrong second decision", nil, "Start → input > 10? Yes → flag = true? No → Log Only", []float64{0, 0.5, 0.75}},
		{"markdown steps", nil, "1. **Start**\n2. **input > 10?** → **Yes**\n3. **flag = true?** → **Yes**\n4. **Send Alert**", []float64{1, 1, 1}},
		{"refusal", nil, "I'm sorry, I cannot view the flowchart.", []float64{0, 0, 0}},
		{"variant no branch", &no, "Start → input > 10? No → Log Only", []float64{1, 1, 1}},
		{"variant canonical answer", &no, "Start → input > 10? Yes → flag = true? Yes → Send Alert", []float64{0, 0, 2.0 / 3}},
	})
}

func TestScoreDiff(t *testing.T) {
	variant := &fixtures.Truth{Diff: &fixtures.DiffTruth{Differences: []fixtures.Difference{
		{Object: "cloud", Kind: "missing", Left: "absent", Right: "present", Keywords: [][]string{{"cloud"}}},
		{Object: "roof", Kind: "color", Left: "green", Right: "blue", Keywords: [][]string{{"roof"}, {"color", "colour", "green", "blue"}}}},
		Objects: []string{"house", "door", "tree", "sky", "cloud", "roof"}}}
	runCases(t, "VL-T3-Q3", []answerCase{
		{"numbered", nil, "1. The sun is present in the left image but missing in the right one.\n2. The door is brown on the left and red on the right.\n3. The left house has two windows; the right house has only one.", []float64{1, 1, 1}},
		{"terse", nil, "Sun missing on the right; door brown → red; 2 windows → 1 window.", []float64{1, 1, 1}},
		{"sub bullets", nil, "**1. Sun**\n- Left: a yellow sun\n- Right: no sun\n\n**2. Door**\n- Left: brown\n- Right: red\n\n**3. Windows**\n- Left: 2 windows\n- Right: 1 window", []float64{1, 1, 1}},
		{"table", nil, "| Feature | Left image | Right image |\n|---|---|---|\n| Sun | Present | Absent |\n| Door | Brown | Red |\n| Windows | 2 | 1 |", []float64{1, 1, 1}},
		{"table swapped", nil, "| Feature | Right | Left |\n|---|---|---|\n| Sun | Present | Absent |\n| Door | Brown | Red |\n| Windows | 2 | 1 |", []float64{1, 0, 1}},
		{"two of three", nil, "The right image has no sun, and its door is red instead of brown.", []float64{2.0 / 3, 1, 1}}, // descriptions: of those found,
		{"one difference", nil, "The only difference I see is that the sun is missing in the right image.", []float64{1.0 / 3, 1, 1}},
		{"swapped sides", nil, "1. The sun is missing in the left image.\n2. The door is red on the left and brown on the right.\n3. The left house has one window, the right one has two windows.", []float64{1, 0, 1}},
		{"states without sides", nil, "1. A sun.\n2. The door colour differs (brown vs red).\n3. The number of windows differs.", []float64{1, 0.5/3 + 0.5/3 + 0.5/3, 1}},
		{"false positives", nil, "1. The sun is missing on the right.\n2. The door is red on the right instead of brown.\n3. The right house has one window instead of two.\n4. The tree is taller on the right.\n5. There is an extra cloud on the right.", []float64{1, 1, 0}}, // one invention costs the guard,
		{"same is not a claim", nil, "Both images show a house, a door, a tree and a sky. Differences: the sun is missing on the right; the door is red on the right instead of brown; the right house has one window instead of two. The tree is identical.", []float64{1, 1, 1}},
		{"hedged invention", nil, "The sun is missing on the right, the door is red instead of brown, and the right house has one window instead of two. The tree may also be a little taller on the right.", []float64{1, 1, 0.5}},
		{"summary names only true ones", nil, "The sun is missing on the right. The door is brown on the left and red on the right. The left house has two windows, the right one. So the differences are the sun, the door and the windows.", []float64{1, 1, 1}},
		{"negated object", nil, "The sun is missing on the right. There is no difference in the door.", []float64{1.0 / 3, 1, 1}},
		{"none found", nil, "I can't find any differences; the two images look identical.", []float64{0, 0, 1}}, // a negation invents nothing,
		{"variant", variant, "A cloud appears only in the right image, and the roof changes from green on the left to blue on the right.", []float64{1, 1, 1}},
		{"variant canonical answer", variant, "The sun is missing on the right; the door is red instead of brown.", []float64{0, 0, 0}},
	})
}

func TestScorePuzzle(t *testing.T) {
	stars := &fixtures.Truth{Puzzle: &fixtures.PuzzleTruth{
		Grid: [3][3]string{{"1 square", "2 squares", "3 squares"}, {"1 star", "2 stars", "?"},
			{"1 circle", "2 circles", "3 circles"}},
		Missing: [2]int{1, 2}, AnswerShape: "star", AnswerCount: 3,
		RuleKind: "rows"}}
	colour := &fixtures.Truth{Puzzle: &fixtures.PuzzleTruth{
		Grid: [3][3]string{{"1 blue circle", "1 red circle", "1 orange circle"}, {"1 blue star", "1 red star", "1 orange star"},
			{"1 blue hexagon", "1 red hexagon", "?"}},
		Missing: [2]int{2, 2}, AnswerShape: "hexagon", AnswerCount: 1, AnswerColor: "orange",
		RuleKind: "color"}}
	runCases(t, "VL-T3-Q4", []answerCase{
		{"context before answer", nil, "The empty cell is in the bottom row, right after 2 triangles. Since the count grows 1, 2, 3 along each row, the answer is 3 triangles.", []float64{1, 0.5, 0.5}}, // the row's one shape is not said
		{"variant colour rule", colour, "The missing cell is in the last row, next to a red hexagon. Each row keeps one shape and each column one colour (blue, red, orange), so it should be one orange hexagon.", []float64{1, 1, 1}},
		{"variant colour wrong colour", colour, "It should be one red hexagon: each row has one shape.", []float64{0.5, 0.5, 0.5}},
		{"full", nil, "The empty cell should contain three triangles. Each row has one shape, and the count increases from left to right: 1, 2, 3. The bottom row has 1 triangle, 2 triangles, so 3 triangles.", []float64{1, 1, 1}},
		{"terse", nil, "3 triangles", []float64{1, 0, 0}},
		{"answer with rule", nil, "**Answer:** 3 triangles.\n\nEach row keeps its shape and the number grows by one per column.", []float64{1, 1, 1}},
		{"one triangle", nil, "A triangle should go in the empty cell, since the third row is triangles.", []float64{0.5, 0.5, 0.5}},
		{"wrong shape and rule", nil, "The missing cell should have 3 circles, because the pattern repeats by column.", []float64{0, 0, 0}},
		{"think block", nil, "<think>row 3: 1 triangle, 2 triangles, so 3</think>Three triangles: each row has one shape whose count increases 1, 2, 3 from left to right.", []float64{1, 1, 1}},
		{"refusal", nil, "I'm unable to see the grid.", []float64{0, 0, 0}},
		{"variant", stars, "The empty cell gets 3 stars: in every row the shape stays the same and the number increases from 1 to 3 (second row: 1 star, 2 stars, 3 stars).", []float64{1, 1, 1}},
		{"variant canonical answer", stars, "Three triangles.", []float64{0, 0, 0}},
	})
}
