package vlrubric

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/vlbench/vlbench/fixtures"
)

var (
	// bugDenialRe is an explicit claim that the code has no bug.
	bugDenialRe = regexp.MustCompile(`(?i)\bbugs?(?:[ _](?:found|present|exists|detected))?["']?\s*[:=]\s*(?:false|no|none)\b|\bhas[ _]bugs?["']?\s*[:=]\s*(?:false|no)\b|\b(?:no(?:\s+(?:obvious|apparent|real|actual|visible|logical|logic|functional|off[- ]by[- ]one|such|major|serious|critical))?\s+(?:bugs?|errors?|issues?|problems?)\b|(?:isn't|is not|aren't|are not|there's not|doesn't (?:have|contain)|does not (?:have|contain)|don't see|do not see|didn't find|did not find|can't (?:see|find|spot)|cannot (?:see|find|spot)|couldn't find|could not find)\s+(?:a|an|any)\s+(?:obvious\s+|apparent\s+)?(?:bugs?|errors?|issues?|problems?)\b|bug[\s-]free|(?:the\s+)?code\s+is\s+correct(?:\s+as\s+written)?\s*[.!]?\s*$|works (?:as intended|correctly|as expected|fine)|(?:bug|issue|problem)s?\?\s*(?:no|nope)\b)`)
	// remedyRe proposes a change to the code.
	remedyRe = regexp.MustCompile(`(?i)\b(?:should (?:be|read|use|start|loop|go|run|iterate|compare)|chang\w* (?:it |this |that |the [\w\s]{1,20})?to|replac\w*|remov\w*|drop(?:ping)? the|delet\w*|use|initiali[sz]e)\b|\bfix\w*\s*[:=]`)
	// consequenceRe states what goes wrong because of a bug.
	consequenceRe = regexp.MustCompile(`(?i)\b(?:so|because|means|result\w*|returns?|gives?|never|skips?|skipped|miss\w*|counts?|counted|wrong|too (?:high|low)|instead of|left out|ignored|excluded)\b`)
	// strongDenialRe is a verdict of no bug that no finding beside it undoes.
	strongDenialRe = regexp.MustCompile(`(?i)\b(?:(?:conclusion|verdict|summary|final answer)\s*:\s*no\b|(?:the\s+)?(?:function|code)\s+(?:correctly|properly)\s+(?:returns|computes|counts|finds|sums)|no real bugs?|(?:is|are|was)\s+(?:(?:usually|probably|likely|clearly|most likely)\s+)?(?:intentional|deliberate|by design|on purpose)|works (?:as intended|correctly|as expected)|(?:the )?(?:code|implementation|function) is correct|bugs?(?:[ _](?:found|present|exists|detected))?["']?\s*[:=]\s*false|(?:bugs?|issues?)\?\s*(?:no|nope)\b|i (?:don't|do not) see (?:a|any) bug)`)
	// bugSentenceRe marks a sentence that claims a bug, where bug keywords count.
	bugSentenceRe = regexp.MustCompile(`(?i)^\W*yes\b|\b(?:bugs?|issues?|problems?|errors?|wrong|should|fix\w*|incorrect\w*|off[\s-]by[\s-]one|skip\w*|miss\w*|never|instead|supposed|actually|revers\w*|backwards|invert\w*|fails?|breaks?|ignor\w*|exclud\w*|forg[eo]t\w*|not (?:checked|included|counted|compared|considered|visited|reached|examined|looked at)|left out|leaves? out|worth (?:double-)?checking|double-check\w*|change (?:it|this|that) to|but)\b`)
	// absentClaimRe claims that the code lacks a statement: "it never returns largest".
	absentClaimRe = regexp.MustCompile(`(?i)\b(?:never|doesn't|does not|no|missing(?: a)?|forgets? to|lacks?(?: a)?|without(?: a)?)\s+(return|returns|loop|for loop)\b(?:\s+(?:(?:anything|any value|a value|values?|numbers?)\s+)?(?:more|less|larger|smaller|bigger|higher|lower|greater|other)\b)?`)
	// fixContextRe introduces code the answer proposes rather than quotes.
	fixContextRe = regexp.MustCompile(`(?i)\b(?:should|change|replace|fix\w*|instead|correct(?:ed|ion)?|would be|to be|use|try|becomes?|rewrite|updated (?:version|code)|version|suggest\w*|simplif\w*|built-in|pythonic|idiomatic|concise\w*|cleaner|guard\w*|handl\w*|safer|robust\w*)\b`)
	inlineCodeRe = regexp.MustCompile("\x60([^\x60\n]+)\x60")
	// bugAffirmRe is a claim that there is a bug, without saying which.
	bugAffirmRe = regexp.MustCompile(`(?i)\b(?:yes\b|there(?:'s| is) (?:a|one) (?:subtle )?(?:bug|error|issue|problem)|(?:the|a) bug\b|bug:|off[\s-]by[\s-]one|is (?:buggy|incorrect|wrong))`)
	// causeRe names where the bug sits in the code.
	causeRe = regexp.MustCompile(`(?i)\b(?:line \d+|range|loop|len\(|index|iterat\w*|comparison|operator|condition|initiali[sz]\w*|accumulator|starts? (?:at|from)|upper bound|lower bound|boundary)`)
	// exampleRe is a concrete input that shows the bug.
	exampleRe = regexp.MustCompile(`\[\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)+\s*\]`)
	// purposeAntonyms are groups of purpose words; a group that shares no word with the
	// truth's purpose or bug keywords marks a misreading when asserted.
	purposeAntonyms = [][]string{
		{"largest", "maximum", "biggest", "greatest", "highest"},
		{"smallest", "minimum", "lowest"},
		{"average"},
		{"sorts", "sorted"},
		{"sum", "adds up", "summing"},
		{"counts", "number of"},
		{"product", "multiplies", "multiplying"},
		{"returns the index", "returns its index", "index of the largest", "index of the smallest", "index of the maximum", "index of the minimum", "position of the largest", "position of the smallest"},
	}
)

