package vlrubric

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	moneyLabelStart = regexp.MustCompile(`[,;(\n+=|·•]|[.!?]\s`)
	subtotalRe      = regexp.MustCompile(`(?i)\bsub[\s-]?total|before tax|pre-?tax|net amount`)
	taxRe           = regexp.MustCompile(`(?i)\b(?:tax|vat|gst)\b`)
	totalRe         = regexp.MustCompile(`(?i)\b(?:total|amount due|balance due|total due|grand total|amount payable|to pay|gesamt\w*|總計|总计|合计|总额|montant)\b|总计|合计|总额`)
	// otherFieldRe names invoice fields that this invoice never has (the generator
	// draws number, date, client, lines, subtotal, tax and total only): a model that
	// reports one invents it.
	otherFieldRe = regexp.MustCompile(`(?i)\b(?:net\s?\d+|payment (?:terms?|due|method)|due (?:date|by|within)|due on\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)|shipping|delivery fee|handling|discount|deposit|late fee|paid (?:via|by|with|in full)|po (?:number|no)|purchase order|iban|account number)\b`)
	percentRe    = regexp.MustCompile(`(\d+(?:\.\d+)?)\s?%`)
	isoDateRe    = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	invoiceNoRe  = regexp.MustCompile(`(?i)(?:#\s?|invoice\s+(?:number|no\.?|num\.?)\s*:?\s*#?\s?)(\d{2,})\b`)
	twoDecimals  = regexp.MustCompile(`\.\d\d$`)
	closedAside  = regexp.MustCompile(`\([^()]*\)`)
	dashAside    = regexp.MustCompile(`\s[—–]\s[^—–\n]*\s[—–]\s`) // "— the bold Total line, i.e. the subtotal after tax —"
	sumResult    = regexp.MustCompile(`\d\s*\+[^=\n]*\d[^=\n]*=\s*\**\s*$`)
)

// answerLead is an answer's own label before its value: "Answer: $399.01".
var answerLead = regexp.MustCompile(`(?i)^[\s*#]*(?:final\s+)?(?:answer|result)\s*[:=—–-]?[\s*]*$`)

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
		if !n.Currency && (n.Words || !twoDecimals.MatchString(n.Text)) {
			continue
		}
		start := n.Start - 50
		if start < 0 {
			start = 0
		}
		// A closed aside between the label and the amount is not where the label
		// starts: "The total of this invoice (#1042) is $87.21".
		before := dashAside.ReplaceAllString(closedAside.ReplaceAllString(s[max(0, n.Start-200):n.Start], " "), " ")
		if cut := len(before) - (n.Start - start); cut > 0 {
			before = before[cut:] // the 50 bytes before the amount, asides left out
		}
		if locs := moneyLabelStart.FindAllStringIndex(before, -1); len(locs) > 0 {
			last := locs[len(locs)-1]
			seg := before[last[1]:]
			if strings.TrimSpace(strings.Trim(seg, "$:*| ")) == "" && len(locs) > 1 && before[last[0]] == '|' {
				// "| Total | $87.21 |": the label is the cell before.
				seg = before[locs[len(locs)-2][1]:]
			}
			before = seg
		}
		m := money{cents: int64(math.Round(n.Value * 100)), text: n.Text}
		var at int
		m.label, at = nearestLabelAt(before)
		if at >= 0 && figureThenIsRe.MatchString(before[at:]) {
			// "the Total after 10% tax of $36.17 is $397.82": the nearest label is the
			// other figure's; this one is what the clause's subject is.
			m.label = nearestLabel(before[:at])
		}
		if m.label == "" && n.Start > 0 && strings.HasSuffix(strings.TrimRight(s[:n.Start], " $*"), "(") {
			// "… ochenta y siete dólares con veintiún centavos ($87.21)": the figures
			// restate the words before the bracket; their label is the sentence's up to it.
			// Figures before the bracket are what it explains, not restates: "is
			// $443.40 (418,30 $ + 25,10 $ Steuer)".
			open := strings.LastIndexByte(s[:n.Start], '(')
			from := strings.LastIndexAny(s[:open], ".!?\n") + 1
			if !hasFigure(s[from:open]) {
				m.label = nearestLabel(closedAside.ReplaceAllString(s[from:open], " "))
			}
		}
		if m.label == "total" && (addendRe.MatchString(s[n.End:]) || sumBefore.MatchString(s[max(0, n.Start-8):n.Start])) {
			m.label = "" // "Total: $80.75 + $6.46 = $87.21": the addends are not the total
		}
		if sum := sumResult.FindString(s[start:n.Start]); sum != "" && taxRe.MatchString(s[max(0, n.Start-len(sum)-40):n.Start]) {
			// "(Subtotal $867.70 + Tax $86.77 = $954.47)": a sum with the tax is the
			// total (a sum of the lines is the subtotal checked), unless the line
			// says which field it checks ("= $341.55 ✔️ (matches the subtotal)").
			after := s[n.End:]
			if e := strings.IndexByte(after, '\n'); e >= 0 {
				after = after[:e]
			}
			m.label = "total"
			if l := nearestLabel(after); l != "" {
				m.label = l
			}
		}
		out = append(out, m)
	}
	return out
}

