package main

import (
	"strings"
	"testing"

	"github.com/vlbench/vlbench/internal/suite"
)

// The suite's closing table marks each rubric step's verdict on the manifest's roles.
func TestSummarizeRoles(t *testing.T) {
	s := &suite.State{Steps: map[string]*suite.StepState{
		"m_baseline_rubric": {Status: suite.StatusDone, Seconds: 12,
			Roles: map[string]string{"worker_vision": "met", "vision_escalation": "NOT met: vision_escalation: T1 score 4.10, lowest question 3.0; needs every question 5"}},
		"m_baseline_perf": {Status: suite.StatusFailed, Reason: "go test ./perf: exit status 1"},
	}}
	var b strings.Builder
	summarize(&b, s)
	t.Logf("\n%s", b.String())
	for _, want := range []string{
		"m_baseline_rubric  done    12.0     role vision_escalation: NOT met; role worker_vision: met",
		"m_baseline_perf    failed  0.0      go test ./perf: exit status 1",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q", want)
		}
	}
}
