package stdsets

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// ReadRows reads every record under path: a .parquet file, a .jsonl file, or a folder,
// whose .parquet files (the Hugging Face export: data/test-00000-of-00003.parquet, …)
// or else .jsonl files are read in name order. In a folder, when split is not "" and
// some files are named after it ("validation-00000-of-00001.parquet",
// "testmini.jsonl"), only those are read: the exports keep their splits side by side.
// imageDir, when not "", is where the JSONL layout's image paths are relative to
// (default: the JSONL file's folder).
func ReadRows(path, imageDir, split string) ([]Row, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("stdsets: %w", err)
	}
	files := []string{path}
	if st.IsDir() {
		if files, err = dataFiles(path); err != nil {
			return nil, err
		}
		files = splitFiles(files, split)
	}
	var rows []Row
	for _, f := range files {
		var rs []Row
		switch {
		case strings.HasSuffix(f, ".parquet"):
			rs, err = readParquet(f)
		case strings.HasSuffix(f, ".jsonl"), strings.HasSuffix(f, ".json"):
			rs, err = readJSONL(f)
		default:
			err = fmt.Errorf("stdsets: %s: want a .parquet or .jsonl file", f)
		}
		if err != nil {
			return nil, err
		}
		for i := range rs {
			rs[i].Dir = filepath.Dir(f)
			if imageDir != "" {
				rs[i].Dir = imageDir
			}
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

// dataFiles lists a folder's parquet files (recursively, as the HF export nests them
// under data/), else its JSONL files, in name order.
func dataFiles(dir string) ([]string, error) {
	var pq, jl []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		switch {
		case strings.HasSuffix(p, ".parquet"):
			pq = append(pq, p)
		case strings.HasSuffix(p, ".jsonl"):
			jl = append(jl, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stdsets: %w", err)
	}
	files := pq
	if len(files) == 0 {
		files = jl
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("stdsets: %s: no .parquet or .jsonl files", dir)
	}
	sort.Strings(files)
	return files, nil
}

// splitFiles keeps the files named after split (the name up to its first "-" or ".");
// all of them when none is.
func splitFiles(files []string, split string) []string {
	if split == "" {
		return files
	}
	var keep []string
	for _, f := range files {
		base := filepath.Base(f)
		if i := strings.IndexAny(base, "-."); i >= 0 && base[:i] == split {
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		return files
	}
	return keep
}

func readParquet(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("stdsets: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stdsets: %w", err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("stdsets: %s: not a parquet file: %w", path, err)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	var rows []Row
	for n := 1; ; n++ {
		m := map[string]any{}
		err := r.Read(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("stdsets: %s: row %d: %w", path, n, err)
		}
		rows = append(rows, Row{File: path, N: n, Cols: m})
	}
	return rows, nil
}

func readJSONL(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("stdsets: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	var rows []Row
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(line))
		d.UseNumber()
		m := map[string]any{}
		if err := d.Decode(&m); err != nil {
			return nil, fmt.Errorf("%s:%d: not a JSON object: %w", path, n, err)
		}
		rows = append(rows, Row{File: path, N: n, Cols: m})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("stdsets: %s: %w", path, err)
	}
	return rows, nil
}

// Image is an image column: the HF struct {bytes, path} (bytes win; a path alone is read
// from the row's folder), a file name relative to the row's folder (JSONL layout), or a
// data URL / base64 text. It must be PNG, JPEG, GIF or WebP.
func (r Row) Image(col string) ([]byte, error) {
	v, ok := r.Cols[col]
	if !ok || v == nil {
		return nil, r.errorf(col, "missing image (columns: %s)", strings.Join(r.names(), ", "))
	}
	var b []byte
	var path string
	switch v := v.(type) {
	case map[string]any:
		if raw, ok := v["bytes"]; ok && raw != nil {
			s, _ := asString(raw)
			b = []byte(s)
		}
		if p, ok := v["path"]; ok && p != nil {
			path, _ = asString(p)
		}
	case []byte:
		b = v
	case string:
		switch {
		case strings.HasPrefix(v, "data:"):
			_, enc, _ := strings.Cut(v, ",")
			var err error
			if b, err = base64.StdEncoding.DecodeString(enc); err != nil {
				return nil, r.errorf(col, "bad data URL: %v", err)
			}
		default:
			path = v
		}
	default:
		return nil, r.errorf(col, "want an image ({bytes, path} or a file name), have %T", v)
	}
	if len(b) == 0 {
		if path == "" {
			return nil, r.errorf(col, "image has neither bytes nor path")
		}
		p := path
		if !filepath.IsAbs(p) {
			p = filepath.Join(r.Dir, p)
		}
		var err error
		if b, err = os.ReadFile(p); err != nil {
			return nil, r.errorf(col, "image: %v", err)
		}
	}
	switch ct := http.DetectContentType(b); ct {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
	default:
		return nil, r.errorf(col, "not an image (%s, %d bytes)", ct, len(b))
	}
	return b, nil
}

func sortStrings(s []string) { slices.Sort(s) }
