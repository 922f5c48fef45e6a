package stdsets

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrNoFFmpeg is returned when ffmpeg or ffprobe is not on PATH; `make test` installs
// Debian's package (scripts/install-ffmpeg.sh).
var ErrNoFFmpeg = errors.New("stdsets: ffmpeg/ffprobe not found: run scripts/install-ffmpeg.sh (apt-get install ffmpeg)")

// FFmpeg reports whether ffmpeg and ffprobe are on PATH.
func FFmpeg() error {
	for _, t := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(t); err != nil {
			return ErrNoFFmpeg
		}
	}
	return nil
}

// Probe returns a video's duration and frame rate, from ffprobe.
func Probe(ctx context.Context, video string) (dur time.Duration, fps float64, err error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ffprobe", "-v", "error", "-select_streams", "v:0",
		"-show_entries", "stream=avg_frame_rate:format=duration", "-of", "default=noprint_wrappers=1", video).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("stdsets: ffprobe %s: %w%s", video, err, stderrOf(err))
	}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), "=")
		switch k {
		case "duration":
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				dur = time.Duration(f * float64(time.Second))
			}
		case "avg_frame_rate":
			num, den, _ := strings.Cut(v, "/")
			n, _ := strconv.ParseFloat(num, 64)
			d, _ := strconv.ParseFloat(den, 64)
			if d > 0 {
				fps = n / d
			}
		}
	}
	if dur <= 0 {
		return 0, 0, fmt.Errorf("stdsets: ffprobe %s: no duration", video)
	}
	if fps <= 0 {
		fps = 25
	}
	return dur, fps, nil
}

// FrameTimes are the times of k frames sampled uniformly from a video of n frames at
// fps, as lmms-eval's np.linspace(0, n-1, k) over frame indices: the first and the last
// frame included.
func FrameTimes(dur time.Duration, fps float64, k int) []time.Duration {
	n := int(dur.Seconds() * fps)
	if n < 1 {
		n = 1
	}
	out := make([]time.Duration, k)
	for i := range k {
		idx := 0
		if k > 1 {
			idx = int(float64(i) * float64(n-1) / float64(k-1)) // linspace, then int()
		}
		out[i] = time.Duration(float64(idx) / fps * float64(time.Second))
	}
	return out
}

// Frames samples k frames uniformly (FrameTimes) from a video with ffmpeg, as PNG, each
// scaled to at most maxSide pixels on its longer side (0: as is). Each frame is one
// ffmpeg run under a timeout; none is left running.
func Frames(ctx context.Context, video string, k, maxSide int) ([][]byte, []time.Duration, error) {
	if err := FFmpeg(); err != nil {
		return nil, nil, err
	}
	dur, fps, err := Probe(ctx, video)
	if err != nil {
		return nil, nil, err
	}
	times := FrameTimes(dur, fps, k)
	frames := make([][]byte, 0, k)
	for _, t := range times {
		b, err := frameAt(ctx, video, t, maxSide)
		if err != nil {
			return nil, nil, err
		}
		frames = append(frames, b)
	}
	return frames, times, nil
}

func frameAt(ctx context.Context, video string, t time.Duration, maxSide int) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	args := []string{"-v", "error", "-nostdin", "-ss", fmt.Sprintf("%.3f", t.Seconds()), "-i", video, "-frames:v", "1"}
	if maxSide > 0 {
		args = append(args, "-vf", fmt.Sprintf("scale='min(%d,iw)':'min(%d,ih)':force_original_aspect_ratio=decrease", maxSide, maxSide))
	}
	args = append(args, "-f", "image2pipe", "-c:v", "png", "-")
	out, err := exec.CommandContext(ctx, "ffmpeg", args...).Output()
	if err != nil {
		return nil, fmt.Errorf("stdsets: ffmpeg frame at %v of %s: %w%s", t, video, err, stderrOf(err))
	}
	if len(out) == 0 {
		// Past the last decodable frame (an estimated duration): take the last frame.
		out, err = exec.CommandContext(ctx, "ffmpeg", "-v", "error", "-nostdin", "-sseof", "-1", "-i", video,
			"-update", "1", "-f", "image2pipe", "-c:v", "png", "-frames:v", "1", "-").Output()
		if err != nil || len(out) == 0 {
			return nil, fmt.Errorf("stdsets: ffmpeg: no frame at %v of %s (%v)", t, video, err)
		}
	}
	return out, nil
}

func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return ": " + strings.TrimSpace(string(ee.Stderr))
	}
	return ""
}

var fontTag = regexp.MustCompile(`<[^>]+>`)

// SubtitlesAt reads an .srt file and returns, one per line, the text of the subtitles
// shown at any of the given times (each once, in file order), tags such as <font …>
// removed: what lmms-eval's videomme_w_subtitle gives with its sampled frames.
func SubtitlesAt(srt string, times []time.Duration) (string, error) {
	b, err := os.ReadFile(srt)
	if err != nil {
		return "", fmt.Errorf("stdsets: %w", err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))))
	var block []string
	flush := func() {
		defer func() { block = block[:0] }()
		if len(block) < 3 {
			return
		}
		from, to, ok := strings.Cut(block[1], " --> ")
		if !ok {
			return
		}
		start, err1 := srtTime(from)
		end, err2 := srtTime(to)
		if err1 != nil || err2 != nil {
			return
		}
		for _, t := range times {
			if t >= start && t < end {
				lines = append(lines, strings.TrimSpace(fontTag.ReplaceAllString(strings.Join(block[2:], " "), "")))
				return
			}
		}
	}
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			flush()
			continue
		}
		block = append(block, l)
	}
	flush()
	return strings.Join(lines, "\n"), sc.Err()
}

// srtTime reads "01:02:03,456".
func srtTime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var h, m, sec, ms int
	if _, err := fmt.Sscanf(strings.Replace(s, ",", ".", 1), "%d:%d:%d.%d", &h, &m, &sec, &ms); err != nil {
		return 0, fmt.Errorf("stdsets: srt time %q: %w", s, err)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second +
		time.Duration(ms)*time.Millisecond, nil
}