// scoreCode scores VL-T2-Q3 (what does this code do; is there a bug).
//
//   - correct code reading: 1 when a purpose keyword of the truth is asserted (not
//     negated: "returns the largest value"); 0.5 when a purpose of another kind is
//     asserted too ("smallest" for find_max, unless the bug itself is about it); 0
//     otherwise.
//   - bug identification: 1 when every bug keyword group of the truth matches within
//     two consecutive sentences of the prose (fenced code blocks, which often just
//     quote the image, do not count; each
//     group is alternatives: where and what, e.g. "last" and "never"/"skip"/"- 1") or
//     the answer gives the exact fix (white space ignored); 0.5 of that when it also
//     says there is no bug ("there is no bug" alone earns 0); otherwise half the share
//     of groups matched, or 0.25 for a bare "yes, there is a bug".
//   - clear explanation: only when some of the actual bug was named (a keyword group
//     or the fix; a bare "yes, there is a bug" is not enough): a third
//     each for the cause (where in the code: the line, loop, range, index, comparison,
//     initialisation), the effect (every bug keyword group) and the remedy (the exact
//     fix, or a concrete failing input such as [1, 5, 9]). Length earns nothing.
func scoreCode(t fixtures.Truth, a answerText) ([]CriterionResult, error) {
	plain := a.plain
	ct := t.Code
	if ct == nil || len(ct.BugKeywords) == 0 {
		return nil, errNoTruth(t, "Code")
	}
	var res [3]CriterionResult
	var purposeHit string
	for _, g := range ct.PurposeKeywords {
		for _, kw := range g {
			for _, sp := range findAllKeyword(plain, kw) {
				if !negated(plain, sp.Start) {
					purposeHit = sp.Text
					break
				}
			}
			if purposeHit != "" {
				break
			}
		}
	}
	own := map[string]bool{}
	for _, gs := range [][][]string{ct.PurposeKeywords, ct.BugKeywords} {
		for _, g := range gs {
			for _, kw := range g {
				own[strings.ToLower(strings.TrimSpace(kw))] = true
			}
		}
	}
	var misread string
	for _, g := range purposeAntonyms {
		shared := false
		for _, w := range g {
			shared = shared || own[w] || own[strings.TrimSuffix(w, "s")]
		}
		if shared {
			continue
		}
		// Words inside code (a rewrite: `return sum(1 for x in xs if x > 0)`) name what
		// the code uses, not what it does.
		// "the position (index) of the largest": a short aside does not part the words.
		said := parenAsideRe.ReplaceAllString(Plain(inlineCodeRe.ReplaceAllString(fencedCode.ReplaceAllString(a.raw, "\n"), " ")), "")
		if a := asserted(said, g...); len(a) > 0 {
			misread = a[0].Text
			break
		}
	}
	if purposeHit != "" && misread != "" && identifierIn(ct.Code, purposeHit) && !purposePhrase(plain, purposeHit) {
		// "reads the count as a sum of positives": the purpose word is the code's own
		// variable ("count", "total", "largest"), so the purpose said is the misread.
		purposeHit = ""
	}
	switch {
	case purposeHit != "" && misread == "":
		res[0] = cr(1, "purpose: %s", quote(purposeHit))
	case purposeHit != "":
		res[0] = cr(0.5, "purpose %s, but also calls it %s", quote(purposeHit), quote(misread))
	case misread != "" && accumulator(misread) && accumulatorTruth(ct):
		res[0] = cr(0.5, "reads the loop but misreads what it accumulates: %s (want: %s)", quote(misread), ct.Purpose)
	case misread != "" && indexOfPurpose(misread, ct):
		// "returns the index of the largest" for find_max: what it looks for, read
		// right; what it returns, not (dev 315).
		res[0] = cr(0.5, "reads what it looks for, but says it returns its position: %s (want: %s)", quote(misread), ct.Purpose)
	case misread != "":
		res[0] = cr(0, "misreads the purpose as %s (want: %s)", quote(misread), ct.Purpose)
	default:
		res[0] = cr(0, "purpose not stated (want: %s)", ct.Purpose)
	}

	// A count with a test read as a count of everything ("counts how many elements
	// there are, like len()"): the loop read, its test not.
	if res[0].Fraction > 0.5 && strings.Contains(ct.Code, "if ") && strings.HasPrefix(ct.Function, "count") {
		if m := countAllRe.FindString(a.prose); m != "" && !negated(a.prose, strings.Index(a.prose, m)) {
			res[0] = cr(0.5, "reads the loop but not its test: %s (want: %s)", quote(m), ct.Purpose)
		}
	}
	// Code the answer quotes as the image's but the image does not have: a misread or
	// an invented line costs half of the code reading.
	quotes := misquotes(a.raw, ct)
	misquote := ""
	if len(quotes) > 0 {
		misquote = quotes[0]
	}
	if misquote != "" && res[0].Fraction > 0.5 {
		res[0] = cr(0.5, "purpose right, but quotes code the image does not have: %s", quote(misquote))
	}
	// An action the code does not take: "prints the running count" of a function
	// without print(), "sorts the list" without sort.
	for _, act := range codeActions {
		if strings.Contains(ct.Code, act.token) || res[0].Fraction <= 0.5 {
			continue
		}
		for _, m := range act.re.FindAllStringIndex(a.prose, -1) {
			if sen := sentenceAt(a.prose, m[0]); !negated(a.prose, m[0]) && !hedgeRe.MatchString(sen) && !hypotheticalRe.MatchString(sen) && !fixContextRe.MatchString(clauseBefore(a.prose, m[0])) {
				res[0] = cr(0.5, "purpose right, but says the code %s: it has no %s", quote(a.prose[m[0]:m[1]]), act.token)
				break
			}
		}
	}
	lines := strings.Count(strings.TrimRight(ct.Code, "\n"), "\n") + 1
	for _, m := range lineRefRe.FindAllStringSubmatch(a.prose, -1) {
		if n, _ := strconv.Atoi(m[1]); n > lines && res[0].Fraction > 0.5 {
			res[0] = cr(0.5, "purpose right, but refers to %s of a %d-line function", quote(m[0]), lines)
		}
	}
	absent := ""
	if m := absentClaimRe.FindStringSubmatch(a.prose); m != nil && strings.Contains(ct.Code, "return") && strings.HasPrefix(strings.ToLower(m[1]), "return") &&
		strings.HasSuffix(m[0], m[1]) { // ("can never return anything larger than 0" says what it returns)
		absent = m[0]
		if res[0].Fraction > 0.5 {
			res[0] = cr(0.5, "misreads the code: %s (the code has its return)", quote(absent))
		}
	}

	// Bug keywords are code fragments too ("range(1", "[0]"): they count only in
	// prose, not in a code block that quotes the image.
	// They count where the answer claims a bug: a description of the loop that happens
	// to hold them ("the last valid index is len(items) - 1") is not a finding.
	var claimed []string
	prev := false                    // the sentence before was a claim
	corrected := finalClaim(a.prose) // a self-correction: the claims after it stand
	bareYes := false                 // the claim before was a bare "yes, there is a bug"
	var lateClaims []string
	falseCrash := "" // an error claimed that the code cannot raise
	crashed := map[string]bool{}
	raises := sync.OnceValue(func() bool { return codeRaises(ct.Code) }) // run only for a claimed crash
	for _, sen := range sentences(a.prose) {
		// "There's no bug — range(len(xs) - 1) reaches the last index" defends the line:
		// its words are no finding. The sentence after a claim that gives its
		// consequence ("If every number is negative, … so it returns 0") goes on with it.
		t := claimOf(sen.Text)
		if corrected > 0 && sen.Start >= corrected && bugSentenceRe.MatchString(t) {
			lateClaims = append(lateClaims, t)
		}
		if crashRe.MatchString(t) && !emptyListRe.MatchString(t) && !hypotheticalRe.MatchString(t) && !noCrashRe.MatchString(t) && !raises() {
			// "range(1, len(data) + 1) … raises IndexError", "for [7] the last line
			// fails with UnboundLocalError": a crash the code cannot have (it runs on
			// any non-empty list); its words are no part of the bug.
			if falseCrash == "" {
				falseCrash = t
			}
			crashed[t] = true
			prev = false
			continue
		}
		// "Bug: Yes. The loop uses `range(len(data) - 1)`, which": the sentence after a
		// bare yes is the claim.
		if bugSentenceRe.MatchString(t) || prev && t != "" && (consequenceRe.MatchString(t) || bareYes) && !bugDenialRe.MatchString(t) {
			claimed = append(claimed, t)
			prev = true
			bareYes = bugSentenceRe.MatchString(t) && len(strings.Fields(t)) <= 5 && bugAffirmRe.MatchString(t) && !strings.HasPrefix(a.prose[min(sen.End, len(a.prose)):], "?")
			continue
		}
		prev, bareYes = false, false
	}
	matched, found := keywordGroupsNear(strings.Join(claimed, "\n"), ct.BugKeywords)
	if matched < len(ct.BugKeywords) {
		// Partial credit only where the answer claims a bug, and not in a claim about
		// another line ("`if data[i] > 0:` excludes zero": "exclud" is not this bug's).
		matched, found = 0, nil
		for _, sen := range sentences(a.prose) {
			if t := claimOf(sen.Text); bugSentenceRe.MatchString(t) && !otherLineClaim(ct, t) && !crashed[t] {
				if m, f := keywordGroups(t, ct.BugKeywords); m > matched {
					matched, found = m, f
				}
			}
		}
	}
	all := matched == len(ct.BugKeywords)
	otherLine := "" // a named bug elsewhere: no credit for saying there is one
	for _, c := range claimed {
		if otherLineClaim(ct, c) {
			otherLine = c
			break
		}
	}
	// The fixed line given as the line the image already has ("the loop goes `for i
	// in range(len(items))`" where it has len(items) - 1) is the line misread: the
	// answer proposes no fix of it, even where it writes it again (in a rewrite).
	fix := ct.Fix != "" && strings.Contains(compact(plain), fixCore(ct.Fix))
	for _, q := range quotes {
		if strings.Contains(compact(q), fixCore(ct.Fix)) {
			fix = false
		}
	}
	verdict := a.prose
	if from := finalClaim(verdict); from > 0 {
		verdict = verdict[from:] // a self-correction's final verdict
	}
	denial := ""
	for _, m := range bugDenialRe.FindAllStringIndex(verdict, -1) {
		// "Starting the loop at 1 is not a problem" beside the bug found rules out
		// another suspect: a denial of the bug is said of the code as a whole.
		if (all || fix) && scopedDenial(verdict, m[0]) && !strongDenialRe.MatchString(verdict[m[0]:m[1]]) {
			continue
		}
		denial = verdict[m[0]:m[1]]
		break
	}
	affirm := ""
	asked := questionsOut(verdict)
	for _, m := range bugAffirmRe.FindAllStringIndex(asked, -1) {
		if !negated(asked, m[0]) && !hedgeRe.MatchString(sentenceAt(asked, m[0])) {
			affirm = asked[m[0]:m[1]]
			break
		}
	}
	// "At first glance the comparison looks reversed … Actually, it reads <, so there
	// is no logic bug": a bug taken back.
	retracted := false
	if corrected > 0 && all {
		m, _ := keywordGroupsNear(strings.Join(lateClaims, "\n"), ct.BugKeywords)
		retracted = m < len(ct.BugKeywords)
	}
	verdictDenied := denial != "" && affirm == "" && (!all || retracted || strongDenialRe.MatchString(verdict))
	// A bug only hedged ("might be an off-by-one … if that is deliberate, the code is
	// fine") earns half.
	claims := strings.Join(claimed, " ")
	// (A hedge in a relative clause, "returns 0 — a value that may not even be in the
	// list", hedges that value, not the bug.)
	hedgedBug := (all || fix) && (affirm == "" && hedgeRe.MatchString(relativeHedgeRe.ReplaceAllString(claims, " ")) || undecidedRe.MatchString(verdict))
	wrongEndSaid, otherEnd := wrongEnd(ct, claims), ""
	if all || fix {
		otherEnd = otherEndToo(ct, claimed)
	}
	if verdictDenied && res[0].Fraction > 0.5 {
		// "No bug" because the code was misread: a test quoted as the code has it not
		// ("adds 1 whenever `items[i] > 0`" for >= 0), as the shared expert charges a
		// missing return that is there. Misjudging what a range covers ("the loop
		// covers every index") is the bug missed, charged there only (shared 04, 11).
		if frag := misquotedTest(a.raw, ct); frag != "" {
			res[0] = cr(0.5, "purpose right, but reads the test as %s", quote(frag))
		}
	}
	switch {
	case verdictDenied:
		res[1] = cr(0, "says there is no bug: %s (bug: %s)", quote(denial), ct.Bug)

	case absent != "" && !all && !fix:
		res[1] = cr(0, "claims a bug that is not there: %s (bug: %s)", quote(absent), ct.Bug)
	case (all || fix) && denial != "":
		res[1] = cr(0.5, "names the bug (%s) but also says %s", strings.Join(found, ", "), quote(denial))
	case hedgedBug:
		res[1] = cr(0.5, "names the bug (%s) only as a possibility", strings.Join(found, ", "))
	case wrongEndSaid != "" && (all || fix || pointsAtBugLine(ct, claimed)):
		res[1] = cr(0.5, "the right line, but the wrong element said to be missed: %s", quote(wrongEndSaid))
	case wrongEndSaid != "":
		// "the last value is never added" of a loop that starts at 1: a miss that does
		// not happen, and the bug's own words in it ("never") are no part of this bug.
		res[1] = cr(0, "claims a miss that does not happen: %s (bug: %s)", quote(wrongEndSaid), ct.Bug)
	case otherEnd != "":
		// "the first and the last element are skipped": the bug, and a false one beside
		// it (as a second, invented bug costs a quarter: shared 09).
		res[1] = cr(0.75, "names the bug, but also says the other end is missed: %s", quote(otherEnd))
	case all:
		res[1] = cr(1, "names the bug: %s", strings.Join(found, ", "))
	case fix:
		res[1] = cr(1, "gives the fix %s", quote(ct.Fix))
	case denial != "":
		res[1] = cr(0, "denies the bug: %s (bug: %s)", quote(denial), ct.Bug)
	case falseCrash != "" && !all && !fix:
		res[1] = cr(0, "claims an error the code cannot raise on a non-empty list: %s (bug: %s)", quote(falseCrash), ct.Bug)
	case pointsAtBugLine(ct, claimed):
		// "There is a bug: the loop uses range(1, len(values) - 1), which" and no more:
		// the line located, what it does not said (the experts' half).
		res[1] = cr(0.5, "points at the buggy line %q without saying what goes wrong", bugLineText(ct))
	case matched > 0:
		res[1] = cr(0.5*float64(matched)/float64(len(ct.BugKeywords)), "names part of the bug (%s); bug: %s", strings.Join(found, ", "), ct.Bug)
	case otherLine != "":
		res[1] = cr(0, "claims a bug on another line: %s (bug: %s)", quote(otherLine), ct.Bug)
	case affirm != "":
		res[1] = cr(0.25, "says there is a bug (%s) without naming it; bug: %s", quote(affirm), ct.Bug)
	default:
		res[1] = cr(0, "bug not identified (bug: %s)", ct.Bug)
	}

	if matched == 0 && !fix && strings.HasPrefix(res[1].Evidence, "points at the buggy line") {
		// "The loop uses `range(len(data) - 1)`, which" and no more: where the bug is
		// (the cause's quarter), not what it does (dev 479, 500, 508).
		res[2] = cr(0.25, "the cause located (%s), what goes wrong not said", quote(bugLineText(ct)))
		return res[:], nil
	}
	if matched == 0 && !fix || res[1].Fraction == 0 {
		res[2] = cr(0, "no credit for explaining a bug not found")
		return res[:], nil
	}
	// A change proposed that breaks the fixed code: elsewhere, a second and false bug
	// (shared 09, dev 664); on the buggy line, a fix that does not work (dev 45, 106).
	badFix, badLine := badChange(ct, a.raw)
	if badFix != "" && badLine != ct.BugLine && res[1].Fraction == 1 {
		res[1] = cr(0.75, "%s; but also a change on line %d that breaks the code: %s", res[1].Evidence, badLine, quote(badFix))
	}
	// The effect (what goes wrong) is half of a clear explanation; where in the code
	// (the cause) and the remedy (the exact fix, or a failing input) a quarter each.
	expl := 0.0
	var ev []string
	switch {
	case all:
		expl += 0.5
		ev = append(ev, "effect "+quote(strings.Join(found, " … ")))
	case fix && consequenceRe.MatchString(claims) && effectNamed(claims, ct.BugKeywords):
		// The fix with what goes wrong: the effect's words (the bug's last keyword
		// group: the last element, zeros, the largest) said; "negatives are counted
		// too" for a bug that counts zeros is a consequence, but not this bug's.
		expl += 0.5
		ev = append(ev, "effect "+quote(consequenceRe.FindString(claims)))
	default:
		ev = append(ev, "effect incomplete")
	}
	if m := causeRe.FindString(a.prose); m != "" || fix {
		if m == "" {
			m = ct.Fix // the fix points at the line
		}
		expl += 0.25
		ev = append(ev, "cause "+quote(m))
	} else {
		ev = append(ev, "no cause (line, loop, range, index, comparison)")
	}
	remedy := ""
	for _, sen := range sentences(a.prose) {
		if remedyRe.MatchString(sen.Text) && strings.ContainsAny(sen.Text, "()=<>[]-") {
			remedy = sen.Text
			break
		}
	}
	switch m := exampleRe.FindString(plain); {
	case fix:
		expl += 0.25
		ev = append(ev, "fix "+quote(ct.Fix))
	case remedy != "":
		expl += 0.25
		ev = append(ev, "remedy "+quote(remedy))
	case m != "":
		expl += 0.25
		ev = append(ev, "example "+quote(m))
	default:
		ev = append(ev, "no exact fix or failing example")
	}
	if badFix != "" && expl > 0.5 {
		expl = 0.5
		if badLine == ct.BugLine {
			ev = append(ev, "but the fix proposed does not work: "+quote(badFix))
		} else {
			ev = append(ev, "but advises a change that breaks the code: "+quote(badFix))
		}
	}
	if otherEnd != "" && expl > 0.5 {
		expl = 0.5
		ev = append(ev, "but explains a miss that does not happen: "+quote(otherEnd))
	}
	if bad := falseExample(ct, plain); bad != "" && expl > 0.5 {
		// "find_max([2, 7, 4]) returns 4": an example the code does not bear out (it
		// returns 7) explains wrongly, half at most (dev 204, 410).
		expl = 0.5
		ev = append(ev, "but a worked example the code does not bear out: "+quote(bad))
	}
	res[2] = cr(expl, "%s", strings.Join(ev, "; "))
	return res[:], nil
}

