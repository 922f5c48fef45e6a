package vlrubric

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/vlbench/vlbench/harness"
)

// The rubric's flags (besides the shared ones of harness.NewSuite: -model, -mmproj,
// -draft, -endpoint, -llama-server, -ctx, -parallel, …).
var (
	suite *harness.Suite

	flagConfig          = flag.String("config", "baseline", "server `configuration`: baseline, or moeN, spec-kK, ngram, imgmaxN, imgminN joined by + (moe4+imgmax512), optionally -tT")
	flagVariants        = flag.Int("variants", 0, "`N` procedural variants per question besides the canonical one")
	flagRole            = flag.String("role", "", "assert this `role`'s tier minimums: worker_vision, vision_escalation, vision_architect")
	flagResults         = flag.String("results", "", "write results.json, results.md and per-question files to `DIR`")
	flagRecord          = flag.String("record", "", "save each raw answer as <ID>.txt (<ID>-v<N>.txt) in `DIR`")
	flagReplay          = flag.String("replay", "", "score the answers saved in `DIR` instead of asking a server")
	flagJudge           = flag.String("judge", "", "OpenAI-compatible `URL` of an LLM judge for the subjective criteria (recorded beside the rules' verdicts)")
	flagJudgeModel      = flag.String("judge-model", "", "model `name` sent to -judge")
	flagTemperature     = flag.Float64("temperature", 0, "sampling `temperature` (0: greedy)")
	flagSeed            = flag.Int("seed", -1, "sampling `seed` (-1: the server's default)")
	flagMaxTokens       = flag.Int("max-tokens", 0, "most `tokens` per answer (default 4096; 16384 for a thinking model; 256 for the synthetic model, whose random weights never stop)")
	flagCache           = flag.String("cache", "", "keep each answer as it comes in `DIR` and ask only what is missing there (default: <-results>/answer-cache; none without -results)")
	flagFresh           = flag.Bool("fresh", false, "ask every question again, ignoring the answer cache (the new answers replace the cached ones)")
	flagJudgeTimeout    = flag.Duration("judge-timeout", 2*time.Minute, "how long one judge request may take")
	flagAcceptTruncated = flag.Bool("accept-truncated", false, "count answers cut off at the token budget in the tier scores and roles (they are reported either way)")
)

func TestMain(m *testing.M) {
	suite = harness.NewSuite(flag.CommandLine)
	flag.Parse()
	os.Exit(suite.Run(m))
}
