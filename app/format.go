package app

import (
	"strings"

	"citijpm/data"
)

// readableDate is the dataset's own reading of a date.
func readableDate(s string) string { return data.ReadableDate(s) }

// statusGlyph is the shape drawn beside a status, so it never rests on
// colour alone.
func statusGlyph(s data.Status) string {
	switch s {
	case data.Documented:
		return "●"
	case data.Partial:
		return "◐"
	}
	return "○"
}

// confidenceGlyph draws confidence as filled bars, again not colour alone.
func confidenceGlyph(c data.Confidence) string {
	return strings.Repeat("▮", c.Rank()) + strings.Repeat("▯", 3-c.Rank())
}

func cardID(category string) string { return "card-" + category }

func cellID(bank, category string) string { return "cell-" + bank + "-" + category }
