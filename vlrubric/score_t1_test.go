package vlrubric

import (
	"testing"

	"github.com/vlbench/vlbench/fixtures"
)

func TestScoreText(t *testing.T) {
	other := &fixtures.Truth{Text: &fixtures.TextTruth{Text: "Open Door 42"}}
	mixed := &fixtures.Truth{Text: &fixtures.TextTruth{Text: "QUICK brown Fox 7"}}
	runCases(t, "VL-T1-Q1", []answerCase{
		{"terse", nil, "Hello World 123", []float64{1, 1, 1}},
		{"quoted chatty", nil, `Sure! The image shows the text "Hello World 123" written in a large black font on a white background.`, []float64{1, 1, 1}},
		{"bold markdown", nil, "The text in the image is: **Hello World 123**", []float64{1, 1, 1}},
		{"code block", nil, "The image contains:\n```\nHello World 123\n```", []float64{1, 1, 1}},
		{"punctuation added", nil, `It reads "Hello, World! 123".`, []float64{0.75, 1, 1}},
		{"lower case", nil, `The text says "hello world 123".`, []float64{1, 0, 1}},
		{"upper case", nil, "HELLO WORLD 123", []float64{1, 0, 1}},
		{"think then answer", nil, "<think>Maybe it says Hello Word? No, it's World.</think>\nHello World 123", []float64{1, 1, 1}},
		{"think only wrong", nil, "<think>It says Hello World 123</think>The text is \"Goodbye\".", []float64{0, 0, 0}},
		{"digit misread", nil, `The text reads "Hello World 128".`, []float64{0.5, 1, 1}}, // a misread invents nothing,
		{"word misread", nil, `"Hello Word 123"`, []float64{0.5, 1, 1}},
		{"missing number", nil, `The image says "Hello World".`, []float64{0.5, 1, 1}},
		{"extra line hallucinated", nil, "The image shows \"Hello World 123\" and below it a second line that says \"Welcome\".", []float64{1, 1, 0}},
		{"extra words in quote", nil, `The text is "Hello World 123 Goodbye".`, []float64{1, 1, 0}},
		{"no other text", nil, "Hello World 123. There is no other text in the image.", []float64{1, 1, 1}},
		{"hedged watermark", nil, "The text is Hello World 123. There may also be a faint watermark.", []float64{1, 1, 0.5}},
		{"invented colour", nil, `"Hello World 123" in red letters on a white background.`, []float64{1, 1, 0}},
		{"number in words", nil, "It says Hello World, then the number one hundred twenty-three.", []float64{1, 1, 1}},
		{"self-correction", nil, "The text is Hello World 128. Actually, looking again, it is Hello World 123.", []float64{1, 1, 1}},
		{"refusal", nil, "I'm sorry, but I can't see any image in your message.", []float64{0, 0, 0}},
		{"empty", nil, "   ", []float64{0, 0, 0}},
		{"variant terse", other, "Open Door 42", []float64{1, 1, 1}},
		// Every token misread in place: no token right, no word of the text transcribed
		// so no case to judge (most experts' rows; dev 42 and 109 judge the misread's
		// case), and a misread invents nothing.
		{"variant confused with canonical", other, "Hello World 123", []float64{0, 0, 1}},
		{"variant misread, lower case", other, "hello world 123", []float64{0, 0, 1}},
		{"variant mixed case right", mixed, `The text reads "QUICK brown Fox 7".`, []float64{1, 1, 1}},
		{"variant mixed case flattened", mixed, `The text reads "Quick Brown Fox 7".`, []float64{1, 1.0 / 3, 1}},
	})
}

