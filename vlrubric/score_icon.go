package vlrubric

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/vlbench/vlbench/fixtures"
)

// purposeRe finds a statement of what an icon is for.
var purposeRe = regexp.MustCompile(`(?i)\b(?:used (?:to|for)|stor(?:e|es|ed|ing|age)|kept|keeping|organi[sz](?:e|es|ing|ation)|holds?|holding|contains?|containing|keeps?|group(?:s|ing)?|open(?:s|ing)?|access(?:es|ing)?|navigat\w*|brows\w*|sav(?:e|es|ing)|file ?system|file manager|explorer|finder|locat\w+)\b`)

// scoreIcon scores VL-T1-Q3 (icon identification).
//
//   - correct identification: the object or one of its synonyms is asserted (named
//     and not negated: "not a briefcase, it's a folder" names the folder). 1 when only
//     right names are asserted, 0.5 when a wrong one (truth's Wrong list) is asserted
//     too ("a folder or a briefcase"), 0 otherwise.
//   - reasonable description: given only when the identification earned something;
//     1 when the answer says what the icon looks like (one of the truth's Features,
//     not negated: "tab", "yellow") or what it is for (a purpose phrase: "used to",
//     "store", "organize", "contains", "open", "navigate", "file system", ..., or
//     one of the truth's Meanings beside the name: "a lock, for security"); half for
//     each look the icon does not have (another hue, a text label, a part that is not
//     drawn: a sheet of paper sticking out, a key in the keyhole, an unread badge),
//     nothing for two.
func scoreIcon(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	it := t.Icon
	if it == nil || it.Object == "" {
		return nil, errNoTruth(t, "Icon")
	}
	var res [2]CriterionResult
	names := append([]string{it.Object}, it.Synonyms...)
	ident := plain
	if from := finalClaim(plain); from > 0 && (len(asserted(plain[from:], names...)) > 0 || len(asserted(plain[from:], it.Wrong...)) > 0) {
		ident = plain[from:] // a self-correction: its final claim is scored
	}
	if ident == plain {
		// Options weighed, then a conclusion that names only the object: the committed
		// answer ("**Conclusion:** the icon is a closed envelope").
		if from := conclusion(plain); from >= 0 {
			end := len(plain)
			if e := strings.Index(plain[from:], "\n\n"); e >= 0 {
				end = from + e
			}
			if c := plain[from:end]; len(asserted(c, names...)) > 0 && len(asserted(c, it.Wrong...)) == 0 && alternativeTo(c, names, it.Features) == "" {
				ident = c
			}
		}
	}
	right := asserted(ident, names...)
	wrong := asserted(ident, it.Wrong...)
	if len(wrong) > 0 {
		// "the lens area is plain, so it looks more like a hand mirror": a name that is
		// also a part of the icon, said beside another object, describes; it names nothing.
		kept := right[:0]
		for _, r := range right {
			if !containsFold(it.Features, r.Text) {
				kept = append(kept, r)
			}
		}
		right = kept
	}
	negRight := len(findAll(ident, names)) > 0 && len(right) == 0
	alt := ""
	if len(right) > 0 && len(wrong) == 0 {
		alt = alternativeTo(sentenceAt(ident, right[0].Start), names, it.Features)
	}
	leaning := len(right) > 0 && leanRe.MatchString(ident[max(0, right[0].Start-40):right[0].Start])
	switch {
	case len(right) > 0 && len(wrong) == 0 && alt == "":
		res[0] = cr(1, "names %s", quote(right[0].Text))
	case len(right) > 0 && leaning:
		res[0] = cr(0.75, "leans to %s but leaves %s open", quote(right[0].Text), quote(alt+firstText(wrong)))
	case len(right) > 0 && alt != "":
		res[0] = cr(0.5, "hedges between %s and %s", quote(right[0].Text), quote(alt))
	case len(right) > 0:
		res[0] = cr(0.5, "names %s but also %s", quote(right[0].Text), quote(wrong[0].Text))
	case len(wrong) > 0:
		res[0] = cr(0, "names %s, a confusion (want %s)", quote(wrong[0].Text), it.Object)
	case negRight:
		res[0] = cr(0, "mentions %s only negated", it.Object)
	default:
		res[0] = cr(0, "does not name %s or a synonym (%s)", it.Object, strings.Join(it.Synonyms, ", "))
	}
	if res[0].Fraction == 0 {
		// The object is wrong, but what the answer says it looks like may be true of the
		// icon: half for a true part of its shape ("the tab", "the V-shaped flap"), a
		// quarter for its colour alone, nothing for a description of something else.
		var shape, colour string
		for _, f := range asserted(ident, it.Features...) {
			if knownColors[strings.ToLower(f.Text)] != "" {
				colour = f.Text
			} else if shape == "" {
				shape = f.Text
			}
		}
		switch {
		case shape != "":
			res[1] = cr(0.5, "a wrong object, but a true feature of the icon: %s", quote(shape))
		case colour != "":
			res[1] = cr(0.25, "a wrong object; only its colour %s is the icon's", quote(colour))
		default:
			res[1] = cr(0, "no credit for describing a wrong or missing identification")
		}
		return res[:], nil
	}
	if from := finalClaim(plain); from > 0 && ident != plain {
		plain = plain[from:] // describe what was finally named
	}
	var ev []string
	if f := asserted(plain, it.Features...); len(f) > 0 {
		ev = append(ev, "looks: "+quote(f[0].Text))
	}
	if m := purposeRe.FindString(plain); m != "" {
		ev = append(ev, "purpose: "+quote(m))
	} else {
		// What it stands for, said beside the name ("A lock — it represents
		// security"); a meaning that is itself the identification ("Settings.") is none.
		for _, m := range asserted(plain, it.Meanings...) {
			if len(right) == 0 || m.Start != right[0].Start || ident != plain {
				ev = append(ev, "meaning: "+quote(m.Text))
				break
			}
		}
	}
	// Looks the icon does not have: a colour that is not its own, a text label (the
	// icons have none). Each costs half of the description.
	var errs []string
	// An invented part is one error with its colour ("a small blue sync badge").
	looks := plain
	if part, from, to := inventedIconPart(plain, it.Features); part != "" {
		errs = append(errs, "a part the icon does not have: "+quote(part))
		looks = plain[:from] + strings.Repeat(" ", to-from) + plain[to:]
	}
	if c := wrongIconColour(looks, it.Features); c != "" {
		errs = append(errs, "colour "+quote(c)+" is not the icon's")
	}
	if m := iconLabelRe.FindString(plain); m != "" {
		errs = append(errs, "a label the icon does not have: "+quote(m))
	}
	defer func() {
		if len(errs) > 0 && res[1].Fraction > 0 {
			f := res[1].Fraction * math.Pow(0.5, float64(len(errs)))
			if len(errs) >= 2 {
				f = 0
			}
			res[1] = cr(f, "%s; but %s", res[1].Evidence, strings.Join(errs, "; "))
		}
	}()
	switch {
	case len(ev) > 0:
		// A hedged identification is charged there only (shared 06): the description
		// is judged on its own.
		res[1] = cr(1, "%s", strings.Join(ev, "; "))
	default:
		// RUBRIC.md: "Folder." identifies the icon; its description gets half at most.
		res[1] = cr(0.5, "bare identification: no feature (%s) and no purpose stated", strings.Join(it.Features, ", "))
	}
	return res[:], nil
}