// nearestLabel is the field named last in before, the words that lead up to an amount:
// "total", "subtotal", "tax" or "".
// figureThenIsRe ends text that gives another figure and then "is": "tax of $36.17 is".
var figureThenIsRe = regexp.MustCompile(`(?i)\d[\d,]*\.\d{2}\s*(?:is|=|equals|comes to|gives|makes)\s*\$?\s*$`)

// nearestLabel is the label nearest the end of before ("total", "tax", "subtotal"), or "".
func nearestLabel(before string) string {
	l, _ := nearestLabelAt(before)
	return l
}

// nearestLabelAt is nearestLabel with where its word starts (-1 for none).
func nearestLabelAt(before string) (label string, start int) {
	at := -1
	start = -1
	for _, l := range []struct {
		re   *regexp.Regexp
		name string
	}{{totalRe, "total"}, {taxRe, "tax"}, {subtotalRe, "subtotal"}} {
		// subtotal last: "Subtotal" also holds "total", and wins at the same place.
		for _, m := range l.re.FindAllStringIndex(before, -1) {
			if m[1] >= at {
				label, start, at = l.name, m[0], m[1]
			}
		}
	}
	return label, start
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
	if j := jsonLines(a.raw); j != "" {
		plain += "\n" + j
	}
	ms := amounts(plain)
	// A self-correction: the totals it finally gives are its answer.
	if from := finalClaim(plain); from > 0 {
		var final []money
		for _, m := range amounts(plain[from:]) {
			final = append(final, m)
		}
		if len(final) > 0 {
			ms = final
		}
	}
	printed := map[int64]string{int64(it.Subtotal): "subtotal", int64(it.Tax): "tax"}
	for _, l := range it.Lines {
		printed[int64(l.Price)] = "a price"
		printed[int64(l.Amount)] = "a line amount"
	}
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
	// The answer's own amount, where it labels none: a bare "$87.21", or the last one.
	var bare *money
	if len(totalOK)+len(totalBad) == 0 && len(ms) > 0 {
		bare = &ms[len(ms)-1]
		if i := strings.Index(plain, ms[0].text); i >= 0 && ms[0].label == "" && (strings.Trim(plain[:i], " *#\n") == "" || answerLead.MatchString(plain[:i])) &&
			!addendRe.MatchString(plain[i+len(ms[0].text):]) {
			bare = &ms[0] // "$660.96 (subtotal $623.55 plus 6% tax of $37.41)": it leads the answer
		}
		if len(ms) == 1 || bare.label == "" {
			if bare.cents != want {
				totalBad = append(totalBad, bare.text)
			}
		} else {
			bare = nil
		}
	}
	hedge := len(totalOK) > 0 && len(wrongField) == 0 && hedgeBetweenFields(plain)
	for i := 1; i < len(ms) && !hedge; i++ {
		// "either $80.75 or $87.21": two fields offered, the total among them.
		a, b := ms[i-1], ms[i]
		if (a.cents == want || b.cents == want) && a.cents != b.cents {
			between := plain[strings.Index(plain, a.text)+len(a.text):]
			if j := strings.Index(between, b.text); j >= 0 && orBetween.MatchString(between[:j]) {
				hedge = true
			}
		}
	}
	// A hedge between the total and a near miss of it that is no other field ("$397.82
	// or $397.62, the last digit is small") hedges the value read on the total's line:
	// it costs the extraction half, not the field, and the near miss is a misread, not
	// an invention.
	var nearAlt string
	if len(totalOK) > 0 || anyTotal {
		for _, m := range ms {
			if _, isField := printed[m.cents]; m.cents != want && !isField && nearMiss([]string{m.text}, want) &&
				(hedgeRe.MatchString(sentenceAt(plain, strings.Index(plain, m.text))) || orBefore.MatchString(plain[:max(0, strings.Index(plain, m.text))])) {
				nearAlt = m.text
				break
			}
		}
	}
	last := len(ms) > 0 && ms[len(ms)-1].cents == want
	// A hedge that commits to the total first and then allows another value ("$87.21 —
	// or maybe $87.27") leans to the truth: three quarters; an even "either … or" half
	// (RUBRIC.md: a hedge that contains the truth earns about half to three quarters).
	leans := len(ms) > 1 && ms[0].cents == want && !eitherRe.MatchString(plain) && !directOrRe.MatchString(plain)
	hedgeFrac := 0.5
	if leans {
		hedgeFrac = 0.75
	}
	switch {
	case nearAlt != "":
		res[0] = cr(hedgeFrac, "hedges the total's value between %s and %s", fmtMoney(it.Total), nearAlt)
	case hedge:
		res[0] = cr(hedgeFrac, "hedges between the total %s and another field", fmtMoney(it.Total))
	case len(totalOK) > 0 && len(totalBad) == 0:
		res[0] = cr(1, "total given as %s", totalOK[0])
	case len(totalOK) > 0:
		res[0] = cr(0.5, "total given as %s but also as %s", totalOK[0], strings.Join(totalBad, ", "))
	case len(totalBad) > 0:
		res[0] = cr(0, "total given as %s, want %s", strings.Join(totalBad, ", "), fmtMoney(it.Total))
	case last:
		res[0] = cr(1, "the last amount given is %s", fmtMoney(it.Total))
	case bare != nil && bare.cents == want:
		res[0] = cr(1, "the answer leads with %s", fmtMoney(it.Total))
	case anyTotal:
		res[0] = cr(0.5, "%s given but not as the total, nor last", fmtMoney(it.Total))
	default:
		res[0] = cr(0, "%s not found among the amounts given", fmtMoney(it.Total))
	}
	// Field identification: the amount given as the total stands for the total field,
	// unless it is another printed field's amount or is labelled as one.
	took := ""
	for _, b := range totalBad {
		for _, m := range ms {
			if m.text == b {
				if f, ok := printed[m.cents]; ok {
					took = f + " " + m.text
				}
			}
		}
	}
	switch {
	case nearAlt != "":
		res[1] = cr(1, "the total's line is read; only its value is hedged")
	case hedge:
		res[1] = cr(0.5, "the total is named, but so is another field as the answer")
	case len(wrongField) > 0 && len(totalOK) == 0:
		res[1] = cr(0, "the total is called %s", strings.Join(wrongField, ", "))
	case took != "":
		res[1] = cr(0, "another field is taken for the total: %s", took)
	case len(totalOK) > 0 && len(wrongField) == 0:
		res[1] = cr(1, "the total is labelled total")
	case len(totalOK) > 0:
		res[1] = cr(0.5, "labelled total, but the labels are mixed up (%s)", strings.Join(wrongField, ", "))
	case len(totalBad) > 0 && nearMiss(totalBad, want):
		res[1] = cr(1, "the total field is read, its value misread (%s)", strings.Join(totalBad, ", "))
	case len(totalBad) > 0:
		res[1] = cr(0, "an amount that is no field of this invoice is given as the total: %s", strings.Join(totalBad, ", "))
	case bare != nil || last:
		res[1] = cr(1, "a bare answer of the total identifies the field")
	case anyTotal:
		res[1] = cr(0.5, "the total is given without naming the field")
	default:
		res[1] = cr(0, "no total field identified")
	}
	isAnswer := map[string]bool{}
	for _, t := range append(totalBad, totalOK...) {
		isAnswer[t] = true
	}

	// Hallucinated data: figures and fields that are not on the invoice. The amount
	// given as the total is the extraction's to judge, right or misread.
	known := map[int64]bool{want: true}
	for _, m := range ms {
		if m.text == nearAlt {
			known[m.cents] = true // a hedged misread of the total
		}
	}
	for c := range printed {
		known[c] = true
	}
	checked := 0
	var invented, hedged []string
	flag := func(what string, pos int) {
		if hedgeRe.MatchString(sentenceAt(plain, pos)) {
			hedged = append(hedged, what)
		} else {
			invented = append(invented, what)
		}
	}
	// A total taken back by a self-correction ("832,21 $... non, … 832,27 $") was
	// the answer's misreading, not a figure it claims.
	if from := finalClaim(plain); from > 0 {
		for _, m := range amounts(plain[:from]) {
			if m.label == "total" {
				isAnswer[m.text] = true
			}
		}
	}
	for _, m := range amounts(plain) {
		checked++
		if !known[m.cents] && !isAnswer[m.text] {
			flag(m.text, strings.Index(plain, m.text))
		}
	}
	for _, m := range percentRe.FindAllStringSubmatchIndex(plain, -1) {
		checked++
		if plain[m[2]:m[3]] != fmt.Sprint(it.TaxRate) {
			flag(plain[m[0]:m[1]], m[0])
		}
	}
	for _, m := range isoDateRe.FindAllStringSubmatchIndex(plain, -1) {
		checked++
		// Atoi, not Sscan: Sscan reads "08" as a bad octal number.
		y, _ := strconv.Atoi(plain[m[2]:m[3]])
		mo, _ := strconv.Atoi(plain[m[4]:m[5]])
		d, _ := strconv.Atoi(plain[m[6]:m[7]])
		if fmt.Sprintf("%04d-%02d-%02d", y, mo, d) != it.Date {
			flag(plain[m[0]:m[1]], m[0])
		}
	}
	for _, m := range invoiceNoRe.FindAllStringSubmatchIndex(plain, -1) {
		checked++
		if plain[m[2]:m[3]] != it.Number {
			flag("#"+plain[m[2]:m[3]], m[0])
		}
	}
	for _, m := range otherFieldRe.FindAllStringIndex(plain, -1) {
		checked++
		if !negated(plain, m[0]) {
			flag(quote(plain[m[0]:m[1]]), m[0])
		}
	}
	switch {
	case checked == 0:
		res[2] = cr(0, "no amounts, rates, dates or numbers given, nothing to check")
	case len(invented) > 0:
		res[2] = cr(0, "not on the invoice: %s", strings.Join(invented, ", "))
	case len(hedged) > 0:
		res[2] = cr(0.5, "hedged, not on the invoice: %s", strings.Join(hedged, ", "))
	default:
		res[2] = cr(1, "all %d figures given are on the invoice", checked)
	}
	return res[:], nil
}

