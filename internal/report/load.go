package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/vlbench/vlbench/internal/results"
)

// Run is one results.json and where it was read from.
type Run struct {
	Path string
	*results.Run
}

// Bench is one Go benchmark file (bench-*.txt) of one model.
type Bench struct {
	Path string
	// Model and Quant identify the model: from the file's `model:` and `quant:` config
	// lines when perf writes them, else from llama-bench's comment line (the .gguf
	// name), else from the file name bench-<model>-<date>.txt. ModelFrom says which.
	Model, Quant, ModelFrom string
	// Size is the model file's size in bytes (config line `size:` or llama-bench's
	// comment); 0 when unknown.
	Size int64
	// Samples holds every value by benchmark, config, test and unit.
	Samples map[SampleKey][]float64
	// Better maps a unit to +1 (higher is better) or -1, from the file's Unit lines.
	Better map[string]int
}

// SampleKey names one series of a bench file: BenchmarkGenerate/config=moe4's tok/s
// is {Bench: "Generate", Config: "moe4", Unit: "tok/s"}; llama-bench's lines carry a
// Test ("tg128"); Sub is every other key=value of the name, in order, joined by "/"
// (BenchmarkImageGenerate/config=spec-k8/turn=image: "turn=image";
// BenchmarkConcurrent/config=baseline/clients=2/kind=text: "clients=2/kind=text").
type SampleKey struct {
	Bench, Config, Test, Unit string
	Sub                       string
}

// Set is everything a report reads.
type Set struct {
	Runs    []*Run
	Benches []*Bench
	// Notes are things the reader should know about the inputs (guessed model names,
	// duplicate runs); they are printed at the end of the report.
	Notes []string
}

// Load reads every path: a folder is searched recursively for results.json files and
// bench files (bench-*.txt, llama-bench-*.txt); a file is read as a results.json when
// it is named so, and as a Go benchmark file otherwise.
func Load(paths ...string) (*Set, error) {
	s := &Set{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		if !st.IsDir() {
			if err := s.loadFile(p); err != nil {
				return nil, err
			}
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (strings.HasPrefix(name, ".") || name == "answers") {
					return filepath.SkipDir
				}
				return nil
			}
			if name == "results.json" || isBenchName(name) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		sort.Strings(files)
		for _, f := range files {
			if err := s.loadFile(f); err != nil {
				return nil, err
			}
		}
	}
	if len(s.Runs) == 0 && len(s.Benches) == 0 {
		return nil, fmt.Errorf("report: no results.json and no bench files in %s", strings.Join(paths, ", "))
	}
	return s, nil
}

// isBenchName reports whether a file in a results folder is a Go benchmark file:
// make bench's bench-<model>-<date>.txt, make llama-bench's llama-bench-*.txt, or the
// suite's {model}_{config}_perf.txt.
func isBenchName(name string) bool {
	return strings.HasSuffix(name, ".txt") && (strings.HasPrefix(name, "bench-") || strings.HasPrefix(name, "llama-bench-")) ||
		strings.HasSuffix(name, "_perf.txt")
}

func (s *Set) loadFile(path string) error {
	if filepath.Base(path) == "results.json" || strings.HasSuffix(path, ".json") {
		r, err := results.ReadRun(path)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		s.Runs = append(s.Runs, &Run{Path: path, Run: r})
		return nil
	}
	b, err := ReadBench(path)
	if err != nil {
		return err
	}
	if b.ModelFrom == "file name" {
		s.Notes = append(s.Notes, fmt.Sprintf("%s: no `model:` config line; model %q taken from the file name", path, b.Model))
	}
	s.Benches = append(s.Benches, b)
	return nil
}

var (
	benchFileName = regexp.MustCompile(`^(?:llama-)?bench-(.+?)(?:-\d{8}T\d{6}Z)?\.txt$`)
	// # llama-bench build 11669 (Debian), AMD EPYC: qwen25vl-95853d2a1efb.gguf (qwen2vl ?B all F32, 138176 params, 552704 bytes), ...
	llamaBenchComment = regexp.MustCompile(`^#\s*llama-bench .*?:\s*(\S+)\.gguf \((.*?), (\d+) params, (\d+) bytes\)`)
)

