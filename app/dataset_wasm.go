//go:build wasm

package app

import (
	"citijpm/compare"
	"citijpm/data"
)

// LoadIndex decodes the embedded dataset in the browser and indexes it for
// the pages (see Register). The bytes were checked when the binary was
// built, so they are decoded once without checking them again
// (data.Trusted), one file per task, and indexing is a task of its own:
// the main thread goes back to the browser in between.
func LoadIndex() (*compare.Index, error) {
	ds, err := data.TrustedPausing(YieldToBrowser)
	if err != nil {
		return nil, err
	}
	YieldToBrowser()
	// Its search text is prepared once the page is built (see grow).
	return compare.NewIndex(ds), nil
}
