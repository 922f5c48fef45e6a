package stdsets

import (
	"strings"

	"github.com/vlbench/vlbench/internal/answer"
)

// ANLS is DocVQA's Average Normalized Levenshtein Similarity for one answer: the best
// over the ground truths of 1 - NL, where NL is the Levenshtein distance between the
// normalized answer and ground truth divided by the longer of the two, and a similarity
// whose NL is not below the threshold (0.5) counts 0.
//
// Normalization: trimmed, lower-cased (Python's lower(): "İ" is two characters, a final
// "Σ" is "ς"), runs of white space folded to one space (Python's split()), and decimal
// digits of any script written as ASCII digits ("５" is "5"). Choices
// where implementations differ (Biten et al. 2019 and the RRC evaluation define ANLS;
// lmms-eval's metrics.anls and Qwen-VL's infographicsvqa_eval.py implement it):
//   - the length divides by the normalized strings' lengths in runes (the RRC
//     definition); lmms-eval divides the normalized distance by the raw strings' lengths,
//     which differs only when the answer has surrounding or repeated spaces;
//   - NL exactly 0.5 scores 0 (s = 1-NL only when NL < τ, as the paper); lmms-eval keeps
//     0.5 there (it zeroes a result below 0.5);
//   - digits are folded (lmms-eval compares them as written, so "５" is one edit from
//     "5" there);
//   - a thinking model's <think> block is removed first (FinalAnswer).
func ANLS(answer string, truths []string) float64 {
	const threshold = 0.5
	pred := normSpace(FinalAnswer(answer))
	best := 0.0
	for _, t := range truths {
		gt := normSpace(t)
		a, b := []rune(pred), []rune(gt)
		n := max(len(a), len(b))
		nl := 0.0
		if n > 0 {
			nl = float64(levenshtein(a, b)) / float64(n)
		}
		if nl < threshold {
			best = max(best, 1-nl)
		}
	}
	return best
}

func normSpace(s string) string { return foldDigits(pyLower(strings.Join(pyFields(s), " "))) }

// levenshtein is the edit distance (insert, delete, substitute, each 1) between a and b.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// FinalAnswer drops a reasoning model's thinking, as vlrubric does (answer.Final).
func FinalAnswer(s string) string { return answer.Final(s) }
