package vlrubric

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Answers given as JSON ({"type": "circle", "color": "red", "count": 3}) are read as the
// sentence they stand for ("3 red circle"), so that the scorers' rules for prose apply.

// jsonAsText appends, after s, one line per JSON object in s (nested ones too): its
// count, then its other string values, then its shape or type ("3 red circle"); a
// "total…" key with a number becomes "total N", and a key that names a shape with a
// number ({"green triangle": 3}) becomes "3 green triangle". s itself is kept.
func jsonAsText(s string) string {
	var lines []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			// ["red circle", "red circle", "blue square"]: one item per shape, tallied.
			tally, order := map[string]int{}, []string{}
			for _, e := range v {
				if str, ok := e.(string); ok {
					if f := strings.Fields(str); len(f) > 0 && isShapeWord(f[len(f)-1]) {
						if tally[str] == 0 {
							order = append(order, str)
						}
						tally[str]++
						continue
					}
				}
				walk(e)
			}
			for _, str := range order {
				lines = append(lines, fmt.Sprintf("%d %s", tally[str], str))
			}
		case map[string]any:
			var count, noun string
			var adj []string
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				lk := strings.ToLower(k)
				switch e := v[k].(type) {
				case float64:
					f := strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(lk))
					switch {
					case strings.Contains(lk, "total"):
						lines = append(lines, fmt.Sprintf("total %g", e))
					case (strings.Contains(lk, "count") || strings.Contains(lk, "number")) && hasList(v):
						lines = append(lines, fmt.Sprintf("total %g", e)) // {"count": 5, "items": [...]}
					case strings.Contains(lk, "count") || strings.Contains(lk, "number") || strings.Contains(lk, "quantity"):
						count = fmt.Sprintf("%g", e)
					case len(f) > 0 && isShapeWord(f[len(f)-1]):
						lines = append(lines, fmt.Sprintf("%g %s", e, strings.Join(f, " ")))
					}
				case string:
					switch lk {
					case "type", "shape", "kind", "object", "name":
						noun = e
					default:
						adj = append(adj, e)
					}
				default:
					walk(e)
				}
			}
			if noun != "" && count != "" {
				lines = append(lines, strings.TrimSpace(count+" "+strings.Join(adj, " ")+" "+noun))
			}
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '{' && s[i] != '[' {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(s[i:]))
		var v any
		if dec.Decode(&v) != nil {
			continue
		}
		walk(v)
		i += int(dec.InputOffset()) - 1
	}
	if len(lines) == 0 {
		return s
	}
	return s + "\n" + strings.Join(lines, "\n")
}

var jsonBlock = regexp.MustCompile(`(?s)\{.*\}|\[.*\]`)

// jsonLines reads the first JSON value in s and returns one line per scalar in it,
// "key words: value", with the keys' underscores as spaces and nested keys joined
// ({"bar_B_value": 25, "highest": "O"} gives "bar B value: 25" and "highest: O"), or
// "" when s holds no JSON.
func jsonLines(s string) string {
	m := jsonBlock.FindString(s)
	if m == "" {
		return ""
	}
	var v any
	if json.Unmarshal([]byte(m), &v) != nil {
		return ""
	}
	var lines []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			// {"bar": "O", "value": 20}: a label and its value.
			var label string
			var value any
			for k, v := range x {
				switch strings.ToLower(k) {
				case "bar", "label", "category", "name", "item":
					if str, ok := v.(string); ok {
						label = str
					}
				case "value", "count", "amount", "height":
					value = v
				}
			}
			if label != "" && value != nil {
				lines = append(lines, fmt.Sprintf("%s = %v", label, value))
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				key := strings.TrimSpace(strings.ReplaceAll(k, "_", " "))
				if prefix != "" && !singleLabel(key) {
					key = prefix + " " + key
				}
				walk(key, x[k])
			}
		case []any:
			for _, e := range x {
				walk(prefix, e)
			}
		case nil:
		default:
			lines = append(lines, fmt.Sprintf("%s: %v", prefix, x))
		}
	}
	walk("", v)
	return strings.Join(lines, "\n")
}

// singleLabel reports whether a key is a label of its own ("B", "Widget A"): nested,
// it is not prefixed with its parent's key.
func singleLabel(k string) bool {
	return len(strings.Fields(k)) <= 2 && k != "" && k[0] >= 'A' && k[0] <= 'Z'
}

var (
	yamlItemRe = regexp.MustCompile(`^(\s*)-\s+([\w ]+):\s*(.+?)\s*$`)
	yamlPairRe = regexp.MustCompile(`^(\s*)([\w ]+):\s*(.+?)\s*$`)
)

// yamlAsJSON reads the items of YAML-style lists in s ("- type: circle" with "color:
// blue" and "count: 4" under it) and returns each as a flat JSON object, one per line,
// or "" when s has none; rest is s without the items' lines.
func yamlAsJSON(s string) (objects, rest string) {
	var out, kept, pending []string
	var item map[string]any
	indent := ""
	flush := func() {
		if len(item) > 1 {
			b, _ := json.Marshal(item)
			out = append(out, string(b))
		} else {
			kept = append(kept, pending...)
		}
		item, pending = nil, nil
	}
	for _, line := range strings.Split(s, "\n") {
		if m := yamlItemRe.FindStringSubmatch(line); m != nil {
			flush()
			item, indent = map[string]any{}, m[1]
			item[m[2]] = yamlValue(m[3])
			pending = append(pending, line)
			continue
		}
		if m := yamlPairRe.FindStringSubmatch(line); m != nil && item != nil && len(m[1]) > len(indent) {
			item[m[2]] = yamlValue(m[3])
			pending = append(pending, line)
			continue
		}
		flush()
		kept = append(kept, line)
	}
	flush()
	if len(out) == 0 {
		return "", s
	}
	return strings.Join(out, "\n"), strings.Join(kept, "\n")
}

// yamlTotals returns the top-level YAML pairs of s whose key names a total
// ("total_shapes: 6" gives "total shapes: 6"), one per line.
func yamlTotals(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if m := yamlPairRe.FindStringSubmatch(line); m != nil && m[1] == "" && strings.Contains(strings.ToLower(m[2]), "total") {
			out = append(out, strings.ReplaceAll(m[2], "_", " ")+": "+m[3])
		}
	}
	return strings.Join(out, "\n")
}

func yamlValue(v string) any {
	v = strings.Trim(v, `"'`)
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return f
	}
	return v
}

// hasList reports whether an object holds a list (its items, beside their count).
func hasList(m map[string]any) bool {
	for _, v := range m {
		if _, ok := v.([]any); ok {
			return true
		}
	}
	return false
}
