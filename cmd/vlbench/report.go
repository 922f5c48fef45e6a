package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/vlbench/vlbench/internal/cli"
	"github.com/vlbench/vlbench/internal/report"
	"github.com/vlbench/vlbench/internal/results"
)

func init() {
	commands["report"] = command{
		summary: "the plan's tables, role recommendations, regressions against a baseline, and an HTML report with plots",
		run:     runReport,
	}
}

// errRegressed is returned (exit status 1) when -baseline finds regressions.
var errRegressed = errors.New("regressions against the baseline")

func runReport(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("vlbench report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outDir := fs.String("o", "", "write report.md and report.html into `dir` (default: Markdown on stdout)")
	baseline := fs.String("baseline", "", "compare against the results folders and bench files in `dir`; exit status 1 on a regression")
	htmlFile := fs.String("html", "", "write the HTML report to `file` as well")
	criteria := fs.String("criteria", "", "decision criteria thresholds as `name=value,…`: docvqa, ocrbench, mmmu, mathvista (minimum scores, where the set ran) and coldload (maximum seconds); defaults docvqa=0.9,ocrbench=800,mmmu=0.55,mathvista=0.6,coldload=30")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: vlbench report [-o dir] [-html file] [-baseline dir] [-criteria list] RESULTS...

RESULTS are results folders (searched recursively for results.json and bench-*.txt) and
bench files. The report has the plan's "Quality Rubric Results" and "Speed Benchmarks"
tables, the model chosen for each role with the reasons the others were not, the
escalation ladder, and with -baseline what got worse (exit status 1 if anything did).

`)
		fs.PrintDefaults()
	}
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: report needs at least one results folder or bench file", cli.ErrUsage)
	}
	cs, err := report.ParseCriteria(*criteria)
	if err != nil {
		return fmt.Errorf("%w: -criteria: %v", cli.ErrUsage, err)
	}
	set, err := report.Load(fs.Args()...)
	if err != nil {
		return err
	}
	rep := report.Join(set)
	rep.Criteria = cs
	var regs *report.Regressions
	if *baseline != "" {
		bset, err := report.Load(*baseline)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		regs = report.Compare(report.Join(bset), rep, *baseline)
	}

	var md bytes.Buffer
	if err := rep.Markdown(&md, regs); err != nil {
		return err
	}
	if *outDir == "" {
		if _, err := stdout.Write(md.Bytes()); err != nil {
			return err
		}
	} else {
		if err := results.WriteFile(filepath.Join(*outDir, "report.md"), md.Bytes()); err != nil {
			return err
		}
	}
	var htmlPaths []string
	if *outDir != "" {
		htmlPaths = append(htmlPaths, filepath.Join(*outDir, "report.html"))
	}
	if *htmlFile != "" {
		htmlPaths = append(htmlPaths, *htmlFile)
	}
	if len(htmlPaths) > 0 {
		var h bytes.Buffer
		if err := rep.HTML(&h, regs); err != nil {
			return err
		}
		for _, p := range htmlPaths {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := results.WriteFile(p, h.Bytes()); err != nil {
				return err
			}
		}
	}
	if *outDir != "" || *htmlFile != "" {
		for _, p := range append([]string{filepath.Join(*outDir, "report.md")}, htmlPaths...) {
			if *outDir == "" && filepath.Base(p) == "report.md" {
				continue
			}
			fmt.Fprintf(stderr, "wrote %s\n", p)
		}
	}
	if regs != nil && len(regs.List) > 0 {
		for _, r := range regs.List {
			fmt.Fprintf(stderr, "regression: %s %s\n", r.What, r)
		}
		return fmt.Errorf("%w: %d (see the report)", errRegressed, len(regs.List))
	}
	return nil
}
