package vlrubric

import (
	"testing"

	"github.com/vlbench/vlbench/fixtures"
)

func TestScoreChart(t *testing.T) {
	variant := &fixtures.Truth{Chart: &fixtures.ChartTruth{Title: "Sales by Region",
		Bars:  []fixtures.Bar{{Label: "E", Value: 40}, {Label: "F", Value: 15}, {Label: "G", Value: 30}, {Label: "H", Value: 25}},
		Asked: "G", Highest: "E", YMax: 50, YStep: 10}}
	runCases(t, "VL-T2-Q1", []answerCase{
		{"terse", nil, "B = 25. Bar B has the highest value.", []float64{1, 1, 1}},
		{"sentence", nil, "The value of bar B is 25, and B is also the tallest bar in the chart.", []float64{1, 1, 1}},
		{"number words", nil, "Bar B reaches twenty-five, which makes it the highest bar.", []float64{1, 1, 1}},
		{"decimal", nil, "**Bar B:** 25.0\n**Highest:** B", []float64{1, 1, 1}},
		{"approximately", nil, "Bar B is approximately 25. The highest value belongs to bar B.", []float64{1, 1, 1}},
		{"all values listed", nil, "Reading the chart: A = 10, B = 25, C = 15, D = 20. So B is 25 and B has the highest value.", []float64{1, 1, 1}},
		{"table", nil, "| Bar | Value |\n|---|---|\n| A | 10 |\n| B | 25 |\n| C | 15 |\n| D | 20 |\n\nThe highest is **B**.", []float64{1, 1, 1}},
		{"article A is not bar A", nil, "A quick look: bar B has a value of 25 and is the highest.", []float64{1, 1, 1}},
		{"wrong value right highest", nil, "Bar B is 20. B is the highest bar.", []float64{0, 1, 0}},
		{"swapped values", nil, "B = 20 and D = 25, so D has the highest value.", []float64{0, 0, 0}},
		{"axis maximum confusion", nil, "Bar B is at 30, the highest value.", []float64{0, 1, 1}}, // a misread (no bar has 30) is charged to accuracy
		{"negated highest", nil, "B = 25. D is not the highest; B is the highest.", []float64{1, 1, 1}},
		{"two highest claimed", nil, "Bar B is 25. The highest bars are B and D.", []float64{1, 0.5, 1}},
		{"value only", nil, "Bar B has a value of 25.", []float64{1, 0, 1}},
		{"think then final", nil, "<think>B looks like 20? The gridline is at 25.</think>B = 25; B is the highest.", []float64{1, 1, 1}},
		{"refusal", nil, "I can't see the chart you are referring to.", []float64{0, 0, 0}},
		{"variant", variant, "Bar G has a value of 30. The highest bar is E, at 40.", []float64{1, 1, 1}},
		{"variant confused", variant, "G = 25 and H is the highest.", []float64{0, 0, 0}},
	})
}

func TestScoreInvoice(t *testing.T) {
	variant := &fixtures.Truth{Invoice: &fixtures.InvoiceTruth{Number: "5531", Date: "2026-07-02", BillTo: "Globex",
		Lines: []fixtures.InvoiceLine{
			{Item: "Sensor E", Qty: 4, Price: 129900, Amount: 519600},
			{Item: "Bracket F", Qty: 1, Price: 1500, Amount: 1500}},
		Subtotal: 521100, TaxRate: 10, Tax: 52110, Total: 573210}}
	runCases(t, "VL-T2-Q2", []answerCase{
		{"terse", nil, "$87.21", []float64{1, 1, 1}}, // a bare value identifies the field
		{"labelled", nil, "Total: $87.21", []float64{1, 1, 1}},
		{"chatty bold", nil, "Sure! The total amount on this invoice is **$87.21**.", []float64{1, 1, 1}},
		{"breakdown", nil, "Subtotal $80.75 + tax (8%) $6.46 = total $87.21.", []float64{1, 1, 1}},
		{"table", nil, "| Field | Value |\n|---|---|\n| Subtotal | $80.75 |\n| Tax | $6.46 |\n| Total | $87.21 |", []float64{1, 1, 1}},
		{"no currency sign", nil, "The total is 87.21.", []float64{1, 1, 1}},
		{"usd words", nil, "Grand total: 87.21 USD", []float64{1, 1, 1}},
		{"subtotal taken", nil, "The total amount is $80.75.", []float64{0, 0, 1}},
		{"subtotal called total then right", nil, "Total: $80.75. Actually, with tax, the total is $87.21.", []float64{1, 1, 1}}, // the final claim
		{"either or", nil, "The total is either $80.75 or $87.21, I can't tell which.", []float64{0.5, 0.5, 1}},
		{"near miss on the total", nil, "Total: $87.12", []float64{0, 1, 1}}, // a misread, not an invention
		{"hallucinated", nil, "Total: $87.21 (including a $5.00 shipping fee).", []float64{1, 1, 0}},
		{"amount in words", nil, "The total is eighty-seven dollars and twenty-one cents.", []float64{1, 1, 1}},
		{"wrong date", nil, "Invoice #1042 dated 2025-04-14: total $87.21.", []float64{1, 1, 0}}, // one invented date costs the guard,
		{"unlabelled after subtotal", nil, "$80.75 + $6.46 = $87.21", []float64{1, 1, 1}},        // the sum names the total,
		{"made up total", nil, "The total is $92.40.", []float64{0, 0, 1}},                       // no field of the invoice: not read; the total itself is charged to extraction only
		{"refusal", nil, "I'm sorry, I can't read this document.", []float64{0, 0, 0}},
		{"variant thousands", variant, "The invoice total comes to **$5,732.10**.", []float64{1, 1, 1}},
		{"variant without separator", variant, "Total due: $5732.10", []float64{1, 1, 1}},
		{"variant canonical answer", variant, "Total: $87.21", []float64{0, 0, 1}},
	})
}

