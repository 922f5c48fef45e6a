package perf

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

// TestRooflineLarge runs BenchmarkGenerate's baseline once on the large synthetic model
// (memory-bandwidth bound like a real 7B; `make models-large`) in a child process and
// checks the printed roofline against a hand calculation: the weights one token reads are
// the file's data section less token_embd (file size − data offset − token_embd bytes, no
// tensor sums), GB/s is that × tok/s, and bw-% is GB/s over the printed read bandwidth.
// The figures are logged (-v) for the closing note.
func TestRooflineLarge(t *testing.T) {
	harness.SkipShort(t, "runs the large synthetic model")
	suite.Tools(t)
	dir, err := synth.CacheDir()
	if err != nil {
		t.Fatal(err)
	}
	large, err := synth.EnsureLarge(dir, synth.LargeOptions{})
	if err != nil {
		t.Skipf("no large synthetic model (make models-large): %v", err)
	}
	f, err := gguf.Open(large.Model)
	if err != nil {
		t.Fatal(err)
	}
	embd, ok := f.Tensor("token_embd.weight")
	if !ok {
		t.Fatal("large model: no token_embd.weight")
	}
	weights := float64(f.Size - f.DataOffset - int64(embd.Bytes()))

	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), exe, "-test.run=^$", "-test.bench=^BenchmarkGenerate$/^config=baseline-t2$",
		"-test.benchtime=1x", "-model", large.Model, "-threads", "2", "-moe", "", "-spec-k", "",
		"-p", "32", "-n", "32", "-bw-mib", "128", "-bw-passes", "3")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), lastN(stderr.String(), 3000))
	}
	got := map[string]float64{}
	r := benchfmt.NewReader(bytes.NewReader(stdout.Bytes()), "bench.txt")
	for r.Scan() {
		if rec, ok := r.Result().(*benchfmt.Result); ok && strings.HasPrefix(string(rec.Name.Full()), "Generate/config=baseline-t2") {
			for _, v := range rec.Values {
				u := v.OrigUnit
				if u == "" {
					u = v.Unit
				}
				got[u] = v.Value
			}
		}
	}
	tps, gbs, read, share := got["tok/s"], got["GB/s"], got["read-GB/s"], got["bw-%"]
	if tps <= 0 || gbs <= 0 || read <= 0 || share <= 0 {
		t.Fatalf("Generate reported tok/s %v, GB/s %v, read-GB/s %v, bw-%% %v:\n%s", tps, gbs, read, share, stdout.String())
	}
	handGBs := weights * tps / 1e9
	hand := 100 * handGBs / read
	t.Logf("large Q4_K_M at 2 threads: %.1f tok/s × %.0f MB of weights = %.2f GB/s (printed %.2f); read bandwidth %.1f GB/s; bw-%% printed %.1f, by hand %.1f",
		tps, weights/1e6, handGBs, gbs, read, share, hand)
	// Benchmark lines carry about 3 significant digits; the data section's alignment padding
	// is well under 0.1% of it.
	if math.Abs(share-hand) > 0.01*hand || math.Abs(gbs-handGBs) > 0.01*handGBs {
		t.Errorf("bw-%% %.2f (GB/s %.3f) printed, %.2f (GB/s %.3f) by hand: more than 1%% apart", share, gbs, hand, handGBs)
	}
}