// ReadBench reads a Go benchmark file with benchfmt. Lines benchfmt cannot parse are
// errors (file:line: msg).
func ReadBench(path string) (*Bench, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	b := &Bench{Path: path, Samples: map[SampleKey][]float64{}, Better: map[string]int{}}
	r := benchfmt.NewReader(bytes.NewReader(data), path)
	for r.Scan() {
		switch rec := r.Result(); rec := rec.(type) {
		case *benchfmt.SyntaxError:
			return nil, fmt.Errorf("report: %w", rec)
		case *benchfmt.UnitMetadata:
			if rec.Key == "better" {
				switch rec.Value {
				case "higher":
					b.Better[rec.Unit] = +1
				case "lower":
					b.Better[rec.Unit] = -1
				}
			}
		case *benchfmt.Result:
			for _, key := range []string{"model", "quant", "quantization", "size"} {
				v := rec.GetConfig(key)
				switch {
				case v == "":
				case key == "model":
					b.Model, b.ModelFrom = v, "config"
				case key == "size":
					b.Size = parseSize(v)
				default:
					b.Quant = v
				}
			}
			k := SampleKey{}
			base, parts := rec.Name.Parts()
			k.Bench = strings.TrimPrefix(string(base), "Benchmark")
			for _, p := range parts {
				kv, ok := bytes.CutPrefix(p, []byte("/"))
				if !ok {
					continue // -GOMAXPROCS
				}
				key, val, _ := strings.Cut(string(kv), "=")
				switch key {
				case "config":
					k.Config = val
				case "test":
					k.Test = val
				default:
					if k.Sub != "" {
						k.Sub += "/"
					}
					k.Sub += string(kv)
				}
			}
			for _, v := range rec.Values {
				k.Unit = v.Unit
				b.Samples[k] = append(b.Samples[k], v.Value)
			}
		}
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", path, err)
	}
	if b.Model == "" || b.Size == 0 {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			m := llamaBenchComment.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			if b.Model == "" {
				b.Model, b.ModelFrom = m[1], "llama-bench"
			}
			if b.Size == 0 {
				b.Size, _ = strconv.ParseInt(m[4], 10, 64)
			}
			break
		}
	}
	if b.Model == "" {
		if name, ok := strings.CutSuffix(filepath.Base(path), "_perf.txt"); ok {
			// The suite's {model}_{config}_perf.txt: its rubric run beside it,
			// {model}_{config}_rubric/results.json, names the model.
			if r, err := results.ReadRun(filepath.Join(filepath.Dir(path), name+"_rubric", "results.json")); err == nil && r.Model.Name != "" {
				b.Model, b.ModelFrom = r.Model.Name, "rubric run beside it"
				if b.Size == 0 {
					b.Size = r.Model.Size
				}
				if b.Quant == "" {
					b.Quant = r.Model.Quantization
				}
			} else if i := strings.Index(name, "_"); i > 0 {
				b.Model, b.ModelFrom = name[:i], "file name"
			}
		}
	}
	if b.Model == "" {
		if m := benchFileName.FindStringSubmatch(filepath.Base(path)); m != nil {
			b.Model, b.ModelFrom = m[1], "file name"
		} else {
			b.Model, b.ModelFrom = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), "file name"
		}
	}
	if b.Quant == "" {
		_, b.Quant = SplitQuant(b.Model)
	}
	return b, nil
}

// parseSize reads "4368439296", "4.68 GiB", "4.1GB" or "512 MiB" as bytes.
func parseSize(s string) int64 {
	s = strings.TrimSpace(s)
	mult := 1.0
	for _, u := range []struct {
		suffix string
		m      float64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.m
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return int64(math.Round(v * mult))
}

var quantSuffix = regexp.MustCompile(`(?i)[-._]((?:I?Q\d(?:_[0-9A-Z]+)*)|BF16|F16|F32)$`)

// SplitQuant splits a quantization suffix off a model file name:
// "Qwen3-VL-8B-Instruct-Q8_0" is ("Qwen3-VL-8B-Instruct", "Q8_0"). Names without one are
// returned whole with an empty quant.
func SplitQuant(name string) (model, quant string) {
	if m := quantSuffix.FindStringSubmatchIndex(name); m != nil {
		return name[:m[0]], strings.ToUpper(name[m[2]:m[3]])
	}
	return name, ""
}
