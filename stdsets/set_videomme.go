package stdsets

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// videommeSet: lmms-lab/Video-MME (split test, 2700 questions on 900 videos). Columns:
// video_id, duration ("short", "medium", "long"), domain, sub_category, url, videoID
// (the file name stem), question_id, task_type, question, options (list of "A. …"),
// answer ("A" … "D"). The videos (<videoID>.mp4, .MP4 or .mkv) and subtitles
// (<videoID>.srt) are the set's separate downloads: see VideoDir.
//
// Prompt: lmms-eval's videomme and videomme_w_subtitle tasks (the benchmark's own
// wording); k frames sampled uniformly (Frames) go first as images. With subtitles, the
// subtitle lines shown at the sampled frames are given ("No subtitles available" for a
// video without), as lmms-eval does.
func videommeSet() Set {
	return Set{Name: "videomme", Split: "test", Title: "Video-MME", HF: "lmms-lab/Video-MME", Metric: "accuracy", Scale: 1,
		MaxTokens: 16, Binary: true,
		parse: func(r Row) (Sample, error) {
			var s Sample
			var err error
			if s.ID, err = r.String("question_id"); err != nil {
				return s, err
			}
			if s.Video, err = r.String("videoID"); err != nil {
				return s, err
			}
			if s.Question, err = r.String("question"); err != nil {
				return s, err
			}
			if s.Choices, err = r.Strings("options"); err != nil {
				return s, err
			}
			if len(s.Choices) == 0 {
				return s, r.errorf("options", "empty")
			}
			a, err := r.String("answer")
			if err != nil {
				return s, err
			}
			s.Answers = []string{strings.TrimSpace(a)}
			if s.Category, err = r.String("duration"); err != nil {
				return s, err
			}
			return s, nil
		},
		prompt: func(s Sample, subtitles string) string {
			opts := strings.Join(s.Choices, "\n")
			if subtitles == "" { // without subtitles
				return "Select the best answer to the following multiple-choice question based on the video. " +
					"Respond with only the letter (A, B, C, or D) of the correct option.\n" + s.Question + "\n" + opts +
					"\nThe best answer is:"
			}
			return "This video's subtitles are listed below: \n" + subtitles + "\n" +
				"Select the best answer to the following multiple-choice question based on the video and the subtitles. " +
				"Respond with only the letter (A, B, C, or D) of the correct option.\n" + s.Question + "\n" + opts +
				"\nThe best answer is:"
		},
		score: func(_ context.Context, s Sample, answer string, _ Options) Scored {
			sc := Scored{Groups: []string{s.Category}}
			l, ok := VideoMMEChoice(answer)
			sc.Parsed, sc.Unparsed = l, !ok
			sc.Value = b2f(ok && strings.EqualFold(l, s.Answers[0]))
			return sc
		},
	}
}

// VideoDir lists where a VideoMME set's videos are looked for: videoDir when given,
// else data/, videos/, video/ and the folder itself, in the data's folder (for a file,
// its folder) and in the one above it. lmms-eval unpacks the set's zips into data/ and
// subtitle/.
func VideoDir(data, videoDir string) []string {
	if videoDir != "" {
		return []string{videoDir}
	}
	base := data
	if st, err := os.Stat(data); err == nil && !st.IsDir() {
		base = filepath.Dir(data)
	}
	var out []string
	for _, d := range []string{base, filepath.Dir(base)} {
		out = append(out, filepath.Join(d, "data"), filepath.Join(d, "videos"), filepath.Join(d, "video"), d)
	}
	return out
}

// resolveVideo finds the sample's video file and subtitle file.
func resolveVideo(s *Sample, r Row, data, videoDir string) error {
	id := s.Video
	for _, dir := range VideoDir(data, videoDir) {
		for _, ext := range []string{".mp4", ".MP4", ".mkv", ".webm", ".avi"} {
			p := filepath.Join(dir, id+ext)
			if _, err := os.Stat(p); err == nil {
				s.Video = p
				for _, sd := range []string{filepath.Join(filepath.Dir(dir), "subtitle"), filepath.Join(dir, "subtitle"), dir} {
					if _, err := os.Stat(filepath.Join(sd, id+".srt")); err == nil {
						s.Subtitles = filepath.Join(sd, id+".srt")
						break
					}
				}
				return nil
			}
		}
	}
	return fmt.Errorf("%s:%d: column \"videoID\": no video %s.mp4 in %s (give -videos DIR)", r.File, r.N, id,
		strings.Join(VideoDir(data, videoDir)[:1], ""))
}
