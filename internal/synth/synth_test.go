package synth_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
