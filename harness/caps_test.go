package harness

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// An older build's help: the draft model alone turns speculation on, sized by --draft-max.
const oldHelp = `----- common params -----
-m,    --model FNAME                    model path
-md,   --model-draft FNAME              draft model for speculative decoding (default: unused)
--draft-max, --draft, --draft-n N       number of tokens to draft for speculative decoding (default: 16)
--draft-min, --draft-n-min N            minimum number of draft tokens (default: 0)
--override-kv KEY=TYPE:VALUE            advanced option to override model metadata by key
`

func TestParseCaps(t *testing.T) {
	help, err := os.ReadFile("testdata/help-b11669.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := ParseCaps(string(help), "version: 0.7.0 (build 11669, commit Debian)\nbuilt with GNU 16.2.0\n")
	if c.Build != 11669 || c.Version != "0.7.0 (build 11669, commit Debian)" {
		t.Errorf("version = %q, build %d", c.Version, c.Build)
	}
	for _, f := range []string{"-m", "--model", "-md", "--spec-draft-model", "--model-draft", "--spec-type",
		"--spec-draft-n-max", "--override-kv", "-np", "--parallel", "-lv", "--no-webui", "--image-min-tokens"} {
		if !c.Has(f) {
			t.Errorf("Has(%q) = false, want true", f)
		}
	}
	for _, f := range []string{"--draft-max", "--draft-min", "--draft", "--spec-ngram-size-n", "--no-such-flag"} {
		if c.Has(f) {
			t.Errorf("Has(%q) = true, want false (removed or absent)", f)
		}
	}
	if !c.HasSpecType("draft-simple") || !c.HasSpecType("ngram-simple") || c.HasSpecType("magic") {
		t.Errorf("SpecTypes() = %v", c.SpecTypes())
	}
}

func TestSpecArgs(t *testing.T) {
	help, _ := os.ReadFile("testdata/help-b11669.txt")
	cur := ParseCaps(string(help), "version: 0.7.0 (build 11669, commit Debian)")
	old := ParseCaps(oldHelp, "version: 4000 (build 4000, commit abc)")
	none := ParseCaps("-m, --model FNAME   model path\n", "version: 1 (build 1, commit x)")

	cfg := Config{Model: "/m.gguf", Draft: "/d.gguf", DraftMax: 16}
	tests := []struct {
		name    string
		caps    *Caps
		cfg     Config
		want    string // the speculative part of the args
		wantErr string
	}{
		{"current", cur, cfg, "-md /d.gguf --spec-type draft-simple --spec-draft-n-max 16 --spec-draft-n-min 0", ""},
		{"old", old, cfg, "-md /d.gguf --draft-max 16 --draft-min 0", ""},
		{"none", none, cfg, "", "lacks a draft model flag"},
		{"ngram", cur, Config{Model: "/m.gguf", SpecType: "ngram-simple"}, "--spec-type ngram-simple", ""},
		{"ngram on old", old, Config{Model: "/m.gguf", SpecType: "ngram-simple"}, "", "lacks speculative decoding of type ngram-simple"},
		{"unknown type", cur, Config{Model: "/m.gguf", SpecType: "magic"}, "", "has no --spec-type magic"},
		{"off", cur, Config{Model: "/m.gguf"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args, err := tt.cfg.Args(tt.caps, 8080)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Args() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(args, " ")
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("Args() = %s\nwant it to contain %s", got, tt.want)
			}
			if tt.want == "" && (strings.Contains(got, "spec") || strings.Contains(got, "draft")) {
				t.Errorf("Args() = %s, want no speculative flags", got)
			}
		})
	}
}

// helpCaps is build 11669's Caps, from its --help in testdata.
func helpCaps(tb testing.TB) *Caps {
	tb.Helper()
	help, err := os.ReadFile("testdata/help-b11669.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return ParseCaps(string(help), "version: 0.7.0 (build 11669, commit Debian)")
}

func TestArgsBase(t *testing.T) {
	caps := helpCaps(t)
	cfg := Config{Model: "/m.gguf", MMProj: "/p.gguf", Threads: 3, Context: 1024, Parallel: 2, Verbosity: 4,
		OverrideKV: []string{"qwen3vlmoe.expert_used_count=int:4"}, ImageMaxTokens: 512, ImageMinTokens: 64,
		ExtraArgs: []string{"--foo"}}
	got, err := cfg.Args(caps, 8080)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"--host", "127.0.0.1", "--port", "8080", "-m", "/m.gguf", "-t", "3", "-c", "1024", "-np", "2",
		"--mmproj", "/p.gguf", "--no-webui", "-lv", "4", "--override-kv", "qwen3vlmoe.expert_used_count=int:4",
		"--image-max-tokens", "512", "--image-min-tokens", "64", "--foo"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Args() mismatch (-want +got):\n%s", diff)
	}
	if cfg.Key() == (Config{Model: "/m.gguf", MMProj: "/p.gguf", Threads: 3, Context: 1024, Parallel: 2, Verbosity: 4,
		OverrideKV: cfg.OverrideKV, ExtraArgs: cfg.ExtraArgs}).Key() {
		t.Error("Key() ignores the image-token budget: two budgets would share one server")
	}
	none := ParseCaps("-m, --model FNAME   model path\n", "version: 1 (build 1, commit x)")
	if _, err := (Config{Model: "/m.gguf", ImageMaxTokens: 512}).Args(none, 8080); err == nil ||
		!strings.Contains(err.Error(), "lacks --image-max-tokens") {
		t.Errorf("Args() on a build without --image-max-tokens: error %v", err)
	}
}
