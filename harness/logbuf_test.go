package harness

import (
	"fmt"
	"strings"
	"testing"
)

// since returns what came after a mark, and says how much of it the buffer dropped.
func TestLogBufferSince(t *testing.T) {
	l := newLogBuffer(16)
	fmt.Fprint(l, "one\ntwo\n")
	m := l.mark()
	fmt.Fprint(l, "three\n")
	if got, dropped := l.since(m); got != "three\n" || dropped != 0 {
		t.Errorf("since(%d) = %q, %d; want %q, 0", m, got, dropped, "three\n")
	}
	fmt.Fprint(l, "four five six\n") // 28 bytes written in all; the buffer keeps 16
	got, dropped := l.since(m)
	if want := "e\nfour five six\n"; got != want || dropped != 4 {
		t.Errorf("since(%d) after overflow = %q, %d; want %q, 4", m, got, dropped, want)
	}
	if got, _ := l.since(l.mark()); got != "" {
		t.Errorf("since(mark()) = %q, want nothing", got)
	}
}

// A failed test's excerpt keeps the last maxLogLines and says what it left out.
func TestLogExcerpt(t *testing.T) {
	var b strings.Builder
	for i := range maxLogLines + 5 {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	got := logExcerpt(b.String(), 7)
	if !strings.HasPrefix(got, "(7 bytes before these are no longer kept; 5 earlier lines not shown;") ||
		!strings.HasSuffix(got, fmt.Sprintf("line %d", maxLogLines+4)) || strings.Contains(got, "line 4\n") {
		t.Errorf("logExcerpt() = %.200q…", got)
	}
	if got := logExcerpt("", 0); got != "(nothing)" {
		t.Errorf("logExcerpt(empty) = %q", got)
	}
}
