//go:build !wasm

package app

import "citijpm/data"

// loadDataset on the server decodes the embedded dataset once, with the
// same decoder as the build's validation (see data.Default).
func loadDataset() (*data.Dataset, error) { return data.Default() }
