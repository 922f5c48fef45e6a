// Package cli is what every command in cmd/ shares about how it ends, so that all of them
// end alike:
//
//  1. main is one line, cli.Main("name", run), around a testable
//     run(stdout, stderr io.Writer, args []string) error.
//  2. run parses its own flag.FlagSet (ContinueOnError) with cli.Parse, which turns -h
//     into flag.ErrHelp and a bad flag into a usage error; a wrong argument count or value
//     is cli.Usagef(…).
//  3. Main exits 0 on success and on -h, 2 on a usage error, 1 on any other failure,
//     printing "name: error" for the last two.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// ErrUsage marks a usage error (exit status 2): a flag, argument or value the command
// does not take. Test for it with errors.Is.
var ErrUsage = errors.New("usage")

// Usagef returns a usage error with the message.
func Usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// Parse parses args with fs (which the flag package has already made print its own
// complaint and usage): -h or -help is flag.ErrHelp, any other flag error a usage error.
func Parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrUsage, err)
}

// ExitCode is the exit status for run's error: 0 for nil and flag.ErrHelp, 2 for a usage
// error, 1 otherwise.
func ExitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, ErrUsage):
		return 2
	default:
		return 1
	}
}

// Main runs run on the process's arguments and exits with ExitCode, saying what went
// wrong on stderr as "name: error".
func Main(name string, run func(stdout, stderr io.Writer, args []string) error) {
	os.Exit(finish(name, os.Stderr, run(os.Stdout, os.Stderr, os.Args[1:])))
}

// finish reports err on stderr and returns the exit status.
func finish(name string, stderr io.Writer, err error) int {
	code := ExitCode(err)
	if code != 0 {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
	}
	return code
}
