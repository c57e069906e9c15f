package app

import (
	"strings"

	"citijpm/data"
)

// readableDate turns a dataset date into "Apr 2, 2026" or "Nov 2025"; the
// raw value is kept when it cannot be read, so nothing is hidden.
func readableDate(s string) string {
	if s == data.Undated {
		return "undated"
	}
	t, err := data.ParseDate(s)
	if err != nil {
		return s
	}
	if len(s) == len("2006-01") {
		return t.Format("Jan 2006")
	}
	return t.Format("Jan 2, 2006")
}

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
