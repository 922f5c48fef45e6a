package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/cli"
	"github.com/vlbench/vlbench/internal/results"
	"github.com/vlbench/vlbench/internal/stats"
	"github.com/vlbench/vlbench/vlrubric"
)

var (
	update      = flag.Bool("update", false, "update golden files")
	regenerate  = flag.Bool("fixtures", false, "rewrite the hand-made results folders and bench files of testdata/report")
	fixturesDir = filepath.Join("testdata", "report")
)

// golden compares got with testdata/report/name; -update rewrites it, and a mismatch
// writes name.got beside it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(fixturesDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(path+".got", got, 0o644)
		t.Errorf("%s mismatch; got written to %s.got (diff them; -update accepts):\n%s", path, path, lineDiff(string(want), string(got)))
	}
}

// lineDiff lists the lines that differ, enough to see what moved.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := max(len(w), len(g))
	shown := 0
	for i := 0; i < n && shown < 20; i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n-%s\n+%s\n", i+1, a, c)
			shown++
		}
	}
	return b.String()
}

func TestReportGolden(t *testing.T) {
	if *regenerate {
		writeFixtures(t)
	}
	var out, errOut bytes.Buffer
	cur := filepath.Join(fixturesDir, "current")
	if err := run(&out, &errOut, []string{"report", cur}); err != nil {
		t.Fatalf("report: %v\n%s", err, errOut.String())
	}
	golden(t, "report.md", out.Bytes())
}

func TestReportBaseline(t *testing.T) {
	var out, errOut bytes.Buffer
	cur := filepath.Join(fixturesDir, "current")
	base := filepath.Join(fixturesDir, "baseline")
	err := run(&out, &errOut, []string{"report", "-baseline", base, cur})
	if !errors.Is(err, errRegressed) {
		t.Fatalf("report -baseline = %v, want errRegressed\n%s", err, errOut.String())
	}
	golden(t, "regressions.md", out.Bytes())
	for _, want := range []string{"regression: quality", "regression: speed"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
	// Against itself nothing regressed.
	out.Reset()
	if err := run(&out, &errOut, []string{"report", "-baseline", cur, cur}); err != nil {
		t.Errorf("report -baseline current current = %v, want nil", err)
	}
	if !strings.Contains(out.String(), "No regressions.") {
		t.Errorf("self-comparison does not say No regressions:\n%s", out.String())
	}
}

func TestReportFiles(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	html := filepath.Join(dir, "extra", "r.html")
	if err := run(&out, &errOut, []string{"report", "-o", dir, "-html", html, filepath.Join(fixturesDir, "current")}); err != nil {
		t.Fatalf("report: %v\n%s", err, errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("with -o, stdout should be empty, got %d bytes", out.Len())
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(fixturesDir, "report.md"))
	if !bytes.Equal(md, want) {
		t.Errorf("report.md differs from stdout's golden")
	}
	for _, p := range []string{filepath.Join(dir, "report.html"), html} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), "data:image/png;base64,"); n < 4 {
			t.Errorf("%s: %d inline PNGs, want at least 4", p, n)
		}
	}
}

// TestReportCriteria: -criteria changes a decision criterion's threshold: at a 10 s
// cold load the 30B-A3B (15.9 s) no longer qualifies for vision_escalation.
func TestReportCriteria(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, []string{"report", "-criteria", "coldload=10,mmmu=0.5", filepath.Join(fixturesDir, "current")}); err != nil {
		t.Fatalf("report -criteria: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{
		"cold load < 10 s", "mmmu ≥ 0.5 where run",
		"- Qwen3-VL-30B-A3B-Instruct Q4_K_M baseline: cold load 15.9 s ≥ 10 s; criteria: mmmu 0.684 ≥ 0.5, mathvista 0.7 ≥ 0.6",
		"vision_escalation (none qualifies)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report -criteria coldload=10 lacks %q", want)
		}
	}
	if err := run(&out, &errOut, []string{"report", "-criteria", "speed=3", filepath.Join(fixturesDir, "current")}); !errors.Is(err, cli.ErrUsage) || !strings.Contains(err.Error(), `unknown criterion "speed"`) {
		t.Errorf("report -criteria speed=3 = %v, want a usage error naming it", err)
	}
}

func TestReportUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, []string{"report"}); !errors.Is(err, cli.ErrUsage) {
		t.Errorf("report with no arguments = %v, want a usage error", err)
	}
	if err := run(&out, &errOut, []string{"report", "-bogus", "x"}); !errors.Is(err, cli.ErrUsage) {
		t.Errorf("report -bogus = %v, want a usage error", err)
	}
	if err := run(&out, &errOut, []string{"report", t.TempDir()}); err == nil || errors.Is(err, cli.ErrUsage) {
		t.Errorf("report on an empty folder = %v, want an error saying nothing was found", err)
	}
}

// The hand-made fixtures: invented figures (FIXTURE DATA, not measurements) shaped like
// the plan's models, so that the golden report reads like the plan's tables.

type fixtureRun struct {
	dir, model, quant, config string
	size                      int64
	experts                   uint64
	scores                    map[string]float64 // by question ID; every other question 5
	tokps                     float64            // rubric server timings; 0: none
	rss                       int64
	finished                  string
}

func writeFixtures(t *testing.T) {
	t.Helper()
	const gib = 1 << 30
	ids := vlrubric.IDs()
	runs := []fixtureRun{
		{dir: "current/qwen25-vl-7b/baseline", model: "Qwen2.5-VL-7B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "baseline", size: 4683073184,
			scores: map[string]float64{"VL-T1-Q3": 4.6, "VL-T2-Q1": 4.2, "VL-T2-Q2": 3.4, "VL-T2-Q3": 3.0, "VL-T3-Q1": 2.6, "VL-T3-Q2": 3.0, "VL-T3-Q3": 2.2, "VL-T3-Q4": 2.0},
			tokps:  15.1, rss: 6_100_000_000},
		{dir: "current/qwen3-vl-30b-a3b/baseline", model: "Qwen3-VL-30B-A3B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "baseline", size: 18_556_686_336, experts: 128,
			scores: map[string]float64{"VL-T2-Q2": 4.4, "VL-T2-Q3": 4.2, "VL-T3-Q1": 4.4, "VL-T3-Q2": 3.4, "VL-T3-Q3": 3.0, "VL-T3-Q4": 3.6}},
		{dir: "current/qwen3-vl-30b-a3b/moe4", model: "Qwen3-VL-30B-A3B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "moe4", size: 18_556_686_336, experts: 128,
			scores: map[string]float64{"VL-T2-Q1": 4.2, "VL-T2-Q2": 3.4, "VL-T2-Q3": 4.1, "VL-T3-Q1": 4.0, "VL-T3-Q2": 3.0, "VL-T3-Q3": 2.2, "VL-T3-Q4": 3.2}},
		{dir: "current/qwen3-vl-235b-a22b-thinking/baseline", model: "Qwen3-VL-235B-A22B-Thinking-Q4_K_M", quant: "Q4_K_M", config: "baseline", size: 142 * gib, experts: 128,
			scores: map[string]float64{"VL-T3-Q2": 4.4, "VL-T3-Q3": 4.1, "VL-T3-Q4": 4.6}},
		{dir: "current/qwen3-vl-8b/baseline", model: "Qwen3-VL-8B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "baseline", size: 5_025_000_000,
			scores: map[string]float64{"VL-T1-Q2": 4.2, "VL-T1-Q3": 4.4, "VL-T2-Q1": 3.8, "VL-T2-Q2": 3.4, "VL-T2-Q3": 2.6, "VL-T3-Q1": 3.0, "VL-T3-Q2": 2.2, "VL-T3-Q3": 1.8, "VL-T3-Q4": 1.4}},
		// No speed anywhere: no bench file, no server timings.
		{dir: "current/qwen3-vl-4b/baseline", model: "Qwen3-VL-4B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "baseline", size: 2_497_000_000,
			scores: map[string]float64{"VL-T1-Q2": 4.2, "VL-T1-Q3": 4.0, "VL-T2-Q1": 3.4, "VL-T2-Q2": 3.0, "VL-T2-Q3": 2.6, "VL-T3-Q1": 2.6, "VL-T3-Q2": 1.8, "VL-T3-Q3": 1.4, "VL-T3-Q4": 1.0},
			rss:    3_300_000_000},
		// Qualifies for no role; its speed is the rubric's server timings.
		{dir: "current/qwen3-vl-2b/baseline", model: "Qwen3-VL-2B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "baseline", size: 1_107_000_000,
			scores: map[string]float64{"VL-T1-Q1": 4.3, "VL-T1-Q2": 3.4, "VL-T1-Q3": 2.6, "VL-T2-Q1": 2.2, "VL-T2-Q2": 1.8, "VL-T2-Q3": 1.4, "VL-T3-Q1": 1.8, "VL-T3-Q2": 1.0, "VL-T3-Q3": 1.4, "VL-T3-Q4": 1.0},
			tokps:  92.4, rss: 1_900_000_000},
		// The baseline: an older moe4 run that met vision_escalation.
		{dir: "baseline/qwen3-vl-30b-a3b/moe4", model: "Qwen3-VL-30B-A3B-Instruct-Q4_K_M", quant: "Q4_K_M", config: "moe4", size: 18_556_686_336, experts: 128,
			scores: map[string]float64{"VL-T2-Q1": 4.4, "VL-T2-Q2": 4.2, "VL-T2-Q3": 4.1, "VL-T3-Q1": 4.0, "VL-T3-Q2": 3.0, "VL-T3-Q3": 2.6, "VL-T3-Q4": 3.2}, finished: "2025-12-10T09:00:00Z"},
	}
	for _, fr := range runs {
		finished := fr.finished
		if finished == "" {
			finished = "2025-12-16T12:00:00Z"
		}
		end, _ := time.Parse(time.RFC3339, finished)
		r := &results.Run{Suite: "vlrubric", Config: fr.config,
			Model: results.Model{Name: fr.model, File: "/models/" + fr.model + ".gguf", Size: fr.size, Quantization: fr.quant,
				Architecture: map[bool]string{true: "qwen3vlmoe", false: "qwen2vl"}[fr.experts > 0], ExpertCount: fr.experts, ExpertUsed: map[bool]uint64{true: 8}[fr.experts > 0]},
			Server:   results.Server{Build: "FIXTURE DATA (hand-made, not a measurement)", PeakRSS: fr.rss},
			Settings: results.Settings{MaxTokens: 512},
			Started:  end.Add(-10 * time.Minute), Finished: end}
		var rs []vlrubric.Result
		for _, id := range ids {
			s, ok := fr.scores[id]
			if !ok {
				s = 5
			}
			a := results.Answer{ID: id, Tier: vlrubric.Tier(id), Score: s, Answer: "(fixture)"}
			if fr.tokps > 0 {
				a.Timings = &results.Timings{PredictedN: 128, PredictedPerSecond: fr.tokps}
			}
			r.Answers = append(r.Answers, a)
			rs = append(rs, vlrubric.Result{ID: id, Score: s})
		}
		sum := vlrubric.Summarize(rs)
		for _, tier := range []int{1, 2, 3} {
			ts := sum.Tiers[tier]
			r.Tiers = append(r.Tiers, results.Tier{Tier: tier, Mean: ts.Mean, Low: ts.CI.Lo, High: ts.CI.Hi, Method: ts.CI.Method, N: ts.N, AllFive: ts.AllFive, Min: ts.Min})
		}
		for _, q := range sum.Qualified {
			r.Qualified = append(r.Qualified, string(q))
		}
		if r.Qualified == nil {
			r.Qualified = []string{}
		}
		if err := results.WriteRun(filepath.Join(fixturesDir, fr.dir, "results.json"), r); err != nil {
			t.Fatal(err)
		}
	}

	// Standard-set runs (FIXTURE DATA): DocVQA of the 7B fell against its baseline beyond
	// noise; MMMU of the 30B-A3B has nothing to compare with.
	sets := []struct {
		dir, model, set, metric string
		value, lo, hi, pub      float64
		n                       int
		finished                string
	}{
		{"current/qwen25-vl-7b/docvqa", "Qwen2.5-VL-7B-Instruct-Q4_K_M", "docvqa", "anls", 0.912, 0.897, 0.926, 0.957, 1000, ""},
		{"baseline/qwen25-vl-7b/docvqa", "Qwen2.5-VL-7B-Instruct-Q4_K_M", "docvqa", "anls", 0.951, 0.939, 0.962, 0.957, 1000, "2025-12-10T09:00:00Z"},
		{"current/qwen3-vl-30b-a3b/mmmu", "Qwen3-VL-30B-A3B-Instruct-Q4_K_M", "mmmu", "accuracy", 0.684, 0.652, 0.714, 0.742, 900, ""},
	}
	for _, fs := range sets {
		end, _ := time.Parse(time.RFC3339, cmp.Or(fs.finished, "2025-12-16T12:00:00Z"))
		r := &results.Run{Suite: fs.set, Config: "baseline",
			Model:   results.Model{Name: fs.model, Quantization: "Q4_K_M"},
			Server:  results.Server{Build: "FIXTURE DATA (hand-made, not a measurement)"},
			Started: end.Add(-time.Hour), Finished: end,
			Metric: &results.Metric{Name: fs.metric, Value: fs.value, Low: fs.lo, High: fs.hi, N: fs.n,
				Parts: map[string]float64{"published": fs.pub}}}
		if err := results.WriteRun(filepath.Join(fixturesDir, fs.dir, "results.json"), r); err != nil {
			t.Fatal(err)
		}
	}

	// MathVista with its samples (FIXTURE DATA): 60 answers scored 0/1, so that the 30B's
	// moe4 compares with its baseline sample by sample (McNemar): 42 of 60 correct at
	// baseline; moe4 lost 10 of them and gained 1. The baseline folder's moe4 run had the
	// baseline's answers, so the gate sees the same fall, paired.
	mathvista := func(dir, config string, wrong func(i int) bool, finished string) {
		end, _ := time.Parse(time.RFC3339, cmp.Or(finished, "2025-12-16T12:00:00Z"))
		r := &results.Run{Suite: "mathvista", Config: config,
			Model:   results.Model{Name: "Qwen3-VL-30B-A3B-Instruct-Q4_K_M", Quantization: "Q4_K_M"},
			Server:  results.Server{Build: "FIXTURE DATA (hand-made, not a measurement)"},
			Started: end.Add(-time.Hour), Finished: end}
		k := 0
		for i := range 60 {
			a := results.Answer{ID: fmt.Sprintf("testmini-%03d", i+1), Prompt: "(fixture)", Answer: "(fixture)", Score: 1}
			if wrong(i) {
				a.Score = 0
			} else {
				k++
			}
			r.Answers = append(r.Answers, a)
		}
		w := stats.Wilson(k, 60)
		r.Metric = &results.Metric{Name: "accuracy", Value: float64(k) / 60, Low: w.Lo, High: w.Hi, N: 60}
		if err := results.WriteRun(filepath.Join(fixturesDir, dir, "results.json"), r); err != nil {
			t.Fatal(err)
		}
	}
	baseWrong := func(i int) bool { return i >= 42 }           // 42 of 60 right
	moeWrong := func(i int) bool { return i >= 32 && i != 59 } // 10 of those lost, sample 60 gained
	mathvista("current/qwen3-vl-30b-a3b/mathvista", "baseline", baseWrong, "")
	mathvista("current/qwen3-vl-30b-a3b/mathvista-moe4", "moe4", moeWrong, "")
	mathvista("baseline/qwen3-vl-30b-a3b/mathvista-moe4", "moe4", baseWrong, "2025-12-10T09:00:00Z")

	type series struct {
		config         string
		tokps, peakMiB float64
		spread         float64 // relative noise
	}
	benches := []struct {
		file, header string
		series       []series
	}{
		{"current/bench-Qwen2.5-VL-7B-Instruct-Q4_K_M-20251216T120000Z.txt", "model: Qwen2.5-VL-7B-Instruct-Q4_K_M\nquant: Q4_K_M\nsize: 4683073184\n",
			[]series{{"baseline", 15.28, 5650, 0.02}, {"spec-k8", 57.1, 6120, 0.04}, {"spec-k16", 51.3, 6200, 0.05}}},
		{"baseline/bench-Qwen2.5-VL-7B-Instruct-Q4_K_M-20251210T090000Z.txt", "model: Qwen2.5-VL-7B-Instruct-Q4_K_M\nquant: Q4_K_M\nsize: 4683073184\n",
			[]series{{"baseline", 15.31, 5650, 0.02}, {"spec-k8", 61.8, 6110, 0.03}, {"spec-k16", 51.0, 6200, 0.05}}},
		// No model: lines: the report takes the model from the file name.
		{"current/bench-Qwen3-VL-30B-A3B-Instruct-Q4_K_M-20251216T120000Z.txt", "",
			[]series{{"baseline", 24.8, 17650, 0.03}, {"moe4", 35.2, 17700, 0.03}}},
		{"current/bench-Qwen3-VL-235B-A22B-Thinking-Q4_K_M-20251216T120000Z.txt", "",
			[]series{{"baseline", 4.9, 139800, 0.02}, {"moe2", 7.12, 139900, 0.02}}},
		{"current/bench-Qwen3-VL-8B-Instruct-Q4_K_M-20251216T120000Z.txt", "",
			[]series{{"baseline", 24.2, 5400, 0.02}}},
		{"current/bench-Qwen3-VL-8B-Instruct-Q8_0-20251216T120000Z.txt", "",
			[]series{{"baseline", 10.8, 8900, 0.02}}},
	}
	for _, bf := range benches {
		var b strings.Builder
		b.WriteString("Unit tok/s better=higher\nUnit peak-MiB better=lower\nUnit load-s better=lower\n")
		b.WriteString("goos: linux\ngoarch: amd64\npkg: github.com/vlbench/vlbench/perf\ncpu: FIXTURE DATA (hand-made, not a measurement)\n")
		b.WriteString(bf.header)
		for _, s := range bf.series {
			for i := range 10 {
				// A fixed zig-zag of noise: deterministic and symmetric.
				noise := s.spread * math.Sin(float64(i*7+len(s.config)))
				fmt.Fprintf(&b, "BenchmarkGenerate/config=%s-16 \t       1\t%10.2f tok/s\n", s.config, s.tokps*(1+noise))
			}
		}
		for _, s := range bf.series {
			fmt.Fprintf(&b, "BenchmarkMemory/config=%s-16 \t       1\t%10.0f peak-MiB\t%10.0f est-MiB\n", s.config, s.peakMiB, s.peakMiB*0.97)
		}
		for _, s := range bf.series {
			fmt.Fprintf(&b, "BenchmarkColdLoad/config=%s-16 \t       1\t%10.2f load-s\n", s.config, s.peakMiB/1000*0.9)
		}
		path := filepath.Join(fixturesDir, bf.file)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chromium finds a Chromium: $CHROMIUM, or chromium, chromium-browser, google-chrome on PATH.
func chromium() (string, error) {
	if c := os.Getenv("CHROMIUM"); c != "" {
		p, err := exec.LookPath(c)
		if err != nil {
			return "", fmt.Errorf("CHROMIUM=%s: %w (unset it to use chromium from PATH; `make chromium` installs it)", c, err)
		}
		return p, nil
	}
	for _, c := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH for the HTML screenshot test; install it with `make chromium` (Debian's chromium package) or set CHROMIUM=/path")
}

// TestReportScreenshot opens the HTML report of the fixtures in a real headless
// Chromium, takes a screenshot and checks that it is not blank: many colours, a fair
// share of non-white pixels, the tables' header blue and the plots' limit red, and the
// new sections drawn: the "Quality cost of acceleration" table's green lossless cell
// (the recorded spec-k8 run) and all five plots, the paired cost plot among them. With
// -keep-screenshot the PNG stays in testdata/report/screenshot.png.got for a person to
// look at.
func TestReportScreenshot(t *testing.T) {
	bin, err := chromium()
	if err != nil {
		harness.Missing(t, err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, []string{"report", "-html", page, filepath.Join(fixturesDir, "current")}); err != nil {
		t.Fatalf("report: %v\n%s", err, errOut.String())
	}
	h, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>Quality cost of acceleration</h2>", "<h2>Acceleration Compatibility Matrix</h2>",
		`<td class="lossless">lossless: 30 of 30 answers identical</td>`, `alt="Quality cost of acceleration"`} {
		if !strings.Contains(string(h), want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if n := strings.Count(string(h), "data:image/png;base64,"); n != 5 {
		t.Errorf("%d plots in the HTML, want 5", n)
	}
	shot := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1280,11000",
		"file://"+page)
	cmd.Dir = dir
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	// Chromium starts helpers (zygote, renderer, GPU); its own process group lets the
	// test kill them all, on timeout and after the run.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err = cmd.Run()
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // any helper left behind
	}
	if err != nil {
		t.Fatalf("%s: %v after %v\n%s", bin, err, time.Since(start).Round(time.Millisecond), logs.String())
	}
	t.Logf("chromium screenshot in %v", time.Since(start).Round(time.Millisecond))
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, logs.String())
	}
	if *keepShot {
		os.WriteFile(filepath.Join(fixturesDir, "screenshot.png.got"), b, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	st := screenStats(img)
	t.Logf("screenshot %v: %d colours, %.1f%% not white, header blue %d px, limit red %d px, lossless green %d px, plots %d", img.Bounds().Size(), st.colours, 100*st.nonWhite, st.blue, st.red, st.green, st.plots)
	if st.green < 2000 {
		t.Errorf("screenshot has %d pixels of the lossless cell's green, want ≥ 2000: the quality cost table not rendered", st.green)
	}
	if st.plots != 5 {
		t.Errorf("screenshot shows %d plots (bordered images), want 5: the last one below the window, or not rendered", st.plots)
	}
	if st.colours < 64 {
		t.Errorf("screenshot has %d distinct colours, want ≥ 64: blank or unstyled", st.colours)
	}
	if st.nonWhite < 0.03 {
		t.Errorf("screenshot is %.1f%% non-white, want ≥ 3%%: blank", 100*st.nonWhite)
	}
	if st.blue < 2000 {
		t.Errorf("screenshot has %d pixels of the tables' header blue, want ≥ 2000: tables not rendered", st.blue)
	}
	if st.red < 200 {
		t.Errorf("screenshot has %d pixels of the plots' limit red, want ≥ 200: plots not rendered", st.red)
	}
}

var keepShot = flag.Bool("keep-screenshot", false, "keep TestReportScreenshot's PNG in testdata/report/screenshot.png.got")

type shotStats struct {
	colours          int
	nonWhite         float64
	blue, red, green int
	// plots counts the figures: runs of rows whose pixel at the page's left image edge
	// is the images' grey border over a plot's height (over 300 px).
	plots int
}

func screenStats(img image.Image) shotStats {
	var st shotStats
	seen := map[uint32]bool{}
	r := img.Bounds()
	n, nw := 0, 0
	near := func(c color.Color, r0, g0, b0 uint32) bool {
		r, g, b, _ := c.RGBA()
		d := func(x, y uint32) uint32 {
			x >>= 8
			if x > y {
				return x - y
			}
			return y - x
		}
		return d(r, r0) < 12 && d(g, g0) < 12 && d(b, b0) < 12
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.At(x, y)
			cr, cg, cb, _ := c.RGBA()
			seen[(cr>>11)<<10|(cg>>11)<<5|cb>>11] = true
			n++
			if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				nw++
			}
			if near(c, 0x1f, 0x77, 0xb4) {
				st.blue++
			}
			if near(c, 0xd6, 0x27, 0x28) {
				st.red++
			}
			if near(c, 0xc7, 0xe9, 0xc0) {
				st.green++
			}
		}
	}
	st.colours = len(seen)
	st.nonWhite = float64(nw) / float64(n)
	// The images' left border (#ddd) is one column crossing every plot; a plot's own
	// grid lines cross at most one plot each per column.
	for x := r.Min.X; x < r.Max.X; x++ {
		runs, length := 0, 0
		for y := r.Min.Y; y <= r.Max.Y; y++ {
			if y < r.Max.Y && near(img.At(x, y), 0xdd, 0xdd, 0xdd) {
				length++
				continue
			}
			if length > 300 {
				runs++
			}
			length = 0
		}
		st.plots = max(st.plots, runs)
	}
	return st
}
