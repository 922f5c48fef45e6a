package suite

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/synth"
)

// Manifest is a models.yaml: global settings and the models to run.
//
//	threads: 16          # llama-server -t (default: every CPU)
//	context: 16384       # llama-server -c, shared by the slots
//	variants: 0          # rubric variants besides the canonical one
//	output: results/suite
//	moe: [4]             # moeN configs of MoE models
//	spec_k: [8]          # spec-kK configs of models with a draft
//	ngram: true          # prompt lookup (--spec-type ngram-simple) where the build has it
//	imgmax: [256, 1024]  # imgmaxN configs (--image-max-tokens N) of models with a projector
//	imgmin: []           # imgminN configs (--image-min-tokens N)
//	configs: [moe4+imgmax512]  # further configs by name (see harness.Variant)
//	memory_limit_gib: 0  # 0: the machine's available memory
//	models:
//	  - name: Qwen2.5-VL-7B
//	    model: /models/Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf
//	    mmproj: /models/mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf
//	    draft: /models/Qwen2.5-VL-0.5B-draft-Q8_0.gguf   # optional
//	    roles: [worker_vision]                          # optional: asserted (see roles.go)
//	    args: [--flash-attn, "on"]                      # optional extra server args
//	    rpc: [10.0.0.2:50052, 10.0.0.3:50052]            # optional: split over RPC workers
//	    rpc_memory_gib: 64                              # optional: each given worker's memory
//
// A model path may be "synthetic:KIND" (qwen25vl, qwen3vl, qwen3vlmoe, draft; KIND.mmproj
// for its projector): one of vlbench's synthetic models, written on first use. Relative
// model paths are relative to the manifest; the output folder is relative to the current
// folder.
//
// rpc: splits every config of the model over llama.cpp RPC workers (harness -rpc): each
// entry host:port of a running ggml-rpc-server, "local" or "local:N" for workers the
// harness starts on loopback. The memory check then splits the estimate by layers (Plan).
type Manifest struct {
	Path           string   `yaml:"-"`
	Threads        int      `yaml:"threads"`
	Context        int      `yaml:"context"`
	Variants       int      `yaml:"variants"`
	Output         string   `yaml:"output"`
	MoE            []int    `yaml:"moe"`
	SpecK          []int    `yaml:"spec_k"`
	NGram          *bool    `yaml:"ngram"`
	ImageMax       []int    `yaml:"imgmax"`
	ImageMin       []int    `yaml:"imgmin"`
	Configs        []string `yaml:"configs"`
	MemoryLimitGiB float64  `yaml:"memory_limit_gib"`
	// Perf's sizes: prompt and generated tokens, and -count.
	PromptTokens int `yaml:"prompt_tokens"`
	GenTokens    int `yaml:"gen_tokens"`
	Count        int `yaml:"count"`
	// MaxTokens per rubric answer; 0: the rubric's default.
	MaxTokens int     `yaml:"max_tokens"`
	Models    []Model `yaml:"models"`
}

// Model is one model of the manifest.
type Model struct {
	Name   string   `yaml:"name"`
	Model  string   `yaml:"model"`
	MMProj string   `yaml:"mmproj"`
	Draft  string   `yaml:"draft"`
	Roles  []string `yaml:"roles"`
	Args   []string `yaml:"args"`
	// RPC are the model's llama.cpp RPC workers (harness.ParseRPC's entries), expanded
	// ("local:2" is two "local"); RPCMemoryGiB is each given worker's memory, 0: unknown.
	RPC          []string `yaml:"rpc"`
	RPCMemoryGiB float64  `yaml:"rpc_memory_gib"`
	// Line is where the model's entry starts in the manifest, for errors.
	Line int `yaml:"-"`
}

// Load reads and checks a manifest. Every error names the file and line: an unknown key,
// a missing file, an mmproj for another architecture, an unknown role, a repeated name.
func Load(path string) (*Manifest, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("suite: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("suite: %s: %w", path, err)
	}
	m := &Manifest{Path: path}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("suite: %s: %w", path, err)
	}
	lines := modelLines(&root)
	for i := range m.Models {
		if i < len(lines) {
			m.Models[i].Line = lines[i]
		}
	}
	m.defaults()
	if err := m.check(); err != nil {
		return nil, err
	}
	return m, nil
}

