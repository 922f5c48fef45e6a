package vlrubric

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Span is a piece of an answer: its text and its byte offsets in the plain answer.
type Span struct {
	Text       string
	Start, End int
}

var regexpCache sync.Map // string → *regexp.Regexp

func cachedRegexp(expr string) *regexp.Regexp {
	if r, ok := regexpCache.Load(expr); ok {
		return r.(*regexp.Regexp)
	}
	r := regexp.MustCompile(expr)
	regexpCache.Store(expr, r)
	return r
}

// phraseRegexp matches phrase as whole words, case-insensitively, with any run of
// spaces or hyphens between its words and an optional plural ending ("folder",
// "folders", "boxes", "file-folder").
func phraseRegexp(phrase string) *regexp.Regexp {
	words := strings.FieldsFunc(strings.ToLower(phrase), func(r rune) bool { return r == ' ' || r == '-' })
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	expr := `(?i)(?:^|[^\pL\pN_])(` + strings.Join(words, `[\s-]+`) + `(?:s|es)?)(?:$|[^\pL\pN_])`
	return cachedRegexp(expr)
}

// findPhrase returns every whole-word occurrence of phrase in s.
func findPhrase(s, phrase string) []Span {
	if strings.TrimSpace(phrase) == "" {
		return nil
	}
	var out []Span
	re := phraseRegexp(phrase)
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, Span{Text: s[m[2]:m[3]], Start: m[2], End: m[3]})
	}
	return out
}

// hasAny reports the first whole-word occurrence of any of the phrases in s.
func hasAny(s string, phrases ...string) (Span, bool) {
	best := Span{Start: -1}
	for _, p := range phrases {
		for _, sp := range findPhrase(s, p) {
			if best.Start < 0 || sp.Start < best.Start {
				best = sp
			}
			break
		}
	}
	return best, best.Start >= 0
}

// clauseBreak ends a clause: sentence punctuation followed by a space or the end, a
// comma or semicolon, a colon, a newline, a table cell border, a dash used as a pause,
// or the words "but", "however", "instead", "whereas", "while" and "though".
var clauseBreak = regexp.MustCompile(`(?i)[.!?](?:\s|$)|[,;:|\n]|\s—\s|\s-\s|\(|\)|\b(?:but|however|instead|whereas|while|though|although)\b`)

// clauseStart returns the offset where the clause holding pos begins.
// Clauses longer than clauseMax bytes are cut there, which keeps the scorers linear
// on long answers.
func clauseStart(s string, pos int) int {
	base := max(0, pos-clauseMax)
	for base > 0 && base < pos && !utf8.RuneStart(s[base]) {
		base++
	}
	start := base
	for _, m := range clauseBreak.FindAllStringIndex(s[base:pos], -1) {
		start = base + m[1]
	}
	return start
}

const clauseMax = 400

// clauseEnd returns the offset where the clause holding pos ends.
func clauseEnd(s string, pos int) int {
	end := min(len(s), pos+clauseMax)
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	if m := clauseBreak.FindStringIndex(s[pos:end]); m != nil {
		return pos + m[0]
	}
	return end
}

var negationWord = regexp.MustCompile(`(?i)\b(?:not|no|never|without|neither|nor|none|nothing|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|can't|cannot|won't|wouldn't|shouldn't|hardly|rather than|instead of|unlike)\b|n't\b`)

// negated reports whether the word at pos is negated: a negation ("not", "no",
// "n't", "never", "without", "rather than", "instead of", ...) stands among the five
// words before it in the same clause. Clauses end at punctuation and at "but",
// "however", "instead", so in "not a briefcase, it's a folder" and "it's not a
// briefcase but a folder" the folder is asserted and the briefcase is negated.
func negated(s string, pos int) bool {
	start := clauseStart(s, pos)
	before := strings.Fields(s[start:pos])
	if len(before) > 5 {
		before = before[len(before)-5:]
	}
	if negationWord.MatchString(strings.Join(before, " ")) {
		return true
	}
	return negatedList(s, pos)
}

