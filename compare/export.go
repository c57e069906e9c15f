package compare

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"time"

	"citijpm/data"
)

// The exports below run in the browser as well as in datatool, from the
// embedded dataset: they touch neither files nor the network.

// CSVHeader is the first row of WriteCSV, in column order.
var CSVHeader = []string{
	"section_id", "section", "category_id", "category", "bank_id", "bank",
	"status", "status_label", "confidence", "confidence_note", "label",
	"enables", "formats", "regions", "evidence", "caveat",
	"last_verified", "stale", "sources", "dataset_version",
	"markets", "offerings", "searched", "market_match",
}

// WriteCSV writes one row per shown bank × shown category of res, in display
// order, after a header row. today decides the stale column; with a market
// filter, market_match says how each row relates to the market (a row that
// states no market says so rather than passing for documented).
func WriteCSV(w io.Writer, ix *Index, res Result, today time.Time) error {
	ds := ix.DS
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, g := range res.Groups {
		for _, card := range g.Cards {
			for _, b := range res.Banks {
				c := ds.Cell(b.ID, card.Category.ID)
				if c == nil {
					continue // a validated dataset has every cell
				}
				stale := "no"
				if IsStale(c, ds.Meta.StaleAfterDays, today) {
					stale = "yes"
				}
				row := []string{
					g.Section.ID, g.Section.Title, card.Category.ID, card.Category.Name, b.ID, b.Name,
					string(c.Status), c.Status.Title(), string(c.Confidence), c.ConfNote, c.Label.Title(),
					c.Enables, strings.Join(c.Formats, "; "), c.Regions, c.Evidence, c.Caveat,
					c.LastVerified, stale, sourcesText(ds, c), ds.Meta.Version,
					strings.Join(c.Markets, "; "), OfferingsText(ds, c), strings.Join(c.Searched, " | "),
					marketMatchText(ds, c, res),
				}
				for i, v := range row {
					row[i] = defuse(v)
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// sourcesText flattens a cell's sources into one readable, clickable cell.
func sourcesText(ds *data.Dataset, c *data.Cell) string {
	parts := make([]string, 0, len(c.Sources))
	for _, id := range c.Sources {
		s := ds.Source(id)
		if s == nil {
			parts = append(parts, id)
			continue
		}
		p := s.Title + " — " + s.Publisher + ", " + s.Date
		if s.URL != "" {
			p += " <" + s.URL + ">"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " | ")
}

// OfferingNames names the bank offerings a cell's facts belong to (e.g.
// "Spring by Citi"), in the cell's order, for readers: the card, the table
// and the exports show them so no fact reads as a whole bank's scope.
func OfferingNames(ds *data.Dataset, c *data.Cell) []string {
	names := make([]string, 0, len(c.Offerings))
	for _, id := range c.Offerings {
		if o := ds.Offering(id); o != nil {
			names = append(names, o.Name)
		} else {
			names = append(names, id)
		}
	}
	return names
}

// OfferingsText is OfferingNames as one line, as the CSV, the evidence
// and the table show it.
func OfferingsText(ds *data.Dataset, c *data.Cell) string {
	return strings.Join(OfferingNames(ds, c), "; ")
}

func marketMatchText(ds *data.Dataset, c *data.Cell, res Result) string {
	if res.Market == nil {
		return ""
	}
	return MarketNote(ds, c, res.Market.Code)
}

// defuse stops a spreadsheet from running a cell as a formula (CSV
// injection): a leading quote makes it text. Tab and carriage return are
// included because some spreadsheets skip them before looking for "=".
func defuse(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// WriteJSON writes what res shows in the dataset's own schema, so the file
// can be read back by the same decoder and rules (data.Decode, data.Validate).
// It encodes with encoding/json, which go-app links anyway: goccy/go-json's
// encoder would add about 2 MB of code to the WebAssembly binary, where only
// its decoder is needed.
func WriteJSON(w io.Writer, ix *Index, res Result) error {
	sub := subset(ix.DS, res)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // URLs with & stay readable
	return enc.Encode(&sub)
}

// subset keeps, in dataset order, the shown banks, the sections and
// categories with cards, their cells for those banks and only the sources
// those cells cite. With everything shown, it is the dataset itself.
func subset(ds *data.Dataset, res Result) data.Dataset {
	banks := map[string]bool{}
	for _, b := range res.Banks {
		banks[b.ID] = true
	}
	sections, categories := map[string]bool{}, map[string]bool{}
	for _, g := range res.Groups {
		sections[g.Section.ID] = true
		for _, card := range g.Cards {
			categories[card.Category.ID] = true
		}
	}

	out := data.Dataset{Meta: ds.Meta}
	// The at-a-glance tiles frame the whole comparison, so they all stay; a
	// tile about a bank left out loses only its bank reference, which would
	// point nowhere (its text still names the bank).
	out.Meta.AtAGlance = orEmpty(ds.Meta.AtAGlance)
	for i := range out.Meta.AtAGlance {
		if g := &out.Meta.AtAGlance[i]; !banks[g.Bank] {
			g.Bank = ""
		}
	}
	out.Meta.PeerPortals = orEmpty(ds.Meta.PeerPortals)
	out.Banks = keep(ds.Banks, func(b data.Bank) bool { return banks[b.ID] })
	out.Sections = keep(ds.Sections, func(s data.Section) bool { return sections[s.ID] })
	out.Categories = keep(ds.Categories, func(c data.Category) bool { return categories[c.ID] })
	cited := map[string]bool{}
	out.Cells = keep(ds.Cells, func(c data.Cell) bool { return banks[c.Bank] && categories[c.Category] })
	for i := range out.Cells {
		c := &out.Cells[i]
		// A file may leave these lists out; the decoder wants [], not null.
		c.Formats = orEmpty(c.Formats)
		c.Sources = orEmpty(c.Sources)
		for _, id := range c.Sources {
			cited[id] = true
		}
	}
	out.Sources = keep(ds.Sources, func(s data.Source) bool { return cited[s.ID] })
	out.Markets, out.Offerings = marketsAndOfferings(ds, out.Cells)
	return out
}

// marketsAndOfferings keeps the markets and offerings the kept cells name,
// with the member countries of every kept group, so the subset validates.
func marketsAndOfferings(ds *data.Dataset, cells []data.Cell) ([]data.Market, []data.Offering) {
	markets, offerings := map[string]bool{}, map[string]bool{}
	for _, c := range cells {
		for _, code := range c.Markets {
			markets[code] = true
			if m := ds.Market(code); m != nil {
				for _, member := range m.Members {
					markets[member] = true
				}
			}
		}
		for _, id := range c.Offerings {
			offerings[id] = true
		}
	}
	return keep(ds.Markets, func(m data.Market) bool { return markets[m.Code] }),
		keep(ds.Offerings, func(o data.Offering) bool { return offerings[o.ID] })
}

// keep returns the elements of s that ok accepts, as a new, non-nil slice.
func keep[T any](s []T, ok func(T) bool) []T {
	out := make([]T, 0, len(s))
	for _, v := range s {
		if ok(v) {
			out = append(out, v)
		}
	}
	return out
}

// orEmpty copies s into a slice that encodes as [] even when s is nil.
func orEmpty[T any](s []T) []T { return append(make([]T, 0, len(s)), s...) }

// exportPrefix names every download; the version follows it.
const exportPrefix = "citi-jpm-comparison"

// ExportName is the download's file name, e.g.
// "citi-jpm-comparison-2026-11-24-filtered.csv": the dataset version says
// which data it holds, "filtered" that it is not the whole comparison.
func ExportName(ds *data.Dataset, filtered bool, ext string) string {
	name := exportPrefix
	if v := slug(ds.Meta.Version); v != "" {
		name += "-" + v
	}
	if filtered {
		name += "-filtered"
	}
	if ext = slug(ext); ext != "" {
		name += "." + ext
	}
	return name
}

// slug keeps lower-case ASCII letters and digits and turns every other run
// of characters into one hyphen, so a name is safe on any file system.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			if b.Len() >= 64 {
				break
			}
			continue
		}
		hyphen = true
	}
	return b.String()
}
