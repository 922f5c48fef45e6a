package harness

import (
	"flag"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The defaults are stated once: a Config's zero fields and the suites' flags both take
// DefaultConfig's.
func TestDefaultConfig(t *testing.T) {
	d := DefaultConfig()
	if d.Context == 0 || d.Parallel == 0 || d.Threads == 0 || d.ReadyTimeout == 0 || d.ReadyLimit < d.ReadyTimeout || d.StopTimeout == 0 {
		t.Fatalf("DefaultConfig() leaves a default unset: %+v", d)
	}
	got := Config{Model: "m.gguf", SpecType: "ngram-simple"}.withDefaults()
	want := d
	want.Model, want.SpecType = "m.gguf", "ngram-simple"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Config{}.withDefaults() mismatch (-want +got):\n%s", diff)
	}
	if got := (Config{Model: "m.gguf"}).withDefaults(); got.DraftMax != 0 {
		t.Errorf("without speculation DraftMax = %d, want 0", got.DraftMax)
	}
	if got := (Config{ReadyTimeout: time.Hour}).withDefaults(); got.ReadyLimit != time.Hour {
		t.Errorf("ReadyTimeout 1h: ReadyLimit = %v, want it raised to 1h", got.ReadyLimit)
	}

	fs := flag.NewFlagSet("suite", flag.ContinueOnError)
	s := NewSuite(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	f := s.Flags
	if f.Ctx != d.Context || f.Parallel != d.Parallel || f.ReadyTimeout != d.ReadyTimeout {
		t.Errorf("flag defaults -ctx %d -parallel %d -ready-timeout %v, want DefaultConfig's %d, %d, %v",
			f.Ctx, f.Parallel, f.ReadyTimeout, d.Context, d.Parallel, d.ReadyTimeout)
	}
}
