package results

import (
	"path/filepath"
	"testing"
)

func TestRecordReplayAnswers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "answers")
	if err := RecordAnswers(dir, map[string]string{"a.txt": "one", "b.txt": ""}); err != nil {
		t.Fatal(err)
	}
	got, err := ReplayAnswers(dir, []string{"a.txt", "missing.txt", "b.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != "one" || got[0].Missing || !got[1].Missing || got[2].Missing || got[2].Text != "" {
		t.Errorf("ReplayAnswers() = %+v", got)
	}
	if _, err := ReplayAnswers(filepath.Join(dir, "nope"), nil); err == nil {
		t.Error("replaying a folder that does not exist succeeded")
	}
}
