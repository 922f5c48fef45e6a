package perf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/perf/benchfmt"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/synth"
)

// units is what each benchmark must report, by base name; Generate's roofline or
// acceptance units depend on the config (see wantUnits).
var units = map[string][]string{
	"Prompt":   {"tok/s", "ttft-ms"},
	"Generate": {"tok/s", "e2e-ms"},
	"Image":    {"ttft-ms", "prompt-ms", "prompt-tok/op"},
	"Memory":   {"peak-MiB", "rss-MiB", "est-MiB", "est-%"},
	// ImageGenerate's and ImageSplit's sub-benchmarks: see subs.
	"ImageGenerate": {"tok/s"},
	"ImageSplit":    {"image-tok/op", "encode-ms", "image-ms", "text-ms", "decode-ms", "e2e-ms", "other-ms", "other-%"},
	"Concurrent": {"tok/s", "wall-tok/s", "ttft-p50-ms", "ttft-p95-ms", "ttft-p99-ms",
		"itl-p50-ms", "itl-p95-ms", "itl-p99-ms"},
	"ColdLoad": {"load-s", "first-token-s"},
}

// subs are the sub-benchmarks below config=X of a benchmark that has them.
var subs = map[string][]string{
	"ImageGenerate": {"/turn=image", "/turn=text"},
	"ImageSplit":    {"/image=VL-T1-Q1", "/size=64", "/size=128"}, // smallArgs
	"Concurrent":    {"/clients=1/kind=text", "/clients=1/kind=image", "/clients=2/kind=text", "/clients=2/kind=image"},
}

// smallArgs keep the new benchmarks small: one rubric image and two tiny sizes for the
// split, one and two clients.
var smallArgs = []string{"-split-images", "VL-T1-Q1", "-split-sizes", "64,128", "-clients", "1,2"}

func wantUnits(bench, config string) []string {
	u := slices.Clone(units[bench])
	spec := strings.HasPrefix(config, "spec-")
	switch {
	case (bench == "Generate" || bench == "ImageGenerate") && spec:
		u = append(u, "accept-%", "drafted/op")
	case (bench == "Generate" || bench == "ImageGenerate") && config == "ngram":
		// accept-% too when the lookup found something to draft: see reported.
		u = append(u, "drafted/op")
	case bench == "Generate":
		u = append(u, "GB/s", "read-GB/s", "bw-%")
	}
	slices.Sort(u)
	return u
}