var (
	iconLabelRe  = regexp.MustCompile(`(?i)\b(?:labell?ed|says|reads|with the (?:word|text)|the word|text)\s*:?\s*["“'‘][^"”'’\n]{1,30}["”'’]`)
	backgroundRe = regexp.MustCompile(`(?i)^\W*(?:\pL+\W+){0,2}(?:background|backdrop|square|circle|tile|outline|border|lines?|stroke)\b`)
)

// wrongIconColour returns the first colour the answer gives the icon that is not one of
// its own (features holds the icon's colour names), or "". Colours of the background,
// its tile or its outline are not the icon's, and white, black and grey are its details'
// (lines, flaps, highlights, a padlock's metal shackle), so only another hue counts.
func wrongIconColour(s string, features []string) string {
	own := map[string]bool{}
	for _, f := range features {
		if c := knownColors[strings.ToLower(f)]; c != "" {
			own[c] = true
		}
	}
	if len(own) == 0 {
		return ""
	}
	for _, m := range colourWordsRe.FindAllStringIndex(s, -1) {
		w := strings.ToLower(s[m[0]:m[1]])
		c := knownColors[w]
		if c == "" || c == "white" || c == "black" || c == "gray" || own[c] || negated(s, m[0]) || backgroundRe.MatchString(s[m[1]:]) || tintBefore.MatchString(s[max(0, m[0]-8):m[0]]) {
			continue
		}
		return s[m[0]:m[1]]
	}
	return ""
}

