package stdsets

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // image sizes
	_ "image/jpeg"
	_ "image/png"
)

// screenspotSet: rootsautomation/ScreenSpot (split test, 1272 instructions). Columns:
// file_name, bbox (x1, y1, x2, y2 as fractions of the image), instruction, data_type
// ("text", "icon"), data_source (ios, android, macos, windows, shop, forum, gitlab,
// tool), image. A bbox above 1 is read as pixels; the JSONL layout may give SeeClick's
// original bbox_xywh (x, y, width, height in pixels) instead.
//
// Prompt: the set has none of its own (SeeClick's models were trained on theirs); this
// one asks for a click point as fractions of the image, and ParseClick also reads boxes,
// pixels, and (with -coords 1000) thousandths.
func screenspotSet() Set {
	return Set{Name: "screenspot", Split: "test", Title: "ScreenSpot", HF: "rootsautomation/ScreenSpot", Metric: "click_accuracy",
		Scale: 1, MaxTokens: 64, Binary: true,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.OptString("id"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("instruction"); err != nil {
				return s, err
			}
			typ, err := r.String("data_type")
			if err != nil {
				return s, err
			}
			if s.Source, err = r.String("data_source"); err != nil {
				return s, err
			}
			if typ != "text" {
				typ = "icon" // "icon" and "widget" are one type in the paper
			}
			s.Category = ScreenSpotPlatform(s.Source) + "_" + typ
			img, err := r.Image("image")
			if err != nil {
				return s, err
			}
			s.Images = [][]byte{img}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(img))
			if err != nil {
				return s, r.errorf("image", "%v", err)
			}
			s.Width, s.Height = cfg.Width, cfg.Height
			col, xywh := "bbox", false
			if !r.Has(col) && r.Has("bbox_xywh") {
				col, xywh = "bbox_xywh", true
			}
			b, err := r.Floats(col)
			if err != nil {
				return s, err
			}
			if len(b) != 4 {
				return s, r.errorf(col, "want 4 numbers, have %d", len(b))
			}
			if xywh {
				b[2], b[3] = b[0]+b[2], b[1]+b[3]
			}
			if maxAbs(b) > 1 || xywh {
				b[0], b[2] = b[0]/float64(s.Width), b[2]/float64(s.Width)
				b[1], b[3] = b[1]/float64(s.Height), b[3]/float64(s.Height)
			}
			s.Box = Box{min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])}
			s.Answers = []string{s.Expected()}
			return s, nil
		},
		prompt: func(s Sample, _ string) string {
			return "In this screenshot, where should I click to: " + s.Question + "\n" +
				"Answer with the click point only, as (x, y) with x and y between 0 and 1 as fractions of the image width and height."
		},
		score: func(_ context.Context, s Sample, answer string, o Options) Scored {
			sc := Scored{Groups: []string{s.Category}}
			c, ok := ParseClick(answer, s.Width, s.Height, o.Coords)
			if !ok {
				sc.Unparsed, sc.Evidence = true, "no point or box found"
				return sc
			}
			sc.Parsed = fmt.Sprintf("(%.3f, %.3f)", c.X, c.Y)
			sc.Value = b2f(s.Box.Contains(c.X, c.Y))
			if c.Box != nil {
				iou := s.Box.IoU(*c.Box)
				sc.IoU = &iou
				sc.Evidence = fmt.Sprintf("box IoU %.3f", iou)
			}
			return sc
		},
	}
}
