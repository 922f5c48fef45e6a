package vlrubric

import (
	"github.com/vlbench/vlbench/internal/answer"
	"regexp"
	"strings"
)

// This file turns a model's raw answer into the plain text the scorers read: the
// reasoning block goes, markdown and LaTeX markup go, the content stays.

// FinalAnswer returns the part of a reasoning model's answer that is scored (see
// answer.Final, which stdsets shares): closed <think> blocks go, and an unclosed one
// takes everything after it.
func FinalAnswer(s string) string { return answer.Final(s) }

var (
	latexWrap   = regexp.MustCompile(`\\(?:boxed|text|textbf|textit|mathrm|mathbf|mathit|operatorname|emph|fbox)\s*\{([^{}]*)\}`)
	latexFrac   = regexp.MustCompile(`\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}`)
	latexDelim  = regexp.MustCompile(`\\[\(\)\[\]]`)
	mathNumber  = regexp.MustCompile(`\$(-?\d+(?:\.\d+)?)\$`)
	mathDollars = regexp.MustCompile(`\$\$([^$]*)\$\$|\$([^\d\s$][^$\n]*?)\$`)
	dollarX     = regexp.MustCompile(`\$(\d+[a-zA-Z])`)
	dollarClose = regexp.MustCompile(`(\S)\$([^\d]|$)`)
	latexCmd    = regexp.MustCompile(`\\([a-zA-Z]+)`)
	mdRule      = regexp.MustCompile(`(?m)^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	mdHeading   = regexp.MustCompile(`(?m)^\s{0,3}#{1,6}\s*`)
	mdQuote     = regexp.MustCompile(`(?m)^\s*>\s+`)
	mdBullet    = regexp.MustCompile(`(?m)^\s*[-*+•]\s+`)
	mdNumbered  = regexp.MustCompile(`(?m)^\s*\d{1,2}[.)]\s+`)
	mdEmphasis  = regexp.MustCompile(`\*\*|__|~~|\x60+`)
	struckOut   = regexp.MustCompile(`~~[^~\n]{1,200}~~\s?`)
	mdStar      = regexp.MustCompile(`(^|[\s(])\*([^*\s][^*\n]*?)\*`)
	spaces      = regexp.MustCompile(`[ \t]+`)
)

var latexSymbols = map[string]string{
	"times": "×", "cdot": "·", "div": "÷", "rightarrow": "→", "to": "→", "Rightarrow": "→",
	"implies": "→", "longrightarrow": "→", "xrightarrow": "→", "mapsto": "→", "leadsto": "→", "Longrightarrow": "→", "gt": ">", "lt": "<",
	"geq": "≥", "leq": "≤", "ge": "≥", "le": "≤", "neq": "≠", "ne": "≠", "quad": " ",
	"qquad": " ", "left": "", "right": "", "checkmark": "✓", "pm": "±", "approx": "≈",
}

var charReplacer = strings.NewReplacer(
	"\u2212", "-", "\u2013", "-", "\u2014", " — ", "\u00a0", " ", "\u202f", " ",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u00ab", `"`, "\u00bb", `"`, "\u300c", `"`, "\u300d", `"`, "\u2018", "'", "\u2019", "'", "\u2032", "'",
	"-->", "→", "->", "→", "=>", "→", "⇒", "→", "⟹", "→", "⟶", "→", "➜", "→", "➔", "→",
	"&gt;", ">", "&lt;", "<", "&amp;", "&", "\\,", " ", "\\;", " ", "\\!", "", "\\ ", " ",
	"\\{", "{", "\\}", "}", "\\$", "$", "\\%", "%", "\r\n", "\n",
)

// Plain returns the answer as plain text for matching: markdown emphasis, headings,
// quotes, list bullets, code ticks and table rules are removed (table cells stay,
// separated by "|"); LaTeX delimiters go, \boxed{4}, \text{..} and the like keep
// their content, \frac{a}{b} becomes a/b, \times, \to and friends become symbols;
// typographic quotes, dashes and arrows ("->", "=>", "⇒") are unified ("→"). A "$"
// followed by a digit is kept: it is currency.
func Plain(s string) string {
	s = foldWidth(s)
	s = struckOut.ReplaceAllString(s, "") // "a = ~~2~~ 3": what is struck out is taken back
	s = charReplacer.Replace(s)
	for i := 0; i < 4; i++ { // nested \boxed{\text{..}}
		s = latexWrap.ReplaceAllString(s, "$1")
		s = latexFrac.ReplaceAllString(s, "$1/$2")
	}
	s = latexDelim.ReplaceAllString(s, " ")
	s = mathNumber.ReplaceAllString(s, "$1") // $4$ is math, not four dollars
	s = mathDollars.ReplaceAllString(s, "$1$2")
	s = dollarX.ReplaceAllString(s, "$1")
	s = dollarClose.ReplaceAllString(s, "$1$2")
	s = latexCmd.ReplaceAllStringFunc(s, func(m string) string {
		if r, ok := latexSymbols[m[1:]]; ok {
			return " " + r + " "
		}
		return m[1:] + " "
	})
	s = strings.NewReplacer("{", "", "}", "").Replace(s)
	s = mdRule.ReplaceAllString(s, "")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "")
	s = mdBullet.ReplaceAllString(s, "")
	// "1. " starts a numbered list only where there is a list: a terse "25. B." keeps
	// its number.
	if len(mdNumbered.FindAllStringIndex(s, 2)) > 1 {
		s = mdNumbered.ReplaceAllString(s, "")
	}
	s = mdStar.ReplaceAllString(s, "$1$2")
	s = spaces.ReplaceAllString(s, " ")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// compact lower-cases s and removes all white space, for comparing expressions
// ("2x+5=13" against "2x + 5 = 13").
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// clip shortens s for evidence.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "..."
	}
	return s
}

// foldWidth writes full-width Latin letters and digits ("Ｈｅｌｌｏ １２３", as Chinese
// and Japanese models sometimes answer) as ASCII. Full-width punctuation stays: the
// Chinese vocabulary reads it (lexicon.go).
func foldWidth(s string) string {
	if !strings.ContainsFunc(s, isWideAlnum) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isWideAlnum(r) {
			return r - 0xFEE0
		}
		return r
	}, s)
}

func isWideAlnum(r rune) bool {
	return r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ'
}
