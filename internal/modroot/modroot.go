// Package modroot finds the vlbench module's root folder, where `make` puts the things it
// installs (build/llama, build/models). Tests run with the package folder as the current
// directory, so every package asks here instead of guessing relative paths.
package modroot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Find walks up from the current directory to the first folder holding a go.mod.
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("modroot: %w", err)
	}
	return FindFrom(dir)
}

// FindFrom walks up from dir to the first folder holding a go.mod.
func FindFrom(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("modroot: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("modroot: no go.mod above " + dir)
		}
	}
}

// Build returns <module root>/build/<elem...>, the gitignored folder for installed tools
// and generated models.
func Build(elem ...string) (string, error) {
	root, err := Find()
	if err != nil {
		return "", err
	}
	return filepath.Join(append([]string{root, "build"}, elem...)...), nil
}