// modelLines returns the line of each item of the top-level "models" list.
func modelLines(root *yaml.Node) []int {
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "models" && doc.Content[i+1].Kind == yaml.SequenceNode {
			var out []int
			for _, n := range doc.Content[i+1].Content {
				out = append(out, n.Line)
			}
			return out
		}
	}
	return nil
}

func (m *Manifest) defaults() {
	if m.Output == "" {
		m.Output = "results/suite"
	}
	if abs, err := filepath.Abs(m.Output); err == nil {
		m.Output = abs
	}
	if m.MoE == nil {
		m.MoE = []int{4}
	}
	if m.SpecK == nil {
		m.SpecK = []int{8}
	}
	if m.NGram == nil {
		on := true
		m.NGram = &on
	}
	if m.Context == 0 {
		m.Context = harness.DefaultConfig().Context
	}
	if m.PromptTokens == 0 {
		m.PromptTokens = 512
	}
	if m.GenTokens == 0 {
		m.GenTokens = 128
	}
	if m.Count == 0 {
		m.Count = 5
	}
}

var roles = []string{"worker_vision", "vision_escalation", "vision_architect"}

func (m *Manifest) check() error {
	errf := func(line int, format string, args ...any) error {
		return fmt.Errorf("suite: %s:%d: %s", m.Path, line, fmt.Sprintf(format, args...))
	}
	if len(m.Models) == 0 {
		return fmt.Errorf("suite: %s: no models", m.Path)
	}
	if m.Threads < 0 || m.Variants < 0 || m.Context < 0 || m.MemoryLimitGiB < 0 {
		return fmt.Errorf("suite: %s: negative threads, variants, context or memory limit", m.Path)
	}
	for _, c := range m.Configs {
		if _, err := harness.ParseVariant(c); err != nil {
			return fmt.Errorf("suite: %s: configs: %w", m.Path, err)
		}
	}
	seen := map[string]int{}
	for i := range m.Models {
		md := &m.Models[i]
		if md.Model == "" {
			return errf(md.Line, "model entry without a model file (model: PATH)")
		}
		var err error
		for _, p := range []*string{&md.Model, &md.MMProj, &md.Draft} {
			if *p, err = m.resolve(*p); err != nil {
				return errf(md.Line, "%v", err)
			}
		}
		if md.Name == "" {
			md.Name = strings.TrimSuffix(filepath.Base(md.Model), ".gguf")
		}
		if prev, ok := seen[md.Name]; ok {
			return errf(md.Line, "model name %q repeats the one at line %d", md.Name, prev)
		}
		seen[md.Name] = md.Line
		for _, r := range md.Roles {
			if !slices.Contains(roles, r) {
				return errf(md.Line, "unknown role %q (want one of %v)", r, roles)
			}
		}
		if md.RPC, err = harness.ParseRPC(strings.Join(md.RPC, ",")); err != nil {
			return errf(md.Line, "%s: rpc: %v", md.Name, err)
		}
		if md.RPCMemoryGiB < 0 {
			return errf(md.Line, "%s: negative rpc_memory_gib", md.Name)
		}
		// The harness's own checks: files exist and read as GGUF, the mmproj fits the
		// model, the draft is a text model.
		cfg := harness.Config{Model: md.Model, MMProj: md.MMProj, Draft: md.Draft}
		if err := cfg.Validate(); err != nil {
			return errf(md.Line, "%s: %v", md.Name, err)
		}
	}
	return nil
}

// resolve turns "synthetic:KIND" into the synthetic model's path (written if missing) and
// a relative path into one relative to the manifest.
func (m *Manifest) resolve(p string) (string, error) {
	if p == "" {
		return "", nil
	}
	if kind, ok := strings.CutPrefix(p, "synthetic:"); ok {
		mmproj := strings.HasSuffix(kind, ".mmproj")
		kind = strings.TrimSuffix(kind, ".mmproj")
		if !slices.Contains(synth.SmallKinds, synth.Kind(kind)) {
			return "", fmt.Errorf("unknown synthetic model %q (want one of %v)", kind, synth.SmallKinds)
		}
		sm, err := harness.Synthetic(synth.Kind(kind))
		if err != nil {
			return "", err
		}
		if mmproj {
			if sm.MMProj == "" {
				return "", fmt.Errorf("synthetic model %s has no mmproj", kind)
			}
			return sm.MMProj, nil
		}
		return sm.Model, nil
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(m.Path), p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("%s: no such file", abs)
		}
		return "", err
	}
	return abs, nil
}
