package stdsets

import "strings"

// OCRBenchMatch is OCRBench's rule (Yuliang-Liu/MultimodalOCR, as lmms-eval's
// ocrbench_process_results): the answer is right when a ground truth occurs in it as a
// substring, both lower-cased with newlines made spaces. For the handwritten
// mathematical expressions (source dataset "HME100k") the case is kept and every space
// and newline is removed from both instead, since LaTeX spacing is free.
//
// Lower-casing and trimming are Python's lower() and strip(). Choices: full-width ASCII
// and the ideographic space are folded to ASCII on the non-HME side, as lmms-eval does
// now (the original repository does not), and so are the decimal digits of every
// script ("٥" is "5"; lmms-eval folds the full-width ones only); a <think> block is
// removed first. An empty ground truth never matches (it would be a substring of
// anything).
func OCRBenchMatch(answer string, truths []string, dataset string) float64 {
	pred := FinalAnswer(answer)
	for _, t := range truths {
		var a, p string
		if dataset == "HME100k" {
			strip := strings.NewReplacer("\n", "", " ", "")
			a, p = strip.Replace(pyStrip(t)), strip.Replace(pyStrip(pred))
		} else {
			a, p = ocrbenchNorm(t), ocrbenchNorm(pred)
		}
		if a != "" && strings.Contains(p, a) {
			return 1
		}
	}
	return 0
}

// ocrbenchNorm is the non-HME side: folded, lower-cased, trimmed, newlines made spaces.
func ocrbenchNorm(s string) string {
	return strings.ReplaceAll(pyStrip(pyLower(foldDigits(foldFullwidth(s)))), "\n", " ")
}

func foldFullwidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// OCRBenchRecognition lists the six question types that OCRBench sums as "Text
// Recognition" (300 of the 1000 points).
var OCRBenchRecognition = []string{"Regular Text Recognition", "Irregular Text Recognition",
	"Artistic Text Recognition", "Handwriting Recognition", "Digit String Recognition",
	"Non-Semantic Text Recognition"}