// negatedList reports whether the word at pos is an item of a list that a negation
// opens: "no shipping charge, discount, due date or payment terms", "there is no sun,
// cloud or bird", "it doesn't list a due date or payment terms". The items are short (three words at most) and joined by commas, "or"
// or "nor".
var listNegation = regexp.MustCompile(`(?i)\b(?:no|not|without|neither|never|nor|\pL+n't\s+\pL+|\pL+n’t\s+\pL+)\s+((?:[\pL'-]+\s+){0,3}?[\pL'-]+)((?:\s*,\s*(?:or\s+|nor\s+)?(?:[\pL'-]+\s+){0,2}[\pL'-]+|\s+(?:or|nor)\s+(?:[\pL'-]+\s+){0,2}[\pL'-]+)+)$`)

func negatedList(s string, pos int) bool {
	// The list runs up to and through the word at pos.
	end := pos
	for end < len(s) && (s[end] == '\'' || s[end] == '-' || s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z' || s[end] >= 0x80) {
		end++
	}
	start := max(0, pos-160)
	seg := s[start:end]
	if i := strings.LastIndexAny(seg, ".;:!?\n"); i >= 0 {
		seg = seg[i+1:]
	}
	m := listNegation.FindStringSubmatch(seg)
	if m == nil {
		return false
	}
	// Items are noun phrases: "it's a folder" after "not a briefcase," is a clause.
	for _, w := range strings.Fields(strings.ToLower(strings.NewReplacer(",", " ").Replace(m[2]))) {
		if clauseWord[w] {
			return false
		}
	}
	return true
}

var clauseWord = map[string]bool{"it's": true, "it": true, "is": true, "are": true, "was": true, "were": true, "this": true,
	"that": true, "there": true, "these": true, "those": true, "they": true, "its": true, "but": true, "so": true, "i": true,
	"we": true, "you": true, "has": true, "have": true, "looks": true, "seems": true}

// asserted returns the occurrences of any of the phrases in s that are not negated
// and not rejected (see rejected).
func asserted(s string, phrases ...string) []Span {
	var out []Span
	for _, p := range phrases {
		for _, sp := range findPhrase(s, p) {
			if !negated(s, sp.Start) && !rejected(s, sp.Start) {
				out = append(out, sp)
			}
		}
	}
	return out
}

var (
	// rejectionWords head a section, list or table of options a model considered and
	// ruled out ("Alternatives considered", "| Rejected | Why not |", "Not bugs:").
	rejectionWords = regexp.MustCompile(`(?i)\b(?:reject\w*|rul(?:e|ed|ing) (?:\w+ )?out|alternatives?|(?:is|are|it's) not\W*$|not\W*$|considered|why not|not (?:a |an |the )?(?:bugs?|it|this|these)\b|other (?:possibilities|candidates|options|readings)|misreadings?|could be confused|confus\w+ with|unlikely|excluded?)`)
	// rowRejected marks a table row or list item as a ruled-out option.
	rowRejected = regexp.MustCompile(`(?i)❌|✗|✘|🚫|\|\s*(?:no|rejected|ruled out)\s*\|`)
	// concessive is a resemblance granted and set aside: its group 1 is the option.
	concessive = regexp.MustCompile(`(?i)\b(?:(?:looks?|looking) (?:a (?:bit|little) |somewhat |vaguely |slightly )?like|(?:be |is |are )?mistaken for|confused with|resembles?|resembling|made me think of|makes? (?:me |one )?think of|reminded me of|reminds? (?:me |one )?of)\b()([^.;]{1,60}?),?\s+but\b`)
	// notLead is a list item that opens by ruling its subject out.
	notLead = regexp.MustCompile(`(?i)^\s*(?:[-*•]|\d{1,2}[.)])?\s*\**\s*(?:not|no|❌)\b[^:\n]{0,40}:`)
	// answeredNo is the answer to a question the model asks itself: "A folder? No — …".
	answeredNo = regexp.MustCompile(`(?i)^\W*(?:no\b|nope\b|not\b|unlikely\b|ruled out\b|rejected\b|❌|✗)`)
)

// hypotheticalRe is a clause about what is not the case: "if R were left out, T would be
// the largest", "it would be Approve". The chart's superlatives and the flowchart's
// routes (with its own words for branches not taken) both skip such clauses.
var hypotheticalRe = regexp.MustCompile(`(?i)\bif\b[^.;]*\b(?:were|would|had been)\b|\bwould (?:be|have been)\b`)

