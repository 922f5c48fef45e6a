package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/cli"
	"github.com/vlbench/vlbench/internal/suite"
)

func init() {
	commands["suite"] = command{summary: "run every model of a manifest through rubric and speed, resumably", run: runSuite}
}

func runSuite(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("vlbench suite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("llama-server", "", "llama-server `binary` (default $LLAMA_SERVER, build/llama, PATH)")
	output := fs.String("o", "", "output `folder` (default: the manifest's output)")
	dryRun := fs.Bool("n", false, "print the plan and stop")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vlbench suite [flags] models.yaml")
		fs.PrintDefaults()
	}
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want one manifest, got %d arguments", cli.ErrUsage, fs.NArg())
	}
	m, err := suite.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	if *output != "" {
		m.Output = *output
	}
	tools, err := harness.LocateTools(*server)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	avail, err := suite.Available(m)
	if err != nil {
		return err
	}
	steps, err := suite.Plan(ctx, m, tools, avail)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "vlbench suite: %d models, %d steps, output %s\n", len(m.Models), len(steps), m.Output)
	if *dryRun {
		for _, st := range steps {
			fmt.Fprintf(stdout, "  %s%s\n", st.Key(), skipNote(st.Skip))
		}
		return nil
	}
	r := &suite.Runner{Manifest: m, LlamaServer: *server, Progress: stdout}
	state, err := r.Run(ctx, steps)
	if state != nil {
		summarize(stdout, state)
	}
	if err != nil {
		return err
	}
	return reportSuite(stdout, stderr, m.Output)
}

func skipNote(reason string) string {
	if reason == "" {
		return ""
	}
	return " (skipped: " + reason + ")"
}

func summarize(w io.Writer, s *suite.State) {
	keys := make([]string, 0, len(s.Steps))
	for k := range s.Steps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nstep\tstatus\tseconds\tnote")
	for _, k := range keys {
		st := s.Steps[k]
		note := st.Reason
		roles := make([]string, 0, len(st.Roles))
		for r := range st.Roles {
			roles = append(roles, r)
		}
		sort.Strings(roles)
		for _, r := range roles { // the manifest's roles, asserted by the rubric steps
			verdict, _, _ := strings.Cut(st.Roles[r], ":")
			note = strings.TrimPrefix(note+"; role "+r+": "+verdict, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\n", k, st.Status, st.Seconds, note)
	}
	tw.Flush()
}

// reportSuite runs `vlbench report` on the suite's output folder.
func reportSuite(stdout, stderr io.Writer, dir string) error {
	c, ok := commands["report"]
	if !ok {
		fmt.Fprintln(stdout, "(this vlbench has no report command; results are in", dir+")")
		return nil
	}
	fmt.Fprintf(stdout, "\nvlbench report %s\n", dir)
	return c.run(stdout, stderr, []string{dir})
}
