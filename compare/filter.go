package compare

import (
	"slices"
	"strings"
	"sync"
	"time"

	"citijpm/data"
)

// Index is a dataset prepared for filtering: the search text of every cell
// is lower-cased and joined once, not on every keystroke.
type Index struct {
	DS *data.Dataset
	// verified holds each cell's readable last-verified date, parsed once:
	// every filter change asks every cell whether it is stale.
	verified map[*data.Cell]time.Time

	// text is built on the first search (or by PrepareSearch): it is most
	// of an index's cost, and a page's first render seldom searches.
	textOnce sync.Once
	text     map[*data.Cell]string
}

// NewIndex prepares ds for filtering.
func NewIndex(ds *data.Dataset) *Index {
	ix := &Index{DS: ds, verified: make(map[*data.Cell]time.Time, len(ds.Cells))}
	for i := range ds.Cells {
		c := &ds.Cells[i]
		if verified, err := data.ParseDate(c.LastVerified); err == nil {
			ix.verified[c] = verified
		}
	}
	return ix
}

// PrepareSearch builds the search text now rather than on the first search.
func (ix *Index) PrepareSearch() { ix.searchText() }

func (ix *Index) searchText() map[*data.Cell]string {
	ix.textOnce.Do(func() {
		ds := ix.DS
		ix.text = make(map[*data.Cell]string, len(ds.Cells))
		for i := range ds.Cells {
			c := &ds.Cells[i]
			ix.text[c] = strings.ToLower(searchText(ds, c))
		}
	})
	return ix.text
}

// stale is IsStale with the date parsed once; a cell it does not know
// (another dataset's) is parsed now.
func (ix *Index) stale(c *data.Cell, today time.Time) bool {
	verified, ok := ix.verified[c]
	if !ok {
		return IsStale(c, ix.DS.Meta.StaleAfterDays, today)
	}
	return AgeDays(verified, today) > ix.DS.Meta.StaleAfterDays
}

// searchText is everything a reader sees on a cell and its card.
func searchText(ds *data.Dataset, c *data.Cell) string {
	parts := []string{c.Enables, c.Evidence, c.Regions, c.Caveat, c.ConfNote,
		c.Status.Title(), string(c.Confidence), c.Label.Title()}
	parts = append(parts, c.Formats...)
	parts = append(parts, c.Searched...)
	for _, id := range c.Offerings {
		if o := ds.Offering(id); o != nil {
			parts = append(parts, o.Name)
		}
	}
	if cat := ds.Category(c.Category); cat != nil {
		parts = append(parts, cat.Name, cat.Description)
	}
	if b := ds.Bank(c.Bank); b != nil {
		parts = append(parts, b.Name, b.PortalName)
	}
	for _, id := range c.Sources {
		if s := ds.Source(id); s != nil {
			parts = append(parts, s.Title, s.Publisher)
		}
	}
	return strings.Join(parts, "\n")
}

// Card is one category as shown: the cells of the chosen banks, side by side.
type Card struct {
	Category *data.Category
	Cells    []CellView
	// Differ is true when the shown banks' statuses are not all the same.
	Differ bool
}

// CellView is one bank's cell on a card, and whether it met the filters.
type CellView struct {
	Bank  *data.Bank
	Cell  *data.Cell
	Match bool
	Stale bool
	// Market says how the cell relates to the market filter, if any.
	Market MarketMatch
}

// Group is one section's cards.
type Group struct {
	Section *data.Section
	Cards   []Card
}

// Result is the filtered comparison.
type Result struct {
	Banks  []*data.Bank
	Groups []Group
	Count  int // number of cards
	Total  int // number of categories before filtering
	// Market is the market filtered on, or nil.
	Market *data.Market
	// Unstated lists, in display order, the shown banks' cells that pass
	// every filter but the market one and state no market: they are neither
	// shown as documented for the market nor silently dropped.
	Unstated []CellRef
}

