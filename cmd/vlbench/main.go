// Command vlbench is the shell around vlbench's commands that are not tests:
//
//	vlbench report [flags] RESULTS...   the plan's tables, role recommendations, regressions, HTML
//	vlbench suite [flags] models.yaml   every model of a manifest through rubric and speed
//
// Each subcommand lives in its own file of this folder and registers itself in commands;
// main is a thin shell around run, so the whole command is tested like a function.
package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vlbench/vlbench/internal/cli"
)

// command is one subcommand: run gets the arguments after its name.
type command struct {
	summary string
	run     func(stdout, stderr io.Writer, args []string) error
}

// commands is filled by each subcommand's file (init).
var commands = map[string]command{}

func main() { cli.Main("vlbench", run) }

func run(stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return fmt.Errorf("%w: no command given", cli.ErrUsage)
		}
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return fmt.Errorf("%w: unknown command %q", cli.ErrUsage, args[0])
	}
	return c.run(stdout, stderr, args[1:])
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: vlbench <command> [flags] [args]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-8s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nvlbench <command> -h shows a command's flags.\n")
	io.WriteString(w, b.String())
}