// findAllKeyword returns every match of a keyword (see findKeyword) in s.
func findAllKeyword(s, kw string) []Span {
	var out []Span
	for off := 0; off < len(s); {
		sp, ok := findKeyword(s[off:], kw)
		if !ok {
			break
		}
		sp.Start += off
		sp.End += off
		out = append(out, sp)
		off = sp.End
		if sp.End == sp.Start {
			off++
		}
	}
	return out
}

// misquotes returns every piece of code an answer gives as the image's that the image
// does not have: a statement line of a fenced block, or an inline `span` that the answer
// says the code sets or starts with, compared with white space removed. Code proposed as
// the fix (after "should be", "change to", "fixed version", …) and example calls are not
// quotes.
func misquotes(raw string, ct *fixtures.CodeTruth) []string {
	var out []string
	code := compact(ct.Code)
	// The fixed line, given as the code's own ("the image shows: … range(len(items))"
	// where it has range(len(items) - 1)), is a misread too.
	inCode := func(frag string) bool {
		return strings.Contains(code, compact(frag))
	}
	for _, m := range fencedCode.FindAllStringIndex(raw, -1) {
		// A JSON answer's "code" field quotes the line it speaks of ({"line": 3,
		// "code": "count = 1", …}); its "fix" field is the fix.
		for _, f := range jsonCodeFieldRe.FindAllStringSubmatch(raw[m[0]:m[1]], -1) {
			if statementRe.MatchString(f[1]) && !inCode(f[1]) {
				out = append(out, f[1])
			}
		}
		if fixContextRe.MatchString(raw[max(0, m[0]-80):m[0]]) {
			continue
		}
		for _, line := range strings.Split(raw[m[0]:m[1]], "\n") {
			line = strings.TrimSpace(strings.TrimLeft(strings.Trim(line, "\x60 "), "0123456789 |"))
			comment := ""
			if i := strings.Index(line, "  #"); i >= 0 {
				line, comment = strings.TrimSpace(line[:i]), line[i:] // the answer's own comment on the line
			} else if i := strings.Index(line, " # "); i >= 0 {
				line, comment = strings.TrimSpace(line[:i]), line[i:]
			}
			if fixContextRe.MatchString(comment) {
				continue // "if values[i] > largest:  # correct": the line as it should be
			}
			if !statementRe.MatchString(line) || strings.HasPrefix(line, ">>>") || strings.Contains(line, ct.Function+"(") && !strings.HasPrefix(line, "def") || exampleInputRe.MatchString(line) ||
				strings.HasPrefix(line, "def ") && !strings.HasPrefix(strings.TrimSpace(line[4:]), ct.Function+"(") {
				// (a def of another function, "def test_last_item_positive(self):", is the
				// answer's own test)
				continue // not a statement, or an example: a call, "numbers = [4, 7, 2, 9]"
			}
			if !inCode(line) {
				out = append(out, line)
			}
		}
	}
	// A walkthrough: list items, or a table's rows, that open with the code they
	// explain ("| 3 | `if not xs: return 0` | empty list → 0 |").
	for _, m := range tableCodeRe.FindAllStringSubmatch(raw, -1) {
		if statementRe.MatchString(m[1]) && !inCode(m[1]) {
			out = append(out, m[1])
		}
	}
	for _, m := range walkthroughRe.FindAllStringSubmatchIndex(raw, -1) {
		item := raw[m[2]:m[3]]
		if statementRe.MatchString(item) && !inCode(item) && !traceRe.MatchString(listIntro(raw, m[0])) {
			out = append(out, item)
		}
	}
	prose := fencedCode.ReplaceAllString(raw, "\n")
	for _, m := range inlineCodeRe.FindAllStringSubmatchIndex(prose, -1) {
		frag := prose[m[2]:m[3]]
		sent := sentenceAt(prose, m[0])
		// Said of the code as it is ("It sets `smallest = numbers[0]`"), a fragment
		// must be in the code: that it is the fix makes it a misread here.
		if literalStateRe.MatchString(frag) && strings.Contains(prose, ct.Function+"([") {
			continue // "starts with `largest = 3`" in a worked example: a value, not code
		}
		if (strings.Contains(frag, "=") || statementRe.MatchString(frag)) && describesRe.MatchString(sent) && !fixContextRe.MatchString(clauseBefore(prose, m[0])) && !strings.Contains(code, compact(frag)) {
			out = append(out, frag)
		}
	}
	// A line in quotes ("The for loop is written as \"for i in range(…)\""), and a
	// JSON answer's "code" field, are quotes of the code too.
	for _, m := range quotedLineRe.FindAllStringSubmatchIndex(prose, -1) {
		frag := strings.TrimSuffix(strings.TrimSpace(prose[m[2]:m[3]]), ":")
		sent := sentenceAt(prose, m[0])
		if statementRe.MatchString(frag) && !strings.HasPrefix(frag, "def ") && (describesRe.MatchString(sent) || strings.HasPrefix(strings.TrimSpace(prose[max(0, m[0]-12):m[0]]), `"code"`)) &&
			!fixContextRe.MatchString(prose[max(0, m[0]-60):m[0]]) && !strings.Contains(code, compact(frag)) {
			out = append(out, frag)
		}
	}
	// What a name is said to start at, and what is said to be returned: "`largest` is
	// initialized to `0`", "finally returns `largest, i`".
	for _, m := range initSaidRe.FindAllStringSubmatchIndex(prose, -1) {
		name, val := prose[m[2]:m[3]], prose[m[4]:m[5]]
		if identifierIn(ct.Code, name) && !fixContextRe.MatchString(prose[max(0, m[0]-40):m[0]]) && !strings.Contains(code, compact(name+"="+val)) {
			out = append(out, name+" = "+val)
		}
	}
	for _, m := range returnSaidRe.FindAllStringSubmatchIndex(prose, -1) {
		val := prose[m[2]:m[3]]
		named := false
		for _, w := range identWordRe.FindAllString(val, -1) {
			named = named || identifierIn(ct.Code, w) && w != ct.Function
		}
		if named && !fixContextRe.MatchString(sentenceAt(prose, m[0])) && !strings.Contains(code, compact("return "+val)) {
			out = append(out, "return "+val)
		}
	}
	return out
}