// tintBefore marks a pale tint ("light blue interior"): a lens, a highlight, not the
// icon's colour.
var tintBefore = regexp.MustCompile(`(?i)\b(?:light|pale)[\s-]*$`)

var colourWordsRe = regexp.MustCompile(`(?i)\b[a-z]+\b`)

func findAll(s string, phrases []string) []Span {
	var out []Span
	for _, p := range phrases {
		out = append(out, findPhrase(s, p)...)
	}
	return out
}

var (
	leanRe   = regexp.MustCompile(`(?i)\b(?:most likely|probably|likely|almost certainly|i think|i believe|looks most like)\W+(?:\w+\W+){0,2}$`)
	orPairRe = regexp.MustCompile(`(?i)\b(?:an?\s+)?([\pL-]+),?\s+or\s+(?:maybe\s+|perhaps\s+|possibly\s+)?an?\s+([\pL-]+)`)
)

// alternativeTo returns the other object an answer offers beside a right name ("a file
// or a folder"), or "" when it offers none; synonyms, features and small words are not
// alternatives ("a folder or directory").
func alternativeTo(s string, names, features []string) string {
	isName := func(w string) bool {
		for _, n := range append(append([]string(nil), names...), features...) {
			f := strings.Fields(strings.ToLower(n))
			if len(f) == 0 {
				continue
			}
			for _, part := range strings.Split(w, "-") {
				if strings.EqualFold(strings.TrimSuffix(part, "s"), strings.TrimSuffix(f[len(f)-1], "s")) {
					return true // a name or its head noun ("file folder": folder; "password-protected")
				}
			}
		}
		return false
	}
	for _, m := range orPairRe.FindAllStringSubmatch(s, -1) {
		a, b := strings.ToLower(m[1]), strings.ToLower(m[2])
		switch {
		case isName(a) && !isName(b) && !smallWord(b):
			return b
		case isName(b) && !isName(a) && !smallWord(a):
			return a
		}
	}
	// "either an envelope (…) or a chevron button", "most likely a folder, though it
	// could also be a document wallet": the other option named in the sentence.
	var options []string
	for _, e := range eitherRe.FindAllStringIndex(s, -1) {
		window := s[e[1]:min(len(s), e[1]+160)]
		if i := strings.IndexAny(window, ".;"); i >= 0 {
			window = window[:i]
		}
		for _, m := range orOptionRe.FindAllStringSubmatch(window, -1) {
			options = append(options, m[1])
		}
	}
	for _, m := range couldAlsoRe.FindAllStringSubmatch(s, -1) {
		options = append(options, m[1])
	}
	for _, w := range options {
		if w = strings.ToLower(strings.Trim(w, `"“”'`)); w != "" && !isName(w) && !smallWord(w) {
			return w
		}
	}
	return ""
}

var (
	eitherRe    = regexp.MustCompile(`(?i)\beither\b`)
	orOptionRe  = regexp.MustCompile(`(?i)\bor\s+(?:an?\s+|the\s+)?["“]?([\pL/-]+)`)
	couldAlsoRe = regexp.MustCompile(`(?i)\b(?:could|might|may)\s+(?:also|just as well|equally)\s+be\s+(?:an?\s+|the\s+)?["“]?([\pL-]+)`)
)

func smallWord(w string) bool {
	switch w {
	case "the", "a", "an", "it", "this", "that", "more", "less", "so", "not", "other", "similar", "something", "anything":
		return true
	}
	return len(w) < 3
}

func firstText(sp []Span) string {
	if len(sp) == 0 {
		return ""
	}
	return sp[0].Text
}

