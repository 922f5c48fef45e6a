package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// HTML writes the report as one self-contained HTML file: the same tables, ladder,
// reasons and regressions as Markdown, and the plots (Figures) inlined as PNG data
// URLs, so that it opens from disk with no server and no network.
func (rep *Report) HTML(w io.Writer, regs *Regressions) error {
	figs, err := rep.Figures()
	if err != nil {
		return err
	}
	choices := rep.Assign()
	type fig struct {
		Title, Caption string
		Img            template.HTML
	}
	type why struct {
		Role, Needs, Chosen string
		Others              []Rejection
	}
	data := struct {
		Quality []QualityRow
		Speed   []SpeedRow
		Stack   string
		Sets    string
		// Cost and Matrix are the Markdown tables, CostNote and MatrixNote their notes.
		Cost, CostNote, Matrix, MatrixNote string
		Costs                              []CostRow
		Ladder                             string
		Why                                []why
		Regs                               *Regressions
		RegsMD                             string
		Figures                            []fig
		Notes                              []string
	}{Quality: rep.QualityRows(choices), Speed: rep.SpeedRows(), Ladder: Ladder(choices), Regs: regs, Notes: rep.Notes}
	var stack strings.Builder
	writeStack(&stack, choices)
	data.Stack = stack.String()
	if len(rep.Sets) > 0 {
		var sets strings.Builder
		rep.setsTable(&sets)
		data.Sets = sets.String()
	}
	split := func(f func(*strings.Builder)) (string, string) {
		var b strings.Builder
		f(&b)
		table, note, _ := strings.Cut(b.String(), "\n\n")
		return table, strings.TrimSpace(note)
	}
	data.Cost, data.CostNote = split(rep.costTable)
	data.Costs = rep.CostRows()
	data.Matrix, data.MatrixNote = split(rep.matrixTable)
	for _, c := range choices {
		wy := why{Role: string(c.Role), Needs: rep.Requirements(c.Role), Others: c.Others}
		if c.Chosen != nil {
			wy.Chosen = fmt.Sprintf("**%s**: %s.", c.Chosen.Entry.Label(), chosenWhy(c))
		}
		data.Why = append(data.Why, wy)
	}
	if regs != nil {
		var b strings.Builder
		regs.markdown(&b)
		data.RegsMD = b.String()
	}
	for _, f := range figs {
		// base64 needs no escaping; html/template would write every + as &#43;.
		img := fmt.Sprintf(`<img alt="%s" src="data:image/png;base64,%s">`, template.HTMLEscapeString(f.Title), base64.StdEncoding.EncodeToString(f.PNG))
		data.Figures = append(data.Figures, fig{f.Title, f.Caption, template.HTML(img)})
	}
	return page.Execute(w, data)
}

// md renders the little Markdown the report's cells use: **bold** and `code`.
func md(s string) template.HTML {
	s = template.HTMLEscapeString(s)
	for _, m := range []struct{ mark, open, close string }{{"**", "<strong>", "</strong>"}, {"`", "<code>", "</code>"}} {
		for {
			i := strings.Index(s, m.mark)
			if i < 0 {
				break
			}
			j := strings.Index(s[i+len(m.mark):], m.mark)
			if j < 0 {
				break
			}
			j += i + len(m.mark)
			s = s[:i] + m.open + s[i+len(m.mark):j] + m.close + s[j+len(m.mark):]
		}
	}
	return template.HTML(s)
}

