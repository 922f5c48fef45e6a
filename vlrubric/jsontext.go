package vlrubric

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Answers given as JSON ({"type": "circle", "color": "red", "count": 3}) are read as the
// sentence they stand for ("3 red circle"), so that the scorers' rules for prose apply.

var flatObject = regexp.MustCompile(`\{[^{}]*\}`)

// jsonAsText appends, after s, one line per flat JSON object in s: its count, then its
// other string values, then its shape or type ("3 red circle"); a "total…" key with a
// number becomes "total N". s itself is kept.
func jsonAsText(s string) string {
	var lines []string
	for _, m := range flatObject.FindAllString(s, -1) {
		var obj map[string]any
		if json.Unmarshal([]byte(m), &obj) != nil {
			continue
		}
		var count, noun string
		var adj []string
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			lk := strings.ToLower(k)
			switch v := obj[k].(type) {
			case float64:
				switch {
				case strings.Contains(lk, "total"):
					lines = append(lines, fmt.Sprintf("total %g", v))
				case strings.Contains(lk, "count") || strings.Contains(lk, "number") || strings.Contains(lk, "quantity"):
					count = fmt.Sprintf("%g", v)
				}
			case string:
				switch lk {
				case "type", "shape", "kind", "object", "name":
					noun = v
				default:
					adj = append(adj, v)
				}
			}
		}
		if noun != "" && count != "" {
			lines = append(lines, strings.TrimSpace(count+" "+strings.Join(adj, " ")+" "+noun))
		}
	}
	if len(lines) == 0 {
		return s
	}
	return s + "\n" + strings.Join(lines, "\n")
}
