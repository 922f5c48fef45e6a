package harness

import (
	"regexp"
	"strconv"
)

// ImageLog is what llama-server's own log says about the images of one request, at the
// verbosity that prints it (-lv 4 in build 11669; Config.Verbosity): how long the vision
// encoder took, and how long the text model took to take in the image tokens.
type ImageLog struct {
	Images   int     // image chunks encoded
	Tokens   int     // image tokens (n_tokens_batch of each image batch)
	EncodeMS float64 // vision encoding: "encoding mtmd batch" to the first "decoding image batch"
	DecodeMS float64 // the text model on the image tokens: each "decoding image batch" to its "image decoded"
}

// The lines, after llama.cpp's log prefix "M.SS.mmm.uuu L " (minutes, seconds, milli-
// and microseconds since start, level); the times come from the prefixes (the "in N ms" of
// the last line is whole milliseconds):
//
//	0.05.573.938 I slot encode_mtmd_: id  0 | task 0 | encoding mtmd batch from idx = 13, n_chunks = 1
//	0.06.517.871 I decoding image batch 1/1, n_tokens_batch = 256
//	0.06.835.595 I image decoded (batch 1/1) in 317 ms
var (
	logStampRE   = regexp.MustCompile(`(?m)^(\d+)\.(\d{2})\.(\d{3})\.(\d{3}) \S (.*)$`)
	encodeRE     = regexp.MustCompile(`encoding mtmd batch`)
	imageBatchRE = regexp.MustCompile(`^decoding image batch (\d+)/\d+, n_tokens_batch = (\d+)`)
	imageDoneRE  = regexp.MustCompile(`^image decoded \(batch \d+/\d+\) in \d+ ms`)
)

// ParseImageLog reads the image lines of a request's log (Server.RequestLog). ok is false
// when there are none: a build or verbosity that does not print them.
func ParseImageLog(log string) (il ImageLog, ok bool) {
	encodeAt, batchAt := -1.0, -1.0
	for _, m := range logStampRE.FindAllStringSubmatch(log, -1) {
		min, _ := strconv.Atoi(m[1])
		sec, _ := strconv.Atoi(m[2])
		ms, _ := strconv.Atoi(m[3])
		us, _ := strconv.Atoi(m[4])
		at := float64((min*60+sec)*1000+ms) + float64(us)/1000
		text := m[5]
		switch {
		case encodeRE.MatchString(text):
			encodeAt = at
			il.Images++
		case imageBatchRE.MatchString(text):
			b := imageBatchRE.FindStringSubmatch(text)
			n, _ := strconv.Atoi(b[2])
			il.Tokens += n
			if b[1] == "1" && encodeAt >= 0 {
				il.EncodeMS += at - encodeAt
				encodeAt = -1
			}
			batchAt = at
		case imageDoneRE.MatchString(text) && batchAt >= 0:
			il.DecodeMS += at - batchAt
			batchAt = -1
		}
	}
	return il, il.Images > 0 && il.Tokens > 0
}
