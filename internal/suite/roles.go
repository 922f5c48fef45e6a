package suite

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vlbench/vlbench/internal/results"
)

// A manifest model's roles are asserted by its rubric steps: the rubric runs with -role
// set to the first role (the rubric asserts one role per run: below its minimums the test
// fails, and results.json records the role and why it was not met), and every role listed
// is judged from that run's scores: the asserted one by its recorded failures, the others
// by the roles its scores qualify for (the same minimums). A model below a role's
// minimums is reported as not meeting that role; the step is done, not failed, and the
// suite goes on.

// Verdict is "met", or "NOT met: why".
const verdictMet = "met"

// roleVerdicts judges each role of roles from a rubric run.
func roleVerdicts(run *results.Run, roles []string) map[string]string {
	if len(roles) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, role := range roles {
		switch {
		case role == run.Role && len(run.RoleFailures) > 0:
			out[role] = "NOT met: " + strings.Join(run.RoleFailures, "; ")
		case role == run.Role, slices.Contains(run.Qualified, role):
			out[role] = verdictMet
		default:
			out[role] = "NOT met: its tier scores are below the role's minimums (see results.md)"
		}
	}
	return out
}

// roleOnlyFailure reads a rubric step whose go test failed: when the failure is its
// asserted role alone (results.json written by this step, naming the role's failures,
// every question answered and scored, no question's subtest failed), it returns the run;
// otherwise nil, and the step failed.
func roleOnlyFailure(resultsDir, logPath string, started time.Time) *results.Run {
	run, err := results.ReadRun(filepath.Join(resultsDir, "results.json"))
	if err != nil || run.Role == "" || len(run.RoleFailures) == 0 || run.Finished.Before(started) {
		return nil
	}
	for _, a := range run.Answers {
		if a.Error != "" || a.Missing {
			return nil
		}
	}
	log, err := os.ReadFile(logPath)
	if err != nil || strings.Contains(string(log), "--- FAIL: TestRubric/") {
		return nil
	}
	return run
}

// rolesNote is the progress line's part on roles: "; worker_vision: NOT met (…)".
func rolesNote(roles []string, verdicts map[string]string) string {
	if verdicts == nil {
		return ""
	}
	var b strings.Builder
	for _, r := range roles {
		fmt.Fprintf(&b, "; role %s: %s", r, verdicts[r])
	}
	return b.String()
}
