package gguf

import "fmt"

// OpenModel opens the model at path as llama.cpp loads it: an unsplit file as Open does, a
// split one (split.count > 1, shards named PREFIX-NNNNN-of-NNNNN.gguf) with every shard
// (OpenShards) and the same split.tensors.count, merged into one File: the first shard's metadata, every shard's tensor infos
// in shard order (TensorInfo.Shard says whose data section Offset is in), Size the sum of
// the shards' sizes and Shards their paths. Facts of the result are the whole model's. A
// missing or mismatched shard is an error naming it.
func OpenModel(path string) (*File, error) {
	shards, err := OpenShards(path)
	if err != nil {
		return nil, err
	}
	if len(shards) == 1 {
		return shards[0], nil
	}
	first := shards[0]
	want, _ := first.Uint(KeySplitTensorsCount)
	m := &File{Version: first.Version, KVs: first.KVs, Path: first.Path, DataOffset: first.DataOffset}
	seen := map[string]string{}
	for i, s := range shards {
		if n, _ := s.Uint(KeySplitTensorsCount); n != want {
			return nil, fmt.Errorf("gguf: %s: %s is %d but %s's is %d: not a shard of the same model", s.Path, KeySplitTensorsCount, n, first.Path, want)
		}
		m.Size += s.Size
		m.Shards = append(m.Shards, s.Path)
		m.shards = append(m.shards, s.shards...)
		for _, t := range s.Tensors {
			if prev, ok := seen[t.Name]; ok {
				return nil, fmt.Errorf("gguf: %s: tensor %s is also in %s: %w", s.Path, t.Name, prev, ErrFormat)
			}
			seen[t.Name] = s.Path
			t.Shard = i
			m.Tensors = append(m.Tensors, t)
		}
	}
	return m, nil
}
