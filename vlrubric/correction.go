package vlrubric

import (
	"regexp"
	"strings"
)

// selfCorrection marks a model taking back what it said: "Actually, looking again, …",
// "Wait, …", "Correction: …". "Wait" counts only as an interjection (a sentence that
// opens on it, with its comma or dash): a flowchart's "Wait" box is no correction. An
// ellipsis then "no" takes back what came before it ("832,21 $... non, …"). "Actually"
// corrects only where it opens a sentence or clause: "it may actually be an oval" is a
// hedge, not a correction.
// RUBRIC.md: a self-correction is scored on its final claim.
var selfCorrection = regexp.MustCompile(`(?i)(?:^|[.!?]\s+|\n|\(|[—–]\s*|\bbut\s+|\bno,?\s+|\bhmm,?\s+|\boh,?\s+)\W*wait\b\s*[,.…—–!:-]|(?:^|[.!?]\s+|\n|[,(—–]\s*|\b(?:but|no|oh|hmm|wait)[,.!]?\s+)\W*actually\b|\b(?:on (?:a )?(?:closer|second) (?:look|inspection|glance)|looking (?:again|more closely|closer)|correction|let me re-?(?:check|count|read|look|examine)|let me (?:look|check|count|read|go through (?:it|this)) (?:again|once more)|let me (?:redo|re-do|start over|try again|reconsider)|re-?counting|i was wrong|i mis(?:read|counted|spoke)|i (?:mixed up|swapped|confused|got (?:it|that|them|those) wrong)|corrected (?:table|list|version|values?|reading|count|trace|path)|(?:^|[.!?]\s+|\n)\W*hmm,?\s+(?:no|non|nein|nee)\b|en regardant de plus près|bei genauerem hinsehen|mirando (?:más de cerca|con más atención)|scratch that|oops|whoops|my (?:mistake|bad)|sorry,? i mis(?:spoke|read|typed|counted)|nein,? warte|mejor dicho|quiero decir|je veux dire|不对|upon (?:re-?examination|closer inspection)|corrected answer)\b|(?:\.\.\.|…)\s*(?:no|non|nein|nope)\b[,!.]?|(?:^|[(\[]\s*|[.!?]\s+|\n)\W*(?:edit|update|correction)\s*:|(?:^|[,.;!?—–]\s*)i mean\b|[—–]\s*sorry\b[,—–]?|\bor rather\b|\btypo\s*:|[—–]\s*no,\s|\b(?:revised|corrected|updated|amended)\s+(?:answer|version|table|reading|trace)\b|\bfinal answer\s*\(corrected\)|(?:^|[.!?]\s+|\n)\W*sorry\s*[—–]|\bsorry,\s*(?:that(?:'s| is| was)|i mean|i meant|my (?:mistake|bad)|wrong)\b`)

// finalClaim returns the offset in s where its final claim begins: just after the last
// self-correction marker, or 0 when the answer never corrects itself.
func finalClaim(s string) int {
	locs := selfCorrection.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return 0
	}
	return locs[len(locs)-1][1]
}

// reaffirmRe keeps, after a second look, what was said first: "so my first answer
// stands", "I'll stick with it".
var reaffirmRe = regexp.MustCompile(`(?i)\b(?:(?:my\s+)?(?:first|original|initial|earlier)\s+(?:answer|reading|count|trace|conclusion)\s+(?:stands|holds|was (?:right|correct)|is (?:right|correct))|i(?:'ll| will)\s+stick\s+with|stick(?:ing)?\s+with\s+(?:my|the)\s+(?:first|original)|the (?:first|original) (?:answer|reading) is (?:right|correct))\b`)

// dropKeptDoubts blanks (with spaces, so offsets stand) the doubts of an answer that
// second-guesses itself and then keeps its first answer: from its first correction
// marker to the sentence that keeps it. What it considered and set aside claims
// nothing, and the answer kept is the one before the doubts.
func dropKeptDoubts(s string) string {
	first := selfCorrection.FindStringIndex(s)
	if first == nil {
		return s
	}
	keep := reaffirmRe.FindAllStringIndex(s[first[0]:], -1)
	if len(keep) == 0 {
		return s
	}
	end := first[0] + keep[len(keep)-1][0]
	// back to the start of the keeping sentence
	if i := strings.LastIndexAny(s[first[0]:end], ".!?\n"); i >= 0 {
		end = first[0] + i + 1
	}
	b := []byte(s)
	for i := first[0]; i < end; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

// conclusionRe opens the line where an answer sums itself up after weighing options:
// "**Conclusion:** …", "In short: …", "Final answer: …", "So: …".
var conclusionRe = regexp.MustCompile(`(?im)^[^\pL\n]*(?:conclusion|in short|in summary|to sum up|summary|final answer|answer|verdict|so)\b[^\pL\n]*[:—–-]`)

// conclusion returns the offset in s where its last conclusion line begins (after its
// marker), or -1 when there is none.
func conclusion(s string) int {
	locs := conclusionRe.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return -1
	}
	return locs[len(locs)-1][1]
}
