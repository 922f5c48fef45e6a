package vlrubric

import "github.com/vlbench/vlbench/fixtures"

// Hand-built ground truths: variant 0 is RUBRIC.md's canonical content, typed in by
// hand so that these tests do not depend on the generators.

func canonical(id string) fixtures.Truth {
	switch id {
	case "VL-T1-Q1":
		return fixtures.Truth{ID: id, Text: &fixtures.TextTruth{Text: "Hello World 123"}}
	case "VL-T1-Q2":
		return fixtures.Truth{ID: id, Shapes: &fixtures.ShapesTruth{Total: 5, Groups: []fixtures.ShapeGroup{
			{Shape: "circle", Color: "red", Count: 3}, {Shape: "square", Color: "blue", Count: 2}}}}
	case "VL-T1-Q3":
		return fixtures.Truth{ID: id, Icon: &fixtures.IconTruth{Object: "folder",
			Synonyms: []string{"folder", "file folder", "directory", "document folder"},
			Wrong:    []string{"briefcase", "envelope", "box", "bag", "book"},
			Features: []string{"tab", "yellow", "manila", "tan"}}}
	case "VL-T2-Q1":
		return fixtures.Truth{ID: id, Chart: &fixtures.ChartTruth{Title: "Values by Category",
			Bars:  []fixtures.Bar{{Label: "A", Value: 10}, {Label: "B", Value: 25}, {Label: "C", Value: 15}, {Label: "D", Value: 20}},
			Asked: "B", Highest: "B", YMax: 30, YStep: 5}}
	case "VL-T2-Q2":
		return fixtures.Truth{ID: id, Invoice: &fixtures.InvoiceTruth{Number: "1042", Date: "2025-03-14", BillTo: "Acme Corp",
			Lines: []fixtures.InvoiceLine{
				{Item: "Widget A", Qty: 2, Price: 1250, Amount: 2500},
				{Item: "Gadget B", Qty: 1, Price: 4000, Amount: 4000},
				{Item: "Cable C", Qty: 3, Price: 525, Amount: 1575}},
			Subtotal: 8075, TaxRate: 8, Tax: 646, Total: 8721}}
	case "VL-T2-Q3":
		return fixtures.Truth{ID: id, Code: &fixtures.CodeTruth{
			Code: "def find_max(values):\n    \"\"\"Return the largest value in the list.\"\"\"\n    largest = values[0]\n" +
				"    for i in range(1, len(values) - 1):\n        if values[i] > largest:\n            largest = values[i]\n    return largest\n",
			Function: "find_max", Purpose: "returns the largest value in the list",
			PurposeKeywords: [][]string{{"largest", "maximum", "max", "biggest", "greatest", "highest"}},
			Bug:             "the loop stops at len(values) - 1, so the last element is never checked",
			BugKeywords: [][]string{{"last", "final"}, {"- 1", "-1", "off-by-one", "off by one", "skip", "never", "miss",
				"exclud", "ignor", "not checked", "not included"}},
			BugLine: 4, Fix: "range(1, len(values))"}}
	case "VL-T3-Q1":
		return fixtures.Truth{ID: id, Equation: &fixtures.EquationTruth{Equation: "2x + 5 = 13", Var: "x", A: 2, B: 5, C: 13,
			Solution: 4, Steps: []string{"2x = 8", "x = 4"}}}
	case "VL-T3-Q2":
		return fixtures.Truth{ID: id, Flowchart: &fixtures.FlowchartTruth{
			Nodes: []fixtures.FlowNode{{ID: "start", Label: "Start", Kind: "start"}, {ID: "d1", Label: "input > 10?", Kind: "decision"},
				{ID: "d2", Label: "flag = true?", Kind: "decision"}, {ID: "a1", Label: "Send Alert", Kind: "action"},
				{ID: "a2", Label: "Log Only", Kind: "action"}},
			Edges: []fixtures.FlowEdge{{From: "start", To: "d1"}, {From: "d1", To: "d2", Label: "Yes"}, {From: "d1", To: "a2", Label: "No"},
				{From: "d2", To: "a1", Label: "Yes"}, {From: "d2", To: "a2", Label: "No"}},
			Conditions: map[string]bool{"input > 10": true, "flag = true": true},
			Path:       []string{"start", "d1", "d2", "a1"}, Answers: []string{"Yes", "Yes"}}}
	case "VL-T3-Q3":
		return fixtures.Truth{ID: id, Diff: &fixtures.DiffTruth{Differences: []fixtures.Difference{
			{Object: "sun", Kind: "missing", Left: "present", Right: "absent", Keywords: [][]string{{"sun"}}},
			{Object: "door", Kind: "color", Left: "brown", Right: "red", Keywords: [][]string{{"door"}, {"color", "colour", "red", "brown"}}},
			{Object: "windows", Kind: "count", Left: "2", Right: "1", Keywords: [][]string{{"window"},
				{"two", "one", "2", "1", "fewer", "number", "count", "missing", "less", "only", "single"}}}},
			Objects: []string{"house", "door", "tree", "sky", "sun", "window", "roof"}}}
	case "VL-T3-Q4":
		return fixtures.Truth{ID: id, Puzzle: &fixtures.PuzzleTruth{
			Grid: [3][3]string{{"1 circle", "2 circles", "3 circles"}, {"1 square", "2 squares", "3 squares"},
				{"1 triangle", "2 triangles", "?"}},
			Missing: [2]int{2, 2}, AnswerShape: "triangle", AnswerCount: 3,
			Rule:         "each row keeps one shape; the count grows 1, 2, 3 from left to right",
			RuleKeywords: [][]string{{"row"}, {"column", "left to right", "increas", "grow", "1, 2, 3", "one, two, three", "count", "number"}}}}
	}
	return fixtures.Truth{ID: id}
}
