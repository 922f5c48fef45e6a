package synth

import (
	"fmt"

	"github.com/vlbench/vlbench/internal/gguf"
)

// SPM token types, as llama.cpp numbers them.
const (
	tokNormal  = 1
	tokUnknown = 2
	tokControl = 3
	tokByte    = 6
)

// Special tokens of the shared vocabulary. The vision tokens are what
// Qwen-VL chat templates and llama.cpp's mtmd use around images.
var specials = []string{
	"<|im_start|>", "<|im_end|>",
	"<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>",
}

var words = []string{
	"the", "a", "an", "is", "are", "of", "and", "to", "in", "it", "this", "that",
	"image", "picture", "shows", "color", "red", "green", "blue", "yellow", "black",
	"white", "cat", "dog", "car", "house", "tree", "sky", "text", "number", "one",
	"two", "three", "four", "five", "yes", "no", "left", "right", "top", "bottom",
	"circle", "square", "triangle", "what", "describe", "user", "assistant", "system",
}

// vocab is the one SPM vocabulary all synthetic models share, so that the
// draft model matches the target token for token.
type vocab struct {
	tokens []string
	scores []float32
	types  []int32
}

func (v *vocab) add(tok string, score float32, typ int32) {
	v.tokens = append(v.tokens, tok)
	v.scores = append(v.scores, score)
	v.types = append(v.types, typ)
}

func (v *vocab) id(tok string) int {
	for i, t := range v.tokens {
		if t == tok {
			return i
		}
	}
	panic("synth: no token " + tok)
}

func newVocab() *vocab {
	v := &vocab{}
	v.add("<unk>", 0, tokUnknown)
	v.add("<s>", 0, tokControl)
	v.add("</s>", 0, tokControl)
	for b := 0; b < 256; b++ {
		v.add(fmt.Sprintf("<0x%02X>", b), 0, tokByte)
	}
	score := float32(-1)
	next := func(tok string) {
		v.add(tok, score, tokNormal)
		score--
	}
	next("▁")
	// SPM merges two adjacent pieces only into a piece in the vocabulary,
	// so each word's prefixes are pieces too: ▁t, ▁th, ▁the.
	seen := map[string]bool{}
	for _, w := range words {
		for i := 1; i <= len(w); i++ {
			if p := "▁" + w[:i]; !seen[p] {
				seen[p] = true
				next(p)
			}
		}
	}
	for c := 'a'; c <= 'z'; c++ {
		next(string(c))
	}
	for c := 'A'; c <= 'Z'; c++ {
		next(string(c))
	}
	for c := '0'; c <= '9'; c++ {
		next(string(c))
	}
	for _, p := range []string{".", ",", "?", "!", ":", "'", "-", "\n"} {
		next(p)
	}
	for _, s := range specials {
		v.add(s, 0, tokControl)
	}
	return v
}

// chatTemplate is ChatML. Content may be a string or an OpenAI content
// array; llama-server turns image parts into text parts holding its media
// marker before it renders the template, so only text parts are printed.
const chatTemplate = `{%- for message in messages -%}
{{- '<|im_start|>' + message['role'] + '\n' -}}
{%- if message['content'] is string -%}
{{- message['content'] -}}
{%- else -%}
{%- for part in message['content'] -%}
{%- if part['type'] == 'text' -%}
{{- part['text'] -}}
{%- endif -%}
{%- endfor -%}
{%- endif -%}
{{- '<|im_end|>\n' -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{- '<|im_start|>assistant\n' -}}
{%- endif -%}`

// addTokenizer writes the tokenizer keys.
func (v *vocab) addTokenizer(f *gguf.File) error {
	f.AddString("tokenizer.ggml.model", "llama")
	for _, a := range []struct {
		k string
		v any
	}{{"tokenizer.ggml.tokens", v.tokens}, {"tokenizer.ggml.scores", v.scores}, {"tokenizer.ggml.token_type", v.types}} {
		if err := f.AddArray(a.k, a.v); err != nil {
			return err
		}
	}
	f.AddUint32("tokenizer.ggml.bos_token_id", uint32(v.id("<s>")))
	f.AddUint32("tokenizer.ggml.eos_token_id", uint32(v.id("<|im_end|>")))
	f.AddUint32("tokenizer.ggml.unknown_token_id", uint32(v.id("<unk>")))
	f.AddBool("tokenizer.ggml.add_bos_token", false)
	f.AddString("tokenizer.chat_template", chatTemplate)
	return nil
}
