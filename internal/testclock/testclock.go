// Package testclock gives tests one clock derived from the data they run
// on, so a routine data edit (re-verifying a cell today) never breaks a
// test that pinned a calendar date.
package testclock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// Today is the day of the newest verification in a dataset directory (the
// lastVerified dates of meta.json, banks.json and cells/*.json), at noon
// UTC: every date in the data is then in the past or today, and staleness
// is measured as on the day the data was last checked. It panics on a
// dataset it cannot read: tests have nothing to run on then.
//
// It reads the files itself rather than through package data, so data's
// own tests can use it too.
func Today(fsys fs.FS) time.Time {
	t, err := Read(fsys)
	if err != nil {
		panic(err)
	}
	return t
}

// Read is Today for a dataset that may not be readable.
func Read(fsys fs.FS) (time.Time, error) {
	files, err := fs.Glob(fsys, "cells/*.json")
	if err != nil {
		return time.Time{}, err
	}
	var newest time.Time
	for _, name := range append([]string{"meta.json", "banks.json"}, files...) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return time.Time{}, err
		}
		var dated []struct {
			LastVerified string `json:"lastVerified"`
		}
		if b = bytes.TrimSpace(b); len(b) > 0 && b[0] != '[' {
			b = append(append([]byte{'['}, b...), ']')
		}
		if err := json.Unmarshal(b, &dated); err != nil {
			return time.Time{}, fmt.Errorf("testclock: %s: %w", name, err)
		}
		for _, d := range dated {
			if t, err := time.Parse(time.DateOnly, d.LastVerified); err == nil && t.After(newest) {
				newest = t
			}
		}
	}
	if newest.IsZero() {
		return time.Time{}, errors.New("testclock: no lastVerified date in the dataset")
	}
	return newest.Add(12 * time.Hour), nil
}
