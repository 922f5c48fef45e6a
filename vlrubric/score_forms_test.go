package vlrubric

import "testing"

// Answer forms read since the last round of blind batches, one case per rule, on the
// canonical truths. The expected fractions are the experts' for answers of the kind
// (the dev rows named).

func TestFormsText(t *testing.T) {
	runCases(t, "VL-T1-Q1", []answerCase{
		// JSON properties are said of their keys (dev 454).
		{"json properties", nil, "```json\n{\"text\": \"Hello World 123\", \"font_color\": \"black\", \"background\": \"white\"}\n```", []float64{1, 1, 1}},
		// "black on white" names the background (dev 254).
		{"black on white", nil, "Hello World 123 — one line, black on white.", []float64{1, 1, 1}},
		// One word per line (dev 402).
		{"word per line", nil, "The text reads, word by word:\n\nHello\nWorld\n123", []float64{1, 1, 1}},
		// A line read wholly wrong has no case to judge (dev 205).
		{"misread line", nil, "The text reads Yellow Wood 128.", []float64{0, 0, 1}},
	})
}

func TestFormsShapes(t *testing.T) {
	runCases(t, "VL-T1-Q2", []answerCase{
		// Italian number words, one group per line (dev 404).
		{"italian", nil, "Nell'immagine ci sono **cinque forme** in tutto:\n\ntre cerchi rossi\ndue quadrati blu", []float64{1, 1, 1}},
		// "one of the circles" is no count (dev 404).
		{"partitive", nil, "5 shapes: 3 red circles and 2 blue squares. One of the circles is larger.", []float64{1, 1, 1}},
		// A nested JSON answer: a total beside the list, a summary keyed by shape (dev 422).
		{"nested json", nil, `{"total": 5, "summary": {"red circle": 3, "blue square": 2}}`, []float64{1, 1, 1}},
		// Counts given by repetition (dev 192).
		{"repetition", nil, "There is five shapes: red circle red circle red circle and blue square blue square.", []float64{1, 1, 1}},
		// Cut off where the total was to come (dev 439).
		{"cut at total", nil, "There are 3 red circles and 2 blue squares, so the total number of shapes is", []float64{0, 1, 1}},
	})
}

func TestFormsIcon(t *testing.T) {
	runCases(t, "VL-T1-Q3", []answerCase{
		// A counterfactual names no option (dev 406).
		{"counterfactual", nil, "This is a folder icon with a tab on the upper left. A briefcase would have a handle on top instead.", []float64{1, 1}},
		// An option offered beside it hedges (dev 445), and the description stands on its own.
		{"could also be", nil, "It most likely represents a folder, though it could also be a document wallet. It is yellow with a tab.", []float64{0.75, 1}},
		// A wrong object in the icon's colour: a quarter of the description (dev 23).
		{"wrong object, true colour", nil, "It is a yellow sticky note.", []float64{0, 0.25}},
	})
}

func TestFormsChart(t *testing.T) {
	runCases(t, "VL-T2-Q1", []answerCase{
		// The answer after a restated question (dev 302).
		{"question then answer", nil, "What is the value of bar B? Bar B reaches 25. Which bar has the highest value? Bar B, with 25.", []float64{1, 1, 1}},
		// A ranking from the tallest claims its first bar (dev 404).
		{"ranking", nil, "Ranking the bars from tallest to shortest:\n1. B — 25\n2. D — 20\n3. C — 15\n4. A — 10", []float64{1, 1, 1}},
	})
}

func TestFormsFlowchart(t *testing.T) {
	runCases(t, "VL-T3-Q2", []answerCase{
		// Branches said not to be taken are no claim (dev 417).
		{"untaken branches", nil, "Start → input > 10? (Yes) → flag = true? (Yes) → Send Alert. The No branches of both decisions lead to Log Only, but neither is taken here.", []float64{1, 1, 1}},
		// Action boxes listed as the chart's parts are no route (dev 255).
		{"inventory", nil, "The chart has two action boxes (\"Send Alert\" and \"Log Only\"). Start → input > 10? Yes → flag = true? Yes → Send Alert.", []float64{1, 1, 1}},
	})
}

func TestFormsPuzzle(t *testing.T) {
	runCases(t, "VL-T3-Q4", []answerCase{
		// An option offered with the answer hedges it (dev 445).
		{"either or", nil, "The empty cell should hold either three triangles or three circles. Each row keeps one shape and the count grows 1, 2, 3 left to right.", []float64{0.5, 1, 1}},
		// A wrong answer from a wrong rule explains nothing (dev 225); the right shape
		// with the wrong count is half the answer (shared 03).
		{"wrong from a wrong rule", nil, "Four triangles: the count doubles, 1, 2, 4.", []float64{0.5, 0, 0}},
	})
}
