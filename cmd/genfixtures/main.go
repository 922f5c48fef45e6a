// Command genfixtures writes the rubric's images for people to look at: every canonical
// image and N further variants of each, each PNG with its ground truth beside it as JSON.
//
// Usage:
//
//	go run ./cmd/genfixtures -out build/fixtures -variants 3
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/internal/cli"
)

func main() { cli.Main("genfixtures", run) }

func run(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("genfixtures", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "build/fixtures", "write images and truth files to `dir`")
	variants := fs.Int("variants", 0, "write `n` variants of each question besides the canonical image")
	only := fs.String("q", "", "only the question with this `id` (e.g. VL-T2-Q1)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *variants < 0 {
		return cli.Usagef("-variants %d: must not be negative", *variants)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("create output dir: %w", err)
	}
	n := 0
	for _, q := range fixtures.Questions() {
		if *only != "" && q.ID != *only {
			continue
		}
		for v := 0; v <= *variants; v++ {
			img, err := q.Generate(v)
			if err != nil {
				return err
			}
			name := fixtures.FileName(q, v)
			path := filepath.Join(*out, name)
			if err := os.WriteFile(path, img.PNG, 0o644); err != nil {
				return fmt.Errorf("write image: %w", err)
			}
			js, err := json.MarshalIndent(img.Truth, "", "  ")
			if err != nil {
				return fmt.Errorf("%s: encode truth: %w", name, err)
			}
			if err := os.WriteFile(strings.TrimSuffix(path, ".png")+".json", append(js, '\n'), 0o644); err != nil {
				return fmt.Errorf("write truth: %w", err)
			}
			fmt.Fprintf(stdout, "%s\t%dx%d\t%s\n", path, img.Width, img.Height, img.Truth.Expected)
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("no question with id %q", *only)
	}
	return nil
}