// Cards returns every card of the result in display order.
func (r Result) Cards() []Card {
	out := make([]Card, 0, r.Count)
	for _, g := range r.Groups {
		out = append(out, g.Cards...)
	}
	return out
}

// CategoryIDs returns the ids of the cards shown, in display order.
func (r Result) CategoryIDs() []string {
	ids := make([]string, 0, r.Count)
	for _, c := range r.Cards() {
		ids = append(ids, c.Category.ID)
	}
	return ids
}

// Filter applies f to the dataset, as seen on the date today (which decides
// staleness). A card is kept when its section is chosen, the banks differ
// (if asked), and at least one shown bank's cell passes every cell filter.
func (ix *Index) Filter(f Filters, today time.Time) Result {
	ds := ix.DS
	res := Result{Banks: ix.banks(f), Total: len(ds.Categories)}
	if f.Market != "" {
		res.Market = ds.Market(f.Market)
	}
	terms := strings.Fields(strings.ToLower(f.Query))
	for i := range ds.Sections {
		sec := &ds.Sections[i]
		if len(f.Sections) > 0 && !slices.Contains(f.Sections, sec.ID) {
			continue
		}
		g := Group{Section: sec}
		for _, cat := range ds.CategoriesIn(sec.ID) {
			card, ok := ix.card(cat, res.Banks, f, terms, today, &res.Unstated)
			if ok {
				g.Cards = append(g.Cards, card)
			}
		}
		if len(g.Cards) > 0 {
			res.Groups = append(res.Groups, g)
			res.Count += len(g.Cards)
		}
	}
	return res
}

func (ix *Index) banks(f Filters) []*data.Bank {
	var out []*data.Bank
	for i := range ix.DS.Banks {
		b := &ix.DS.Banks[i]
		if len(f.Banks) == 0 || slices.Contains(f.Banks, b.ID) {
			out = append(out, b)
		}
	}
	return out
}

func (ix *Index) card(cat *data.Category, banks []*data.Bank, f Filters, terms []string, today time.Time, unstated *[]CellRef) (Card, bool) {
	card := Card{Category: cat}
	anyMatch := false
	for _, b := range banks {
		c := ix.DS.Cell(b.ID, cat.ID)
		if c == nil {
			continue // a validated dataset has every cell; be safe anyway
		}
		stale := ix.stale(c, today)
		market := MarketOf(ix.DS, c, f.Market)
		match := ix.cellMatches(c, f, terms, stale)
		if match && market == MarketUnstated {
			*unstated = append(*unstated, CellRef{Bank: b, Category: cat, Cell: c})
		}
		match = match && market.Shown()
		anyMatch = anyMatch || match
		card.Cells = append(card.Cells, CellView{Bank: b, Cell: c, Match: match, Stale: stale, Market: market})
		if len(card.Cells) > 1 && c.Status != card.Cells[0].Cell.Status {
			card.Differ = true
		}
	}
	if f.DiffOnly && !card.Differ {
		return card, false
	}
	return card, anyMatch
}

func (ix *Index) cellMatches(c *data.Cell, f Filters, terms []string, stale bool) bool {
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, c.Status) {
		return false
	}
	if f.MinConf != "" && c.Confidence.Rank() < f.MinConf.Rank() {
		return false
	}
	if !f.Label.keeps(c.Label) {
		return false
	}
	if f.Stale && !stale {
		return false
	}
	if len(terms) == 0 {
		return true
	}
	text := ix.searchText()[c]
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// IsStale reports whether a cell's last-verified date is more than
// maxAgeDays before today. An unreadable date counts as stale: it cannot be
// trusted to be fresh.
func IsStale(c *data.Cell, maxAgeDays int, today time.Time) bool {
	verified, err := data.ParseDate(c.LastVerified)
	if err != nil {
		return true
	}
	return AgeDays(verified, today) > maxAgeDays
}

// AgeDays counts whole calendar days from then to today.
func AgeDays(then, today time.Time) int {
	y, m, d := today.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int(day.Sub(then.UTC()).Hours() / 24)
}