// mdTable renders a Markdown pipe table (as writeStack writes) as an HTML table.
func mdTable(s string) template.HTML {
	var b strings.Builder
	b.WriteString("<table>")
	for i, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if i == 1 {
			continue // |---|---|
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		tag := "td"
		if i == 0 {
			tag = "th"
		}
		b.WriteString("<tr>")
		for _, c := range cells {
			fmt.Fprintf(&b, "<%s>%s</%s>", tag, md(strings.TrimSpace(c)), tag)
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table>")
	return template.HTML(b.String())
}

// mdList renders "- item" lines as a list and other lines as paragraphs.
func mdList(s string) template.HTML {
	var b strings.Builder
	inList := false
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		item, ok := strings.CutPrefix(line, "- ")
		if ok && !inList {
			b.WriteString("<ul>")
			inList = true
		}
		if !ok && inList {
			b.WriteString("</ul>")
			inList = false
		}
		switch {
		case ok:
			fmt.Fprintf(&b, "<li>%s</li>", md(item))
		case strings.TrimSpace(line) != "":
			fmt.Fprintf(&b, "<p>%s</p>", md(line))
		}
	}
	if inList {
		b.WriteString("</ul>")
	}
	return template.HTML(b.String())
}

// losslessClass is the CSS class of a Lossless cell: green where the answers were shown
// identical, red where some differed.
func losslessClass(s string) string {
	switch {
	case strings.HasPrefix(s, "lossless: ") && !strings.HasPrefix(s, "lossless: not checked"):
		return "lossless"
	case strings.HasPrefix(s, "NOT lossless"):
		return "differ"
	}
	return ""
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{"md": md, "mdTable": mdTable, "mdList": mdList, "losslessClass": losslessClass}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>VL benchmark report</title>
<style>
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; background: #fff; line-height: 1.45; }
h1 { border-bottom: 3px solid #1f77b4; padding-bottom: .2em; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; padding-bottom: .15em; color: #1f4e79; }
table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
th, td { border: 1px solid #bbb; padding: 4px 9px; text-align: left; vertical-align: top; }
th { background: #1f77b4; color: #fff; }
tr:nth-child(even) td { background: #f1f6fb; }
td.num { text-align: right; white-space: nowrap; }
td.delta { text-align: right; min-width: 7em; }
pre { background: #f6f8fa; border: 1px solid #ddd; padding: .8em 1em; font-size: 15px; }
p.note { color: #555; font-size: 13px; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { color: #555; font-size: 13px; }
.regressed { color: #b00; }
td.lossless { background: #c7e9c0 !important; }
td.differ { background: #fcbba1 !important; }
code { background: #f1f1f1; padding: 0 .2em; }
</style>
</head>
<body>
<h1>VL benchmark report</h1>

<h2>Quality Rubric Results</h2>
{{if .Quality}}<table>
<tr><th>Model</th><th>Quant</th><th>Config</th><th>Speed</th><th>T1</th><th>T2</th><th>T3</th><th>Role</th></tr>
{{range .Quality}}<tr><td>{{.Model}}</td><td>{{.Quant}}</td><td>{{.Config}}</td><td class="num">{{.Speed}}</td><td class="num">{{.T1}}</td><td class="num">{{.T2}}</td><td class="num">{{.T3}}</td><td>{{md .Role}}</td></tr>
{{end}}</table>
<p class="note">Speed: generation tok/s of that config (median of BenchmarkGenerate; "(rubric)": the rubric run's server timings). T1–T3: tier means; 5.0 only when every question scored 5. Role: the highest role met with the speed and memory gates; bold: chosen.</p>
{{else}}<p>No rubric results.</p>{{end}}

<h2>Speed Benchmarks</h2>
{{if .Speed}}<table>
<tr><th>Model</th><th>Quant</th><th>Size</th><th>Baseline</th><th>Optimized</th><th>Best Acceleration</th><th>Notes</th></tr>
{{range .Speed}}<tr><td>{{.Model}}</td><td>{{.Quant}}</td><td class="num">{{.Size}}</td><td class="num">{{md .Baseline}}</td><td class="num">{{md .Optimized}}</td><td>{{.Best}}</td><td>{{.Notes}}</td></tr>
{{end}}</table>
<p class="note">Generation tok/s, medians of BenchmarkGenerate; Optimized is the fastest other config; p: benchstat's Mann-Whitney U test.</p>
{{else}}<p>No speed figures.</p>{{end}}

{{if .Sets}}<h2>Standard Sets</h2>
{{mdTable .Sets}}
<p class="note">Each set's headline metric with its 95% interval (Wilson for accuracies, Student's t for ANLS), beside the published score for the model where one is known.</p>
{{end}}

<h2>Quality cost of acceleration</h2>
{{if .Costs}}<table>
<tr><th>Model</th><th>Config</th><th>Speed vs baseline</th><th>ΔT1</th><th>ΔT2</th><th>ΔT3</th><th>Standard sets</th><th>Lossless</th><th>Variants for Δ0.5</th></tr>
{{range .Costs}}<tr><td>{{.Model}}</td><td>{{.Config}}</td><td class="delta">{{.Speed}}</td><td class="delta">{{.T1}}</td><td class="delta">{{.T2}}</td><td class="delta">{{.T3}}</td><td>{{.Sets}}</td><td class="{{losslessClass .Lossless}}">{{.Lossless}}</td><td>{{.Power}}</td></tr>
{{end}}</table>
<p class="note">{{.CostNote}}</p>
{{else}}<p>{{.Cost}}</p>{{end}}

<h2>Acceleration Compatibility Matrix</h2>
{{if .MatrixNote}}{{mdTable .Matrix}}
<p class="note">{{.MatrixNote}}</p>
{{else}}<p>{{.Matrix}}</p>{{end}}

<h2>Role Assignment</h2>
{{mdTable .Stack}}
<p><strong>Vision escalation ladder:</strong></p>
<pre>{{.Ladder}}</pre>
{{range .Why}}<h3>{{.Role}}</h3>
<p>Needs {{.Needs}}.</p>
{{if .Chosen}}<p>Chosen: {{md .Chosen}}</p>{{else}}<p>No model qualifies.</p>{{end}}
{{if .Others}}<p>Not chosen:</p><ul>{{range .Others}}<li>{{.Entry.Label}}: {{.Reason}}</li>{{end}}</ul>{{end}}
{{end}}

{{if .Regs}}<h2>Regressions against {{.Regs.Baseline}}</h2>
<div class="{{if .Regs.List}}regressed{{end}}">{{mdList .RegsMD}}</div>
{{end}}

<h2>Plots</h2>
{{range .Figures}}<figure>
{{.Img}}
<figcaption><strong>{{.Title}}.</strong> {{.Caption}}</figcaption>
</figure>
{{else}}<p>Nothing to plot.</p>{{end}}

{{if .Notes}}<h2>Notes</h2>
<ul>{{range .Notes}}<li>{{md .}}</li>{{end}}</ul>
{{end}}
</body>
</html>
`))
