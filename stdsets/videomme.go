package stdsets

import (
	"regexp"
	"strings"
)

var videoMMEPrefixes = []string{"The best answer is", "The correct answer is", "The answer is", "The answer",
	"The best option is", "The correct option is", "Best answer:", "Best option:"}

var letterABCD = regexp.MustCompile(`[ABCD]`)

// VideoMMEChoice extracts the letter of a Video-MME answer as the benchmark's own
// eval_your_results.py extract_characters_regex does: known lead-ins ("The best answer
// is", …) are removed, an answer of more than ten words without any of A-D is no answer,
// and otherwise the first A, B, C or D is the choice. ok is false when there is none.
//
// lmms-eval's videomme task now uses a priority extractor (mcq_extract.py) that prefers
// the last letter in the strongest format; the benchmark's own rule is kept here, since
// the published numbers were made with it.
func VideoMMEChoice(answer string) (string, bool) {
	s := strings.TrimSpace(FinalAnswer(answer))
	for _, p := range videoMMEPrefixes {
		s = strings.ReplaceAll(s, p, "")
	}
	if len(strings.Fields(s)) > 10 && !letterABCD.MatchString(s) {
		return "", false
	}
	m := letterABCD.FindString(s)
	return m, m != ""
}
