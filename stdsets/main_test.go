package stdsets

import (
	"flag"
	"os"
	"testing"

	"github.com/vlbench/vlbench/harness"
)

// The flags of `go test ./stdsets` (besides harness.NewSuite's shared ones: -model,
// -mmproj, -endpoint, -endpoint-model, -llama-server, -ctx, -parallel, …).
var (
	suite *harness.Suite

	flagSet         = flag.String("set", "", "standard `set` to run: mmmu, docvqa, mathvista, chartqa, videomme, screenspot, ocrbench")
	flagData        = flag.String("data", "", "the set's local copy: a parquet or JSONL `path`, or a folder of them")
	flagSplit       = flag.String("split", "", "in a folder, read the files of this `split` (default: the set's: validation for MMMU and DocVQA, testmini for MathVista, else test)")
	flagImages      = flag.String("images", "", "JSONL layout: `folder` the image paths are relative to (default: the JSONL file's)")
	flagVideos      = flag.String("videos", "", "VideoMME: `folder` of the videos (default: data/ or videos/ beside -data)")
	flagLimit       = flag.Int("limit", 0, "ask only the first `N` samples (after -shuffle-seed)")
	flagShuffle     = flag.Int64("shuffle-seed", -1, "shuffle the samples with `seed` before -limit (-1: set order)")
	flagMin         = flag.Float64("min", -1, "fail when the headline metric is below `score` (in the set's scale; -1: never)")
	flagResults     = flag.String("results", "", "write results.json and results.md to `DIR`")
	flagRecord      = flag.String("record", "", "save each raw answer as <id>.txt in `DIR`")
	flagReplay      = flag.String("replay", "", "score the answers saved in `DIR` instead of asking")
	flagCache       = flag.String("cache", "", "answer cache `DIR` (default build/stdsets-cache/<model>/<set>; \"off\": none)")
	flagJudge       = flag.String("judge", "", "OpenAI-compatible `URL` of an LLM that extracts MathVista answers the rules cannot")
	flagJudgeModel  = flag.String("judge-model", "", "model `name` sent to -judge")
	flagTemperature = flag.Float64("temperature", 0, "sampling `temperature` (0: greedy, the only setting that is cached)")
	flagSeed        = flag.Int("seed", -1, "sampling `seed` (-1: the server's default)")
	flagMaxTokens   = flag.Int("max-tokens", 0, "most `tokens` per answer (default: the set's reference limit; 64 for the synthetic model)")
	flagFrames      = flag.Int("frames", 32, "VideoMME: `k` frames sampled uniformly per video")
	flagFrameSide   = flag.Int("frame-side", 448, "VideoMME: scale frames to at most `pixels` on the longer side (0: as decoded)")
	flagSubtitles   = flag.Bool("subtitles", false, "VideoMME: give the subtitles (the \"w/ subs\" setting)")
	flagCoords      = flag.String("coords", "auto", "ScreenSpot answers' `units`: auto (≤1 fractions, else pixels), pixel, 1000")
)

func TestMain(m *testing.M) {
	suite = harness.NewSuite(flag.CommandLine)
	flag.Parse()
	os.Exit(suite.Run(m))
}
