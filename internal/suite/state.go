package suite

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/vlbench/vlbench/internal/results"
)

// Step statuses in the state file.
const (
	StatusRunning = "running" // started, not finished: a killed run leaves this, and it reruns
	StatusDone    = "done"
	StatusFailed  = "failed"
	StatusSkipped = "skipped"
)

// StepState is what the suite knows of one step.
type StepState struct {
	Status   string    `json:"status"`
	Reason   string    `json:"reason,omitempty"` // why it failed or was skipped
	Started  time.Time `json:"started"`
	Seconds  float64   `json:"seconds"`
	Output   string    `json:"output,omitempty"` // results folder or bench file
	Log      string    `json:"log,omitempty"`
	LoadSecs float64   `json:"cold_load_seconds,omitempty"`
	// The GGUF estimate of the step's peak memory and the rubric run's measured peak RSS.
	EstimateBytes uint64 `json:"estimate_bytes,omitempty"`
	PeakRSS       int64  `json:"peak_rss_bytes,omitempty"`
	// Inputs are the settings and file identities the step ran with (see Inputs).
	Inputs Inputs `json:"inputs,omitempty"`
	// Roles are a rubric step's verdicts on the model's roles: "met" or "NOT met: why".
	Roles map[string]string `json:"roles,omitempty"`
}

// State is the suite's progress, kept in <output>/suite-state.json and rewritten
// atomically after every step, so an interrupted suite knows what is finished.
type State struct {
	path  string
	Steps map[string]*StepState `json:"steps"`
}

// LoadState reads the state file in dir; a missing file is an empty state.
func LoadState(dir string) (*State, error) {
	s := &State{path: filepath.Join(dir, "suite-state.json"), Steps: map[string]*StepState{}}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("suite: %w", err)
	}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("suite: %s: %w (delete it to start over)", s.path, err)
	}
	if s.Steps == nil {
		s.Steps = map[string]*StepState{}
	}
	return s, nil
}

// Save writes the state atomically.
func (s *State) Save() error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return results.WriteFile(s.path, append(b, '\n'))
}

// Finished reports whether key is done and its output is still there.
func (s *State) Finished(key string) bool {
	st, ok := s.Steps[key]
	if !ok || st.Status != StatusDone {
		return false
	}
	_, err := os.Stat(st.Output)
	return err == nil
}
