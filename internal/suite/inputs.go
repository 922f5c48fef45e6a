package suite

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/vlbench/vlbench/harness"
	"github.com/vlbench/vlbench/internal/gguf"
)

// Inputs are what a step's results depend on besides its name, as name → value: the
// settings the suite passes to it and the identity of every file it reads (model files by
// fingerprint, so a replaced file counts and a moved one does not; the llama-server binary
// by path, size, modification time and build). A finished step whose inputs changed is run
// again, and the progress line says which changed.
type Inputs map[string]string

// Inputs returns st's inputs; server is the llama-server identity (ServerIdentity).
func (m *Manifest) Inputs(st Step, server string) Inputs {
	md := st.Model
	in := Inputs{
		"llama-server": server,
		"context":      strconv.Itoa(m.Context),
		"threads":      strconv.Itoa(m.Threads),
		"args":         strings.Join(md.Args, " "),
		"model":        identity(md.Model),
		"mmproj":       identity(md.MMProj),
	}
	if len(md.RPC) > 0 { // only then, so that the states of models without workers stand
		in["rpc"] = strings.Join(md.RPC, ",")
	}
	if v, err := harness.ParseVariant(st.Config); err == nil && v.DraftMax > 0 { // only spec-kK loads the draft
		in["draft"] = identity(md.Draft)
	}
	switch st.Test {
	case TestRubric:
		in["variants"] = strconv.Itoa(m.Variants)
		in["max_tokens"] = strconv.Itoa(m.MaxTokens)
		in["roles"] = strings.Join(md.Roles, ",")
	case TestPerf:
		in["prompt_tokens"] = strconv.Itoa(m.PromptTokens)
		in["gen_tokens"] = strconv.Itoa(m.GenTokens)
		in["count"] = strconv.Itoa(m.Count)
	}
	return in
}

// identity is a model file's fingerprint (gguf.Fingerprint: each shard's size, header and
// tensor infos, so a moved file is the same and a re-quantized or replaced one is not),
// "none" for no file, or the error (which differs from any fingerprint, so the step
// reruns and fails with the real error).
func identity(path string) string {
	if path == "" {
		return "none"
	}
	id, err := gguf.Fingerprint(path)
	if err != nil {
		return "unreadable: " + err.Error()
	}
	return id
}

// ServerIdentity names the llama-server binary the steps run: its path, size and
// modification time, and the build it reports.
func ServerIdentity(ctx context.Context, tools *harness.Tools) (string, error) {
	st, err := os.Stat(tools.Server)
	if err != nil {
		return "", fmt.Errorf("suite: %w", err)
	}
	caps, err := tools.Caps(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s size=%d mtime=%d build=%s", tools.Server, st.Size(), st.ModTime().UnixNano(), caps.Version), nil
}

// Changes lists, in name order, each input that differs between old and new as
// "name a → b" (file identities: "name changed"); none when they are equal. Inputs from a
// state file written before they were recorded (old is nil) are one change.
func (old Inputs) Changes(new Inputs) []string {
	if old == nil {
		return []string{"inputs not recorded (an older suite state)"}
	}
	var names []string
	for k := range new {
		names = append(names, k)
	}
	for k := range old {
		if _, ok := new[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var out []string
	for _, k := range slices.Compact(names) {
		a, b := old[k], new[k]
		if a == b {
			continue
		}
		switch k {
		case "model", "mmproj", "draft", "llama-server":
			out = append(out, k+" changed")
		default:
			out = append(out, fmt.Sprintf("%s %s → %s", k, orNone(a), orNone(b)))
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return `""`
	}
	return s
}
