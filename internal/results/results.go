package results

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/vlbench/vlbench/internal/gguf"

	"github.com/vlbench/vlbench/internal/atomicfile"
)

// Schema is the version of Run's JSON; readers reject files of a newer schema.
const Schema = 1

// Run is one suite run of one model in one configuration.
type Run struct {
	Schema   int       `json:"schema"`
	Suite    string    `json:"suite"` // "vlrubric", or a standard set: "docvqa", …
	Model    Model     `json:"model"`
	Config   string    `json:"config"` // "baseline", "moe4", "spec-k8", …
	Server   Server    `json:"server"`
	Settings Settings  `json:"settings"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`

	Answers []Answer `json:"answers"`
	Tiers   []Tier   `json:"tiers,omitempty"`
	// Qualified lists the roles whose rubric minimums the run meets (speed and memory
	// gates are the report's, from the benchmarks).
	Qualified []string `json:"qualified"`
	// Role is the role asserted with -role, and RoleFailures why it was not met.
	Role         string   `json:"role,omitempty"`
	RoleFailures []string `json:"role_failures,omitempty"`
	// Metric is a standard set's headline metric ("anls", "relaxed_accuracy", …).
	Metric *Metric `json:"metric,omitempty"`
}

// Model is the model file and the facts read from its GGUF header.
type Model struct {
	Name         string `json:"name"` // file name without .gguf
	File         string `json:"file"`
	Size         int64  `json:"size_bytes"`
	Architecture string `json:"architecture"`
	Params       uint64 `json:"params"`
	Quantization string `json:"quantization"`
	Context      uint64 `json:"context_length"`
	ExpertCount  uint64 `json:"expert_count,omitempty"`
	ExpertUsed   uint64 `json:"expert_used_count,omitempty"`
	MMProj       string `json:"mmproj,omitempty"`
	Projector    string `json:"projector,omitempty"`
	Draft        string `json:"draft,omitempty"`
	Shards       int    `json:"shards,omitempty"` // files of a split model (all counted in Size, Params)
	// The files' identities (gguf.Fingerprint: sizes and headers of every shard), so that a
	// results file says which bytes it measured, whatever their names.
	Fingerprint       string `json:"fingerprint,omitempty"`
	MMProjFingerprint string `json:"mmproj_fingerprint,omitempty"`
	DraftFingerprint  string `json:"draft_fingerprint,omitempty"`
}

// ModelFromFiles reads the GGUF facts of a run's files, each header once. Errors leave the
// facts empty but keep the file names: an endpoint's model may not be a local file. Name
// is the model file's name without .gguf.
func ModelFromFiles(model, mmproj, draft string) Model {
	open := func(path string) *gguf.File {
		if path == "" {
			return nil
		}
		f, _ := gguf.OpenModel(path) // nil for a file that is not local GGUF
		return f
	}
	m := ModelOf(open(model), open(mmproj), open(draft))
	m.File, m.MMProj, m.Draft = model, mmproj, draft
	m.Name = strings.TrimSuffix(filepath.Base(model), ".gguf")
	return m
}

// ModelOf is the Model of headers already read (gguf.OpenModel; a started server's
// harness.Server.Headers): nothing is read again. A nil file leaves its part empty; the
// names are the files' paths (a split model's first shard).
func ModelOf(model, mmproj, draft *gguf.File) Model {
	var m Model
	if model != nil {
		ft := model.Facts()
		m.File, m.Name = model.Path, strings.TrimSuffix(filepath.Base(model.Path), ".gguf")
		m.Size, m.Architecture, m.Params, m.Quantization = ft.FileSize, ft.Architecture, ft.Params, ft.Quantization
		m.Context, m.ExpertCount, m.ExpertUsed = ft.ContextLength, ft.ExpertCount, ft.ExpertUsedCount
		if ft.Shards > 1 {
			m.Shards = ft.Shards
		}
		m.Fingerprint, _ = model.Fingerprint()
	}
	if mmproj != nil {
		m.MMProj, m.Projector = mmproj.Path, mmproj.Facts().Projector
		m.MMProjFingerprint, _ = mmproj.Fingerprint()
	}
	if draft != nil {
		m.Draft = draft.Path
		m.DraftFingerprint, _ = draft.Fingerprint()
	}
	return m
}

