package stdsets

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vlbench/vlbench/harness"
)

func TestParseListLiteral(t *testing.T) {
	for in, want := range map[string][]string{
		`['3', '4', "it's 5"]`:  {"3", "4", "it's 5"},
		`["a", "b"]`:            {"a", "b"},
		`[]`:                    nil,
		`['a\'b', 'c\nd']`:      {"a'b", "c\nd"},
		`[1, 2.5]`:              {"1", "2.5"},
		`['$5', '$10', '$15']`:  {"$5", "$10", "$15"},
		`['<image 1>', 'none']`: {"<image 1>", "none"},
	} {
		got, err := ParseListLiteral(in)
		if err != nil {
			t.Errorf("ParseListLiteral(%s): %v", in, err)
			continue
		}
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ParseListLiteral(%s) (-want +got):\n%s", in, diff)
		}
	}
	if _, err := ParseListLiteral(`['open`); err == nil {
		t.Error("an unterminated literal parsed")
	}
}

// TestLoadErrors: a bad or missing column is an error naming the file, the row and the
// column.
func TestLoadErrors(t *testing.T) {
	png := tinyRows(t, "chartqa")[0]["image"].(img)
	for _, c := range []struct {
		name, set string
		rows      []map[string]any
		want      string // in the error
	}{
		{"missing column", "chartqa", []map[string]any{{"question": "q", "image": png}}, `:1: column "answer": missing`},
		{"not an image", "chartqa", []map[string]any{{"question": "q", "answer": "1", "image": img("not a png")}},
			`:1: column "image": not an image`},
		{"wrong type", "screenspot", []map[string]any{{"instruction": "x", "data_type": "text", "data_source": "ios",
			"image": png, "bbox": "[0.1, 0.2]"}}, `column "bbox": want 4 numbers`},
		{"mc without options", "mmmu", []map[string]any{{"id": "validation_Art_1", "question": "q <image 1>",
			"question_type": "multiple-choice", "options": "[]", "answer": "A", "image_1": png}}, `column "options"`},
		{"docvqa test split", "docvqa", []map[string]any{{"questionId": "1", "question": "q", "answers": []string{},
			"image": png}}, `column "answers": empty: the test split`},
		{"duplicate id", "mathvista", []map[string]any{
			{"pid": "1", "question": "q", "question_type": "free_form", "answer_type": "integer", "answer": "1", "decoded_image": png},
			{"pid": "1", "question": "q", "question_type": "free_form", "answer_type": "integer", "answer": "1", "decoded_image": png}},
			`duplicate id "1"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			set, err := Lookup(c.set)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "bad.parquet")
			writeParquet(t, p, c.rows)
			_, err = set.Load(p, "", "")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), p) {
				t.Errorf("Load: %v; want an error naming %s and containing %q", err, p, c.want)
			}
		})
	}
	// JSONL: a line that is no JSON object, and an image file that is not there.
	dir := t.TempDir()
	p := filepath.Join(dir, "x.jsonl")
	os.WriteFile(p, []byte("{\"question\": \"q\", \"answer\": \"1\", \"image\": \"img/none.png\"}\nnot json\n"), 0o644)
	set, _ := Lookup("chartqa")
	if _, err := set.Load(p, "", ""); err == nil || !strings.Contains(err.Error(), p+":2: not a JSON object") {
		t.Errorf("bad JSONL line: %v", err)
	}
	os.WriteFile(p, []byte("{\"question\": \"q\", \"answer\": \"1\", \"image\": \"img/none.png\"}\n"), 0o644)
	if _, err := set.Load(p, "", ""); err == nil || !strings.Contains(err.Error(), `x.jsonl:1: column "image": image: open`) {
		t.Errorf("missing image file: %v", err)
	}
	if _, err := set.Load(dir+"/nothing", "", ""); err == nil {
		t.Error("a missing path loaded")
	}
	if _, err := Lookup("imagenet"); err == nil || !strings.Contains(err.Error(), "docvqa") {
		t.Errorf("Lookup(imagenet): %v", err)
	}
}

// TestPromptsAndSelect checks the official prompts on the tiny sets and the selection.
func TestPromptsAndSelect(t *testing.T) {
	dir := t.TempDir()
	set, _ := Lookup("mmmu")
	ss, err := set.Load(writeTinySet(t, dir, "mmmu", "parquet"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	sortByID(ss)
	got := set.Prompt(ss[0], "")
	if !strings.HasPrefix(got, "<image 1> How many shapes") || !strings.Contains(got, "\nA. ") ||
		!strings.HasSuffix(got, "\n\nAnswer with the option's letter from the given choices directly.") {
		t.Errorf("MMMU prompt:\n%s", got)
	}
	a := Select(ss, 3, 7)
	b := Select(ss, 3, 7)
	if len(a) != 3 || a[0].ID != b[0].ID || a[2].ID != b[2].ID {
		t.Errorf("Select is not deterministic: %v / %v", a[0].ID, b[0].ID)
	}
	if all := Select(ss, 0, -1); len(all) != len(ss) || all[0].ID != ss[0].ID {
		t.Error("Select without limit or seed changed the samples")
	}
	mv, _ := Lookup("mathvista")
	p := mv.Prompt(Sample{Question: "What is x?", AnswerType: "float", Precision: 1, Unit: "cm"}, "")
	if p != "What is x? (Unit: cm)\nAnswer the question using a single floating-point number with one decimal place." {
		t.Errorf("MathVista prompt: %q", p)
	}
}

// TestAskAllCache: AskAll asks only what the cache (results.Cache) lacks under the same
// key; temperature 0 is cached, another temperature is not.
func TestAskAllCache(t *testing.T) {
	// AskAll: temperature 0 is cached, another temperature is not.
	set, _ := Lookup("chartqa")
	ss, err := set.Load(writeTinySet(t, t.TempDir(), "chartqa", "jsonl"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	chat := func(ctx context.Context, req harness.ChatRequest) (*harness.ChatResponse, error) {
		n++
		if strings.Contains(req.Prompt, "highest") {
			return nil, errors.New("server gone")
		}
		return &harness.ChatResponse{Text: "25"}, nil
	}
	o := AskOptions{MaxTokens: 16, Parallel: 1, Cache: &Cache{Dir: t.TempDir()}}
	as, asked := set.AskAll(t.Context(), chat, ss, o)
	if asked != 5 || n != 5 || as[4].Err == nil {
		t.Fatalf("first: asked %d, %d calls, last error %v", asked, n, as[4].Err)
	}
	_, asked = set.AskAll(t.Context(), chat, ss, o)
	if asked != 1 { // only the failed one again
		t.Errorf("second: asked %d, want 1 (the failed request)", asked)
	}
	o.MaxTokens = 32
	if _, asked = set.AskAll(t.Context(), chat, ss, o); asked != 5 {
		t.Errorf("other settings: asked %d, want 5", asked)
	}
	// Another server build, context or -server-args is another answer.
	o.Server = ServerKey("0.7.0 (build 11669, commit Debian)", 16384, nil)
	set.AskAll(t.Context(), chat, ss, o)
	for _, srv := range []string{
		ServerKey("0.7.1 (build 11700, commit Debian)", 16384, nil),
		ServerKey("0.7.0 (build 11669, commit Debian)", 8192, nil),
		ServerKey("0.7.0 (build 11669, commit Debian)", 16384, []string{"--flash-attn", "on"}),
	} {
		o.Server = srv
		if _, asked = set.AskAll(t.Context(), chat, ss, o); asked != 5 {
			t.Errorf("server %s: asked %d, want 5 (not from the cache)", srv, asked)
		}
	}
	if _, asked = set.AskAll(t.Context(), chat, ss, o); asked != 1 {
		t.Errorf("the same server again: asked %d, want 1 (the failed request)", asked)
	}
	o.Temperature = 0.7
	set.AskAll(t.Context(), chat, ss, o)
	if _, asked = set.AskAll(t.Context(), chat, ss, o); asked != 5 {
		t.Errorf("temperature 0.7: asked %d, want 5 (not cached)", asked)
	}
}

func TestFramesAndSubtitles(t *testing.T) {
	got := FrameTimes(4*time.Second, 4, 4) // 16 frames: indices 0, 5, 10, 15
	want := []time.Duration{0, 1250 * time.Millisecond, 2500 * time.Millisecond, 3750 * time.Millisecond}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FrameTimes (-want +got):\n%s", diff)
	}
	dir := t.TempDir()
	writeTinyVideos(t, dir)
	frames, times, err := Frames(t.Context(), filepath.Join(dir, "data", "vid1.mp4"), 3, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 3 || len(times) != 3 {
		t.Fatalf("%d frames", len(frames))
	}
	if w, h := pngSize(t, frames[2]); w != 100 || h > 100 {
		t.Errorf("frame size %dx%d, want 100 wide", w, h)
	}
	subs, err := SubtitlesAt(filepath.Join(dir, "subtitle", "vid1.srt"), []time.Duration{time.Second, 3 * time.Second})
	if err != nil || subs != "The sign says hello.\nIt is a test." {
		t.Errorf("SubtitlesAt = %q, %v", subs, err)
	}
	if subs, _ := SubtitlesAt(filepath.Join(dir, "subtitle", "vid1.srt"), []time.Duration{10 * time.Second}); subs != "" {
		t.Errorf("no subtitle at 10 s, got %q", subs)
	}
}

// TestLoadNulls: pandas' NaN for a missing number and a null choices list are absent
// values, and a set without ids numbers its samples in file order.
func TestLoadNulls(t *testing.T) {
	png := tinyRows(t, "chartqa")[0]["image"].(img)
	p := filepath.Join(t.TempDir(), "mv.parquet")
	writeParquet(t, p, []map[string]any{{"pid": "7", "question": "q", "question_type": "free_form",
		"answer_type": "integer", "answer": "3", "precision": math.NaN(), "choices": []string(nil), "decoded_image": png}})
	mv, _ := Lookup("mathvista")
	ss, err := mv.Load(p, "", "")
	if err != nil || ss[0].Precision != 0 || ss[0].Choices != nil {
		t.Errorf("Load: %+v, %v", ss, err)
	}
	ch, _ := Lookup("chartqa")
	ss, err = ch.Load(writeTinySet(t, t.TempDir(), "chartqa", "parquet"), "", "")
	if err != nil || ss[0].ID != "chartqa-00000" || ss[4].ID != "chartqa-00004" {
		t.Errorf("ChartQA ids: %v", err)
	}
}

func TestSplitFiles(t *testing.T) {
	files := []string{"d/test-00000-of-00002.parquet", "d/test-00001-of-00002.parquet", "d/testmini-00000-of-00001.parquet", "d/dev.jsonl"}
	if got := splitFiles(files, "testmini"); len(got) != 1 || got[0] != files[2] {
		t.Errorf("testmini: %v", got)
	}
	if got := splitFiles(files, "test"); len(got) != 2 {
		t.Errorf("test: %v", got)
	}
	if got := splitFiles(files, "validation"); len(got) != 4 {
		t.Errorf("no validation files: want all, got %v", got)
	}
}
