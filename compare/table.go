package compare

import (
	"fmt"
	"strings"
	"time"

	"citijpm/data"
)

// Table is the filtered comparison laid out as an accessible table: one
// column per shown bank, one row group per section, one row per category.
// The UI renders it as a <table> with a caption and header scopes.
type Table struct {
	Caption string
	Columns []string // "Category", then each shown bank's short name
	Groups  []TableGroup
}

// TableGroup is one section's rows.
type TableGroup struct {
	Section *data.Section
	Rows    []TableRow
}

// TableRow is one category across the shown banks.
type TableRow struct {
	Category *data.Category
	Differ   bool // the shown banks' statuses are not all the same
	Cells    []TableCell
}

// TableCell is one bank's cell, with a one-line summary a screen reader can
// read out in place of the badges a card draws.
type TableCell struct {
	Bank    *data.Bank
	Cell    *data.Cell
	Summary string // e.g. "Documented · High confidence · Sourced summary"
	Stale   bool
	Match   bool // the cell met the filters (a card dims the others)
	// MarketNote says, under a market filter, how the cell relates to the
	// market ("Names Australia", "States no market"); empty otherwise.
	MarketNote string
}

// NewTable lays out res, which f produced; f words the caption and today
// decides which cells are stale.
func NewTable(ds *data.Dataset, res Result, f Filters, today time.Time) Table {
	t := Table{Caption: caption(ds, res, f), Columns: []string{"Category"}}
	for _, b := range res.Banks {
		t.Columns = append(t.Columns, b.ShortName)
	}
	for _, g := range res.Groups {
		tg := TableGroup{Section: g.Section}
		for _, card := range g.Cards {
			row := TableRow{Category: card.Category, Differ: card.Differ}
			for _, cv := range card.Cells {
				note := ""
				if res.Market != nil {
					note = MarketNote(ds, cv.Cell, res.Market.Code)
				}
				row.Cells = append(row.Cells, TableCell{
					MarketNote: note,
					Bank:       cv.Bank,
					Cell:       cv.Cell,
					Summary:    CellSummary(cv.Cell),
					Stale:      IsStale(cv.Cell, ds.Meta.StaleAfterDays, today),
					Match:      cv.Match,
				})
			}
			tg.Rows = append(tg.Rows, row)
		}
		t.Groups = append(t.Groups, tg)
	}
	return t
}

// CellSummary says in one line what a cell's badges show.
func CellSummary(c *data.Cell) string {
	return fmt.Sprintf("%s · %s confidence · %s", c.Status.Title(), c.Confidence, c.Label.Title())
}

// caption names the banks shown and says how much of the comparison the
// table holds, and why, so the table stands on its own when read aloud.
func caption(ds *data.Dataset, res Result, f Filters) string {
	names := make([]string, len(res.Banks))
	for i, b := range res.Banks {
		names[i] = b.ShortName
	}
	noun := "categories"
	if res.Total == 1 {
		noun = "category"
	}
	// Normalized, lists read in dataset order whatever order the URL used.
	active := State{Filters: f}.Normalize(ds).Active(ds)
	if len(active) == 0 {
		return fmt.Sprintf("%s: all %d %s", strings.Join(names, " vs "), res.Total, noun)
	}
	labels := make([]string, len(active))
	for i, a := range active {
		labels[i] = a.Label
	}
	return fmt.Sprintf("%s: %d of %d %s, filtered by %s",
		strings.Join(names, " vs "), res.Count, res.Total, noun, strings.Join(labels, "; "))
}
