package compare

import (
	"strings"

	"citijpm/data"
)

// Matrix is a filtered comparison laid out as a grid: one column per shown
// bank, one row per shown category, grouped by section, with per-bank counts.
// It is what the overview graphic draws; it holds no drawing decisions.
type Matrix struct {
	Banks    []*data.Bank
	Sections []MatrixSection
	Summary  []BankSummary // one per bank, in Banks order
}

// MatrixSection is one section heading and its rows.
type MatrixSection struct {
	Section *data.Section
	Rows    []MatrixRow
}

// MatrixRow is one category across the shown banks.
type MatrixRow struct {
	Category *data.Category
	Cells    []MatrixCell // one per bank, in Banks order
	Differ   bool         // the shown banks' statuses are not all the same
}

// MatrixCell is one bank's cell in a row.
type MatrixCell struct {
	Bank *data.Bank
	// Cell is nil only when the result has no cell for this bank, which a
	// validated dataset never produces; drawing code must still cope.
	Cell  *data.Cell
	Stale bool
	// Match is false for a cell shown only because the other bank's cell in
	// the row passed the filters; the graphic dims it as the cards do.
	Match bool
	// Market says how the cell relates to the market filter, if any.
	Market MarketMatch
	// Name is the accessible name, e.g.
	// "J.P. Morgan — Direct Debit: documented, High confidence".
	Name string
}

// BankSummary counts one bank's cells over the shown rows.
type BankSummary struct {
	Bank         *data.Bank
	ByStatus     map[data.Status]int
	ByConfidence map[data.Confidence]int
	Total        int
}

// NewMatrix lays out a filtered result. Rows keep the result's order, so the
// graphic and the cards always agree.
func NewMatrix(res Result) Matrix {
	m := Matrix{Banks: res.Banks, Summary: make([]BankSummary, len(res.Banks))}
	for i, b := range res.Banks {
		m.Summary[i] = BankSummary{
			Bank:         b,
			ByStatus:     make(map[data.Status]int, len(data.Statuses)),
			ByConfidence: make(map[data.Confidence]int, len(data.Confidences)),
		}
	}
	for _, g := range res.Groups {
		sec := MatrixSection{Section: g.Section, Rows: make([]MatrixRow, 0, len(g.Cards))}
		for _, card := range g.Cards {
			row := MatrixRow{Category: card.Category, Differ: card.Differ, Cells: make([]MatrixCell, len(res.Banks))}
			for i, b := range res.Banks {
				mc := MatrixCell{Bank: b}
				// Look the bank up rather than trusting positions: a card
				// skips banks it has no cell for.
				for _, cv := range card.Cells {
					if cv.Bank.ID == b.ID {
						mc.Cell, mc.Stale, mc.Match, mc.Market = cv.Cell, cv.Stale, cv.Match, cv.Market
						break
					}
				}
				if mc.Cell != nil {
					s := &m.Summary[i]
					s.ByStatus[mc.Cell.Status]++
					s.ByConfidence[mc.Cell.Confidence]++
					s.Total++
				}
				mc.Name = cellName(b, card.Category, mc.Cell, mc.Stale, mc.Market)
				row.Cells[i] = mc
			}
			sec.Rows = append(sec.Rows, row)
		}
		m.Sections = append(m.Sections, sec)
	}
	return m
}

// RowCount is the number of categories shown.
func (m Matrix) RowCount() int {
	n := 0
	for _, s := range m.Sections {
		n += len(s.Rows)
	}
	return n
}

// DifferCount is the number of shown categories where the banks differ.
func (m Matrix) DifferCount() int {
	n := 0
	for _, s := range m.Sections {
		for _, r := range s.Rows {
			if r.Differ {
				n++
			}
		}
	}
	return n
}

// cellName reads the way a screen reader user hears a cell: bank, category,
// status in words, confidence, and whether it is due for re-verification.
func cellName(b *data.Bank, cat *data.Category, c *data.Cell, stale bool, market MarketMatch) string {
	head := b.Name + " — " + cat.Name + ": "
	if c == nil {
		return head + "no cell in the dataset"
	}
	name := head + strings.ToLower(c.Status.Title()) + ", " + string(c.Confidence) + " confidence"
	if stale {
		name += ", due for re-verification"
	}
	if market == MarketUnstated {
		name += ", states no market"
	}
	return name
}
