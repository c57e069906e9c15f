package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// cardView is one category with every bank's cell side by side; the cells
// of banks the filters leave out are hidden, not removed. Cards and cells
// are components, so a filter change redraws only what it changes: hiding
// a card or a bank flips attributes, and a cell is redrawn only when its
// own content (whether it meets the filters) changes.
type cardView struct {
	app.Compo

	Category    *data.Category
	Slots       []cellSlot
	Differ      bool
	Hidden      bool
	SourceLinks bool // link each source to the Sources view

	// shown holds the slots last drawn while visible: a hidden card keeps
	// them, unseen, rather than being redrawn for nothing.
	shown []cellSlot
}

// cellSlot is one bank's place on a card.
type cellSlot struct {
	Cell   compare.CellView
	Hidden bool // the bank is filtered out
}

func (v *cardView) Render() app.UI {
	if !v.Hidden || v.shown == nil {
		v.shown = v.Slots
	}
	cat := v.Category
	titleID := cardID(cat.ID) + "-title"
	classes := []string{"card"}
	if v.Differ {
		classes = append(classes, "card-differ")
	}
	return hidden(app.Article().ID(cardID(cat.ID)).Class(classes...).TabIndex(-1).
		DataSet("category", cat.ID).
		Aria("labelledby", titleID), v.Hidden).
		Body(
			app.Header().Class("card-head").Body(
				app.H3().ID(titleID).Text(cat.Name),
				// Toggled, not created: making elements is what costs.
				hidden(app.Span().Class("differ-tag"), !v.Differ).Text("Banks differ"),
				app.P().Class("card-desc").Text(cat.Description),
			),
			app.Div().Class("cells").Body(app.Range(v.shown).Slice(func(i int) app.UI {
				s := v.shown[i]
				return &cellComp{Cell: s.Cell, Hidden: s.Hidden, Category: cat.ID, SourceLinks: v.SourceLinks}
			})),
		)
}

// cellComp is one bank's cell on a card.
type cellComp struct {
	app.Compo

	Cell        compare.CellView
	Hidden      bool
	Category    string
	SourceLinks bool

	shown compare.CellView // last drawn while visible, as for cards
}

func (v *cellComp) Render() app.UI {
	if !v.Hidden || v.shown.Cell == nil {
		v.shown = v.Cell
	}
	// Whether the cell meets the filters changes often (every keystroke of
	// a search) and shows only on the slot: the content keeps its fields,
	// so go-app leaves it alone.
	content := v.shown
	content.Match = true
	classes := []string{"cell-slot"}
	if !v.shown.Match {
		classes = append(classes, "slot-nomatch")
	}
	return hidden(app.Div().Class(classes...), v.Hidden).Body(
		hidden(app.P().Class("nomatch-tag"), v.shown.Match).Text("Shown for comparison: this cell does not meet the filters"),
		&cellContent{Cell: content, Category: v.Category, SourceLinks: v.SourceLinks},
	)
}

// cellContent is a cell's evidence, drawn once and kept while it is shown.
type cellContent struct {
	app.Compo

	Cell        compare.CellView
	Category    string
	SourceLinks bool
}

func (v *cellContent) Render() app.UI { return cellView(v.Cell, v.Category, v.SourceLinks) }

func cellView(cv compare.CellView, category string, sourceLinks bool) app.UI {
	c, b := cv.Cell, cv.Bank
	classes := []string{"cell", "cell-" + string(c.Status)}
	headID := cellID(b.ID, category) + "-bank"
	return app.Div().ID(cellID(b.ID, category)).Class(classes...).TabIndex(-1).
		Role("group").Aria("labelledby", headID).
		DataSet("bank", b.ID).
		DataSet("status", string(c.Status)).
		DataSet("confidence", string(c.Confidence)).
		Body(
			app.Div().Class("cell-head").Body(
				app.H4().ID(headID).Text(b.ShortName),
				statusBadge(c.Status),
				confidenceBadge(c.Confidence),
			),
			app.If(cv.Stale, func() app.UI {
				return app.P().Class("stale").Body(
					app.Span().Class("glyph").Aria("hidden", "true").Text("⟳"),
					app.Text(" Re-verify: last checked "+readableDate(c.LastVerified)),
				)
			}),
			app.If(c.Status == data.NotVisible && !strings.Contains(c.Enables+c.Evidence, "validate during onboarding"), func() app.UI {
				return app.P().Class("onboarding").Text("Not visible publicly — validate during onboarding.")
			}),
			app.Dl().Class("evidence").Body(
				field("What it enables", app.Text(c.Enables)),
				app.If(len(c.Formats) > 0, func() app.UI {
					return field("Formats / standards", app.Ul().Class("chips").Body(
						app.Range(c.Formats).Slice(func(i int) app.UI {
							return app.Li().Class("chip").Text(c.Formats[i])
						}),
					))
				}),
				app.If(c.Regions != "", func() app.UI { return field("Regions", app.Text(c.Regions)) }),
				field("Public evidence signal", app.Text(c.Evidence)),
				app.If(c.Caveat != "", func() app.UI {
					return field("Caveat", app.Span().Class("caveat").Text(c.Caveat))
				}),
				app.If(c.ConfNote != "", func() app.UI { return field("Confidence note", app.Text(c.ConfNote)) }),
				field("Label", app.Span().Class("label", "label-"+labelClass(c.Label)).Text(c.Label.Title())),
				field("Last verified", app.Time().DateTime(c.LastVerified).Text(readableDate(c.LastVerified))),
			),
			sourcesList(c, sourceLinks),
		)
}

func field(name string, value app.UI) app.UI {
	return app.Div().Class("field").Body(app.Dt().Text(name), app.Dd().Body(value))
}

func labelClass(l data.Label) string {
	switch l {
	case data.SourcedAnalyst:
		return "mixed"
	case data.NotInSources:
		return "none"
	}
	return string(l)
}

// sourcesList lists a cell's sources; links adds a link to each source's
// entry in the Sources view (absent from the compact embed).
func sourcesList(c *data.Cell, links bool) app.UI {
	ds := index.DS
	if len(c.Sources) == 0 {
		return app.P().Class("sources sources-none").Text("Sources: none in the public material used here.")
	}
	return app.Div().Class("sources").Body(
		app.P().Class("sources-title").Text("Sources"),
		app.Ul().Body(app.Range(c.Sources).Slice(func(i int) app.UI {
			s := ds.Source(c.Sources[i])
			if s == nil {
				return app.Li().Text(c.Sources[i])
			}
			return app.Li().Class("source").DataSet("source", s.ID).Body(
				app.If(s.URL != "", func() app.UI { return externalLink(s.URL, s.Title) }).
					Else(func() app.UI { return app.Span().Class("source-title").Text(s.Title) }),
				app.Span().Class("source-meta").Text(" — "+s.Publisher+", "+readableDate(s.Date)),
				app.If(links, func() app.UI {
					return app.A().Class("to-source").Href("#"+sourceAnchor(s.ID)).Body(
						app.Text("in Sources"),
						app.Span().Class("visually-hidden").Text(" list: “"+s.Title+"”"),
					)
				}),
			)
		})),
	)
}
