package data

import (
	"io/fs"
	"reflect"
	"testing"
	"time"
)

// The browser's decode (encoding/json) must give exactly what the checked
// Load (goccy) gives.
func TestTrustedMatchesLoad(t *testing.T) {
	checked, err := Load(Shipped(), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Skipf("the shipped dataset does not validate here: %v", err)
	}
	pauses := 0
	fast, err := TrustedPausing(func() { pauses++ })
	if err != nil {
		t.Fatal(err)
	}
	if files := countFiles(t); pauses != files {
		t.Errorf("paused %d times for %d files", pauses, files)
	}
	for _, pair := range [][2]any{{checked.Meta, fast.Meta}, {checked.Banks, fast.Banks}, {checked.Sources, fast.Sources},
		{checked.Sections, fast.Sections}, {checked.Categories, fast.Categories}, {checked.Cells, fast.Cells}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("Trusted differs from Load: %T", pair[0])
		}
	}
	if c := fast.Cells[0]; fast.Cell(c.Bank, c.Category) == nil {
		t.Error("Trusted did not index the cells")
	}
}

func countFiles(t *testing.T) int {
	t.Helper()
	n := 0
	err := fs.WalkDir(Shipped(), ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
