package mk

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/synth"
)

// The README as a tested contract: every command in its ```sh blocks is run here, in
// README order, on the synthetic models by the real llama-server (its placeholder paths
// substituted, long runs cut short with small flags), or is excluded with the reason. A
// command the README gains is neither, and fails TestReadmeCommands until it is added to
// readmeCommands; a row whose command left the README fails it too.
//
// Substitutions (readmeEnv.subst): the placeholder llama-server is the one harness finds,
// the /models/… and M.gguf/P.gguf files the synthetic model of their kind (Qwen2.5-VL,
// Qwen3-VL-MoE, the draft), results… folders and the manifest, data and endpoint are the
// test's own.
var readmeCommands = []readmeCommand{
	{cmd: "make rubric",
		cut:   []string{"VARIANTS=0", "MAX_TOKENS=8"},
		want:  []string{"## Quality Rubric Results: qwen25vl", "| VL-T3-Q4 | 0 |"},
		files: []string{"results/rubric/results.json", "results/rubric/answers/VL-T1-Q1.txt"}},
	{cmd: "make test",
		exclude: "the whole suite, this test included (it would run itself); CI runs it"},
	{cmd: "LLAMA_SERVER=/opt/llama.cpp/build/bin/llama-server make test",
		exclude: "the whole suite again; that LLAMA_SERVER skips the Debian install is TestMakeOtherOS's `make -n test LLAMA_SERVER=…`"},
	{cmd: "go test ./vlrubric -args -llama-server /opt/llama.cpp/build/bin/llama-server -model M.gguf -mmproj P.gguf",
		goFlags: []string{"-run", "^TestRubric$"}, cut: []string{"-max-tokens", "8"}},
	{cmd: "go test ./vlrubric -v -args -model /models/Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf -mmproj /models/mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf -role worker_vision -variants 3 -results results/q25vl7b",
		goFlags: []string{"-run", "^TestRubric$"}, cut: []string{"-variants", "1", "-max-tokens", "8"},
		// Random weights meet no role: the test fails below the minimums, as the README says.
		fails: "role worker_vision: worker_vision: T1",
		want:  []string{"TestRubric/VL-T1-Q1/v1"},
		files: []string{"results/q25vl7b/results.json", "results/q25vl7b/results.md"}},
	{cmd: "make rubric MODEL=/models/Qwen3-VL-30B-A3B-Q4_K_M.gguf MMPROJ=/models/mmproj-Qwen3-VL-30B.gguf CONFIG=moe4 ROLE=vision_escalation",
		cut:   []string{"VARIANTS=0", "MAX_TOKENS=8", "RESULTS=results/moe"},
		fails: "Asserted role vision_escalation: NOT met",
		want:  []string{"## Quality Rubric Results: qwen3vlmoe", "| moe4 |"},
		files: []string{"results/moe/rubric/results.json"}},
	{cmd: "VLBENCH_API_KEY=... go test ./vlrubric -args -endpoint http://127.0.0.1:8080 -endpoint-model qwen2.5-vl",
		goFlags: []string{"-v", "-run", "^TestRubric$"}, cut: []string{"-max-tokens", "8"},
		want: []string{"--- PASS: TestRubric", "VL-T1-Q1"}},
	{cmd: "make bench MODEL=/models/Qwen2.5-VL-7B-Q4_K_M.gguf DRAFT=/models/draft.gguf",
		cut:  []string{"COUNT=1", "P=16", "N=4", "BENCHTIME=1x"},
		want: []string{"BenchmarkGenerate/config=baseline", "BenchmarkGenerate/config=spec-k8", "BenchmarkLlamaBench/config=baseline/test=pp16", "wrote "}},
	{cmd: "make compare",
		want: []string{"== ", "config"}},
	{cmd: "scripts/rpc-worker.sh -H 10.0.0.2 -p 50052 -t 32",
		exclude: "a worker on another machine's address; harness TestRPCWorkerScript runs this script on loopback and a server given its address"},
	{cmd: "go test ./vlrubric -run '^TestRubric$' -args -model /models/Qwen3-VL-235B-A22B-Thinking-Q4_K_M-00001-of-00003.gguf -mmproj /models/mmproj-Qwen3-VL-235B-A22B-Thinking-f16.gguf -rpc 10.0.0.2:50052,10.0.0.3:50052 -results results/235b",
		exclude: "needs the workers on two other machines; vlrubric TestRubricRPC runs the rubric with -rpc local:2 and checks the workers in results.json"},
	{cmd: "go test ./perf -run '^$' -bench Generate -args -model … -rpc 10.0.0.2:50052,10.0.0.3:50052 -rpcn 2",
		exclude: "needs the workers on two other machines; perf TestBenchmarksReport runs every benchmark with -rpcn 2 on local workers"},
	{cmd: "make compare OLD=results/a.txt NEW=results/b.txt",
		before: func(t *testing.T, e *readmeEnv) {
			for _, n := range []string{"a.txt", "b.txt"} {
				copyFile(t, e.newestBench(t), filepath.Join(e.dir, "results", n))
			}
		},
		want: []string{"a.txt", "b.txt", "tok/s"}},
	{cmd: "make suite MODELS=models.yaml",
		want:  []string{"vlbench suite: 1 models", "## Quality Rubric Results", "## Speed Benchmarks"},
		files: []string{"results/suite/suite-state.json", "results/suite/synthetic-qwen25vl_baseline_rubric/results.json"}},
	{cmd: "make stdsets SET=docvqa DATA=/data/DocVQA MODEL=/models/m.gguf MMPROJ=/models/p.gguf LIMIT=500",
		cut:   []string{"LIMIT=2"},
		want:  []string{"--- PASS: TestSet", "docvqa"},
		files: []string{"results/docvqa/results.json"}},
	{cmd: `make report REPORT_IN="results/" BASELINE=results-last-week/`,
		before: func(t *testing.T, e *readmeEnv) {
			copyDir(t, filepath.Join(e.dir, "results"), filepath.Join(e.dir, "results-last-week"))
		},
		want:  []string{"Quality Rubric Results", "Speed Benchmarks"},
		files: []string{"results/report/report.md", "results/report/report.html"}},
}

