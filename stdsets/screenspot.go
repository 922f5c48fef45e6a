package stdsets

import "strings"

// Coords says how a ScreenSpot answer's numbers are read.
type Coords string

const (
	// CoordsAuto: numbers all within [0, 1] are fractions of the image; otherwise pixels.
	CoordsAuto Coords = "auto"
	// CoordsPixel: pixels of the image as sent.
	CoordsPixel Coords = "pixel"
	// Coords1000: thousandths of the image (Qwen3-VL's grounding convention).
	Coords1000 Coords = "1000"
)

// Box is a rectangle in fractions of the image: X1 ≤ X2, Y1 ≤ Y2.
type Box struct{ X1, Y1, X2, Y2 float64 }

// Contains reports whether the point is in the box, edges included.
func (b Box) Contains(x, y float64) bool { return x >= b.X1 && x <= b.X2 && y >= b.Y1 && y <= b.Y2 }

// IoU is the intersection over union of two boxes (0 when either is empty).
func (b Box) IoU(o Box) float64 {
	iw := min(b.X2, o.X2) - max(b.X1, o.X1)
	ih := min(b.Y2, o.Y2) - max(b.Y1, o.Y1)
	if iw <= 0 || ih <= 0 {
		return 0
	}
	inter := iw * ih
	union := (b.X2-b.X1)*(b.Y2-b.Y1) + (o.X2-o.X1)*(o.Y2-o.Y1) - inter
	if union <= 0 {
		return 0
	}
	return inter / union
}

// Click is a parsed ScreenSpot answer: a point, and the box when the model gave one
// (then the point is its centre).
type Click struct {
	X, Y   float64
	Box    *Box
	Pixels bool // the numbers were read as pixels
}

// ParseClick reads a point "(x, y)" or a box "[x1, y1, x2, y2]" from an answer: the
// first bracketed group of two or four numbers separated by commas, else the first two
// or four numbers of the answer. Numbers are read by scanNumbers' grammar without
// thousands separators (so "(100,200)" is a point, ".2" is 0.2 and "５" is 5); a group
// with a percent sign on any of its numbers ("[50%, 50%]") is in percent of the image,
// whatever mode says; otherwise mode says how the numbers are read, and w and h are the
// image's size in pixels, for pixel answers.
func ParseClick(answer string, w, h int, mode Coords) (Click, bool) {
	s := FinalAnswer(answer)
	found := scanNumbers(s, false)
	group := bracketGroup(s, found)
	if group == nil {
		group = found[:min(len(found), 4)]
		if len(group) == 3 {
			group = group[:2]
		}
	}
	if len(group) != 2 && len(group) != 4 {
		return Click{}, false
	}
	nums := make([]float64, len(group))
	percent := false
	for i, n := range group {
		nums[i] = n.Value
		percent = percent || n.Percent
	}
	scaleX, scaleY := 1.0, 1.0
	c := Click{}
	switch {
	case percent:
		scaleX, scaleY = 100, 100
	case mode == Coords1000:
		scaleX, scaleY = 1000, 1000
	case mode == CoordsPixel:
		scaleX, scaleY, c.Pixels = float64(w), float64(h), true
	default:
		if maxAbs(nums) > 1 {
			scaleX, scaleY, c.Pixels = float64(w), float64(h), true
		}
	}
	if scaleX <= 0 || scaleY <= 0 {
		return Click{}, false
	}
	for i := range nums {
		if i%2 == 0 {
			nums[i] /= scaleX
		} else {
			nums[i] /= scaleY
		}
	}
	if len(nums) == 4 {
		b := Box{min(nums[0], nums[2]), min(nums[1], nums[3]), max(nums[0], nums[2]), max(nums[1], nums[3])}
		c.Box = &b
		c.X, c.Y = (b.X1+b.X2)/2, (b.Y1+b.Y2)/2
	} else {
		c.X, c.Y = nums[0], nums[1]
	}
	return c, true
}

// bracketGroup is the first run of two or four of the numbers that stands alone in
// brackets, "(" or "[" before it, ")" or "]" after it, commas between, white space
// anywhere; nil if none.
func bracketGroup(s string, nums []numToken) []numToken {
	for i := 0; i < len(nums); i++ {
		before := strings.TrimRightFunc(s[:nums[i].Start], pyIsSpace)
		if !strings.HasSuffix(before, "(") && !strings.HasSuffix(before, "[") {
			continue
		}
		j := i
		for j+1 < len(nums) && pyStrip(s[nums[j].End:nums[j+1].Start]) == "," {
			j++
		}
		after := strings.TrimLeftFunc(s[nums[j].End:], pyIsSpace)
		if n := j - i + 1; (n == 2 || n == 4) && (strings.HasPrefix(after, ")") || strings.HasPrefix(after, "]")) {
			return nums[i : j+1]
		}
	}
	return nil
}

func maxAbs(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x, -x)
	}
	return m
}

// ScreenSpotPlatform maps a ScreenSpot data_source to its platform: ios and android are
// mobile, macos and windows desktop, the rest (shop, forum, gitlab, tool) web, as the
// ScreenSpot paper's table and lmms-eval's aggregation group them.
func ScreenSpotPlatform(source string) string {
	s := strings.ToLower(source)
	switch {
	case strings.Contains(s, "ios"), strings.Contains(s, "android"):
		return "mobile"
	case strings.Contains(s, "macos"), strings.Contains(s, "windows"):
		return "desktop"
	}
	return "web"
}