// iconParts are the details an icon answer may add to what it sees: a sheet of paper in
// a folder, a key in a lock, a badge or a stamp on an envelope, a plus in a lens. Each
// group is one part; one whose word is among the icon's Features is drawn, so only the
// others are inventions.
var iconParts = []struct {
	words []string
	// placed: only said to stick out of the icon or sit on or in a named part counts
	// ("paper peeking out"); "a folder for documents" is what it holds, not what it shows.
	placed bool
	re     *regexp.Regexp
}{
	{words: []string{"paper", "document", "sheet", "page"}, placed: true},
	{words: []string{"key"}},
	{words: []string{"badge", "notification", "counter"}},
	{words: []string{"stamp"}},
	{words: []string{"paperclip", "paper clip", "clip"}},
	{words: []string{"@", "at sign", "at symbol", "at-sign"}},
	{words: []string{"+", "plus sign", "plus symbol"}},
	{words: []string{"check mark", "checkmark", "tick"}},
	{words: []string{"star"}},
	{words: []string{"heart"}},
}

func init() {
	for i := range iconParts {
		var alts []string
		for _, w := range iconParts[i].words {
			if w == "@" || w == "+" {
				alts = append(alts, `["“']?`+regexp.QuoteMeta(w)+`["”']?(?:\s+(?:sign|symbol))?`)
				continue
			}
			alts = append(alts, `\b`+regexp.QuoteMeta(w)+`s?\b`)
		}
		iconParts[i].re = regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
	}
}

var (
	// partOutRe, after a part: it sticks out of the icon or sits in one of its places.
	partOutRe = regexp.MustCompile(`(?i)^[^.;\n]{0,40}?\b(?:(?:stick|peek|poke|jut|protrud|come|coming|pok)\w*\s+(?:out|up)|inserted|(?:in|inside|on|at|into)\s+(?:the\s+|its\s+)?(?:[\pL-]+\s+){0,2}(?:keyhole|corner|lens|cent(?:er|re)|middle|top|front|edge|lock|body|glass|flap))\b`)
	// partWithRe, before a part: the icon is said to have it.
	partWithRe = regexp.MustCompile(`(?i)\b(?:with|there(?:\s+is|'s|’s|\s+are)|has|have|shows?|showing|features?|featuring|displays?|displaying|extra:|plus|along with)\s+(?:an?\s+|one\s+|the\s+|some\s+|two\s+|a\s+couple\s+of\s+)?(?:[\pL-]+\s+){0,2}$`)
	// partUseRe, before a part: what the icon is for or done with ("opened with a key",
	// "stores documents", "new notifications").
	partUseRe = regexp.MustCompile(`(?i)\b(?:contain\w*|stor\w*|hold\w*|keep\w*|organi[sz]\w*|for|open\w*|unlock\w*|lock\w*|need\w*|requir\w*|send\w*|receiv\w*|new|unread|put|insert|file|like|as)\s+(?:\pL+\s+){0,2}$`)
)

// inventedIconPart returns the first part the answer says the icon has that it does not
// have (a sheet of paper sticking out of a folder, a key in the keyhole, an unread
// badge), or "", with the span of its noun phrase ("a small blue sync badge"). A part
// the icon's Features name is drawn; a negated one ("no key in it"), one that is only
// what the icon is for, and a word of a drawn part ("key hole") are no claims.
func inventedIconPart(s string, features []string) (part string, from, to int) {
	drawn := func(words []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return containsFold(features, w) })
	}
	for _, p := range iconParts {
		if drawn(p.words) {
			continue
		}
		for _, m := range p.re.FindAllStringIndex(s, -1) {
			before := s[max(0, m[0]-40):m[0]]
			if negated(s, m[0]) || partUseRe.MatchString(before) || keyholeRe.MatchString(s[m[0]:]) {
				continue
			}
			out := partOutRe.MatchString(s[m[1]:])
			if out || !p.placed && partWithRe.MatchString(before) {
				from = m[0]
				if d := determinerRe.FindAllStringIndex(before, -1); len(d) > 0 {
					from = m[0] - len(before) + d[len(d)-1][0]
				}
				return strings.TrimSpace(s[m[0]:m[1]]), from, m[1]
			}
		}
	}
	return "", 0, 0
}

var (
	keyholeRe    = regexp.MustCompile(`(?i)^key[\s-]+hole`)
	determinerRe = regexp.MustCompile(`(?i)\b(?:an?|the|with|some|one|two)\s`)
)

func containsFold(xs []string, s string) bool {
	return slices.ContainsFunc(xs, func(x string) bool { return strings.EqualFold(x, s) })
}
