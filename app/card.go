package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// cardView is one category with the chosen banks side by side. It is a
// component so that a filter change re-renders only the cards it touches.
type cardView struct {
	app.Compo

	Card        compare.Card
	Hidden      bool
	SourceLinks bool // link each source to the Sources view
}

func (v *cardView) Render() app.UI {
	cat := v.Card.Category
	titleID := cardID(cat.ID) + "-title"
	classes := []string{"card"}
	if v.Card.Differ {
		classes = append(classes, "card-differ")
	}
	return hidden(app.Article().ID(cardID(cat.ID)).Class(classes...).TabIndex(-1).
		DataSet("category", cat.ID).
		Aria("labelledby", titleID), v.Hidden).
		Body(
			app.Header().Class("card-head").Body(
				app.H3().ID(titleID).Text(cat.Name),
				app.If(v.Card.Differ, func() app.UI {
					return app.Span().Class("differ-tag").Text("Banks differ")
				}),
				app.P().Class("card-desc").Text(cat.Description),
			),
			app.Div().Class("cells").Body(app.Range(v.Card.Cells).Slice(func(i int) app.UI {
				return cellView(v.Card.Cells[i], cat.ID, v.SourceLinks)
			})),
		)
}

func cellView(cv compare.CellView, category string, sourceLinks bool) app.UI {
	c, b := cv.Cell, cv.Bank
	classes := []string{"cell", "cell-" + string(c.Status)}
	if !cv.Match {
		classes = append(classes, "cell-nomatch")
	}
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
			app.If(!cv.Match, func() app.UI {
				return app.P().Class("nomatch-tag").Text("Shown for comparison: this cell does not meet the filters")
			}),
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
