package stdsets

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/vlbench/vlbench/fixtures"
	"github.com/vlbench/vlbench/harness"
)

// The tiny sets of the end-to-end test: five samples of each kind, drawn from the rubric
// fixtures and written by the test itself in both layouts (the HF parquet export and
// JSONL plus an image folder). Nothing is downloaded.

// img marks an image cell: written as {bytes, path} in parquet, as a file in JSONL.
type img []byte

// tinyRows returns the rows of a set's 5-sample set, as the HF export names its columns.
func tinyRows(t testing.TB, set string) []map[string]any {
	t.Helper()
	draw := func(id string, v int) fixtures.Image {
		q, ok := fixtures.Lookup(id)
		if !ok {
			t.Fatalf("no fixture %s", id)
		}
		im, err := q.Generate(v)
		if err != nil {
			t.Fatal(err)
		}
		return im
	}
	var rows []map[string]any
	switch set {
	case "docvqa":
		inv := draw("VL-T2-Q2", 0)
		tr := inv.Truth.Invoice
		money := func(m fixtures.Money) string { return fmt.Sprintf("$%d.%02d", m/100, m%100) }
		qa := [][3]string{{"What is the total?", money(tr.Total), "table/list"},
			{"What is the invoice number?", tr.Number, "form"},
			{"What is the date of the invoice?", tr.Date, "form"},
			{"Who is the invoice billed to?", tr.BillTo, "layout"},
			{"What is the subtotal?", money(tr.Subtotal), "table/list"}}
		for i, x := range qa {
			rows = append(rows, map[string]any{"questionId": fmt.Sprint(57000 + i), "question": x[0],
				"question_types": []string{x[2]}, "image": img(inv.PNG), "docId": int64(1042),
				"answers": []string{x[1], strings.TrimPrefix(x[1], "$")}, "data_split": "val"})
		}
	case "chartqa":
		ch := draw("VL-T2-Q1", 0)
		tr := ch.Truth.Chart
		for i, b := range tr.Bars {
			rows = append(rows, map[string]any{"type": []string{"human_test", "augmented_test"}[i%2],
				"question": fmt.Sprintf("What is the value of %s?", b.Label), "answer": fmt.Sprint(b.Value), "image": img(ch.PNG)})
		}
		rows = append(rows, map[string]any{"type": "human_test", "question": "Which category has the highest value?",
			"answer": tr.Highest, "image": img(ch.PNG)})
	case "mathvista":
		for v := range 5 {
			eq := draw("VL-T3-Q1", v)
			tr := eq.Truth.Equation
			row := map[string]any{"pid": fmt.Sprint(v + 1), "question": "Solve the equation for " + tr.Var + ".",
				"image": fmt.Sprintf("images/%d.jpg", v+1), "decoded_image": img(eq.PNG), "choices": []string(nil),
				"unit": "", "precision": nil, "answer": fmt.Sprint(tr.Solution), "question_type": "free_form",
				"answer_type": "integer", "query": "", "metadata": map[string]any{"task": "math word problem", "split": "testmini"}}
			switch v {
			case 1:
				row["question_type"], row["answer_type"] = "multi_choice", "text"
				row["choices"] = []string{fmt.Sprint(tr.Solution - 1), fmt.Sprint(tr.Solution), fmt.Sprint(tr.Solution + 2), fmt.Sprint(tr.Solution + 5)}
				row["metadata"] = map[string]any{"task": "textbook question answering", "split": "testmini"}
			case 2:
				row["answer_type"], row["precision"], row["answer"] = "float", 1.0, fmt.Sprintf("%.1f", float64(tr.Solution))
			case 3:
				row["answer_type"], row["answer"] = "list", fmt.Sprintf("[%d, %d, %d]", tr.A, tr.B, tr.C)
				row["question"] = "List the numbers a, b and c of the equation a*x + b = c."
			}
			rows = append(rows, row)
		}
	case "mmmu":
		subjects := []string{"Math", "Art", "Physics", "Computer_Science", "Design"}
		for v := range 5 {
			sh := draw("VL-T1-Q2", v)
			n := sh.Truth.Shapes.Total
			opts := []string{fmt.Sprint(n - 1), fmt.Sprint(n), fmt.Sprint(n + 1), fmt.Sprint(n + 3)}
			row := map[string]any{"id": fmt.Sprintf("validation_%s_%d", subjects[v], v+1),
				"question": "<image 1> How many shapes are there in the image?",
				"options":  "['" + strings.Join(opts, "', '") + "']", "explanation": "", "image_1": img(sh.PNG),
				"image_2": nil, "img_type": "['Diagrams']", "answer": "B", "topic_difficulty": "Easy",
				"question_type": "multiple-choice", "subfield": "Counting"}
			if v == 4 {
				row["question_type"], row["options"], row["answer"] = "open", "[]", fmt.Sprint(n)
			}
			rows = append(rows, row)
		}
	case "ocrbench":
		for v := range 4 {
			tx := draw("VL-T1-Q1", v)
			rows = append(rows, map[string]any{"dataset": "IIIT5K", "question": "what is written in the image?",
				"question_type": "Regular Text Recognition", "answer": []string{tx.Truth.Text.Text}, "image": img(tx.PNG)})
		}
		eq := draw("VL-T3-Q1", 0)
		rows = append(rows, map[string]any{"dataset": "HME100k", "question": "Please write out the expression of the formula in the image using LaTeX format.",
			"question_type": "Handwritten Mathematical Expression Recognition", "answer": []string{eq.Truth.Equation.Equation}, "image": img(eq.PNG)})
	case "screenspot":
		sources := []string{"ios", "windows", "shop", "android", "macos"}
		for v := range 5 {
			d := draw("VL-T3-Q3", v)
			tr := d.Truth.Diff
			diff := tr.Differences[0]
			box := fixtures.Rect{MinX: tr.LeftPanel.MinX + diff.Box.MinX, MinY: tr.LeftPanel.MinY + diff.Box.MinY,
				MaxX: tr.LeftPanel.MinX + diff.Box.MaxX, MaxY: tr.LeftPanel.MinY + diff.Box.MaxY}
			instr := "the " + diff.Object + " in the left picture"
			typ := "icon"
			if v%2 == 0 {
				box, instr, typ = tr.RightPanel, "the right picture", "text"
			}
			W, H := float64(d.Width), float64(d.Height)
			rows = append(rows, map[string]any{"file_name": fmt.Sprintf("%s_%d.png", sources[v], v), "instruction": instr,
				"bbox":      []float64{float64(box.MinX) / W, float64(box.MinY) / H, float64(box.MaxX) / W, float64(box.MaxY) / H},
				"data_type": typ, "data_source": sources[v], "image": img(d.PNG)})
		}
	case "videomme":
		durations := []string{"short", "medium", "long", "short", "medium"}
		q, _ := fixtures.Lookup("VL-T1-Q1")
		for i := range 5 {
			v, _ := q.Generate(i % 3)
			text := v.Truth.Text.Text
			opts := []string{"A. " + text, "B. Goodbye", "C. 42", "D. Nothing is written"}
			rows = append(rows, map[string]any{"video_id": fmt.Sprintf("%03d", i%2+1), "duration": durations[i],
				"domain": "Knowledge", "sub_category": "Technology", "url": "", "videoID": fmt.Sprintf("vid%d", i%2+1),
				"question_id": fmt.Sprintf("%03d-%d", i%2+1, i+1), "task_type": "OCR Problems",
				"question": "Which text is shown in the video?", "options": opts, "answer": "A"})
		}
	default:
		t.Fatalf("no tiny set %s", set)
	}
	return rows
}