// Server is what answered: a llama-server this run started, or an endpoint.
type Server struct {
	Build       string   `json:"build,omitempty"` // "0.7.0 (build 11669, commit Debian)"
	Endpoint    string   `json:"endpoint,omitempty"`
	Args        []string `json:"args,omitempty"`
	RPC         []string `json:"rpc,omitempty"` // the llama.cpp RPC workers the model was split over (host:port)
	LoadSeconds float64  `json:"load_seconds,omitempty"`
	PeakRSS     int64    `json:"peak_rss_bytes,omitempty"`
	PeakGPU     int64    `json:"peak_gpu_bytes,omitempty"` // where nvidia-smi exists
}

// Settings are the request settings of the run.
type Settings struct {
	Temperature float64 `json:"temperature"`
	Seed        *int    `json:"seed,omitempty"`
	MaxTokens   int     `json:"max_tokens"`
	Variants    int     `json:"variants"` // variants beyond the canonical one
	Replayed    string  `json:"replayed,omitempty"`
	Judge       string  `json:"judge,omitempty"`
	// AcceptTruncated counts truncated answers in the tier scores and roles.
	AcceptTruncated bool `json:"accept_truncated,omitempty"`
}

// Answer is one question (or sample) asked and scored.
type Answer struct {
	ID       string      `json:"id"`
	Variant  int         `json:"variant"`
	Tier     int         `json:"tier,omitempty"`
	Prompt   string      `json:"prompt"`
	Expected string      `json:"expected"`
	Answer   string      `json:"answer"`
	Final    string      `json:"final,omitempty"` // the part scored (after a <think> block)
	Score    float64     `json:"score"`
	Refusal  bool        `json:"refusal,omitempty"`
	Criteria []Criterion `json:"criteria,omitempty"`
	// Missing is set when a replayed answer file was absent; Error when the request
	// failed. Neither is scored.
	Missing bool   `json:"missing,omitempty"`
	Error   string `json:"error,omitempty"`
	// FinishReason is the server's ("stop", "length"); Truncated is set when the answer
	// was cut off by the token budget (finish reason "length", or a reasoning block
	// never closed). A truncated answer is scored on what it said, and kept out of the
	// tier scores and roles unless the run's settings accept truncated answers.
	FinishReason string `json:"finish_reason,omitempty"`
	Truncated    bool   `json:"truncated,omitempty"`
	// Uncertain names the criteria the rules could not read with confidence, with the
	// reason for each (a judge, when given, was asked about exactly these).
	Uncertain map[string]string `json:"uncertain,omitempty"`

	PromptTokens     int      `json:"prompt_tokens,omitempty"`
	CompletionTokens int      `json:"completion_tokens,omitempty"`
	Timings          *Timings `json:"timings,omitempty"`
	TTFTms           float64  `json:"ttft_ms,omitempty"`
	E2Ems            float64  `json:"e2e_ms,omitempty"`
}

// Criterion is one criterion's verdict.
type Criterion struct {
	Name     string  `json:"name"`
	Weight   float64 `json:"weight"`
	Fraction float64 `json:"fraction"`
	Evidence string  `json:"evidence"`
	Judge    *Judged `json:"judge,omitempty"`
}

// Judged is an LLM judge's verdict on a criterion, recorded beside the rule's.
type Judged struct {
	Fraction float64 `json:"fraction"`
	Reason   string  `json:"reason"`
	Model    string  `json:"model,omitempty"`
	Prompt   string  `json:"prompt_version"`
	Error    string  `json:"error,omitempty"`
}

// Timings are llama.cpp's own per-request figures.
type Timings struct {
	CacheN             int     `json:"cache_n,omitempty"` // prompt tokens taken from the cache
	PromptN            int     `json:"prompt_n"`
	PromptMS           float64 `json:"prompt_ms"`
	PredictedN         int     `json:"predicted_n"`
	PredictedMS        float64 `json:"predicted_ms"`
	PredictedPerSecond float64 `json:"predicted_per_second"`
	DraftN             int     `json:"draft_n,omitempty"`
	DraftNAccepted     int     `json:"draft_n_accepted,omitempty"`
}

