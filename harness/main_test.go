package harness

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
)

var suite *Suite

func TestMain(m *testing.M) {
	if spec := os.Getenv(envStandIn); spec != "" {
		os.Exit(standInServer(spec, os.Args[1:])) // this binary is a stand-in llama-server
	}
	suite = NewSuite(flag.CommandLine)
	flag.Parse()
	os.Exit(suite.Run(m))
}

// testPNG draws a w×h image with structure (gradients and a checkerboard), so that the
// projector sees varied patches.
func testPNG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := uint8(0)
			if (x/8+y/8)%2 == 0 {
				c = 255
			}
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), c, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// noChildren fails the test if a child process of the test binary is alive.
func noChildren(tb testing.TB) {
	tb.Helper()
	if left := ChildProcesses(); len(left) > 0 {
		tb.Errorf("child processes left behind: %q", left)
	}
}
