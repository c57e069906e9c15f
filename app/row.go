package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// categoryRow is one category of the comparison: its name and, per bank,
// status, confidence and a one-line "what it enables"; the full evidence
// opens on demand below it (evidencePanel). The cells of banks the filters
// leave out are hidden, not removed, so a filter change flips attributes
// rather than recreating elements.
//
// Fields go-app compares between renders are exported (the I prefix keeps
// them apart from the setters); the callback is set once, at creation.
type categoryRow struct {
	app.Compo

	ICategory    *data.Category
	ISlots       []cellSlot
	IDiffer      bool
	IHidden      bool
	IOpen        bool
	IDensity     string // compact shows no "what it enables" line
	IMarket      string // the market filtered on, as in markets.json; "" for none
	ISourceLinks bool
	IFirstScreen bool // on the first screen at takeover (see adopt.go)

	ds       *data.Dataset
	onToggle func(ctx app.Context, category string, open bool)

	// shown holds the slots last drawn while visible: a hidden row keeps
	// them, unseen, rather than being redrawn for nothing.
	shown []cellSlot
}

// cellSlot is one bank's place in a row.
type cellSlot struct {
	Cell   compare.CellView
	Hidden bool // the bank is filtered out
}

func newCategoryRow(ds *data.Dataset, cat *data.Category) *categoryRow {
	return &categoryRow{ds: ds, ICategory: cat}
}

func (r *categoryRow) Slots(s []cellSlot) *categoryRow { r.ISlots = s; return r }
func (r *categoryRow) Differ(v bool) *categoryRow      { r.IDiffer = v; return r }
func (r *categoryRow) Hidden(v bool) *categoryRow      { r.IHidden = v; return r }
func (r *categoryRow) Open(v bool) *categoryRow        { r.IOpen = v; return r }
func (r *categoryRow) Density(d string) *categoryRow   { r.IDensity = d; return r }
func (r *categoryRow) SourceLinks(v bool) *categoryRow { r.ISourceLinks = v; return r }
func (r *categoryRow) Market(code string) *categoryRow { r.IMarket = code; return r }
func (r *categoryRow) FirstScreen(v bool) *categoryRow { r.IFirstScreen = v; return r }

func (r *categoryRow) OnToggle(f func(ctx app.Context, category string, open bool)) *categoryRow {
	r.onToggle = f
	return r
}

func (r *categoryRow) Render() app.UI {
	if !r.IHidden || r.shown == nil {
		r.shown = r.ISlots
	}
	cat := r.ICategory
	titleID := cardID(cat.ID) + "-title"
	classes := []string{"card"}
	if r.IDiffer {
		classes = append(classes, "card-differ")
	}
	if r.IFirstScreen {
		classes = append(classes, firstScreenClass)
	}
	return hidden(app.Article().ID(cardID(cat.ID)).Class(classes...).TabIndex(-1).
		DataSet("category", cat.ID).
		Aria("labelledby", titleID), r.IHidden).
		Body(
			app.Div().Class("row").Body(
				app.H3().ID(titleID).Class("row-name").Body(
					app.Text(cat.Name),
					app.If(r.IDiffer, func() app.UI { return app.Span().Class("differ-tag").Text("Banks differ") }),
				),
				app.Div().Class("row-cells").Body(app.Range(r.shown).Slice(func(i int) app.UI {
					s := r.shown[i]
					return &cellSummary{
						ISlot:       s,
						ICompact:    r.IDensity == "compact",
						IOffering:   offeringTag(r.ds, s.Cell.Cell, s.Cell.Bank.ID),
						IMarketNote: marketNote(r.ds, s.Cell.Cell, r.IMarket),
					}
				})),
			),
			newEvidencePanel(r.ds, cat).
				Cells(r.shown).
				Open(r.IOpen).
				SourceLinks(r.ISourceLinks).
				OnToggle(r.toggled),
		)
}

func (r *categoryRow) toggled(ctx app.Context, open bool) {
	if r.onToggle != nil {
		r.onToggle(ctx, r.ICategory.ID, open)
	}
}

// cellSummary is one bank's line in a row: what a reader scans.
type cellSummary struct {
	app.Compo

	ISlot       cellSlot
	ICompact    bool
	IOffering   string // the offering the facts belong to, when not the bank's main one
	IMarketNote string // how the cell relates to the market filtered on
}

func (v *cellSummary) Render() app.UI {
	cv := v.ISlot.Cell
	c, b := cv.Cell, cv.Bank
	classes := []string{"cell-summary", "cell-" + string(c.Status)}
	if !cv.Match {
		classes = append(classes, "slot-nomatch")
	}
	return hidden(app.Div().Class(classes...), v.ISlot.Hidden).
		DataSet("bank", b.ID).
		DataSet("status", string(c.Status)).
		DataSet("confidence", string(c.Confidence)).
		Body(
			// Glyphs and the word "confidence" come from the stylesheet:
			// this line repeats for every bank and category.
			app.P().Class("summary-head").Body(
				app.Span().Class("bank-name").Text(b.ShortName),
				app.Span().Class("status", "status-"+string(c.Status)).Text(c.Status.Title()),
				app.Span().Class("conf", "conf-"+string(c.Confidence)).Text(string(c.Confidence)),
				app.If(!cv.Match, func() app.UI { return app.Span().Class("nomatch-tag").Text("outside the filters") }),
				app.If(cv.Stale, func() app.UI { return app.Span().Class("stale").Text("re-verify") }),
				app.If(v.IOffering != "", func() app.UI { return app.Span().Class("offering-tag").Title(attrText(v.IOffering)).Text(v.IOffering) }),
				app.If(v.IMarketNote != "", func() app.UI {
					return app.Span().Class("market-tag").Title(attrText(v.IMarketNote)).Text(v.IMarketNote)
				}),
			),
			app.If(!v.ICompact, func() app.UI {
				return app.P().Class("enables-line").Text(c.Enables)
			}),
		)
}

// offeringTag names the offerings other than the bank's main one (the
// first it lists in offerings.json) that a cell's facts belong to, so that
// a fact about Spring by Citi, say, never reads as CitiConnect scope on the
// line a reader scans: "Spring by Citi" alone, or "also Spring by Citi"
// beside the main offering. The evidence names every offering.
func offeringTag(ds *data.Dataset, c *data.Cell, bank string) string {
	main := mainOffering(ds, bank)
	var others []string
	withMain := false
	for _, id := range c.Offerings {
		if id == main {
			withMain = true
			continue
		}
		name := id
		if o := ds.Offering(id); o != nil {
			name = o.Name
		}
		others = append(others, name)
	}
	if len(others) == 0 {
		return ""
	}
	tag := strings.Join(others, " · ")
	if withMain {
		tag = "also " + tag
	}
	return tag
}

func mainOffering(ds *data.Dataset, bank string) string {
	for _, o := range ds.Offerings {
		if o.Bank == bank {
			return o.ID
		}
	}
	return ""
}

// marketNote says how a cell relates to the market filtered on, if any.
func marketNote(ds *data.Dataset, c *data.Cell, market string) string {
	if market == "" {
		return ""
	}
	return compare.MarketNote(ds, c, market)
}
