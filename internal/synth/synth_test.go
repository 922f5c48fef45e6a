package synth_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

// models is one cache folder shared by the tests of this process.
var models = sync.OnceValues(func() (string, error) { return os.MkdirTemp("", "vlbench-synth-test-") })

func ensure(t *testing.T, kind synth.Kind) synth.Model {
	t.Helper()
	dir, err := models()
	if err != nil {
		t.Fatal(err)
	}
	m, err := synth.Ensure(dir, kind)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMain(m *testing.M) {
	if dir := os.Getenv("SYNTH_TEST_ENSURE_DIR"); dir != "" { // child of TestEnsureConcurrent
		for _, k := range synth.SmallKinds {
			if _, err := synth.Ensure(dir, k); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	code := m.Run()
	if dir, err := models(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func sum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func TestEnsureDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, k := range synth.SmallKinds {
		ma, err := synth.Ensure(a, k)
		if err != nil {
			t.Fatal(err)
		}
		mb, err := synth.Ensure(b, k)
		if err != nil {
			t.Fatal(err)
		}
		if sum(t, ma.Model) != sum(t, mb.Model) || filepath.Base(ma.Model) != filepath.Base(mb.Model) {
			t.Errorf("%s: two writes of the model differ", k)
		}
		if ma.MMProj != "" && sum(t, ma.MMProj) != sum(t, mb.MMProj) {
			t.Errorf("%s: two writes of the mmproj differ", k)
		}
		again, err := synth.Ensure(a, k)
		if err != nil || again != ma {
			t.Errorf("%s: second Ensure = %+v, %v; want %+v", k, again, err, ma)
		}
	}
	if _, err := synth.Ensure(a, "nope"); err == nil {
		t.Error("Ensure(unknown kind) succeeded")
	}
}

// TestEnsureConcurrent runs Ensure in several processes (and goroutines) on
// one empty folder: every file must be whole and no temporary file left.
func TestEnsureConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "SYNTH_TEST_ENSURE_DIR="+dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("child: %v: %s", err, out)
			}
		})
		wg.Go(func() {
			for _, k := range synth.SmallKinds {
				if _, err := synth.Ensure(dir, k); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ref := t.TempDir()
	want := map[string]string{}
	for _, k := range synth.SmallKinds {
		m, err := synth.Ensure(ref, k)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{m.Model, m.MMProj} {
			if p != "" {
				want[filepath.Base(p)] = sum(t, p)
			}
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != len(want) {
		t.Errorf("%d files in the folder, want %d", len(ents), len(want))
	}
	for _, e := range ents {
		if w, ok := want[e.Name()]; !ok {
			t.Errorf("unexpected file %s", e.Name())
		} else if sum(t, filepath.Join(dir, e.Name())) != w {
			t.Errorf("%s: content differs", e.Name())
		}
	}
}

func TestModelFacts(t *testing.T) {
	for _, tc := range []struct {
		kind              synth.Kind
		arch, projector   string
		blocks, experts   uint64
		used              uint64
		has, hasNot       []string // tensor names in the model or mmproj
		projHas, projNots []string
	}{
		{synth.Qwen25VL, "qwen2vl", "qwen2.5vl_merger", 2, 0, 0,
			[]string{"blk.1.attn_q.bias"}, []string{"blk.0.attn_q_norm.weight"},
			[]string{"v.patch_embd.weight.1", "v.blk.0.ffn_gate.weight"}, []string{"v.patch_embd.bias", "v.position_embd.weight"}},
		{synth.Qwen3VL, "qwen3vl", "qwen3vl_merger", 2, 0, 0,
			[]string{"blk.1.attn_k_norm.weight"}, []string{"blk.0.attn_q.bias"},
			[]string{"v.blk.1.attn_qkv.weight", "v.deepstack.0.fc2.weight", "v.patch_embd.bias"}, []string{"v.blk.0.attn_q.weight"}},
		{synth.Qwen3VLMoE, "qwen3vlmoe", "qwen3vl_merger", 2, 8, 2,
			[]string{"blk.1.ffn_down_exps.weight", "blk.0.ffn_gate_inp.weight"}, []string{"blk.0.ffn_up.weight"}, nil, nil},
		{synth.Draft, "qwen2vl", "", 1, 0, 0, nil, nil, nil, nil},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			m := ensure(t, tc.kind)
			if m.Arch != tc.arch || m.Projector != tc.projector || m.Kind != tc.kind {
				t.Errorf("Ensure = %+v, want arch %s projector %q", m, tc.arch, tc.projector)
			}
			f, err := gguf.Open(m.Model)
			if err != nil {
				t.Fatal(err)
			}
			fa := f.Facts()
			if fa.Architecture != tc.arch || fa.BlockCount != tc.blocks || fa.ExpertCount != tc.experts ||
				fa.ExpertUsedCount != tc.used || fa.Quantization != "F32" || fa.EmbeddingLength != 64 || fa.IsMMProj {
				t.Errorf("Facts = %+v", fa)
			}
			checkTensors(t, f, tc.has, tc.hasNot)
			if m.MMProj == "" {
				return
			}
			p, err := gguf.Open(m.MMProj)
			if err != nil {
				t.Fatal(err)
			}
			if pf := p.Facts(); !pf.IsMMProj || pf.Projector != tc.projector {
				t.Errorf("mmproj Facts = %+v", pf)
			}
			checkTensors(t, p, tc.projHas, tc.projNots)
		})
	}
}

func checkTensors(t *testing.T, f *gguf.File, has, hasNot []string) {
	t.Helper()
	for _, n := range has {
		if _, ok := f.Tensor(n); !ok {
			t.Errorf("%s: no tensor %s", f.Path, n)
		}
	}
	for _, n := range hasNot {
		if _, ok := f.Tensor(n); ok {
			t.Errorf("%s: unexpected tensor %s", f.Path, n)
		}
	}
}

// TestServe loads each pair in the real llama-server and sends image chats.
// The image-token counts are what build 11669 gives for these projectors.
func TestServe(t *testing.T) {
	l := needLlama(t)
	for _, tc := range []struct {
		kind         synth.Kind
		small, large int // image tokens for 64×48 and 224×224
	}{
		{synth.Qwen25VL, 12, 64},
		{synth.Qwen3VL, 12, 49},
		{synth.Qwen3VLMoE, 12, 49},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			m := ensure(t, tc.kind)
			s := startServer(t, l, "-m", m.Model, "--mmproj", m.MMProj)
			text := s.chat(t, "describe the image", 0, 0, 8)
			small := s.chat(t, "describe the image", 64, 48, 8)
			large := s.chat(t, "describe the image", 224, 224, 8)
			for _, r := range []chatResult{text, small, large} {
				if r.Usage.CompletionTokens != 8 || r.Choices[0].FinishReason != "length" {
					t.Errorf("completion: %d tokens, finish %q; want 8, length", r.Usage.CompletionTokens, r.Choices[0].FinishReason)
				}
				for _, k := range []string{"prompt_n", "prompt_ms", "predicted_n", "predicted_per_second"} {
					if r.Timings[k] <= 0 {
						t.Errorf("timings.%s = %v, want > 0 (timings %v)", k, r.Timings[k], r.Timings)
					}
				}
			}
			// 2 tokens wrap each image: <|vision_start|> … <|vision_end|>.
			if got := small.Usage.PromptTokens - text.Usage.PromptTokens - 2; got != tc.small {
				t.Errorf("64×48 image: %d tokens, want %d", got, tc.small)
			}
			if got := large.Usage.PromptTokens - text.Usage.PromptTokens - 2; got != tc.large {
				t.Errorf("224×224 image: %d tokens, want %d", got, tc.large)
			}
		})
	}
}

func TestSpeculativeDraft(t *testing.T) {
	l := needLlama(t)
	m, d := ensure(t, synth.Qwen25VL), ensure(t, synth.Draft)
	plain := startServer(t, l, "-m", m.Model, "--mmproj", m.MMProj)
	spec := startServer(t, l, "-m", m.Model, "--mmproj", m.MMProj, "-md", d.Model,
		"--spec-type", "draft-simple", "--spec-draft-n-max", "8", "--spec-draft-n-min", "0")
	const prompt = "what is the color of the sky"
	want := plain.chat(t, prompt, 0, 0, 32)
	got := spec.chat(t, prompt, 0, 0, 32)
	if got.Timings["draft_n"] <= 0 || got.Timings["draft_n_accepted"] <= 0 {
		t.Errorf("timings = %v, want draft_n > 0 and draft_n_accepted > 0", got.Timings)
	}
	if g, w := got.Choices[0].Message.Content, want.Choices[0].Message.Content; g != w {
		t.Errorf("greedy output with draft %q, without %q", g, w)
	}
	img := spec.chat(t, "describe the image", 64, 48, 8)
	if img.Timings["draft_n"] <= 0 {
		t.Errorf("image request: timings = %v, want draft_n > 0", img.Timings)
	}
}

func TestMoEOverride(t *testing.T) {
	l := needLlama(t)
	m := ensure(t, synth.Qwen3VLMoE)
	s := startServer(t, l, "-m", m.Model, "--mmproj", m.MMProj,
		"--override-kv", "qwen3vlmoe.expert_used_count=int:1", "-lv", "4")
	s.chat(t, "describe the image", 64, 48, 4)
	log := s.log.String()
	if !regexp.MustCompile(`n_expert_used\s*=\s*1\b`).MatchString(log) {
		t.Errorf("log does not show n_expert_used = 1:\n%s", grep(log, "expert"))
	}
}

func grep(s, sub string) string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func ExampleEnsure() {
	dir, _ := os.MkdirTemp("", "synth-example-")
	defer os.RemoveAll(dir)
	for _, k := range synth.SmallKinds {
		m, err := synth.Ensure(dir, k)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(m.Kind, m.Arch, m.Projector, m.MMProj != "")
	}
	// Output:
	// qwen25vl qwen2vl qwen2.5vl_merger true
	// qwen3vl qwen3vl qwen3vl_merger true
	// qwen3vlmoe qwen3vlmoe qwen3vl_merger true
	// draft qwen2vl  false
}
