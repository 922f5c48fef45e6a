package vlrubric

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAnswerFolders replays the hand-written answers in testdata/answers against the
// canonical truths: every good answer must score 5 and every wrong one at most 2.
func TestAnswerFolders(t *testing.T) {
	for _, folder := range []struct {
		name string
		ok   func(float64) bool
		want string
	}{
		{"good", func(s float64) bool { return s == 5 }, "5"},
		{"wrong", func(s float64) bool { return s <= 2 }, "≤ 2"},
	} {
		for _, id := range IDs() {
			t.Run(folder.name+"/"+id, func(t *testing.T) {
				b, err := os.ReadFile(filepath.Join("testdata", "answers", folder.name, id+".txt"))
				if err != nil {
					t.Fatal(err)
				}
				r := Score(canonical(id), string(b))
				if !folder.ok(r.Score) {
					t.Errorf("Score(%s) = %.1f, want %s\n%s", id, r.Score, folder.want, r)
				}
			})
		}
	}
}
