package perf

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
)

var (
	suite *harness.Suite

	// perf's own flags; the shared ones (-model, -mmproj, -draft, -ctx, …) are the suite's.
	// `go test` itself takes -p and -n: put them after -args.
	promptTokens = flag.Int("p", 512, "prompt `tokens` for BenchmarkPrompt and before BenchmarkGenerate (as llama-bench -p)")
	genTokens    = flag.Int("n", 128, "generated `tokens` for BenchmarkGenerate (as llama-bench -n)")
	moeFlag      = IntList(DefaultOptions().MoE)
	specFlag     = IntList(DefaultOptions().SpecK)
	threadsFlag  IntList
	imgmaxFlag   IntList
	imgminFlag   IntList
	configsFlag  NameList
	rpcFlag      IntList
	splitSizes   = IntList{448, 896, 1344}
	clientsFlag  = IntList{1, 2, 4}
	// splitSizesSet: the user gave -split-sizes, so a size that does not fit fails.
	splitSizesSet bool
	splitImages   = flag.String("split-images", "all", "rubric question `IDs` (comma-separated, or all) whose images BenchmarkImageSplit takes apart")
	ngramFlag     = flag.Bool("ngram", false, "add the ngram config: prompt lookup (llama.cpp's --spec-type ngram-simple)")
	imageID       = flag.String("image", "VL-T1-Q1", "rubric question `ID` whose canonical image BenchmarkImage sends")
	bwMiB         = flag.Int("bw-mib", 256, "buffer `MiB` of the memory bandwidth passes (read-only, and copy)")
	bwPasses      = flag.Int("bw-passes", 5, "timed `passes` of each memory bandwidth measure (the best counts)")
)

func init() {
	flag.Var(&moeFlag, "moe", "comma-separated expert_used_count `list` for moeN configs of MoE models")
	flag.Var(&specFlag, "spec-k", "comma-separated draft `sizes` for spec-kK configs of models with a draft")
	flag.Var(&rpcFlag, "rpcn", "comma-separated RPC worker `counts`: config rpcN splits the model over N llama.cpp RPC workers (-rpc's, else local ones)")
	flag.Var(&imgmaxFlag, "imgmax", "comma-separated image-token budget `list`: imgmaxN configs (--image-max-tokens N) of models with a projector")
	flag.Var(&imgminFlag, "imgmin", "comma-separated image-token floor `list`: imgminN configs (--image-min-tokens N)")
	flag.Var(&configsFlag, "configs", "comma-separated further config `names`, combinations such as moe4+imgmax512 (see harness.Variant)")
	flag.Var(&splitSizes, "split-sizes", "comma-separated image `sides` in pixels: BenchmarkImageSplit sends the -image one scaled to each (N×N)")
	flag.Var(&clientsFlag, "clients", "comma-separated `counts` of concurrent requests for BenchmarkConcurrent (the server gets the largest as slots, -np)")
	flag.Var(&threadsFlag, "threads", "comma-separated thread `counts`: every config runs once per count, named <config>-t<N> (default: one run at all CPUs, no suffix)")
}

func options() Options {
	return Options{MoE: moeFlag, SpecK: specFlag, Threads: threadsFlag, NGram: *ngramFlag,
		ImageMax: imgmaxFlag, ImageMin: imgminFlag, Configs: configsFlag, RPC: rpcFlag}
}

func TestMain(m *testing.M) {
	suite = harness.NewSuite(flag.CommandLine)
	flag.Parse()
	flag.Visit(func(f *flag.Flag) { splitSizesSet = splitSizesSet || f.Name == "split-sizes" })
	// Fake timings make every tok/s a lie; the harness strips the variable from the
	// servers it starts, and perf from everything else.
	os.Unsetenv("LLAMA_SERVER_DEBUG_FAKE_TIMING")
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		// Tell benchstat which way is better for each unit, and the reports which model
		// this is (benchfmt configuration lines).
		fmt.Print(UnitLines)
		if err := printModelLines(); err != nil {
			fmt.Fprintln(os.Stderr, "perf:", err)
			os.Exit(1)
		}
	}
	os.Exit(suite.Run(m))
}

// printModelLines prints the model under test as benchfmt configuration lines (model,
// quant, arch, params, size), so that a bench file says what it measured.
func printModelLines() error {
	model, _, err := suite.ModelFiles()
	if err != nil {
		return err
	}
	f, err := gguf.OpenModel(model)
	if err != nil {
		return err
	}
	facts := f.Facts()
	fmt.Printf("model: %s\nquant: %s\narch: %s\nparams: %d\nsize: %d\n",
		suite.ModelName(model), facts.Quantization, facts.Architecture, facts.Params, facts.FileSize)
	return nil
}
