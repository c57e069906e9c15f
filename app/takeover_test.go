package app

import (
	"math"
	"testing"
)

func TestNewTakeover(t *testing.T) {
	if got := newTakeover(nil, false); got.rows != firstRows || len(got.firstScreen) != 0 {
		t.Errorf("nothing adopted: rows %d, first screen %v; want %d rows built at once", got.rows, got.firstScreen, firstRows)
	}
	if got := newTakeover(nil, true); got.rows != math.MaxInt {
		t.Errorf("nothing adopted in the embed: rows %d; want every row at once", got.rows)
	}
	a := adopted{adoptFilters: "<form>", rowKey("balances"): "<article>", restKey(0): "<section>"}
	got := newTakeover(a, false)
	if got.rows != 0 || !got.firstScreen["balances"] || len(got.firstScreen) != 1 {
		t.Errorf("adopted: rows %d, first screen %v; want 0 rows live and balances on the first screen", got.rows, got.firstScreen)
	}
}

// TestTakeoverAdvance walks a takeover to its end: the adopted sections
// in their order, then the rows a chunk at a time, then the page's end.
func TestTakeoverAdvance(t *testing.T) {
	const total = 5
	tk := newTakeover(adopted{adoptToolbar: "t", adoptFilters: "f", rowKey("a"): "r", restKey(0): "p"}, false)
	var sections []string
	steps := 0
	for !tk.done(total, false) {
		if steps++; steps > 50 {
			t.Fatal("the takeover never ends")
		}
		if s := tk.advance(total, false); s != "" {
			sections = append(sections, s)
		}
	}
	if len(sections) != 2 || sections[0] != adoptFilters || sections[1] != adoptToolbar {
		t.Errorf("sections came alive as %v; want the filters, then the toolbar", sections)
	}
	rowSteps := (total + rowsPerChunk - 1) / rowsPerChunk
	if want := 2 + rowSteps + restParts; steps != want {
		t.Errorf("%d steps; want %d (2 sections, %d chunks of rows, %d parts of the end)", steps, want, rowSteps, restParts)
	}
	if tk.adopted != nil {
		t.Errorf("adopted markup kept after the end: %v", tk.adopted)
	}
}

func TestTakeoverEmbedHasNoEnd(t *testing.T) {
	tk := newTakeover(adopted{adoptFilters: "f"}, true)
	tk.rows = 3
	if tk.done(3, true) {
		t.Fatal("done with the filters still adopted")
	}
	tk.advance(3, true)
	if !tk.done(3, true) {
		t.Errorf("the embed waits for the page's end, which it has not: %+v", tk)
	}
}

func TestTakeoverBuildAll(t *testing.T) {
	tk := newTakeover(adopted{adoptFilters: "f", rowKey("a"): "r"}, false)
	tk.buildAll(44)
	if !tk.done(44, false) || tk.rows != 44 || tk.adopted != nil {
		t.Errorf("after buildAll: %+v; want every part live", tk)
	}
	tk.rows = math.MaxInt
	tk.buildAll(44)
	if tk.rows != math.MaxInt {
		t.Errorf("buildAll lowered rows to %d", tk.rows)
	}
}
