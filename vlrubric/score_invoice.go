package vlrubric

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	moneyLabelStart = regexp.MustCompile(`[,;(\n+=|]|[.!?]\s`)
	subtotalRe      = regexp.MustCompile(`(?i)\bsub[\s-]?total|before tax|pre-?tax|net amount`)
	taxRe           = regexp.MustCompile(`(?i)\b(?:tax|vat|gst)\b`)
	totalRe         = regexp.MustCompile(`(?i)\b(?:total|amount due|balance due|total due|grand total|amount payable|to pay)\b`)
	percentRe       = regexp.MustCompile(`(\d+(?:\.\d+)?)\s?%`)
	isoDateRe       = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	invoiceNoRe     = regexp.MustCompile(`(?i)(?:#\s?|invoice\s+(?:number|no\.?|num\.?)\s*:?\s*#?\s?)(\d{2,})\b`)
	twoDecimals     = regexp.MustCompile(`\.\d\d$`)
)

// money is an amount in an answer and the field it is labelled with.
type money struct {
	cents int64
	text  string
	label string // "total", "subtotal", "tax" or ""
}

// amounts reads the money amounts in s: numbers with a currency sign or word, or
// with exactly two decimals. Each is labelled by the words before it, back to the
// previous comma, parenthesis, "+", "=", table border or sentence end.
func amounts(s string) []money {
	var out []money
	for _, n := range Numbers(s) {
		if n.Words || (!n.Currency && !twoDecimals.MatchString(n.Text)) {
			continue
		}
		start := n.Start - 50
		if start < 0 {
			start = 0
		}
		before := s[start:n.Start]
		if locs := moneyLabelStart.FindAllStringIndex(before, -1); len(locs) > 0 {
			last := locs[len(locs)-1]
			seg := before[last[1]:]
			if strings.TrimSpace(strings.Trim(seg, "$:*| ")) == "" && len(locs) > 1 {
				// "| Total | $87.21 |": the label is the cell before.
				seg = before[locs[len(locs)-2][1]:]
			}
			before = seg
		}
		m := money{cents: int64(math.Round(n.Value * 100)), text: n.Text}
		switch {
		case subtotalRe.MatchString(before):
			m.label = "subtotal"
		case taxRe.MatchString(before):
			m.label = "tax"
		case totalRe.MatchString(before):
			m.label = "total"
		}
		out = append(out, m)
	}
	return out
}

func fmtMoney(c fixtures.Money) string {
	return fmt.Sprintf("$%d.%02d", c/100, c%100)
}

// scoreInvoice scores VL-T2-Q2 (invoice total).
//
// Amounts are numbers with a currency sign or word ("$87.21", "87.21 USD") or two
// decimals ("87.21"); thousands separators are read. Each is labelled total,
// subtotal or tax by the words just before it (see amounts).
//
//   - correct total extraction: 1 when an amount labelled total is the total and
//     none labelled total differs; when nothing is labelled total, 1 when the total
//     is the last amount given and 0.5 when it is given elsewhere; 0.5 when right and
//     wrong totals are both labelled; else 0.
//   - correct field identification: 1 when the total is labelled total and nothing
//     else is; 0.5 when the total is given unlabelled or another amount is labelled
//     total beside it; 0 when the total is not labelled total but another amount is
//     (the subtotal or tax taken for the total), or when the total is called subtotal
//     or tax.
//   - no hallucinated data: every amount must be one printed on the invoice (a price,
//     a line amount, the subtotal, tax or total), every percentage the tax rate, every
//     ISO date the invoice date and an invoice number the printed one. The fraction
//     is 1 − invented ÷ checked; 0 when there is nothing to check.
func scoreInvoice(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	it := t.Invoice
	if it == nil || it.Total == 0 {
		return nil, errNoTruth(t, "Invoice")
	}
	var res [3]CriterionResult
	want := int64(it.Total)
	ms := amounts(plain)
	var totalOK, totalBad, wrongField []string
	anyTotal := false
	for _, m := range ms {
		if m.label == "total" {
			if m.cents == want {
				totalOK = append(totalOK, m.text)
			} else {
				totalBad = append(totalBad, m.text)
			}
		}
		if m.cents == want {
			anyTotal = true
			if m.label == "subtotal" || m.label == "tax" {
				wrongField = append(wrongField, m.label+" "+m.text)
			}
		}
	}
	last := len(ms) > 0 && ms[len(ms)-1].cents == want
	switch {
	case len(totalOK) > 0 && len(totalBad) == 0:
		res[0] = cr(1, "total given as %s", totalOK[0])
	case len(totalOK) > 0:
		res[0] = cr(0.5, "total given as %s but also as %s", totalOK[0], strings.Join(totalBad, ", "))
	case len(totalBad) > 0:
		res[0] = cr(0, "total given as %s, want %s", strings.Join(totalBad, ", "), fmtMoney(it.Total))
	case last:
		res[0] = cr(1, "the last amount given is %s (not labelled)", fmtMoney(it.Total))
	case anyTotal:
		res[0] = cr(0.5, "%s given but not as the total, nor last", fmtMoney(it.Total))
	default:
		res[0] = cr(0, "%s not found among the amounts given", fmtMoney(it.Total))
	}
	switch {
	case len(wrongField) > 0 && len(totalOK) == 0:
		res[1] = cr(0, "the total is called %s", strings.Join(wrongField, ", "))
	case len(totalOK) > 0 && len(totalBad) == 0 && len(wrongField) == 0:
		res[1] = cr(1, "the total is labelled total")
	case len(totalOK) > 0:
		res[1] = cr(0.5, "labelled total, but the labels are mixed up (%s)", strings.Join(append(totalBad, wrongField...), ", "))
	case len(totalBad) > 0:
		res[1] = cr(0, "another amount is taken for the total: %s", strings.Join(totalBad, ", "))
	case anyTotal:
		res[1] = cr(0.5, "the total is given without naming the field")
	default:
		res[1] = cr(0, "no total field identified")
	}

	known := map[int64]bool{int64(it.Subtotal): true, int64(it.Tax): true, want: true}
	for _, l := range it.Lines {
		known[int64(l.Price)] = true
		known[int64(l.Amount)] = true
	}
	checked := 0
	var invented []string
	for _, m := range ms {
		checked++
		if !known[m.cents] {
			invented = append(invented, m.text)
		}
	}
	for _, m := range percentRe.FindAllStringSubmatch(plain, -1) {
		checked++
		if m[1] != fmt.Sprint(it.TaxRate) {
			invented = append(invented, m[0])
		}
	}
	for _, m := range isoDateRe.FindAllStringSubmatch(plain, -1) {
		checked++
		var y, mo, d int
		fmt.Sscan(m[1], &y)
		fmt.Sscan(m[2], &mo)
		fmt.Sscan(m[3], &d)
		if fmt.Sprintf("%04d-%02d-%02d", y, mo, d) != it.Date {
			invented = append(invented, m[0])
		}
	}
	for _, m := range invoiceNoRe.FindAllStringSubmatch(plain, -1) {
		checked++
		if m[1] != it.Number {
			invented = append(invented, "#"+m[1])
		}
	}
	switch {
	case checked == 0:
		res[2] = cr(0, "no amounts, rates, dates or numbers given, nothing to check")
	case len(invented) == 0:
		res[2] = cr(1, "all %d figures given are on the invoice", checked)
	default:
		res[2] = cr(1-float64(len(invented))/float64(checked), "%d of %d figures are not on the invoice: %s", len(invented), checked, strings.Join(invented, ", "))
	}
	return res[:], nil
}
