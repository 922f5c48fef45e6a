package vlrubric

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	tokenRe  = regexp.MustCompile(`[\pL\pN]+`)
	quotedRe = regexp.MustCompile(`"([^"\n]+)"|(?:^|\s)'([^'\n]+)'(?:\s|$|[.,;:!?])`)
	// moreTextRe is a claim of content beside the line: another line, a logo, a
	// watermark. Negated ("no other text") it invents nothing.
	moreTextRe = regexp.MustCompile(`(?i)\b(?:also|additional|another|second|smaller|more|extra|other|below it|beneath it|underneath|above it)\W+(?:[\pL-]+\W+){0,4}?(?:text|lines?|words?|caption|label|subtitle|heading|logo|watermark|signature|icon|stamp|symbol|graphic|picture|drawing|border|frame|emoji)\b|\b(?:two|three|four|2|3|4|multiple|several)\s+(?:lines|rows)\b`)
	hedgeRe    = regexp.MustCompile(`(?i)\b(?:may|might|maybe|possibly|perhaps|probably|could(?: also)? be|seems?|appears? (?:to|that)|it appears|not sure|unsure|hard to (?:make out|read|tell|see)|unclear|too (?:light|faint|small) to)\b`)
	// undecidedRe leaves the answer open: readings offered as equal, the outcome said
	// to depend on intent ("both interpretations are reasonable", "it depends on the
	// specification", "4 squares is also possible"). The experts give half of the
	// answer's criterion when the truth is among them (dev 681, 682, 441).
	undecidedRe     = regexp.MustCompile(`(?i)\b(?:both|either)\s+(?:interpretations?|readings?|answers?|options?|possibilities|routes?|paths?)\s+(?:are\s+|is\s+|seems?\s+|could\s+be\s+)?(?:equally\s+)?(?:reasonable|possible|plausible|valid|likely|defensible)\b|\b(?:it|this|that|everything|all)\s+depends\b|\b(?:outcome|answer|result|verdict|conclusion)\s+depends\s+on\b|\bdepends\s+on\s+(?:how|what|whether|the\s+(?:exact\s+)?(?:spec\w*|intent\w*|interpretation|context|requirements?))\b|\b(?:is|are)\s+also\s+(?:possible|plausible|reasonable|valid|intended)\b|\btwo\s+possible\s+(?:interpretations|readings|answers|outcomes|paths|routes)\b|\bwithout\s+(?:additional|more|further)\s+(?:context|information)\b`)
	textNoun        = regexp.MustCompile(`(?i)\b(?:text|letters?|font|written|writing|ink|characters?|words?|type(?:face|d)?|lettering)\b`)
	backgroundAfter = regexp.MustCompile(`^\W*(?:[\pL-]+\W+)?(?:background|image|picture|canvas|page|backdrop|surface|margins?|space)`)
	// ordinalWordRe is a word of the line named by its place: "the second word".
	ordinalWordRe = regexp.MustCompile(`(?i)\b(?:first|second|third|last|other)\W+(?:word|letter|digit|character)s?$`)
	// offerRe is a sign-off offering more help, which says nothing of the image.
	offerRe = regexp.MustCompile(`(?i)\b(?:i can also|i could also|i can help|if you(?:'d| would) like|if you need|let me know|happy to help)\b`)
	// meaningBefore ends the words that introduce a translation of the text.
	meaningBefore = regexp.MustCompile(`(?i)\b(?:means|meaning|signifie|significa|bedeutet|translates?\s+(?:to|as)|translated\s+(?:to|as)|in (?:english|french|german|spanish))\W*$`)
	// onBackgroundRe is "black on a white background": the colour of what lies on
	// it. Spanish "sobre" and Italian "su" reach here as the lexicon's "envelope" and
	// "its" (toEnglish knows one sense of a word).
	onBackgroundRe = regexp.MustCompile(`(?i)^\W*(?:on|over|against|sur|sobre|envelope|su|its|auf)\W`)
	// tableKeyBefore is a markdown table row's first cell before its value.
	tableKeyBefore   = regexp.MustCompile(`^\s*\|\s*([^|\n]+?)\s*\|\s*(?:\*\*)?$`)
	backgroundBefore = regexp.MustCompile(`(?:background\s*(?:is|of|:|colou?r(?:ed)?|in)?|\bon(?:\s+the|\s+an?)?)\s*(?:a\s+|plain\s+|solid\s+|clean\s+)*$`)
	// lineKeyRe is a JSON key whose value is a line of the text.
	lineKeyRe = regexp.MustCompile(`(?i)^(?:text|texts|line|lines|content|transcription|ocr|words?|caption|value)$`)
	// jsonKeyBefore is the key of a JSON string value: "font_color": "black".
	jsonKeyBefore = regexp.MustCompile(`"([\w .-]+)"\s*:\s*"?$`)
	colourRe      = regexp.MustCompile(`(?i)\b(?:red|blue|green|yellow|orange|purple|pink|brown|gr[ae]y|white|black|violet|cyan|magenta|gold(?:en)?|silver|navy|teal)\b`)
)

