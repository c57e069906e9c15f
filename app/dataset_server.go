//go:build !wasm

package app

import "citijpm/data"

// loadDataset on the server validates the embedded dataset (and refuses a
// broken one) before any page is prerendered from it.
func loadDataset() (*data.Dataset, error) { return data.Default() }
