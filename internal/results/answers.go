package results

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A -record folder holds one raw answer per file; -replay reads them back so that
// answers can be rescored without a server. Each suite names the files (vlrubric:
// <ID>.txt, <ID>-v<N>.txt; stdsets: <sample id>.txt).

// RecordAnswers writes each answer (file name → text) into dir, atomically.
func RecordAnswers(dir string, answers map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for name, text := range answers {
		if err := WriteFile(filepath.Join(dir, name), []byte(text)); err != nil {
			return err
		}
	}
	return nil
}

// Recorded is one answer read back from a -record folder: its text, or Missing when
// the file is absent (reported, not scored), or the error reading it.
type Recorded struct {
	Text    string
	Missing bool
	Err     error
}

// ReplayAnswers reads the named files from dir, in order. dir itself must exist.
func ReplayAnswers(dir string, files []string) ([]Recorded, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("results: replay folder %s: not a folder (%v)", dir, err)
	}
	out := make([]Recorded, len(files))
	for i, name := range files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out[i] = Recorded{Missing: true}
		case err != nil:
			out[i] = Recorded{Err: err}
		default:
			out[i] = Recorded{Text: string(b)}
		}
	}
	return out, nil
}