func TestScoreCode(t *testing.T) {
	findMin := &fixtures.Truth{Code: &fixtures.CodeTruth{Function: "find_min", Purpose: "returns the smallest value in the list",
		PurposeKeywords: [][]string{{"smallest", "minimum", "min", "lowest", "least"}},
		Bug:             "the comparison is reversed (> instead of <), so it returns the largest value",
		BugKeywords:     [][]string{{"comparison", "operator", "reversed", "wrong direction", "backwards", "inverted", ">"}, {"largest", "maximum", "max", "opposite", "instead"}},
		BugLine:         5, Fix: "if nums[i] < smallest:"}}
	sum := &fixtures.Truth{Code: &fixtures.CodeTruth{Function: "sum_values", Purpose: "returns the sum of the values in the list",
		PurposeKeywords: [][]string{{"sum", "total", "adds", "add up", "adding"}},
		Bug:             "the accumulator starts at 1 instead of 0, so the result is one too high",
		BugKeywords:     [][]string{{"1", "one"}, {"0", "zero", "initial", "initializ", "initialis", "start", "too high", "off by one", "off-by-one"}},
		BugLine:         3, Fix: "total = 0"}}
	runCases(t, "VL-T2-Q3", []answerCase{
		{"full markdown", nil, "**Purpose:** `find_max` returns the largest value in the list.\n\n**Bug:** yes — `range(1, len(values) - 1)` stops one early, so the last element is never checked. Use `range(1, len(values))`.",
			[]float64{1, 1, 1}},
		{"terse right", nil, "It finds the maximum. Bug: the last element is skipped.", []float64{1, 1, 0.5}},            // the effect: half,
		{"fix only", nil, "Returns the biggest number. The loop should be range(1, len(values)).", []float64{1, 1, 0.5}}, // cause and fix, no effect,
		{"example", nil, "It returns the max of the list, but the loop misses the last item: find_max([1, 2, 9]) gives 2.", []float64{1, 1, 1}},
		{"off by one vague", nil, "The function finds the largest value. There is an off-by-one error in the loop.", []float64{1, 0.5 * 1 / 2, 0.25}},
		{"says bug but not which", nil, "It computes the largest value. Yes, there is a bug.", []float64{1, 0.25, 0}},
		{"no bug", nil, "The function returns the largest value in the list. There is no bug; it works as intended.", []float64{1, 0, 0}},
		{"don't see any bug", nil, "It finds the largest element. I don't see any bugs in this code.", []float64{1, 0, 0}},
		{"contradiction", nil, "It returns the largest value. No obvious bugs, although the last element is never checked.", []float64{1, 0.5, 0.5}},
		{"misread purpose", nil, "This function sorts the list. The last element is never checked because of range(1, len(values) - 1).", []float64{0, 1, 0.75}},
		{"wrong bug", nil, "It returns the largest value. The bug is that values[0] fails on an empty list.", []float64{1, 0.25, 0}},
		{"think block hides denial", nil, "<think>At first glance there is no bug...</think>It returns the largest value, but the loop skips the last element (off-by-one on line 4).", []float64{1, 1, 0.75}},
		{"quoted code is not an explanation", nil, "```python\nlargest = values[0]\nfor i in range(1, len(values) - 1):\n```\nThis returns the largest value. There's no bug.", []float64{1, 0, 0}},
		{"refusal", nil, "I'm unable to read the code in the image.", []float64{0, 0, 0}},
		{"variant find_min reversed", findMin, "It is supposed to return the smallest number, but the comparison operator is reversed, so it actually returns the largest. Fix: `if nums[i] < smallest:`", []float64{1, 1, 1}},
		{"variant find_min no bug", findMin, "It returns the minimum of the list. No bugs.", []float64{1, 0, 0}},
		{"variant sum init", sum, "sum_values adds up the numbers, but total starts at 1 instead of 0, so the result is one too high. Initialize with total = 0.", []float64{1, 1, 1}},
	})
}