// Tier is a tier's summary over all its questions and variants.
type Tier struct {
	Tier    int     `json:"tier"`
	Mean    float64 `json:"mean"`
	Low     float64 `json:"ci95_low"`
	High    float64 `json:"ci95_high"`
	Method  string  `json:"ci_method"`
	N       int     `json:"n"`
	AllFive bool    `json:"all_five"`
	Min     float64 `json:"min"`
}

// Metric is a standard set's headline metric with its 95% interval.
type Metric struct {
	Name  string             `json:"name"`
	Value float64            `json:"value"`
	Low   float64            `json:"ci95_low"`
	High  float64            `json:"ci95_high"`
	N     int                `json:"n"`
	Parts map[string]float64 `json:"parts,omitempty"` // per category/discipline/platform
}

// Counts are how many of a run's answers were truncated by the token budget, uncertain
// to the rules, failed (a request error) or missing (replay).
type Counts struct {
	Answers, Truncated, Uncertain, Failed, Missing int
}

// Count tallies the run's answers.
func (r *Run) Count() Counts {
	c := Counts{Answers: len(r.Answers)}
	for _, a := range r.Answers {
		switch {
		case a.Missing:
			c.Missing++
		case a.Error != "":
			c.Failed++
		}
		if a.Truncated {
			c.Truncated++
		}
		if len(a.Uncertain) > 0 {
			c.Uncertain++
		}
	}
	return c
}

// GenerationSpeed is the mean generation tok/s over the run's answers (server timings);
// 0 when the server gave none.
func (r *Run) GenerationSpeed() float64 {
	var sum float64
	n := 0
	for _, a := range r.Answers {
		if a.Timings != nil && a.Timings.PredictedPerSecond > 0 {
			sum += a.Timings.PredictedPerSecond
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// WriteFile writes data to path atomically (a temporary file in the same folder, synced,
// then renamed over path), making the folder first.
func WriteFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// WriteRun writes r as indented JSON to path, atomically.
func WriteRun(path string, r *Run) error {
	r.Schema = Schema
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return WriteFile(path, append(b, '\n'))
}

// ReadRun reads a results.json.
func ReadRun(path string) (*Run, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	var r Run
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("results: %s: %w", path, err)
	}
	if r.Schema == 0 || r.Schema > Schema {
		return nil, fmt.Errorf("results: %s: schema %d, this vlbench reads up to %d", path, r.Schema, Schema)
	}
	return &r, nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// FileName is the plan's {model}_{config}_{test} name, made safe for any file system.
func FileName(model, config, test, ext string) string {
	clean := func(s string) string { return strings.Trim(unsafeName.ReplaceAllString(s, "-"), "-") }
	return clean(model) + "_" + clean(config) + "_" + clean(test) + ext
}

// QualityRow is the plan's "Quality Rubric Results" table: header and this run's row.
func (r *Run) QualityRow() string {
	tier := func(n int) string {
		for _, t := range r.Tiers {
			if t.Tier == n {
				return fmt.Sprintf("%.1f", t.Mean)
			}
		}
		return "–"
	}
	speed := "–"
	if s := r.GenerationSpeed(); s > 0 {
		speed = fmt.Sprintf("%.1f t/s", s)
	}
	role := "-"
	if len(r.Qualified) > 0 {
		role = r.Qualified[len(r.Qualified)-1] // the highest role qualified for
	}
	quant := r.Model.Quantization
	if quant == "" {
		quant = "–"
	}
	return fmt.Sprintf("| Model | Quant | Config | Speed | T1 | T2 | T3 | Role |\n"+
		"|-------|-------|--------|-------|----|----|-----|------|\n"+
		"| %s | %s | %s | %s | %s | %s | %s | %s |\n",
		r.Model.Name, quant, r.Config, speed, tier(1), tier(2), tier(3), role)
}