type token struct {
	text       string
	start, end int
}

func tokens(s string) []token {
	var out []token
	for _, m := range tokenRe.FindAllStringIndex(s, -1) {
		out = append(out, token{s[m[0]:m[1]], m[0], m[1]})
	}
	return out
}

// readTokens is tokens with every number written in words merged into one token of
// digits: "one hundred twenty-three" reads as "123".
func readTokens(s string) []token {
	words := wordNumbers(s)
	var out []token
	wi := 0
	for _, tk := range tokens(s) {
		for wi < len(words) && words[wi].End <= tk.start {
			wi++
		}
		if wi < len(words) && tk.start >= words[wi].Start && tk.end <= words[wi].End {
			if tk.start == words[wi].Start {
				out = append(out, token{strconv.Itoa(int(words[wi].Value)), words[wi].Start, words[wi].End})
			}
			continue
		}
		out = append(out, tk)
	}
	return out
}

// transcription is the part of an answer taken as its reading of the line, aligned
// token by token with the truth.
type transcription struct {
	span    Span
	quoted  bool
	toks    []token // the candidate's tokens
	aligned []int   // per truth token: index into toks, or -1
	exact   []bool  // per truth token: the aligned token is the truth's (case aside)
	matched int
}

// alignLine finds the truth's tokens in order in toks (case-insensitively, numbers in
// digits or words) and puts a misread token in the slot of each truth token that is not
// found but whose neighbours are.
func alignLine(want, toks []token) transcription {
	tr := transcription{toks: toks, aligned: make([]int, len(want)), exact: make([]bool, len(want))}
	pos, limit := 0, len(toks)
	for j, w := range want {
		tr.aligned[j] = -1
		for i := pos; i < len(toks) && i < limit; i++ {
			if strings.EqualFold(toks[i].text, w.text) {
				tr.aligned[j], tr.exact[j], pos = i, true, i+1
				limit = pos + 6 // the next token stands close by
				tr.matched++
				break
			}
		}
	}
	for j := range want {
		if tr.aligned[j] >= 0 {
			continue
		}
		slot := -1
		switch {
		case j > 0 && tr.aligned[j-1] >= 0:
			slot = tr.aligned[j-1] + 1
		case j+1 < len(want) && tr.aligned[j+1] > 0:
			slot = tr.aligned[j+1] - 1
		}
		if slot >= 0 && slot < len(toks) && !contains(tr.aligned, slot) {
			tr.aligned[j] = slot
		}
	}
	return tr
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// scoreText scores VL-T1-Q1 (simple OCR), token by token as RUBRIC.md's expert does.
//
// The transcription is the quoted span, line or sentence that holds most of the truth's
// words and numbers in order (numbers in digits or words); after a self-correction
// ("Actually, …") only the final claim is read.
//
//   - exact text match: 1 when every token is transcribed exactly (case aside) and no
//     punctuation is added between them; otherwise 0.75 × the share of tokens
//     transcribed exactly, where a hedge that names the right token among others
//     ("669, though it might be 699") counts it (so 2 of 3 is 0.5, a comma added is
//     0.75, a hedged number 0.75).
//   - correct capitalization: the share of the truth's words, among those the answer
//     wrote (exactly or misread in their place), written in the truth's case pattern
//     ("Worlds" for "World" is right; "WORLD" is not); 0 when it wrote none of them.
//   - no hallucinations: lost for content that is not in the image, never for a misread:
//     a claim of more text (another line, a logo, a watermark: "no other text" invents
//     nothing), a quoted line that is not the image's, words added inside the quoted
//     transcription, or a colour given to the text or the background that they do not
//     have. One invention costs the criterion, a hedged one ("there may also be") half.
//     0 when nothing of the text was transcribed.
//
// ocrMetaRe is an OCR result's metadata: a box of coordinates, a confidence, or a
// bracket that names them.
var ocrMetaRe = regexp.MustCompile(`(?i)\[\s*\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?){3}\s*\]|\(\s*(?:0?\.\d+|\d{1,3}(?:\.\d+)?\s*%)\s*\)|\([^()\n]*\b(?:bbox|box|conf(?:idence)?|score|prob(?:ability)?)\b[^()\n]*\)`)

func scoreText(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	// An OCR listing's metadata is no text of the image: its boxes and confidences
	// ("- "Little" [118, 62, 298, 126] (0.98)", "• Open (bbox: 128, 68, …; conf 0.96)")
	// are blanked (kept as spaces, so offsets stand) before the reading is sought.
	plain := ocrMetaRe.ReplaceAllStringFunc(a.plain, func(m string) string { return strings.Repeat(" ", len(m)) })
	if t.Text == nil || strings.TrimSpace(t.Text.Text) == "" {
		return nil, errNoTruth(t, "Text")
	}
	want := tokens(t.Text.Text)
	from := finalClaim(plain)

	// Candidates: quoted spans, then lines and sentences; the final claim's first.
	type cand struct {
		span   Span
		quoted bool
	}
	var cands []cand
	for _, m := range quotedRe.FindAllStringSubmatchIndex(plain, -1) {
		i := 2
		if m[2] < 0 {
			i = 4
		}
		if end := m[i+1]; strings.HasPrefix(strings.TrimLeft(plain[end:], `"' `), ":") {
			continue // a JSON key
		}
		cands = append(cands, cand{Span{plain[m[i]:m[i+1]], m[i], m[i+1]}, true})
	}
	for _, sp := range sentences(plain) {
		cands = append(cands, cand{sp, false})
		// "The text reads Yellow Wood 128": the words after the cue are the reading.
		if m := readCue.FindStringIndex(sp.Text); m != nil && m[1] < len(sp.Text) {
			tail := strings.TrimRight(sp.Text[m[1]:], ".!")
			cands = append(cands, cand{Span{tail, sp.Start + m[1], sp.Start + m[1] + len(tail)}, false})
		}
	}
	// A line given one word per line ("North\nMeadow\n740"): the run of short lines.
	runStart, runEnd, runLen := -1, -1, 0
	flush := func() {
		if runLen >= 2 {
			cands = append(cands, cand{Span{plain[runStart:runEnd], runStart, runEnd}, false})
		}
		runStart, runLen = -1, 0
	}
	for off := 0; off < len(plain); {
		e := strings.IndexByte(plain[off:], '\n')
		if e < 0 {
			e = len(plain) - off
		}
		line := plain[off : off+e]
		if f := strings.Fields(line); len(f) >= 1 && len(f) <= 2 {
			if runStart < 0 {
				runStart = off + strings.Index(line, f[0])
			}
			runEnd, runLen = off+strings.LastIndex(line, f[len(f)-1])+len(f[len(f)-1]), runLen+1
		} else {
			flush()
		}
		off += e + 1
	}
	flush()
	// A correction that only explains a reading already given ("North Bridge ~~316~~
	// 318 (Correction: the last digit … reads 318 rather than 316)") restates no line:
	// the reading before it stands.
	if from > 0 {
		restates := false
		for _, c := range cands {
			if c.span.End > from && 2*alignLine(want, readTokens(c.span.Text)).matched >= len(want) {
				restates = true
				break
			}
		}
		if !restates {
			from = 0
		}
	}
	var best transcription
	bestScore := -1
	misreadAll := false
	for _, c := range cands {
		if c.span.End <= from && from > 0 {
			continue
		}
		toks := readTokens(c.span.Text)
		for i := range toks {
			toks[i].start += c.span.Start
			toks[i].end += c.span.Start
		}
		tr := alignLine(want, toks)
		tr.span, tr.quoted = c.span, c.quoted
		score := 2 * tr.matched
		if c.quoted {
			score++ // a quoted reading is the model's transcription
		}
		if tr.matched > 0 && score > bestScore {
			best, bestScore = tr, score
		}
	}
	if best.matched == 0 {
		// Nothing read right: a transcription whose every token is misread in place
		// ("Night Wood 770" for "Bright World 110") is still the model's reading, with
		// its case to judge and nothing invented by it.
		for _, c := range cands {
			if c.span.End <= from && from > 0 {
				continue
			}
			toks := readTokens(c.span.Text)
			if (c.quoted || strings.TrimSpace(c.span.Text) == strings.TrimSpace(plain) || readCue.MatchString(plain[max(0, c.span.Start-24):c.span.Start])) && sameShape(want, toks) {
				for i := range toks {
					toks[i].start += c.span.Start
					toks[i].end += c.span.Start
				}
				best = transcription{toks: toks, aligned: make([]int, len(want)), exact: make([]bool, len(want))}
				for j := range want {
					best.aligned[j] = j
				}
				best.span, best.quoted, misreadAll = c.span, c.quoted, true
				break
			}
		}
	}

	var res [3]CriterionResult
	n := len(want)
	if best.matched == 0 && !misreadAll {
		res[0] = cr(0, "none of the words of %s found", quote(t.Text.Text))
		res[1] = cr(0, "no word of the text written, so no case to judge")
		res[2] = cr(0, "nothing of the text transcribed, nothing to check")
		return res[:], nil
	}

	// Exact text match.
	final := plain[from:]
	hedged := false
	if best.matched < n && hedgeRe.MatchString(final) {
		// A hedge that names the missing token among its alternatives.
		for j, w := range want {
			if !best.exact[j] {
				if _, ok := findKeyword(final, w.text); ok {
					hedged = true
				} else if v, err := strconv.Atoi(w.text); err == nil {
					for _, num := range Numbers(final) {
						if num.Value == float64(v) {
							hedged = true
						}
					}
				}
			}
		}
	}
	alternative := ""
	if best.matched == n && hedgeRe.MatchString(final) {
		// Every token right, but a number offered with an alternative ("669, though
		// it might be 699") is a hedge that contains the truth.
		for j, w := range want {
			v, err := strconv.Atoi(w.text)
			if err != nil {
				continue
			}
			rest := plain[best.toks[best.aligned[j]].end:]
			for _, num := range Numbers(rest) {
				if negated(rest, num.Start) || rejected(rest, num.Start) {
					continue // 'it is not "387" or "331"': ruled out, not offered
				}
				if num.Value != float64(v) && len(strconv.Itoa(int(num.Value))) == len(w.text) {
					alternative = num.Text
				}
			}
		}
	}
	if best.matched == n && alternative == "" && hedgeRe.MatchString(final) {
		// Or a whole reading offered beside it that differs in one word ("it might be
		// "North Meadows 740" instead").
		rest := plain[best.toks[lastAligned(best)].end:]
		for _, m := range quotedRe.FindAllStringSubmatchIndex(rest, -1) {
			i := 2
			if m[2] < 0 {
				i = 4
			}
			q := tokens(rest[m[i]:m[i+1]])
			if len(q) != n || negated(rest, m[i]) || rejected(rest, m[i]) {
				continue
			}
			differ := 0
			for j, w := range want {
				if !strings.EqualFold(q[j].text, w.text) {
					differ++
				}
			}
			if differ == 1 {
				alternative = rest[m[i]:m[i+1]]
			}
		}
	}
	added := ""
	if best.matched == n {
		contiguous := true
		for j := 1; j < n; j++ {
			if best.aligned[j] != best.aligned[j-1]+1 {
				contiguous = false
			}
		}
		if contiguous {
			for j := 1; j < n; j++ {
				gotSep := plain[best.toks[best.aligned[j-1]].end:best.toks[best.aligned[j]].start]
				wantSep := t.Text.Text[want[j-1].end:want[j].start]
				if strings.Contains(gotSep, "\n") {
					continue // one word per line: the list's bullets and quotes are its layout
				}
				for _, r := range gotSep {
					if unicode.IsPunct(r) && !strings.ContainsRune(wantSep, r) && !strings.ContainsRune(`"“”„«»「」`, r) {
						added += string(r)
					}
				}
			}
		}
	}
	got := plain[best.toks[firstAligned(best)].start:best.toks[lastAligned(best)].end]
	switch {
	case best.matched == n && alternative != "":
		res[0] = cr(0.75, "every token of %s, but hedged with the alternative %s", quote(t.Text.Text), quote(alternative))
	case best.matched == n && added == "":
		res[0] = cr(1, "found %s", quote(got))
	case best.matched == n:
		res[0] = cr(0.75, "every token of %s, but punctuation added: %q", quote(t.Text.Text), added)
	case hedged:
		res[0] = cr(0.75*float64(best.matched+1)/float64(n), "%d of %d tokens exact in %s, one more named only in a hedge", best.matched, n, quote(got))
	default:
		res[0] = cr(0.75*float64(best.matched)/float64(n), "%d of %d tokens of %s transcribed exactly in %s", best.matched, n, quote(t.Text.Text), quote(got))
	}

	// Capitalisation, on the words the answer wrote.
	written, rightCase := 0, 0
	for j, w := range want {
		if !lettersRe.MatchString(w.text) || best.aligned[j] < 0 {
			continue
		}
		g := best.toks[best.aligned[j]].text
		if !strings.EqualFold(g, w.text) {
			continue // a misread word ("Yellow" for "Hello") shows no case of the text's
		}
		written++
		if g == w.text {
			rightCase++
		}
	}
	if written == 0 {
		res[1] = cr(0, "none of the text's words written, so no case to judge")
	} else {
		res[1] = cr(float64(rightCase)/float64(written), "%d of %d words written in the text's case (%s)", rightCase, written, quote(got))
	}

	// Inventions.
	var invented, hedgedInv []string
	note := func(what string, sentence string) {
		if hedgeRe.MatchString(sentence) {
			hedgedInv = append(hedgedInv, what)
		} else {
			invented = append(invented, what)
		}
	}
	sentenceOf := func(pos int) string {
		for _, sp := range sentences(plain) {
			if pos >= sp.Start && pos < sp.End {
				return sp.Text
			}
		}
		return ""
	}
	if best.quoted {
		for i, tk := range best.toks {
			if !contains(best.aligned, i) {
				invented = append(invented, "adds "+quote(tk.text)+" to the line")
			}
		}
	}
	inTruth := map[string]bool{}
	for _, w := range want {
		inTruth[strings.ToLower(w.text)] = true
	}
	for _, m := range quotedRe.FindAllStringSubmatchIndex(plain, -1) {
		i := 2
		if m[2] < 0 {
			i = 4
		}
		q := plain[m[i]:m[i+1]]
		if m[i] == best.span.Start || strings.HasPrefix(strings.TrimLeft(plain[m[i+1]:], `"' `), ":") || negated(plain, m[i]) {
			continue
		}
		if k := jsonKeyBefore.FindStringSubmatch(plain[max(0, m[i]-40):m[i]]); k != nil && !lineKeyRe.MatchString(k[1]) {
			continue // "font_color": "black": a property of the text, not a line of it
		}
		if meaningBefore.MatchString(plain[max(0, m[0]-60):m[0]]) {
			continue // "« Hello World » means « Bonjour le monde »": a translation
		}
		if len([]rune(strings.TrimSpace(q))) <= 1 || partOfTruth(q, want) || rejected(plain, m[i]) {
			continue // 'capital "L"': a letter of the text, not another line
		}
		if lettersRe.MatchString(q) && countIn(tokens(q), inTruth) == 0 {
			note("quotes another line "+quote(q), sentenceOf(m[i]))
		}
	}
	for _, m := range moreTextRe.FindAllStringIndex(plain, -1) {
		if ordinalWordRe.MatchString(plain[m[0]:m[1]]) || offerRe.MatchString(sentenceOf(m[0])) {
			continue // "the second word" of the line; "I can also translate the text"
		}
		if !negated(plain, m[0]) && !negationWord.MatchString(plain[m[0]:m[1]]) {
			note("claims "+quote(plain[m[0]:m[1]]), sentenceOf(m[0]))
		}
	}
	inLine := func(pos int) bool {
		return pos >= best.toks[firstAligned(best)].start && pos < best.toks[lastAligned(best)].end
	}
	for _, m := range colourRe.FindAllStringIndex(plain, -1) {
		c := strings.ToLower(plain[m[0]:m[1]])
		if inLine(m[0]) || negated(plain, m[0]) || inTruth[c] {
			continue
		}
		sent := sentenceOf(m[0])
		// What the colour is said of: a JSON value its key ("background": "white",
		// "font_color": "black"), prose the words around it.
		// A markdown table's row is a key and its value: "| Background | White |".
		var background, ink bool
		key, keyed := "", false
		if k := jsonKeyBefore.FindStringSubmatch(plain[max(0, m[0]-40):m[0]]); k != nil {
			key, keyed = k[1], true
		} else if k := tableKeyBefore.FindStringSubmatch(plain[lineStart(plain, m[0]):m[0]]); k != nil {
			key, keyed = k[1], true
		}
		if keyed {
			key = strings.ToLower(key)
			background = strings.Contains(key, "background") || strings.HasPrefix(key, "bg")
			ink = strings.Contains(key, "colo") || strings.Contains(key, "ink") || strings.Contains(key, "font") || strings.Contains(key, "text")
		} else {
			// The words around it on its line.
			after := strings.ToLower(plain[m[1]:min(len(plain), m[1]+30)])
			if i := strings.IndexAny(after, "\n|"); i >= 0 {
				after = after[:i]
			}
			before := strings.ToLower(plain[max(lineStart(plain, m[0]), m[0]-30):m[0]])
			background = backgroundAfter.MatchString(after) && !onBackgroundRe.MatchString(after) || backgroundBefore.MatchString(before)
			ink = textNoun.MatchString(sent)
		}
		switch {
		case background:
			if !sameColour(c, t.Text.Background) {
				note("gives the background as "+c, sent)
			}
		case ink && !sameColour(c, t.Text.Ink):
			note("gives the text the colour "+c, sent)
		}
	}
	switch {
	case len(invented) > 0:
		res[2] = cr(0, "invents: %s", strings.Join(invented, "; "))
	case len(hedgedInv) > 0:
		res[2] = cr(0.5, "a hedged invention: %s", strings.Join(hedgedInv, "; "))
	default:
		res[2] = cr(1, "transcription %s; nothing invented beside it", quote(got))
	}
	return res[:], nil
}

// readCue is the words that introduce a transcription: "The text reads …".
var readCue = regexp.MustCompile(`(?i)\b(?:reads?|says?|text is|is written)\s*[:"“'‘]?\s*`)

// sameColour reports whether colour word c names colour (the truth's), with "dark"
// shades of black and "grey"/"gray" as one.
func sameColour(c, colour string) bool {
	c, colour = strings.ToLower(c), strings.ToLower(colour)
	norm := func(s string) string { return strings.ReplaceAll(s, "gray", "grey") }
	return colour == "" || norm(c) == norm(colour)
}

// sameShape reports whether got has as many tokens as want, each a number where
// want's is one and a word where want's is a word.
// partOfTruth reports whether q is a piece of one of the text's tokens (a letter or a
// syllable of it, told apart in a breakdown).
func partOfTruth(q string, want []token) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	for _, w := range want {
		if strings.Contains(strings.ToLower(w.text), q) {
			return true
		}
	}
	return false
}

func sameShape(want, got []token) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		_, wn := strconv.Atoi(want[i].text)
		_, gn := strconv.Atoi(got[i].text)
		if (wn == nil) != (gn == nil) {
			return false
		}
	}
	return true
}

func firstAligned(tr transcription) int {
	for _, i := range tr.aligned {
		if i >= 0 {
			return i
		}
	}
	return 0
}

func lastAligned(tr transcription) int {
	last := 0
	for _, i := range tr.aligned {
		if i > last {
			last = i
		}
	}
	return last
}

var lettersRe = regexp.MustCompile(`\pL`)

func countIn(toks []token, set map[string]bool) int {
	n := 0
	for _, tk := range toks {
		if set[strings.ToLower(tk.text)] {
			n++
		}
	}
	return n
}

// lineStart is the offset of the start of the line that holds pos.
func lineStart(s string, pos int) int {
	return strings.LastIndexByte(s[:pos], '\n') + 1
}