// clauseBefore is the text of pos's sentence before it: what introduces a piece of
// code ("it reads `…`, so the comparison is correct" is a quote, "should be `…`" a fix).
func clauseBefore(s string, pos int) string {
	from := max(0, pos-120)
	if i := strings.LastIndexAny(s[from:pos], ".!?\n"); i >= 0 {
		from += i + 1
	}
	return s[from:pos]
}

// relativeHedgeRe is a hedge inside a relative clause: "a value that may not be …".
var relativeHedgeRe = regexp.MustCompile(`(?i)\b(?:that|which|who)\s+(?:may|might|could)\b`)

// parenAsideRe is a short aside in brackets: " (index)".
var parenAsideRe = regexp.MustCompile(`\s*\([^()\n]{1,16}\)`)

// countAllRe says a function counts every element: the list's length.
var countAllRe = regexp.MustCompile(`(?i)\bhow many (?:elements|items|values|numbers|entries) (?:there are|are in|it (?:has|contains))\b|\b(?:number|count) of (?:all )?(?:the )?(?:elements|items|entries) (?:in|of) the (?:list|input|array)\b|\bsimilar to (?:the built-in )?len\b|\b(?:same as|like|equivalent to) (?:the built-in )?\x60?len\(|\b(?:length|size) of the (?:list|input|array)\b|\bcounts? (?:all|every|each) (?:the )?(?:elements?|items?|values?)\b|\bnombre d'éléments qu'elle contient\b`)

