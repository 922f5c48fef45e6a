package stdsets

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Row is one record of a set as its file holds it: column name to value. Parquet gives
// strings, numbers, []any for lists and map[string]any for structs; JSONL gives what
// encoding/json gives. The accessors below accept both and name the file, the row and
// the column in their errors.
type Row struct {
	File string // the file it came from
	N    int    // 1-based row (parquet) or line (JSONL) number
	Cols map[string]any
	// Dir resolves image paths of the JSONL layout (the file's folder, or -images).
	Dir string
}

// errorf is a row-located error: "file:N: column "c": msg".
func (r Row) errorf(col, format string, args ...any) error {
	return fmt.Errorf("%s:%d: column %q: %s", r.File, r.N, col, fmt.Sprintf(format, args...))
}

// Has reports whether the column is present and not null (a NaN, as pandas writes a
// missing number, is null too).
func (r Row) Has(col string) bool {
	v, ok := r.Cols[col]
	if f, isFloat := v.(float64); isFloat && math.IsNaN(f) {
		return false
	}
	return ok && v != nil
}

// String is a required text column; numbers are formatted.
func (r Row) String(col string) (string, error) {
	v, ok := r.Cols[col]
	if !ok {
		return "", r.errorf(col, "missing (columns: %s)", strings.Join(r.names(), ", "))
	}
	s, ok := asString(v)
	if !ok {
		return "", r.errorf(col, "want text, have %T", v)
	}
	return s, nil
}

// OptString is an optional text column: "" when absent or null.
func (r Row) OptString(col string) (string, error) {
	if !r.Has(col) {
		return "", nil
	}
	return r.String(col)
}

// Strings is a list of texts. A JSON-encoded or Python-literal list in a text column
// ("['a', 'b']", as MMMU's options are stored) is read too; a plain text is a list of one.
func (r Row) Strings(col string) ([]string, error) {
	v, ok := r.Cols[col]
	if !ok {
		return nil, r.errorf(col, "missing (columns: %s)", strings.Join(r.names(), ", "))
	}
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			s, ok := asString(e)
			if !ok {
				return nil, r.errorf(col, "element %d: want text, have %T", i, e)
			}
			out = append(out, s)
		}
		return out, nil
	case []string:
		return v, nil
	}
	s, ok := asString(v)
	if !ok {
		return nil, r.errorf(col, "want a list of texts, have %T", v)
	}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "[") {
		l, err := ParseListLiteral(t)
		if err != nil {
			return nil, r.errorf(col, "%v", err)
		}
		return l, nil
	}
	return []string{s}, nil
}

// Float is a number column (a numeric text is accepted).
func (r Row) Float(col string) (float64, error) {
	v, ok := r.Cols[col]
	if !ok || v == nil {
		return 0, r.errorf(col, "missing")
	}
	f, ok := asFloat(v)
	if !ok {
		return 0, r.errorf(col, "want a number, have %T %v", v, v)
	}
	return f, nil
}

// Floats is a list of numbers ("[0.1, 0.2]" in a text column too).
func (r Row) Floats(col string) ([]float64, error) {
	v, ok := r.Cols[col]
	if !ok || v == nil {
		return nil, r.errorf(col, "missing")
	}
	var list []any
	switch v := v.(type) {
	case []any:
		list = v
	case []float64:
		return v, nil
	case string:
		if err := json.Unmarshal([]byte(v), &list); err != nil {
			return nil, r.errorf(col, "want a list of numbers: %v", err)
		}
	default:
		return nil, r.errorf(col, "want a list of numbers, have %T", v)
	}
	out := make([]float64, len(list))
	for i, e := range list {
		f, ok := asFloat(e)
		if !ok {
			return nil, r.errorf(col, "element %d: want a number, have %T", i, e)
		}
		out[i] = f
	}
	return out, nil
}

func (r Row) names() []string {
	var ns []string
	for k := range r.Cols {
		ns = append(ns, k)
	}
	sortStrings(ns)
	return ns
}

func asString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int32:
		return strconv.FormatInt(int64(v), 10), true
	case int:
		return strconv.Itoa(v), true
	case json.Number:
		return v.String(), true
	}
	return "", false
}

func asFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, !math.IsNaN(v)
	case float32:
		return float64(v), true
	case int64:
		return float64(v), true
	case int32:
		return float64(v), true
	case int:
		return float64(v), true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

// ParseListLiteral reads a list of strings written as JSON (["a", "b"]) or as a Python
// literal (['a', "b's"]), the form MMMU stores its options in.
func ParseListLiteral(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	var js []string
	if err := json.Unmarshal([]byte(s), &js); err == nil {
		return js, nil
	}
	var out []string
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("not a list literal: %.60q", s)
	}
	body := s[1 : len(s)-1]
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == ' ' || c == ',' || c == '\n' || c == '\t':
			i++
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(body) && body[j] != c; j++ {
				if body[j] == '\\' && j+1 < len(body) {
					j++
					switch body[j] {
					case 'n':
						b.WriteByte('\n')
					case 't':
						b.WriteByte('\t')
					default:
						b.WriteByte(body[j])
					}
					continue
				}
				b.WriteByte(body[j])
			}
			if j >= len(body) {
				return nil, fmt.Errorf("unterminated string in list literal: %.60q", s)
			}
			out = append(out, b.String())
			i = j + 1
		default:
			// A bare number or word (Python literal of a non-string): up to the comma.
			j := strings.IndexByte(body[i:], ',')
			if j < 0 {
				j = len(body) - i
			}
			out = append(out, strings.TrimSpace(body[i:i+j]))
			i += j
		}
	}
	return out, nil
}
