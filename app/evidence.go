package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// evidencePanel holds a category's full evidence, per bank: formats,
// regions, the public evidence signal, caveat, label, last verified and
// sources. It is a <details>, so it opens by mouse, keyboard and without
// JavaScript. The server always writes the evidence into the page (for
// readers without JavaScript, crawlers and print); the browser builds it
// only while the panel is open, since it is most of the page's weight.
type evidencePanel struct {
	app.Compo

	ICategory    *data.Category
	ICells       []cellSlot
	IOpen        bool
	ISourceLinks bool

	ds       *data.Dataset
	onToggle func(ctx app.Context, open bool)
}

func newEvidencePanel(ds *data.Dataset, cat *data.Category) *evidencePanel {
	return &evidencePanel{ds: ds, ICategory: cat}
}

func (p *evidencePanel) Cells(s []cellSlot) *evidencePanel { p.ICells = s; return p }
func (p *evidencePanel) Open(v bool) *evidencePanel        { p.IOpen = v; return p }
func (p *evidencePanel) SourceLinks(v bool) *evidencePanel { p.ISourceLinks = v; return p }
func (p *evidencePanel) OnToggle(f func(app.Context, bool)) *evidencePanel {
	p.onToggle = f
	return p
}

func (p *evidencePanel) Render() app.UI {
	cat := p.ICategory
	withContent := app.IsServer || p.IOpen
	return opened(app.Details().Class("evidence-panel").ID("ev-"+cat.ID), p.IOpen).
		On("toggle", p.toggled).
		Body(
			app.Summary().Class("evidence-toggle").Aria("label", "Evidence for "+cat.Name).Text("Evidence"),
			app.If(withContent, func() app.UI {
				return app.Div().Class("evidence-body").Body(
					app.P().Class("card-desc").Text(cat.Description),
					app.Div().Class("cells").Body(app.Range(p.ICells).Slice(func(i int) app.UI {
						s := p.ICells[i]
						return hidden(app.Div().Class("cell-slot"), s.Hidden).Body(
							cellEvidence(p.ds, s.Cell.Cell, s.Cell.Bank, cat.ID, s.Cell.Stale, p.ISourceLinks),
						)
					})),
				)
			}),
		)
}

// toggled follows the browser's own opening and closing of the panel.
func (p *evidencePanel) toggled(ctx app.Context, e app.Event) {
	open := ctx.JSSrc().Get("open").Bool()
	if open != p.IOpen && p.onToggle != nil {
		p.onToggle(ctx, open)
	}
}

// opened sets <details open> in the browser, and in the prerendered HTML
// only when true: go-app would write open="false", which HTML reads as open.
func opened(d app.HTMLDetails, v bool) app.HTMLDetails {
	if v || app.IsClient {
		return d.Open(v)
	}
	return d
}

// cellEvidence is one bank's evidence for a category, every field.
func cellEvidence(ds *data.Dataset, c *data.Cell, b *data.Bank, category string, stale, sourceLinks bool) app.UI {
	headID := cellID(b.ID, category) + "-bank"
	return app.Div().ID(cellID(b.ID, category)).Class("cell", "cell-"+string(c.Status)).TabIndex(-1).
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
			app.If(stale, func() app.UI {
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
				app.If(len(c.Offerings) > 0, func() app.UI {
					return field("Offering", app.Text(compare.OfferingsText(ds, c)))
				}),
				app.If(len(c.Formats) > 0, func() app.UI {
					return field("Formats / standards", app.Ul().Class("chips").Body(
						app.Range(c.Formats).Slice(func(i int) app.UI {
							return app.Li().Class("chip").Text(c.Formats[i])
						}),
					))
				}),
				app.If(c.Regions != "", func() app.UI { return field("Regions", app.Text(c.Regions)) }),
				app.If(len(c.Markets) > 0, func() app.UI { return field("Markets named", app.Text(marketNames(ds, c))) }),
				field("Public evidence signal", app.Text(c.Evidence)),
				app.If(c.Caveat != "", func() app.UI {
					return field("Caveat", app.Span().Class("caveat").Text(c.Caveat))
				}),
				app.If(len(c.Searched) > 0, func() app.UI {
					return field("Where it was looked for", app.Ul().Class("searched").Body(
						app.Range(c.Searched).Slice(func(i int) app.UI { return app.Li().Text(c.Searched[i]) }),
					))
				}),
				app.If(c.ConfNote != "", func() app.UI { return field("Confidence note", app.Text(c.ConfNote)) }),
				field("Label", app.Span().Class("label", "label-"+labelClass(c.Label)).Text(c.Label.Title())),
				field("Last verified", app.Time().DateTime(c.LastVerified).Text(readableDate(c.LastVerified))),
			),
			sourcesList(ds, c, sourceLinks),
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
func sourcesList(ds *data.Dataset, c *data.Cell, links bool) app.UI {
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

// marketNames lists the markets a cell's sources name, as readers know
// them ("Australia (AU)").
func marketNames(ds *data.Dataset, c *data.Cell) string {
	names := make([]string, len(c.Markets))
	for i, code := range c.Markets {
		names[i] = code
		if m := ds.Market(code); m != nil {
			names[i] = compare.MarketLabel(m)
		}
	}
	return strings.Join(names, "; ")
}
