package stdsets

import (
	"regexp"
	"strings"
)

// Published is one published score of a model on a set, in the set's scale (percent for
// the accuracies and ANLS ×100 as the model cards print them is converted: see Score).
type Published struct {
	Model  string  // "Qwen2.5-VL-7B-Instruct"
	Set    string  // "docvqa"
	Score  float64 // in the set's scale: a fraction in [0, 1], OCRBench points of 1000
	Split  string  // as the source names it: "test", "val", "testmini", "w/o subs"
	Source string  // where the number is printed
}

const qwen25VL7BCard = "https://huggingface.co/Qwen/Qwen2.5-VL-7B-Instruct (model card, Evaluation tables)"

// PublishedScores is the table of published numbers for the plan's models. Only numbers
// read in a source are here; a model or set without a row has no published number that
// this project could check (the Qwen3-VL model cards print their tables as images, and
// the stored copy of the Qwen3-VL Technical Report, arXiv:2511.21631, has its tables
// flattened past reading per model; their rows are to be added from the report).
//
// Note the splits: the model cards report DocVQA and ChartQA on test (the DocVQA test
// answers are not public: a local run uses validation), MMMU on val, MathVista on
// testmini, Video-MME without subtitles (with subtitles: 71.6 for Qwen2.5-VL-7B).
var PublishedScores = []Published{
	{"Qwen2.5-VL-7B-Instruct", "mmmu", 0.586, "val", qwen25VL7BCard},
	{"Qwen2.5-VL-7B-Instruct", "docvqa", 0.957, "test", qwen25VL7BCard},
	{"Qwen2.5-VL-7B-Instruct", "mathvista", 0.682, "testmini", qwen25VL7BCard},
	{"Qwen2.5-VL-7B-Instruct", "chartqa", 0.873, "test", qwen25VL7BCard},
	{"Qwen2.5-VL-7B-Instruct", "ocrbench", 864, "test", qwen25VL7BCard},
	{"Qwen2.5-VL-7B-Instruct", "screenspot", 0.847, "test", qwen25VL7BCard},
	{"Qwen2.5-VL-7B-Instruct", "videomme", 0.651, "w/o subs (w/ subs 71.6)", qwen25VL7BCard},
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func modelKey(s string) string {
	s = strings.ToLower(s)
	for _, w := range []string{"instruct", "thinking"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return nonAlnum.ReplaceAllString(s, "")
}

// PublishedFor finds the published score of the model whose name (a GGUF file name such
// as "Qwen2.5-VL-7B-Instruct-Q4_K_M") contains a table model's name, ignoring case,
// punctuation and the Instruct suffix; the longest such name wins. A "Thinking" model
// only matches a Thinking row.
func PublishedFor(set, model string) (Published, bool) {
	mk := modelKey(model)
	thinking := strings.Contains(strings.ToLower(model), "thinking")
	var best Published
	found := false
	for _, p := range PublishedScores {
		if p.Set != set || strings.Contains(strings.ToLower(p.Model), "thinking") != thinking {
			continue
		}
		k := modelKey(p.Model)
		if k != "" && strings.Contains(mk, k) && (!found || len(k) > len(modelKey(best.Model))) {
			best, found = p, true
		}
	}
	return best, found
}
