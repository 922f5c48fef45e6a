package stdsets

import "github.com/vlbench/vlbench/internal/results"

// Cache is the shared answer cache of results (keyed, atomic, by sample id); only greedy
// answers (temperature 0) are cached.
type Cache = results.Cache

// cached is what the cache keeps of a sample.
type cached struct {
	Prompt string `json:"prompt"`
	Answer string `json:"answer"`
}

// ModelIdentity names what answers: the model and projector files by their fingerprint
// (gguf.Fingerprint: sizes and headers of every shard, so a re-quantized or replaced
// file is another model), or an endpoint by URL and model name.
func ModelIdentity(model, mmproj, endpoint, endpointModel string) string {
	if endpoint != "" && model == "" {
		return "endpoint " + endpoint + " " + endpointModel
	}
	return results.FilesIdentity(model, mmproj)
}

// Record writes each answer as <id>.txt into dir (see FileName), as vlrubric's -record.
func Record(dir string, samples []Sample, answers []Answer) error {
	files := map[string]string{}
	for i, s := range samples {
		if a := answers[i]; a.Err == nil && !a.Missing {
			files[results.SafeName(s.ID, ".txt")] = a.Text
		}
	}
	return results.RecordAnswers(dir, files)
}

// Replay reads each sample's answer from dir; an absent file is Missing, not scored.
func Replay(dir string, samples []Sample) ([]Answer, error) {
	names := make([]string, len(samples))
	for i, s := range samples {
		names[i] = results.SafeName(s.ID, ".txt")
	}
	recs, err := results.ReplayAnswers(dir, names)
	if err != nil {
		return nil, err
	}
	out := make([]Answer, len(samples))
	for i, r := range recs {
		out[i] = Answer{Text: r.Text, Missing: r.Missing, Err: r.Err}
	}
	return out, nil
}