var (
	// subjectOfWould is a word that a counterfactual is said of ("a briefcase would have a
	// handle", "a plain card or sheet of paper would have no fold"): a comparison, no claim.
	subjectOfWould = regexp.MustCompile(`(?i)^[\pL-]+(?:[^\S\n]+[\pL-]+){0,4}?[^\S\n]+(?:would|wouldn't|would've)\b`)
	// protasis is the condition of a counterfactual, up to the word: "if it were a folder",
	// "were it a folder" (German "Wäre es ein Ordner").
	protasis = regexp.MustCompile(`(?i)(?:\bif\b[^,;.:\n]*\b(?:were|had been)\b|(?:^|[.!?]\s+|\n)\W*(?:were|had|would be)\s+(?:it|this|that|they|es|is)\b)[^,;.:\n]*$`)
)

// counterfactual reports whether the word at pos is said only of a condition contrary to
// fact: in an "if it were …" clause, or the subject of a "would" (see above).
func counterfactual(s string, pos int) bool {
	return subjectOfWould.MatchString(s[pos:]) || subjectOfNot.MatchString(s[pos:]) || protasis.MatchString(s[max(0, pos-120):pos])
}

// subjectOfNot is a word that a negated predicate is said of: "buckets don't have a flat
// lid", "a briefcase doesn't have a tab".
var subjectOfNot = regexp.MustCompile(`(?i)^[\pL-]+(?:[^\S\n]+[\pL-]+)?[^\S\n]+(?:don't|doesn't|do not|does not|don’t|doesn’t)\b`)

// rejected reports whether the word at pos is an option the answer rules out rather than
// claims: asked and answered no ("A folder? No — there is no tab"), or in a list or
// table headed as rejected options ("Ruled out:", "| Alternative | Why not |").
func rejected(s string, pos int) bool {
	if q := strings.IndexByte(s[pos:], '?'); q >= 0 {
		line := strings.IndexByte(s[pos:], '\n')
		if (line < 0 || q < line) && q < 80 && answeredNo.MatchString(s[pos+q+1:]) {
			return true
		}
	}
	lineStart := strings.LastIndexByte(s[:pos], '\n') + 1
	line := s[lineStart:]
	if e := strings.IndexByte(line, '\n'); e >= 0 {
		line = line[:e]
	}
	// The header of the list or table the line belongs to: the nearest line above that
	// is not an item of it (a table's first row, a list's lead-in or heading).
	inTable := strings.HasPrefix(strings.TrimSpace(line), "|")
	inList := listItemRe.MatchString(line)
	if (inTable || inList) && rowRejected.MatchString(line) {
		return true // "| Frying pan | ❌ | no dark cooking surface |"
	}
	if sen := sentenceAt(s, pos); concessive.MatchString(sen) {
		// "At first glance it looks a bit like a bucket, but … a garbage can".
		i := strings.Index(s, sen)
		if m := concessive.FindStringSubmatchIndex(sen); i >= 0 && m != nil && pos >= i+m[4] && pos < i+m[5] {
			return true
		}
	}
	if notLead.MatchString(line) {
		return true // "- **Not a folder:** a folder icon would have …"
	}
	if counterfactual(s, pos) {
		return true
	}
	if !inTable && !inList {
		return false
	}
	if lineStart == 0 {
		return false
	}
	lines := strings.Split(s[:lineStart-1], "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-30; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			if inTable {
				return false
			}
			continue
		}
		if inTable && strings.HasPrefix(l, "|") {
			if i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "|") {
				return rejectionWords.MatchString(l) // the header row
			}
			continue
		}
		if inList && listItemRe.MatchString(lines[i]) {
			continue
		}
		return rejectionWords.MatchString(l)
	}
	return false
}

var sentenceBreak = regexp.MustCompile(`[.!?](?:\s+|$)|\n+`)

// sentences splits s into sentences and lines (list items and table rows are lines).
// A period inside a number ("87.21") does not end a sentence.
func sentences(s string) []Span {
	var out []Span
	start := 0
	add := func(end int) {
		t := strings.TrimSpace(s[start:end])
		if t != "" {
			off := start + strings.Index(s[start:end], t)
			out = append(out, Span{Text: t, Start: off, End: off + len(t)})
		}
	}
	for _, m := range sentenceBreak.FindAllStringIndex(s, -1) {
		add(m[0])
		start = m[1]
	}
	add(len(s))
	return out
}

func quote(s string) string { return `"` + clip(s) + `"` }

