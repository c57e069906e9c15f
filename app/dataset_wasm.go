//go:build wasm

package app

import "citijpm/data"

// loadDataset in the browser decodes the same, already checked, bytes once
// without checking them again (see data.Trusted), one file per task.
func loadDataset() (*data.Dataset, error) { return data.TrustedPausing(YieldToBrowser) }

// Prepare decodes and indexes the embedded dataset before go-app mounts the
// page, so that the two run in separate tasks (see cmd/widget).
func Prepare() { sharedIndex() }