var orBefore = regexp.MustCompile(`(?i)\d[\s,*]*(?:or|and/or|/)\s*(?:maybe\s+|perhaps\s+|possibly\s+)?[*\s]*$`)

var orBetween = regexp.MustCompile(`(?i)^[\s,]*(?:or|and/or|/)\s*(?:maybe\s+|perhaps\s+|possibly\s+)?(?:the\s+)?$`)

var fieldHedgeRe = regexp.MustCompile(`(?i)\b(?:either|or (?:the )?(?:sub[\s-]?total|total)|not sure (?:whether|if)|could be (?:the )?(?:sub[\s-]?total|total))\b`)

// directOrRe joins two amounts with nothing but "or" or a slash: "$397.82 or $397.62".
var directOrRe = regexp.MustCompile(`\d\*{0,2}\s*(?:or|/|oder|ou|o)\s*\*{0,2}[$€£]?\s?\d`)

// hedgeBetweenFields reports whether the answer leaves open which field its answer is:
// "either the subtotal $80.75 or the total $87.21".
func hedgeBetweenFields(s string) bool {
	return subtotalRe.MatchString(s) && fieldHedgeRe.MatchString(s) && hedgeRe.MatchString(s)
}

// nearMiss reports whether one of the amounts given is a misread of the total: the
// same number of digits with at most two of them different or two swapped ($87.12 for
// $87.21), or within 1% of it (a total recomputed with a slip).
func nearMiss(texts []string, want int64) bool {
	w := fmt.Sprintf("%d", want)
	for _, t := range texts {
		for _, n := range Numbers(t) {
			got := int64(math.Round(n.Value * 100))
			g := fmt.Sprintf("%d", got)
			if math.Abs(float64(got-want)) <= float64(want)/100 {
				return true
			}
			if len(g) != len(w) {
				continue
			}
			diff := 0
			for i := range g {
				if g[i] != w[i] {
					diff++
				}
			}
			if diff <= 2 {
				return true
			}
		}
	}
	return false
}

// hasFigure reports whether s holds a number in figures.
func hasFigure(s string) bool {
	for _, n := range Numbers(s) {
		if !n.Words {
			return true
		}
	}
	return false
}