func plural(w string) string {
	w = strings.ToLower(w)
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsAny(w[len(w)-2:len(w)-1], "aeiou"):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// findKeyword finds a ground-truth keyword in s, case-insensitively. Keywords from
// the generators are often stems ("exclud", "initializ") or code fragments ("- 1",
// "[0]", ">="), so a keyword that starts with a letter or digit must start a word,
// and only a keyword of digits or of at most two characters must also end one
// ("1" does not match "10"; "exclud" matches "excluded").
func findKeyword(s, kw string) (Span, bool) {
	k := strings.TrimSpace(kw)
	if k == "" {
		return Span{}, false
	}
	expr := regexp.QuoteMeta(strings.ToLower(k))
	expr = strings.ReplaceAll(expr, " ", `\s*`)
	if isWordByte(k[0]) {
		expr = `(?:^|[^\pL\pN_])(` + expr
	} else {
		expr = `(` + expr
	}
	expr += `)`
	if isWordByte(k[len(k)-1]) && (len(k) <= 2 || strings.Trim(k, "0123456789") == "") {
		expr += `(?:$|[^\pL\pN_.]|\.(?:$|\D))`
	}
	m := cachedRegexp(`(?i)` + expr).FindStringSubmatchIndex(s)
	if m == nil {
		return Span{}, false
	}
	return Span{Text: s[m[2]:m[3]], Start: m[2], End: m[3]}, true
}

// keywordGroups reports which keyword groups (each a list of alternatives) match s:
// the number matched and the first match of each matched group.
func keywordGroups(s string, groups [][]string) (matched int, found []string) {
	for _, g := range groups {
		for _, kw := range g {
			if sp, ok := findKeyword(s, kw); ok {
				matched++
				found = append(found, sp.Text)
				break
			}
		}
	}
	return matched, found
}

var negatedAfterRe = regexp.MustCompile(`(?i)^\W*(?:[\pL\pN"']+\s+){0,4}?(?:is|are|was|were|gets?|got|remains?)?\s*(?:not|never|n't)\b|^\W*(?:[\pL\pN"']+\s+){0,3}?(?:isn't|aren't|wasn't|is skipped|are skipped|skipped|bypassed|avoided|unreached|not reached)\b`)

// negatedAfter reports whether the words right after end, in the same clause, deny
// what stands before it: "the Log Only box is not reached", "Log Only is skipped".
func negatedAfter(s string, end int) bool {
	return negatedAfterRe.MatchString(s[end:clauseEnd(s, end)])
}

// keywordGroupsNear is keywordGroups over the best window of two consecutive
// sentences of s, so that all the groups of one fact must be said together ("the
// last element is never checked") and not picked from unrelated sentences.
func keywordGroupsNear(s string, groups [][]string) (matched int, found []string) {
	sens := sentences(s)
	if len(sens) == 0 {
		return 0, nil
	}
	for i := range sens {
		j := min(i+1, len(sens)-1)
		m, f := keywordGroups(s[sens[i].Start:sens[j].End], groups)
		if m > matched {
			matched, found = m, f
		}
		if matched == len(groups) {
			break
		}
	}
	return matched, found
}

// rowIndexCell reports whether the number at [start, end) is the first cell of a
// markdown table's row under a "#" (or "No.", "Nr", "Index") header: the row's
// number, not a value.
func rowIndexCell(s string, start, end int) bool {
	ls := strings.LastIndexByte(s[:start], '\n') + 1
	if strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s[ls:start]), "|")) != "" ||
		!strings.HasPrefix(strings.TrimSpace(s[ls:start]), "|") ||
		!strings.HasPrefix(strings.TrimSpace(s[end:]), "|") {
		return false
	}
	// The table's header: the first of the "|" lines above.
	head := ""
	for i := ls; i > 0; {
		j := strings.LastIndexByte(s[:i-1], '\n') + 1
		line := strings.TrimSpace(s[j : i-1])
		if !strings.HasPrefix(line, "|") {
			break
		}
		head, i = line, j
	}
	cells := strings.Split(strings.Trim(head, "|"), "|")
	return len(cells) > 1 && rowIndexHead.MatchString(strings.TrimSpace(cells[0]))
}

var rowIndexHead = regexp.MustCompile(`(?i)^(?:#|no\.?|nr\.?|n[º°]|index|idx)$`)