// writeTinySet writes a set's rows in the requested layout under dir and returns the
// path to give -data: "parquet" is dir/data/<split>-00000-of-00001.parquet (MMMU: one
// file per subject folder, beside a dev split that must not be read), "jsonl" is
// dir/test.jsonl with the images in dir/images.
func writeTinySet(t testing.TB, dir, set, layout string) string {
	t.Helper()
	rows := tinyRows(t, set)
	switch layout {
	case "parquet":
		if set == "mmmu" { // as the HF export: <Subject>/validation-00000-of-00001.parquet
			bySubject := map[string][]map[string]any{}
			for _, r := range rows {
				s := MMMUSubject(r["id"].(string))
				bySubject[s] = append(bySubject[s], r)
			}
			for s, rs := range bySubject {
				writeParquet(t, filepath.Join(dir, s, "validation-00000-of-00001.parquet"), rs)
				writeParquet(t, filepath.Join(dir, s, "dev-00000-of-00001.parquet"), rs[:1]) // another split, not read
			}
			return dir
		}
		set, _ := Lookup(set)
		writeParquet(t, filepath.Join(dir, "data", set.Split+"-00000-of-00001.parquet"), rows)
		return dir
	case "jsonl":
		if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for i, r := range rows {
			out := map[string]any{}
			for k, v := range r {
				if im, ok := v.(img); ok {
					name := fmt.Sprintf("images/%d-%s.png", i, k)
					if err := os.WriteFile(filepath.Join(dir, name), im, 0o644); err != nil {
						t.Fatal(err)
					}
					v = name
				}
				out[k] = v
			}
			if set == "mathvista" { // JSONL users point "image" at the file; no decoded_image
				out["image"] = out["decoded_image"]
				delete(out, "decoded_image")
			}
			if set == "screenspot" && i == 1 { // SeeClick's original: pixel x, y, w, h
				bb := r["bbox"].([]float64)
				im, _, _ := image.DecodeConfig(bytes.NewReader(r["image"].(img)))
				W, H := float64(im.Width), float64(im.Height)
				delete(out, "bbox")
				out["bbox_xywh"] = []float64{bb[0] * W, bb[1] * H, (bb[2] - bb[0]) * W, (bb[3] - bb[1]) * H}
			}
			line, err := json.Marshal(out)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(append(line, '\n'))
		}
		p := filepath.Join(dir, "test.jsonl")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Fatalf("no layout %s", layout)
	return ""
}

// writeParquet writes rows with a schema inferred from their Go values, the way the HF
// export types them: text, int64, double, lists, {bytes, path} image structs, structs;
// a column with a nil anywhere is optional.
func writeParquet(t testing.TB, path string, rows []map[string]any) {
	t.Helper()
	group := parquet.Group{}
	cols := map[string]bool{}
	for _, r := range rows {
		for k := range r {
			cols[k] = true
		}
	}
	var names []string
	for k := range cols {
		names = append(names, k)
	}
	sort.Strings(names)
	imgNode := parquet.Group{"bytes": parquet.Optional(parquet.Leaf(parquet.ByteArrayType)), "path": parquet.Optional(parquet.String())}
	conv := make([]map[string]any, len(rows))
	for i := range conv {
		conv[i] = map[string]any{}
	}
	for _, k := range names {
		var node parquet.Node
		optional := false
		for _, r := range rows {
			switch v := r[k].(type) {
			case nil:
				optional = true
			case []string:
				if v == nil {
					optional = true
				}
				node = parquet.List(parquet.String())
			case string:
				node = parquet.String()
			case int64:
				node = parquet.Int(64)
			case float64:
				node = parquet.Leaf(parquet.DoubleType)
			case []float64:
				node = parquet.List(parquet.Leaf(parquet.DoubleType))
			case img:
				node = imgNode
			case map[string]any:
				g := parquet.Group{}
				for mk := range v {
					g[mk] = parquet.String()
				}
				node = g
			default:
				t.Fatalf("column %s: no parquet type for %T", k, v)
			}
		}
		if node == nil {
			node = parquet.String()
		}
		if optional {
			node = parquet.Optional(node)
		}
		group[k] = node
		for i, r := range rows {
			var v any
			switch x := r[k].(type) {
			case img:
				v = map[string]any{"bytes": []byte(x), "path": nil}
			case []string:
				if x != nil {
					l := make([]any, len(x))
					for j := range x {
						l[j] = x[j]
					}
					v = l
				}
			case []float64:
				l := make([]any, len(x))
				for j := range x {
					l[j] = x[j]
				}
				v = l
			default:
				v = x
			}
			conv[i][k] = v
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[map[string]any](&buf, parquet.NewSchema("schema", group))
	if _, err := w.Write(conv); err != nil {
		t.Fatalf("writing %s: %v", path, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeTinyVideos makes VideoMME's two videos (vid1, vid2) beside the set: four fixture
// frames each, one second apart, 320 pixels wide, MPEG-4 in MP4 by ffmpeg; vid1 has an
// .srt. Missing ffmpeg skips (fails in CI).
func writeTinyVideos(t testing.TB, dir string) {
	t.Helper()
	if err := FFmpeg(); err != nil {
		harness.Missing(t, err)
	}
	q, _ := fixtures.Lookup("VL-T1-Q1")
	for n := 1; n <= 2; n++ {
		fdir := t.TempDir()
		for f := range 4 {
			im, err := q.Generate((n + f) % 3)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(fdir, fmt.Sprintf("f%d.png", f)), im.PNG, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		out, err := exec.CommandContext(ctx, "ffmpeg", "-v", "error", "-nostdin", "-y", "-framerate", "1",
			"-i", filepath.Join(fdir, "f%d.png"), "-vf", "scale=320:-2,format=yuv420p", "-r", "4", "-c:v", "mpeg4",
			filepath.Join(dir, "data", fmt.Sprintf("vid%d.mp4", n))).CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("ffmpeg: %v: %s", err, out)
		}
	}
	srt := "1\n00:00:00,000 --> 00:00:02,000\n<font color=\"white\" size=\".72c\">The sign says hello.</font>\n\n" +
		"2\n00:00:02,000 --> 00:00:04,000\nIt is a test.\n"
	if err := os.MkdirAll(filepath.Join(dir, "subtitle"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "subtitle", "vid1.srt"), []byte(srt), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pngSize is an image's size (for test assertions).
func pngSize(t testing.TB, b []byte) (int, int) {
	t.Helper()
	im, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return im.Width, im.Height
}

var flagWriteTiny = flag.String("write-tiny", "", "write the tiny 5-sample sets (both layouts) to `DIR` and stop, to try -set/-data on")

// TestWriteTinySets writes every tiny set to -write-tiny DIR as DIR/<set>/parquet and
// DIR/<set>/jsonl (VideoMME's videos in DIR/videomme/data), for trying the workflow:
// go test ./stdsets -run TestSet -set docvqa -data DIR/docvqa/parquet.
func TestWriteTinySets(t *testing.T) {
	if *flagWriteTiny == "" {
		t.Skip("no -write-tiny DIR")
	}
	for _, set := range Names() {
		base := filepath.Join(*flagWriteTiny, set)
		if set == "videomme" {
			writeTinyVideos(t, base)
		}
		for _, layout := range []string{"parquet", "jsonl"} {
			t.Logf("%s: -data %s", set, writeTinySet(t, filepath.Join(base, layout), set, layout))
		}
	}
}
