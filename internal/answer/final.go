// Package answer holds what every scorer of model answers agrees on before it scores:
// which part of a raw answer is the final answer. vlrubric and stdsets both read
// answers through it, so a thinking model's answer is cut the same way everywhere.
package answer

import (
	"regexp"
	"strings"
)

var (
	thinkBlock = regexp.MustCompile(`(?is)<think(?:ing)?>.*?</think(?:ing)?>`)
	thinkOpen  = regexp.MustCompile(`(?i)<think(?:ing)?>`)
	thinkClose = regexp.MustCompile(`(?i)</think(?:ing)?>`)
)

// Final returns the part of a reasoning model's answer that is scored, trimmed:
//
//  1. every closed <think>…</think> (or <thinking>…</thinking>) block is removed;
//  2. text before a lone closing tag is removed (a chat template that opened the block
//     in the prompt, so the model's output starts inside it);
//  3. an opening tag that is never closed (the model ran out of tokens while thinking)
//     removes everything after it: such an answer has nothing after its reasoning.
//
// So "42 <think>wait" is "42", and "<think>a</think>b<think>c</think>d" is "bd".
func Final(s string) string {
	s = thinkBlock.ReplaceAllString(s, "")
	if loc := thinkClose.FindAllStringIndex(s, -1); len(loc) > 0 {
		s = s[loc[len(loc)-1][1]:]
	}
	if loc := thinkOpen.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimSpace(s)
}

// UnclosedThink reports whether s opens a reasoning block that it never closes: the
// mark of an answer cut off while the model was still thinking, where the server's
// finish reason is not known (a replayed file).
func UnclosedThink(s string) bool {
	s = thinkBlock.ReplaceAllString(s, "")
	if loc := thinkClose.FindAllStringIndex(s, -1); len(loc) > 0 {
		s = s[loc[len(loc)-1][1]:]
	}
	return thinkOpen.MatchString(s)
}