func TestScoreShapes(t *testing.T) {
	stars := &fixtures.Truth{Shapes: &fixtures.ShapesTruth{Total: 6, Groups: []fixtures.ShapeGroup{
		{Shape: "triangle", Color: "green", Count: 2}, {Shape: "star", Color: "yellow", Count: 4}}}}
	twoColours := &fixtures.Truth{Shapes: &fixtures.ShapesTruth{Total: 3, Groups: []fixtures.ShapeGroup{
		{Shape: "circle", Color: "red", Count: 2}, {Shape: "circle", Color: "blue", Count: 1}}}}
	runCases(t, "VL-T1-Q2", []answerCase{
		{"canonical sentence", nil, "There are 5 shapes: 3 red circles and 2 blue squares.", []float64{1, 1, 1}},
		{"number words", nil, "I count five shapes in total — three red circles and two blue squares.", []float64{1, 1, 1}},
		{"markdown list", nil, "**Total: 5 shapes**\n\n- 3 × red circles\n- 2 × blue squares", []float64{1, 1, 1}},
		{"colon counts", nil, "5 shapes.\nRed circles: 3\nBlue squares: 2", []float64{1, 1, 1}},
		{"table", nil, "| Shape | Color | Count |\n|---|---|---|\n| Circle | Red | 3 |\n| Square | Blue | 2 |\n\nTotal: 5", []float64{1, 1, 1}},
		{"enumerated one by one", nil, "There are 5 shapes:\n1. A red circle (top left)\n2. A red circle (top right)\n3. A red circle (bottom)\n4. A blue square\n5. A blue square", []float64{1, 1, 1}},
		{"enumerated wrongly", nil, "There are 4 shapes:\n1. A red circle\n2. A red circle\n3. A blue square\n4. A blue square", []float64{0, 0.5, 1}},
		{"no total stated", nil, "3 red circles, 2 blue squares.", []float64{0.5, 1, 1}},
		{"no colours", nil, "There are 5 shapes: 3 circles and 2 squares.", []float64{1, 1, 0}},
		{"colour swap", nil, "There are 5 shapes: 3 blue circles and 2 red squares.", []float64{1, 1, 0}},
		{"wrong counts", nil, "There are 6 shapes: 4 red circles and 2 blue squares.", []float64{0, 0.5, 1}},
		{"invented triangle", nil, "There are 6 shapes: 3 red circles, 2 blue squares and 1 green triangle.", []float64{0, 0.5, 1}},
		{"negated shape is no invention", nil, "There are 5 shapes: 3 red circles and 2 blue squares. There are no triangles.", []float64{1, 1, 1}},
		{"think block miscounts then right", nil, "<think>I see 4... no, 5 shapes.</think>There are 5 shapes: 3 red circles and 2 blue squares.", []float64{1, 1, 1}},
		{"hedged totals", nil, "There are 5 or maybe 6 shapes: 3 red circles and 2 blue squares.", []float64{0.5, 1, 1}},
		{"refusal", nil, "I cannot determine the shapes without an image.", []float64{0, 0, 0}},
		{"variant stars", stars, "6 shapes: 2 green triangles and 4 yellow stars.", []float64{1, 1, 1}},
		{"variant canonical answer", stars, "There are 5 shapes: 3 red circles and 2 blue squares.", []float64{0, 0, 0}},
		{"variant same shape two colours", twoColours, "There are 3 circles in total: 2 red circles and 1 blue circle.", []float64{1, 1, 1}},
		{"variant two colours swapped", twoColours, "There are 3 circles: 1 red circle and 2 blue circles.", []float64{1, 0, 1}},
	})
}

func TestScoreIcon(t *testing.T) {
	blue := &fixtures.Truth{Icon: &fixtures.IconTruth{Object: "folder",
		Synonyms: []string{"folder", "file folder", "directory", "document folder"},
		Wrong:    []string{"briefcase", "envelope", "box", "bag", "book"},
		Features: []string{"tab", "blue", "paper", "document", "light blue"}}}
	runCases(t, "VL-T1-Q3", []answerCase{
		{"terse", nil, "A folder.", []float64{1, 0.5}}, // a bare label: description half at most,
		{"with features", nil, "It's a yellow file folder icon with a tab.", []float64{1, 1}},
		{"directory with purpose", nil, "This icon represents a directory, used to organize files on a computer.", []float64{1, 1}},
		{"negated confusion first", nil, "It's not a briefcase — it's a folder, like the ones in a file manager.", []float64{1, 1}},
		{"negated confusion after", nil, "A manila folder, not an envelope.", []float64{1, 1}},
		{"hedge between two", nil, "It looks like either a folder or a briefcase.", []float64{0.5, 0.5}},
		{"briefcase", nil, "This is a briefcase icon, often used for work or business.", []float64{0, 0}},
		{"negated folder", nil, "It's not a folder; it's an envelope used for mail.", []float64{0, 0}},
		// A wrong object whose colour is the icon's: a quarter of the description (dev
		// 23, 138, 265, 285, 405; dev 430 gives nothing).
		{"unrelated", nil, "It represents a yellow sticky note.", []float64{0, 0.25}},
		{"markdown heading", nil, "## Answer\n**Folder** — the standard icon for a directory in a file system.", []float64{1, 1}},
		{"variant blue with paper", blue, "A blue folder with a sheet of paper sticking out, i.e. a folder containing documents.", []float64{1, 1}},
		{"refusal", nil, "I'm unable to view images.", []float64{0, 0}},
	})
}