var (
	tableCodeRe     = regexp.MustCompile("(?m)^\\|\\s*\\d+\\s*\\|\\s*\x60([^\x60\n]+)\x60\\s*\\|")
	exampleInputRe  = regexp.MustCompile(`^\w+\s*=\s*\[\s*-?\d[-\d\s,]*\]`)
	jsonCodeFieldRe = regexp.MustCompile(`"(?:code|line_code|code_line|statement|snippet)"\s*:\s*"([^"\n]+)"`)
	quotedLineRe    = regexp.MustCompile(`["“]([^"“”\n]{4,80})["”]`)
	initSaidRe      = regexp.MustCompile("(?i)\x60(\\w+)\x60\\s+(?:is\\s+|gets\\s+)?(?:initiali[sz]ed|set|assigned)\\s+(?:to|as|with)\\s+\x60([^\x60\n]+)\x60")
	returnSaidRe    = regexp.MustCompile("(?i)\\b(?:it|function|code|finally|then)\\s+returns\\s+\x60([^\x60\n]+)\x60")
	identWordRe     = regexp.MustCompile(`[A-Za-z_]\w*`)
)

var (
	walkthroughRe = regexp.MustCompile("(?m)^\\s*(?:[-*•]|\\d{1,2}[.)])\\s*\x60([^\x60\n]+)\x60")
	statementRe   = regexp.MustCompile(`^(?:def |for |if |while |return\b|print\(|\w+(?:\[[^]]*\])?\s*[-+*/]?=[^=])`)
	describesRe   = regexp.MustCompile(`(?i)\b(?:loops (?:with|over|through|using)|loops\s+\x60|(?:is\s+)?written\s+as|reads|setting|starts by|begins by|initiali[sz]ing|assigning|is\s+declared\s+as|iterates (?:with|over|using)|sets|initiali[sz]es|assigns|declares|starts (?:with|at|from)|begins (?:with|at)|stores|checks|prints|calls|has the line|line \d+ (?:is|reads|says))\b`)
	lineRefRe     = regexp.MustCompile(`(?i)\blines?\s+(\d+)\b`)
)

