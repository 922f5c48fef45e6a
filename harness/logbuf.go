package harness

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

// logBuffer keeps the last max bytes of a child's output and remembers the last line that
// reads like an error, so a failed start can say why ("error loading model: …").
type logBuffer struct {
	mu      sync.Mutex
	max     int
	buf     []byte
	partial []byte
	lastErr string
	total   int64 // bytes written since the start; buf holds the last len(buf) of them
}

func newLogBuffer(max int) *logBuffer { return &logBuffer{max: max} }

var errLineRE = regexp.MustCompile(`(?i)(error|failed|failure|abort|exception|assert|invalid|couldn't|cannot|unable|terminate)`)

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	l.total += int64(len(p))
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

// Mark is a position in the output, for Since.
func (l *logBuffer) Mark() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// Since returns the output written after mark (what of it is still buffered).
func (l *logBuffer) Since(mark int64) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := int64(len(l.buf)) - (l.total - mark)
	return string(l.buf[max(start, 0):])
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