// TestBenchmarksReport runs every benchmark once (-benchtime 1x, small -p and -n) in a
// child process of this test binary, on the synthetic dense model with its draft and on
// the synthetic MoE model with -threads 2 and -rpcn 2 (two local RPC workers), and checks with benchfmt that each config that
// applies reports each of its units (and no ns/op), that each config that does not
// applies skips with its reason, and that benchstat reads the lot with -col /config.
func TestBenchmarksReport(t *testing.T) {
	harness.SkipShort(t, "runs every benchmark against real servers (about 30 s)")
	suite.Tools(t) // skips without llama-server, fails in CI
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	moe, err := harness.Synthetic(synth.Qwen3VLMoE)
	if err != nil {
		t.Fatal(err)
	}
	common := []string{"-test.run=^$", "-test.bench=.", "-test.benchtime=1x", "-test.v",
		"-p", "32", "-n", "8", "-bw-mib", "16", "-bw-passes", "2"}
	common = append(common, smallArgs...)
	runs := []struct {
		name    string
		args    []string
		configs []string
		skips   map[string]string // skipped config → its reason
	}{
		{"dense with draft", []string{"-ngram", "-imgmax", "16"}, []string{"baseline", "spec-k8", "spec-k16", "ngram", "imgmax16"},
			map[string]string{"moe4": "dense model"}},
		{"moe without draft", []string{"-model", moe.Model, "-mmproj", moe.MMProj, "-threads", "2", "-spec-k", "8",
			"-configs", "moe4+imgmax16,moe2+imgmax16", "-rpcn", "2"},
			[]string{"baseline-t2", "moe4-t2", "moe4+imgmax16-t2", "rpc2-t2"},
			map[string]string{"spec-k8-t2": "no draft model", "moe2+imgmax16-t2": "same as baseline"}},
	}
	var all bytes.Buffer
	for _, run := range runs {
		start := time.Now()
		cmd := exec.CommandContext(t.Context(), exe, append(slices.Clone(common), run.args...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		t.Logf("%s: %v", run.name, time.Since(start).Round(time.Millisecond))
		if err != nil {
			t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", run.name, err, stdout.String(), lastN(stderr.String(), 4000))
		}
		all.Write(stdout.Bytes())

		want := map[string][]string{}
		for bench := range units {
			for _, c := range run.configs {
				leaves := []string{""}
				if ss, ok := subs[bench]; ok {
					leaves = ss
				}
				for _, sub := range leaves {
					want[bench+"/config="+c+sub] = wantUnits(bench, c)
				}
			}
		}
		for _, c := range run.configs {
			if !strings.HasPrefix(c, "spec-") && c != "ngram" {
				want["Bandwidth/config="+c] = []string{"GB/s", "copy-GB/s", "worst-GB/s"}
			}
		}
		got := reported(t, stdout.Bytes())
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: benchmarks and units mismatch (-want +got):\n%s", run.name, diff)
		}
		// Build 11669 logs each image's encoding at -lv 4: the split comes from the log,
		// not from the fallback by difference.
		if !strings.Contains(stdout.String(), "vision encoding and image tokens from llama-server's log") {
			t.Errorf("%s: BenchmarkImageSplit did not read the image split from the server's log", run.name)
		}
		for c, reason := range run.skips {
			for bench := range units {
				if !strings.Contains(stdout.String(), "--- SKIP: Benchmark"+bench+"/config="+c+"\n") {
					t.Errorf("%s: Benchmark%s/config=%s did not skip", run.name, bench, c)
				}
			}
			if !strings.Contains(stdout.String(), reason) {
				t.Errorf("%s: skip reason %q not in the output", run.name, reason)
			}
		}
		if t.Failed() {
			t.Logf("%s stdout:\n%s", run.name, stdout.String())
		}
	}
	benchstatReads(t, all.Bytes())
}

var procsSuffix = regexp.MustCompile(`-\d+$`)

// reported reads benchmark output and returns each benchmark's units (sorted), with the
// -GOMAXPROCS suffix dropped from the names. A value ≤ 0, where accept-% may be 0, and an
// ns/op are errors.
func reported(t *testing.T, out []byte) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	r := benchfmt.NewReader(bytes.NewReader(out), "bench.txt")
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.Result:
			name := procsSuffix.ReplaceAllString(string(rec.Name.Full()), "")
			var us []string
			for _, v := range rec.Values {
				u := v.OrigUnit
				if u == "" {
					u = v.Unit
				}
				if u == "ns/op" || u == "sec/op" {
					t.Errorf("%s reports %s, which perf suppresses", name, u)
				}
				if v.Value < 0 || (v.Value == 0 && u != "accept-%" && u != "drafted/op") {
					t.Errorf("%s: %s = %v", name, u, v.Value)
				}
				if u == "accept-%" && strings.Contains(name, "config=ngram") {
					continue // prompt lookup reports acceptance only when it drafted
				}
				us = append(us, u)
			}
			slices.Sort(us)
			got[name] = us
		case *benchfmt.SyntaxError:
			t.Errorf("benchfmt: %v", rec)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// benchstatReads runs golang.org/x/perf's benchstat (go run, the version in go.mod) with
// -col /config on the output and checks the table has the configs as columns.
func benchstatReads(t *testing.T, out []byte) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Logf("no go command: benchstat not run (%v)", err)
		return
	}
	file := filepath.Join(t.TempDir(), "bench.txt")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), goBin, "run", "golang.org/x/perf/cmd/benchstat", "-col", "/config", file)
	table, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("benchstat: %v\n%s", err, table)
	}
	for _, s := range []string{"baseline", "spec-k8", "spec-k16", "moe4-t2", "imgmax16", "moe4+imgmax16-t2", "tok/s", "accept-%", "bw-%",
		"read-GB/s", "copy-GB/s", "peak-MiB", "Generate", "ImageGenerate", "ImageSplit", "encode-ms", "other-%", "Concurrent", "itl-p99-ms"} {
		if !bytes.Contains(table, []byte(s)) {
			t.Errorf("benchstat -col /config output lacks %q:\n%s", s, table)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("benchstat -col /config:\n%s", table)
	}
}

func lastN(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
