package data

import (
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
	fast, err := Trusted()
	if err != nil {
		t.Fatal(err)
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