// traceRe marks the line that opens a run of the code on an example input ("Let's trace
// `values = [4, 1, 8]`:"): the list under it gives the values the run takes, which are
// not quotes of the code.
var traceRe = regexp.MustCompile(`(?i)\b(?:trace|tracing|example|e\.g\.|for instance|suppose|step through|dry run|input|call(?:ing)?\s+\x60)|\[\s*-?\d`)

// listIntro returns the line before the list that holds pos: the last line above it that
// is not a list item.
func listIntro(s string, pos int) string {
	lines := strings.Split(s[:pos], "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || listItemRe.MatchString(l) {
			continue
		}
		return l
	}
	return ""
}

// questionsOut drops the sentences that are questions ("Is there a bug?").
func questionsOut(s string) string {
	var b strings.Builder
	for _, sen := range sentences(s) {
		if sen.End < len(s) && s[sen.End] == '?' {
			continue
		}
		b.WriteString(sen.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// accumulator reports whether a purpose word is of a function that accumulates over the
// list (a sum, a count): one read as the other still read the loop right.
func accumulator(w string) bool {
	w = strings.ToLower(w)
	return strings.HasPrefix(w, "sum") || strings.HasPrefix(w, "add") || strings.HasPrefix(w, "count") || w == "number of"
}

func accumulatorTruth(ct *fixtures.CodeTruth) bool {
	for _, g := range ct.PurposeKeywords {
		for _, kw := range g {
			if accumulator(kw) {
				return true
			}
		}
	}
	return false
}

// fixCore is the fix without its statement keyword and colon, white space removed:
// "if items[i] > 0:" is "items[i]>0", so that a fix quoted as an expression counts.
func fixCore(fix string) string {
	f := strings.TrimSpace(fix)
	for _, kw := range []string{"if ", "elif ", "while ", "for "} {
		f = strings.TrimPrefix(f, kw)
	}
	return compact(strings.TrimSuffix(strings.TrimSpace(f), ":"))
}

// comparisonRe is a test in code: "items[i] > 0", "x >= 0".
var comparisonRe = regexp.MustCompile(`[\w\]\)]\s*(?:>=|<=|==|!=|>|<)\s*[\w\[(-]`)

// misquotedTest returns an inline-code test the answer gives that the code does not have
// ("adds 1 whenever `items[i] > 0`" for a >= 0), or "".
func misquotedTest(raw string, ct *fixtures.CodeTruth) string {
	code := compact(ct.Code)
	prose := fencedCode.ReplaceAllString(raw, "\n")
	for _, m := range inlineCodeRe.FindAllStringSubmatchIndex(prose, -1) {
		// ("so it should be `if items[i] >= 0:`" proposes the test, it does not read it)
		if frag := prose[m[2]:m[3]]; comparisonRe.MatchString(frag) && !strings.Contains(code, compact(frag)) && !fixContextRe.MatchString(clauseBefore(prose, m[0])) {
			return frag
		}
	}
	return ""
}

// contrastRe turns a sentence from what it grants to what it claims.
var contrastRe = regexp.MustCompile(`(?i)\b(?:although|though|but|however|except|yet)\b`)

// claimOf is what a sentence claims about a bug: all of it, but of a sentence that
// denies one only what follows a contrast ("No obvious bugs, although the last element
// is never checked"), and nothing of one that defends the line ("There's no bug —
// range(len(xs) - 1) reaches the last index").
func claimOf(sen string) string {
	if defenseRe.MatchString(sen) && !bugAffirmRe.MatchString(sen) {
		return "" // "the loop covers every index up to the last element, so nothing is missed"
	}
	if defendedCodeRe.MatchString(sen) && inlineOrCallRe.MatchString(sen) && !proposalRe.MatchString(sen) && !bugAffirmRe.MatchString(sen) {
		return "" // "`range(len(data) - 1)` is correct; it keeps data[i] from raising an IndexError"
	}
	if !bugDenialRe.MatchString(sen) || bugAffirmRe.MatchString(sen) {
		return sen
	}
	if m := contrastRe.FindStringIndex(sen); m != nil {
		return sen[m[1]:]
	}
	return ""
}

// codeActions are things code does only by a call of its own: an answer that says
// the code does one it has not got misreads it. (Raising is not one: indexing an
// empty list raises without a raise.)
var codeActions = []struct {
	re    *regexp.Regexp
	token string
}{
	{regexp.MustCompile(`(?i)\b(?:it|function|code|loop)\s+(?:also\s+|then\s+)?prints?\b|\b(?:and|then)\s+prints?\b|\bprints (?:the|each|every|a|out)\b`), "print"},
	{regexp.MustCompile(`(?i)\b(?:it|function|code)\s+(?:first\s+|also\s+)?sorts?\b|\bsorts the (?:list|values|items|numbers|array)\b`), "sort"},
	// Changing the list needs a store into it ("data[i] = …"); returning None, a None.
	{regexp.MustCompile(`(?i)\b(?:modif(?:y|ies|ied|ying)|mutat(?:e|es|ed|ing)|alters?|overwrites?)\s+(?:the\s+)?(?:input\s+|original\s+|given\s+)?(?:list|array|data|values|items|numbers|nums|xs)\b|\b(?:in[ -]place|original \x60?\w+\x60? list has (?:been )?changed)\b`), "] ="},
	{regexp.MustCompile("(?i)\\b(?:returns|returning|devuelve|renvoie|gibt)\\s+\x60?None\\b"), "None"},
}

// defenseRe says the code misses nothing: the words of a bug ("missed", "last")
// said to defend it.
var defenseRe = regexp.MustCompile(`(?i)\blooks? (?:fine|correct|right|ok(?:ay)?) to me\b|\b(?:covers|reaches|visits|checks|includes|goes through)\s+(?:every|all|each)\b|\bnothing\b[^.;]*\b(?:is |gets )?(?:missed|skipped|left out)\b|\bno (?:element|value|item|index|number)s?\b[^.;]*\b(?:is |are |gets )?(?:missed|skipped|left out)\b`)

// defendedCodeRe calls code right: said of a fragment the answer quotes (claimOf), its
// words ("- 1", "never") are a defence of the line, not a finding.
var defendedCodeRe = regexp.MustCompile(`(?i)\b(?:is|are|looks|seems)\s+(?:(?:perfectly|actually|entirely|totally)\s+)?(?:correct|fine|right|ok|okay|intentional|deliberate|valid|safe)\b`)

// proposalRe puts forward a change: a fragment called right there is the fix, not a
// defence of the code.
var proposalRe = regexp.MustCompile(`(?i)\b(?:should|fix\w*|instead|chang\w*|replac\w*|would)\b`)

// literalStateRe is a variable's value in a trace: "largest = 7".
var literalStateRe = regexp.MustCompile(`^\s*[A-Za-z_]\w*\s*=\s*-?\d+(?:\.\d+)?\s*$`)

// wholeCodeRe opens a sentence said of the code as a whole: "There is no bug", "It
// works", "The function is correct", "No bugs".
var wholeCodeRe = regexp.MustCompile(`(?i)^\W*(?:\pL+,?\s+){0,2}?(?:there|it|this|that|the\s+(?:code|function|program|implementation|logic)|no|nope|i|overall|otherwise)\b`)

// scopedDenial reports whether the denial at pos is said of a part of the code ("Starting
// the loop at 1 is not a problem", "`values[0]` is not a bug"), not of the code.
func scopedDenial(s string, pos int) bool {
	sen := sentenceAt(s, pos)
	// ("Conclusion: after reconsidering, there is no off-by-one bug" is the verdict)
	return !wholeCodeRe.MatchString(sen) && !verdictLeadRe.MatchString(sen)
}

// verdictLeadRe opens the sentence that gives the answer's verdict.
var verdictLeadRe = regexp.MustCompile(`(?i)^\W*(?:conclusion|verdict|in summary|summary|overall|final answer)\b`)

// identifierIn reports whether word is a name in code (a variable or the function's).
func identifierIn(code, word string) bool {
	return cachedRegexp(`(?i)(?:^|[^\w])` + regexp.QuoteMeta(strings.ToLower(word)) + `(?:[^\w]|$)`).MatchString(strings.ToLower(code))
}

// purposePhrase reports whether word is said in plain as what the code finds ("the
// largest value", "the largest element"), not only as the variable's name.
func purposePhrase(plain, word string) bool {
	return cachedRegexp(`(?i)\b` + regexp.QuoteMeta(word) + `\s+(?:value|element|item|number|entry|one)s?\b`).MatchString(plain)
}

var (
	firstMissedRe = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:very\s+)?(?:first|initial|0th)\s+(?:element|item|value|index|number|entry)\b[^.;]{0,40}\b(?:skip\w*|miss\w*|never|ignor\w*|exclud\w*|not\s+(?:checked|compared|included|added|visited))|\b(?:skip\w*|miss\w*|ignor\w*|exclud\w*)\s+(?:over\s+)?(?:the\s+)?(?:very\s+)?(?:first|initial)\s+(?:element|item|value|index|number|entry)\b`)
	lastMissedRe  = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:very\s+)?(?:last|final)\s+(?:element|item|value|index|number|entry)\b[^.;]{0,40}\b(?:skip\w*|miss\w*|never|ignor\w*|exclud\w*|not\s+(?:checked|compared|included|added|visited))|\b(?:skip\w*|miss\w*|ignor\w*|exclud\w*)\s+(?:over\s+)?(?:the\s+)?(?:very\s+)?(?:last|final)\s+(?:element|item|value|index|number|entry)\b`)
)

// wrongEnd returns the claim that a range bug misses the other end of the list ("the
// first element is skipped" where the loop stops before the last), or "".
func wrongEnd(ct *fixtures.CodeTruth, claimed string) string {
	var truth, other *regexp.Regexp
	for _, kw := range ct.BugKeywords[0] {
		switch strings.ToLower(kw) {
		case "last", "final":
			truth, other = lastMissedRe, firstMissedRe
		case "first":
			truth, other = firstMissedRe, lastMissedRe
		}
	}
	if other == nil || truth.MatchString(claimed) {
		return ""
	}
	return other.FindString(claimed)
}

// bothEndsRe says the first and the last element are both missed.
var bothEndsRe = regexp.MustCompile(`(?i)\b(?:first|initial)\s+(?:and|&|as well as)\s+(?:the\s+)?(?:very\s+)?(?:last|final)\b[^.;]{0,40}\b(?:skip\w*|miss\w*|never|ignor\w*|exclud\w*|not\s+(?:checked|compared|included|added|visited))|\b(?:skip\w*|miss\w*|ignor\w*|exclud\w*)\s+(?:both\s+)?(?:the\s+)?(?:first|initial)\s+(?:and|&)\s+(?:the\s+)?(?:last|final)\b`)

// otherEndToo returns the claim that a range bug misses both ends of the list, where it
// misses one ("the loop skips the first and the last element"), or "".
func otherEndToo(ct *fixtures.CodeTruth, claimed []string) string {
	for _, kw := range ct.BugKeywords[0] {
		if k := strings.ToLower(kw); k == "last" || k == "first" {
			for _, c := range claimed {
				if m := bothEndsRe.FindString(c); m != "" {
					return m
				}
			}
			return ""
		}
	}
	return ""
}

var (
	// crashRe claims the code fails: an exception, an index out of range, a crash.
	crashRe = regexp.MustCompile(`(?i)\b(?:\w+Error|exception|out of (?:range|bounds)|crash\w*|raises?|throws?|fails? with)\b`)
	// noCrashRe denies a crash: "even when it doesn't crash", "without an error".
	noCrashRe = regexp.MustCompile(`(?i)(?:\b(?:not|never|no|without)|n't|n’t)\s+(?:an?\s+|any\s+)?(?:\w+\s+)?(?:crash\w*|rais\w*|throw\w*|fail\w*|error|exception)`)
	// emptyListRe names the empty list, on which every drawn function does fail.
	emptyListRe = regexp.MustCompile(`(?i)\bempty\s+(?:list|input|array|sequence|\x60)|\[\s*\]|\b(?:list|input|array|\w+\x60?)\s+is\s+empty\b|\bno elements?\b|\bzero[- ]length\b`)
)

// codeRaises reports whether the drawn code raises on a non-empty list (none of the
// rubric's functions does; only an empty list makes them fail), or cannot be run.
func codeRaises(code string) bool {
	for _, l := range [][]int{{3, 1, 2}, {5}, {2, -1, 4, 0}, {-3, 7}} {
		if _, ok, raised := runCodeRaised(code, l); raised || !ok {
			return true
		}
	}
	return false
}

// fixCueRe, before a piece of code, makes it what the line should be: "Fix: change the
// loop to …".
var fixCueRe = regexp.MustCompile(`(?i)\b(?:fix\w*|chang\w*\s+(?:[\w\x60]+\s+){0,4}?to|should\s+(?:be|read)|replac\w*|instead)\b`)

// bugLineText is the buggy line of the code as drawn, trimmed.
func bugLineText(ct *fixtures.CodeTruth) string {
	lines := strings.Split(ct.Code, "\n")
	if ct.BugLine < 1 || ct.BugLine > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[ct.BugLine-1])
}

