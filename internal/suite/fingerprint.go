package suite

import (
	"fmt"
	"os"
)

// fingerprint identifies a model file by size and modification time: a stand-in for
// gguf.Fingerprint (issue 14) until it lands on this branch.
func fingerprint(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("size=%d mtime=%d", st.Size(), st.ModTime().UnixNano()), nil
}
