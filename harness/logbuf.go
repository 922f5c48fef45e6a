package harness

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"time"
)

// logBuffer keeps the last max bytes of a child's output and remembers the last line that
// reads like an error, so a failed start can say why ("error loading model: …").
type logBuffer struct {
	mu      sync.Mutex
	max     int
	buf     []byte
	partial []byte
	lastErr string
	written int64     // bytes ever written; buf holds the last len(buf) of them
	grew    time.Time // when the last write came
}

func newLogBuffer(max int) *logBuffer { return &logBuffer{max: max} }

var errLineRE = regexp.MustCompile(`(?i)(error|failed|failure|abort|exception|assert|invalid|couldn't|cannot|unable|terminate)`)

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	l.written += int64(len(p))
	if len(p) > 0 {
		l.grew = time.Now()
	}
	if len(l.buf) > l.max {
		l.buf = append(l.buf[:0:0], l.buf[len(l.buf)-l.max:]...)
	}
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		line := strings.TrimSpace(string(l.partial[:i]))
		l.partial = l.partial[i+1:]
		if line != "" && errLineRE.MatchString(line) {
			l.lastErr = line
		}
	}
	if len(l.partial) > 64*1024 { // a runaway line: keep the tail only
		l.partial = append(l.partial[:0:0], l.partial[len(l.partial)-4096:]...)
	}
	return len(p), nil
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.buf)
}

// LastError is the last line that reads like an error, or the last line of output.
func (l *logBuffer) LastError() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lastErr != "" {
		return l.lastErr
	}
	s := strings.TrimSpace(string(l.buf))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

func (l *logBuffer) Contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Contains(l.buf, []byte(s))
}

// mark is how much has been written so far: since(mark) is what comes after.
func (l *logBuffer) mark() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.written
}

// lastWrite is when output last came; the zero time before any.
func (l *logBuffer) lastWrite() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.grew
}

// since returns what was written after mark, as much of it as the buffer still holds,
// and how many bytes of it the buffer no longer holds.
func (l *logBuffer) since(mark int64) (out string, dropped int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	first := l.written - int64(len(l.buf)) // the offset of buf[0]
	if mark < first {
		dropped, mark = first-mark, first
	}
	return string(l.buf[min(mark-first, int64(len(l.buf))):]), dropped
}

// settle waits until no output has come for quiet, at most max: the child writes its log
// through a pipe, so the lines about a request that just ended may still be on their way.
func (l *logBuffer) settle(quiet, max time.Duration) {
	for end := time.Now().Add(max); time.Now().Before(end); {
		if time.Since(l.lastWrite()) >= quiet {
			return
		}
		time.Sleep(quiet / 4)
	}
}