// pointsAtBugLine reports whether a sentence that claims a bug quotes the buggy part of
// the buggy line ("range(1, len(values) - 1)", "smallest = 0", "count = 1").
func pointsAtBugLine(ct *fixtures.CodeTruth, claimed []string) bool {
	line := compact(strings.TrimSuffix(bugLineText(ct), ":"))
	if line == "" {
		return false
	}
	for _, c := range claimed {
		for _, ix := range inlineOrCallRe.FindAllStringIndex(c, -1) {
			if fixCueRe.MatchString(c[:ix[0]]) {
				continue // "Fix: change the loop to `…`": what the line should be, not a quote of it
			}
			if f := compact(strings.Trim(c[ix[0]:ix[1]], "`")); len(f) >= 5 && strings.Contains(line, f) && !strings.Contains(compact(ct.Fix), f) {
				return true
			}
		}
	}
	return false
}

// otherLineClaim reports whether a claim quotes a whole line of the code other than the
// buggy one, and nothing of the buggy one ("the condition if data[i] > 0: excludes
// zero" of a loop that stops early).
func otherLineClaim(ct *fixtures.CodeTruth, claim string) bool {
	c, other := compact(claim), false
	for i, line := range strings.Split(ct.Code, "\n") {
		l := compact(strings.TrimSuffix(strings.TrimSpace(line), ":"))
		if len(l) < 6 || !strings.Contains(c, l) {
			continue
		}
		if i+1 == ct.BugLine {
			return false
		}
		other = true
	}
	return other && !pointsAtBugLine(ct, []string{claim})
}

// inlineOrCallRe is a code fragment in prose: "range(1, len(values) - 1)", "count = 1".
var inlineOrCallRe = regexp.MustCompile("`[^`\n]+`|\\b\\w+\\([^()\\n]*(?:\\([^()\\n]*\\)[^()\\n]*)*\\)")

// effectNamed reports whether s names the bug's effect: its last keyword group.
func effectNamed(s string, groups [][]string) bool {
	if len(groups) == 0 {
		return true
	}
	n, _ := keywordGroups(s, groups[len(groups)-1:])
	return n == 1
}

// indexOfPurpose reports whether a misread purpose is the position of what the code
// looks for ("index of the largest" where it returns the largest).
func indexOfPurpose(misread string, ct *fixtures.CodeTruth) bool {
	m := strings.ToLower(misread)
	if !strings.Contains(m, "index") && !strings.Contains(m, "position") {
		return false
	}
	for _, g := range ct.PurposeKeywords {
		for _, kw := range g {
			if strings.Contains(m, strings.ToLower(kw)) {
				return true
			}
		}
	}
	return false
}