// readmeCommand is one README command and how the test runs it.
type readmeCommand struct {
	cmd     string   // as in the README, comments and line breaks gone
	exclude string   // not run, and why
	goFlags []string // go test: flags added after the package
	cut     []string // make: VAR=value set (replacing the README's); go test: flags appended after -args
	before  func(t *testing.T, e *readmeEnv)
	fails   string   // the command must fail, saying this; otherwise it must succeed
	want    []string // in its output
	files   []string // written, relative to the test's folder
}

func TestReadmeCommands(t *testing.T) {
	root, _ := makefiles(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeShellCommands(string(readme))
	if len(cmds) < 10 {
		t.Fatalf("found %d commands in the README's sh blocks, want them all: %q", len(cmds), cmds)
	}
	byCmd := map[string]readmeCommand{}
	for _, rc := range readmeCommands {
		byCmd[rc.cmd] = rc
		if !slices.Contains(cmds, rc.cmd) {
			t.Errorf("readmeCommands has %q, which the README no longer has: remove or update the row", rc.cmd)
		}
	}
	for _, c := range cmds {
		if _, ok := byCmd[c]; !ok {
			t.Errorf("the README's command %q is neither run nor excluded: add a row to readmeCommands", c)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	harness.SkipShort(t, "the README's commands run real inference")
	e := newReadmeEnv(t, root)
	for i, c := range cmds {
		rc := byCmd[c]
		t.Run(subtestName(i, c), func(t *testing.T) {
			if rc.exclude != "" {
				t.Skipf("excluded: %s", rc.exclude)
			}
			e.run(t, rc)
		})
	}
}

// subtestName names the README's i-th command by its number and its first words (no
// slashes, so that -run can pick it): "05-go_test_vlrubric_-v".
func subtestName(i int, cmd string) string {
	w := strings.Fields(strings.NewReplacer("/", "", ".", "").Replace(cmd))
	return fmt.Sprintf("%02d-%s", i+1, strings.Join(w[:min(len(w), 4)], "_"))
}

// readmeShellCommands returns the commands of the README's ```sh blocks: comments
// dropped, continued lines joined, spaces collapsed.
func readmeShellCommands(readme string) []string {
	var out []string
	for _, block := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(readme, -1) {
		text := strings.ReplaceAll(block[1], "\\\n", " ")
		for _, line := range strings.Split(text, "\n") {
			if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ') {
				line = line[:i]
			}
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// readmeEnv is where the README's commands run: the module root, with their files in dir.
type readmeEnv struct {
	root, dir   string
	server      string // a llama-server binary a user could pass (a wrapper for the Debian tree)
	subst       map[string]string
	makeBin     string
	goBin       string
	endpointURL string
}

func newReadmeEnv(t *testing.T, root string) *readmeEnv {
	e := &readmeEnv{root: root, dir: t.TempDir(), makeBin: needMake(t)}
	var err error
	if e.goBin, err = exec.LookPath("go"); err != nil {
		t.Fatalf("no go on PATH: %v", err)
	}
	tools, err := harness.LocateTools("")
	if err != nil {
		harness.Missing(t, err)
	}
	e.server = userServer(t, tools, e.dir)
	model := func(k synth.Kind) synth.Model {
		m, err := harness.Synthetic(k)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	q25, moe, draft := model(synth.Qwen25VL), model(synth.Qwen3VLMoE), model(synth.Draft)

	// -endpoint: a llama-server of the synthetic model, as any OpenAI-compatible server.
	srv := harness.StartT(t, tools, harness.Config{Model: q25.Model, MMProj: q25.MMProj, Context: 4096, Parallel: 2})
	e.endpointURL = srv.URL

	e.subst = map[string]string{
		"/opt/llama.cpp/build/bin/llama-server": e.server,
		"M.gguf":                                q25.Model,
		"P.gguf":                                q25.MMProj,
		"/models/Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf":     q25.Model,
		"/models/mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf": q25.MMProj,
		"/models/Qwen2.5-VL-7B-Q4_K_M.gguf":              q25.Model,
		"/models/m.gguf":                                 q25.Model,
		"/models/p.gguf":                                 q25.MMProj,
		"/models/draft.gguf":                             draft.Model,
		"/models/Qwen3-VL-30B-A3B-Q4_K_M.gguf":           moe.Model,
		"/models/mmproj-Qwen3-VL-30B.gguf":               moe.MMProj,
		"http://127.0.0.1:8080":                          e.endpointURL,
		"models.yaml":                                    e.manifest(t),
		"/data/DocVQA":                                   e.docVQA(t),
	}
	return e
}

// userServer returns a llama-server path that runs as a user's own build does: the
// binary itself, or for the Debian tree (which needs sid's loader) a script that runs it so.
func userServer(t *testing.T, tools *harness.Tools, dir string) string {
	if tools.Root == "" {
		return tools.Server
	}
	cmd, err := tools.Command(t.Context(), "llama-server")
	if err != nil {
		t.Fatal(err)
	}
	quoted := make([]string, len(cmd.Args))
	for i, a := range cmd.Args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	quoted[0] = "'" + cmd.Path + "'"
	script := fmt.Sprintf("#!/bin/sh\ncd '%s' || exit 1\nexec %s \"$@\"\n", cmd.Dir, strings.Join(quoted, " "))
	p := filepath.Join(dir, "bin", "llama-server")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// manifest writes a one-model suite manifest with small sizes.
func (e *readmeEnv) manifest(t *testing.T) string {
	p := filepath.Join(e.dir, "models.yaml")
	m := `output: ` + filepath.Join(e.dir, "results", "suite") + `
variants: 0
max_tokens: 8
prompt_tokens: 16
gen_tokens: 4
count: 1
models:
  - name: synthetic-qwen25vl
    model: synthetic:qwen25vl
    mmproj: synthetic:qwen25vl.mmproj
    roles: [worker_vision]
`
	if err := os.WriteFile(p, []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// docVQA writes a two-question DocVQA copy in the JSONL layout (validation.jsonl and
// its images), with rubric images as the documents.
func (e *readmeEnv) docVQA(t *testing.T) string {
	dir := filepath.Join(e.dir, "DocVQA")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i, q := range fixtures.Questions()[:2] {
		img, err := q.Generate(0)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("doc%d.png", i)
		if err := os.WriteFile(filepath.Join(dir, name), img.PNG, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(map[string]any{"questionId": fmt.Sprint(100 + i), "question": img.Truth.Prompt,
			"answers": []string{img.Truth.Expected}, "image": name, "question_types": []string{"form"}})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	if err := os.WriteFile(filepath.Join(dir, "validation.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newestBench is the bench file make bench wrote.
func (e *readmeEnv) newestBench(t *testing.T) string {
	files, _ := filepath.Glob(filepath.Join(e.dir, "results", "bench-*.txt"))
	if len(files) == 0 {
		t.Fatalf("no results/bench-*.txt: the README's make bench runs before this (run the whole test)")
	}
	slices.Sort(files)
	return files[len(files)-1]
}

// words substitutes one word of a README command: a placeholder path, or a results…
// folder (made the test's own).
func (e *readmeEnv) word(w string) string {
	if k, v, ok := strings.Cut(w, "="); ok && regexp.MustCompile(`^[A-Z_]+$`).MatchString(k) {
		return k + "=" + e.word(strings.Trim(v, `"`))
	}
	if s, ok := e.subst[w]; ok {
		return s
	}
	if strings.HasPrefix(w, "results") {
		return filepath.Join(e.dir, w) + map[bool]string{true: "/"}[strings.HasSuffix(w, "/")]
	}
	return w
}

// command turns a README command into what runs: environment, program and arguments.
func (e *readmeEnv) command(rc readmeCommand) (env, argv []string) {
	words := strings.Fields(rc.cmd)
	for len(words) > 0 && regexp.MustCompile(`^[A-Z_]+=`).MatchString(words[0]) {
		env = append(env, e.word(words[0]))
		words = words[1:]
	}
	for _, w := range words {
		argv = append(argv, e.word(w))
	}
	switch argv[0] {
	case "make":
		// Every make target writes under RESULTS: the test's folder unless a cut says.
		argv = setVars(argv, append([]string{"RESULTS=" + filepath.Join(e.dir, "results")}, rc.cut...), e.word)
	case "go":
		at := slices.IndexFunc(argv, func(a string) bool { return strings.HasPrefix(a, "./") }) + 1
		argv = slices.Concat(argv[:at], rc.goFlags, argv[at:], rc.cut)
	}
	return env, argv
}

// setVars sets make's VAR=value arguments, replacing the same variable's.
func setVars(argv, vars []string, subst func(string) string) []string {
	for _, v := range vars {
		name, _, _ := strings.Cut(v, "=")
		argv = slices.DeleteFunc(argv, func(a string) bool { return strings.HasPrefix(a, name+"=") })
		argv = append(argv, subst(v))
	}
	return argv
}

func (e *readmeEnv) run(t *testing.T, rc readmeCommand) {
	if rc.before != nil {
		rc.before(t, e)
	}
	env, argv := e.command(rc)
	bin := map[string]string{"make": e.makeBin, "go": e.goBin}[argv[0]]
	if bin == "" {
		t.Fatalf("%s: the test runs only make and go commands; add the program", argv[0])
	}
	cmd := exec.CommandContext(t.Context(), bin, argv[1:]...)
	cmd.Dir = e.root
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("%s %s (%v, %v)", strings.Join(env, " "), strings.Join(argv, " "), time.Since(start).Round(time.Millisecond), err)
	show := func() string { return lastLines(string(out), 60) }
	switch {
	case rc.fails == "" && err != nil:
		t.Fatalf("failed: %v\n%s", err, show())
	case rc.fails != "" && err == nil:
		t.Fatalf("succeeded, want it to fail with %q\n%s", rc.fails, show())
	case rc.fails != "" && !strings.Contains(string(out), rc.fails):
		t.Fatalf("failed (%v) without saying %q\n%s", err, rc.fails, show())
	}
	for _, w := range rc.want {
		if !strings.Contains(string(out), w) {
			t.Errorf("output lacks %q", w)
		}
	}
	for _, f := range rc.files {
		if _, err := os.Stat(filepath.Join(e.dir, f)); err != nil {
			t.Errorf("not written: %v", err)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", show())
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		copyFile(t, p, filepath.Join(to, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The README's sh blocks are read as commands: comments gone, continued lines joined,
// other blocks (yaml, plain) left out.
func TestReadmeShellCommands(t *testing.T) {
	readme := "intro `make x`\n\n```sh\n# a comment line\nmake rubric   # the rubric\ngo test ./vlrubric -v -args -model /m.gguf \\\n    -role worker_vision\n\nA=b make report REPORT_IN=\"results/\"\n```\n\n```yaml\nmodels: []\n```\n\n```\nworker → architect\n```\n"
	got := readmeShellCommands(readme)
	want := []string{"make rubric", "go test ./vlrubric -v -args -model /m.gguf -role worker_vision", `A=b make report REPORT_IN="results/"`}
	if !slices.Equal(got, want) {
		t.Errorf("readmeShellCommands() = %q, want %q", got, want)
	}
	if n := subtestName(4, want[1]); n != "05-go_test_vlrubric_-v" {
		t.Errorf("subtestName = %q", n)
	}
}

// A README command becomes what runs: placeholders and results… folders substituted, make
// variables of the cut replacing the README's, go test flags after the package and the
// cut after -args.
func TestReadmeCommandSubstitution(t *testing.T) {
	e := &readmeEnv{dir: "/tmp/rt", subst: map[string]string{"/models/m.gguf": "/b/q.gguf", "http://127.0.0.1:8080": "http://127.0.0.1:4242"}}
	tests := []struct {
		rc        readmeCommand
		env, argv string
	}{
		{readmeCommand{cmd: `make report REPORT_IN="results/" BASELINE=results-last-week/ MODEL=/models/m.gguf LIMIT=500`, cut: []string{"LIMIT=2"}},
			"", "make report REPORT_IN=/tmp/rt/results/ BASELINE=/tmp/rt/results-last-week/ MODEL=/b/q.gguf RESULTS=/tmp/rt/results LIMIT=2"},
		{readmeCommand{cmd: "make rubric", cut: []string{"RESULTS=results/moe"}},
			"", "make rubric RESULTS=/tmp/rt/results/moe"},
		{readmeCommand{cmd: "K=... go test ./vlrubric -args -endpoint http://127.0.0.1:8080 -results results/x", goFlags: []string{"-run", "^T$"}, cut: []string{"-max-tokens", "8"}},
			"K=...", "go test ./vlrubric -run ^T$ -args -endpoint http://127.0.0.1:4242 -results /tmp/rt/results/x -max-tokens 8"},
	}
	for _, tt := range tests {
		env, argv := e.command(tt.rc)
		if strings.Join(env, " ") != tt.env || strings.Join(argv, " ") != tt.argv {
			t.Errorf("%s:\n got %q %q\nwant %q %q", tt.rc.cmd, env, strings.Join(argv, " "), tt.env, tt.argv)
		}
	}
}
