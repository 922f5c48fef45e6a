package harness

import (
	"bufio"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Caps is what one llama-server build accepts, read from its own --help and --version.
// Flags drift between builds (the speculative ones moved from --draft-max to
// --spec-draft-n-max behind --spec-type), so configs ask Caps instead of guessing.
type Caps struct {
	Version string // "0.7.0 (build 11669, commit Debian)"
	Build   int    // 11669; 0 when unknown

	flags     map[string]bool // every flag spelling, "-md", "--spec-type", …
	removed   map[string]bool // flags the build lists as removed
	specTypes []string        // values --spec-type takes
}

// Has reports whether the build takes flag (any spelling, e.g. "--override-kv") and has
// not marked it removed.
func (c *Caps) Has(flag string) bool { return c.flags[flag] && !c.removed[flag] }

// SpecTypes lists the values of --spec-type ("draft-simple", "ngram-simple", …).
func (c *Caps) SpecTypes() []string { return append([]string(nil), c.specTypes...) }

// HasSpecType reports whether --spec-type takes typ.
func (c *Caps) HasSpecType(typ string) bool {
	for _, s := range c.specTypes {
		if s == typ {
			return true
		}
	}
	return false
}

var (
	flagRE    = regexp.MustCompile(`^(-{1,2}[A-Za-z0-9][A-Za-z0-9-]*)`)
	buildRE   = regexp.MustCompile(`build (\d+)`)
	versionRE = regexp.MustCompile(`(?m)^version:\s*(.+)$`)
	// "--spec-type none,draft-simple,ngram-simple,…   comma-separated list of types"
	specTypeRE = regexp.MustCompile(`^--spec-type\s+([a-z0-9-]+(?:,[a-z0-9-]+)+)`)
)

// ParseCaps reads a build's --help and --version output.
func ParseCaps(help, version string) *Caps {
	c := &Caps{flags: map[string]bool{}, removed: map[string]bool{}}
	if m := versionRE.FindStringSubmatch(version); m != nil {
		c.Version = strings.TrimSpace(m[1])
		if b := buildRE.FindStringSubmatch(c.Version); b != nil {
			fmt.Sscan(b[1], &c.Build)
		}
	}
	var last []string // spellings of the flag whose description is being read
	sc := bufio.NewScanner(strings.NewReader(help))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-") {
			last = last[:0]
			// "-md,   --model-draft, --spec-draft-model FNAME   text": the spellings are
			// the words that start with a dash, as long as each ends with a comma.
			for _, word := range strings.Fields(line) {
				m := flagRE.FindStringSubmatch(word)
				if m == nil {
					break
				}
				c.flags[m[1]] = true
				last = append(last, m[1])
				if !strings.HasSuffix(word, ",") {
					break
				}
			}
			if m := specTypeRE.FindStringSubmatch(line); m != nil {
				c.specTypes = strings.Split(m[1], ",")
			}
		}
		if strings.Contains(line, "argument has been removed") {
			for _, f := range last {
				c.removed[f] = true
			}
		}
	}
	return c
}

var capsCache sync.Map // server path → *Caps

// Caps runs the server's --version and --help once per binary and caches the result.
func (t *Tools) Caps(ctx context.Context) (*Caps, error) {
	if c, ok := capsCache.Load(t.Server); ok {
		return c.(*Caps), nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	run := func(arg string) (string, error) {
		cmd, err := t.Command(ctx, "llama-server", arg)
		if err != nil {
			return "", err
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("harness: %s %s: %w\n%s", t.Server, arg, err, lastLines(string(out), 5))
		}
		return string(out), nil
	}
	version, err := run("--version")
	if err != nil {
		return nil, err
	}
	help, err := run("--help")
	if err != nil {
		return nil, err
	}
	c := ParseCaps(help, version)
	if len(c.flags) == 0 {
		return nil, fmt.Errorf("harness: %s --help listed no flags; is it llama-server?", t.Server)
	}
	capsCache.Store(t.Server, c)
	return c, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
