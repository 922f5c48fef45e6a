package harness

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vlbench/vlbench/internal/gguf"
	"github.com/vlbench/vlbench/internal/synth"
)

// splitGGUF splits in with the real llama-gguf-split into shards of at most maxTensors
// tensors named prefix-NNNNN-of-NNNNN.gguf, and returns their paths.
func splitGGUF(tb testing.TB, tools *Tools, in, prefix string, maxTensors int) []string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tb.Context(), 60*time.Second)
	defer cancel()
	cmd, err := tools.Command(ctx, "llama-gguf-split", "--split", "--split-max-tensors", strconv.Itoa(maxTensors), in, prefix)
	require.NoError(tb, err)
	out, err := cmd.CombinedOutput()
	require.NoError(tb, err, "llama-gguf-split: %s", lastLines(string(out), 10))
	paths, err := filepath.Glob(prefix + "-*-of-*.gguf")
	require.NoError(tb, err)
	require.Greater(tb, len(paths), 1, "llama-gguf-split wrote one file:\n%s", lastLines(string(out), 10))
	return paths
}

// A model split by llama.cpp's own llama-gguf-split has the unsplit file's facts, loads and
// answers from its first shard; a missing or foreign shard fails before any server starts,
// naming the shard.
func TestSplitModel(t *testing.T) {
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen25VL)
	dir := t.TempDir()
	shards := splitGGUF(t, tools, cfg.Model, filepath.Join(dir, "model"), 12)
	t.Logf("%d shards", len(shards))

	whole, err := gguf.OpenModel(cfg.Model)
	require.NoError(t, err)
	want := whole.Facts()
	for _, p := range []string{shards[0], shards[len(shards)-1]} {
		split, err := gguf.OpenModel(p)
		require.NoError(t, err)
		got := split.Facts()
		assert.Equal(t, len(shards), got.Shards)
		assert.Greater(t, got.FileSize, want.FileSize, "shards repeat headers: larger in all")
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(gguf.Facts{}, "FileSize", "Shards")); diff != "" {
			t.Errorf("%s: Facts() mismatch with the unsplit file (-want +got):\n%s", filepath.Base(p), diff)
		}
	}
	one, err := gguf.Open(shards[0])
	require.NoError(t, err)
	assert.Less(t, one.Facts().Params, want.Params, "the first shard alone is not the model")

	t.Run("loads", func(t *testing.T) { // llama-server loads the whole model from the first shard
		sc := cfg
		sc.Model = shards[0]
		srv := StartT(t, tools, sc)
		r := ask(t, srv.Client(), testPNG(t, 64, 48), false)
		assert.Positive(t, r.Usage.CompletionTokens, "the split model generates")
		assert.Greater(t, r.Usage.PromptTokens, 12, "and sees the image (12 tokens)")
	})

	// A foreign shard: the same position of another split of another model.
	other := synthConfig(t, synth.Qwen3VL)
	foreign := splitGGUF(t, tools, other.Model, filepath.Join(t.TempDir(), "model"), 12)
	swapped := filepath.Join(t.TempDir(), "model")
	require.Len(t, foreign, len(shards), "both models split into as many shards")
	for i, p := range shards {
		src := p
		if i == 1 {
			src = foreign[1]
		}
		data, err := os.ReadFile(src)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(gguf.ShardPath(swapped, i, len(shards)), data, 0o644))
	}
	require.NoError(t, os.Remove(shards[1]))
	for _, tc := range []struct {
		name, model, want string
	}{
		{"missing shard", shards[0], shards[1]},
		{"foreign shard", gguf.ShardPath(swapped, 0, len(shards)), gguf.ShardPath(swapped, 1, len(shards)) + ": split.tensors.count is"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			c.Model = tc.model
			start := time.Now()
			srv, err := Start(t.Context(), tools, c)
			if srv != nil {
				srv.Stop()
			}
			require.Error(t, err)
			t.Log(err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Less(t, time.Since(start), 2*time.Second, "caught before any server starts")
			noChildren(t)
		})
	}
}
