package data

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync"
)

var (
	trustedOnce sync.Once
	trustedDS   *Dataset
	trustedErr  error
)

// Trusted decodes the shipped dataset once, straight into its types, and
// indexes it. It skips the shape check and the validation that Load does:
// the build (make check) and the server have run them on these very bytes,
// and in the browser each pass over the data is time the reader waits for.
// It decodes with encoding/json, which the WebAssembly binary links anyway
// (go-app uses it): a browser build that calls only Trusted leaves the
// faster goccy decoder, and its code, to the server and the tools.
func Trusted() (*Dataset, error) {
	trustedOnce.Do(func() { trustedDS, trustedErr = decodeTrusted(Shipped()) })
	return trustedDS, trustedErr
}

func decodeTrusted(fsys fs.FS) (*Dataset, error) {
	ds := &Dataset{}
	for name, v := range map[string]any{metaFile: &ds.Meta, banksFile: &ds.Banks, sourcesFile: &ds.Sources,
		sectionsFile: &ds.Sections, categoriesFile: &ds.Categories} {
		if err := decodeTrustedFile(fsys, name, v); err != nil {
			return nil, err
		}
	}
	cellFiles, err := fs.Glob(fsys, cellsDir+"/*.json")
	if err != nil || len(cellFiles) == 0 {
		return nil, fmt.Errorf("%s/: no *.json cell files found", cellsDir)
	}
	sort.Strings(cellFiles)
	for _, name := range cellFiles {
		var cells []Cell
		if err := decodeTrustedFile(fsys, name, &cells); err != nil {
			return nil, err
		}
		ds.Cells = append(ds.Cells, cells...)
	}
	ds.index()
	return ds, nil
}

func decodeTrustedFile(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
