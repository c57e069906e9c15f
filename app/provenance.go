package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// Provenance: every source with the cells that cite it, and how to read the
// comparison. Cells link to their sources here, and sources link back.

func sourceAnchor(id string) string { return "src-" + id }

// citations maps each source to the cells that cite it, in dataset order.
func citations(ds *data.Dataset) map[string][]*data.Cell {
	out := map[string][]*data.Cell{}
	for i := range ds.Cells {
		c := &ds.Cells[i]
		for _, s := range c.Sources {
			out[s] = append(out[s], c)
		}
	}
	return out
}

// sourcesView is a component: it depends on the dataset alone, so filter
// changes leave it untouched.
// The list is prerendered in full; the browser builds it when a reader
// opens it or follows a link into it.
type sourcesView struct {
	app.Compo

	DS    *data.Dataset
	IOpen bool

	reveal   func(ctx app.Context, bank, category string) // set once, at creation
	onToggle func(ctx app.Context, open bool)
}

func (v *sourcesView) Render() app.UI {
	ds := v.DS
	return app.Section().Class("sources-view").ID("sources").Aria("labelledby", "sources-title").Body(
		app.H2().ID("sources-title").Text(fmt.Sprintf("Sources (%d)", len(ds.Sources))),
		app.P().Class("meta").Text("Every public document the cells cite, with the cells that cite it."),
		opened(app.Details().Class("sources-fold").ID("sources-fold"), v.IOpen).
			On("toggle", func(ctx app.Context, e app.Event) {
				if open := ctx.JSSrc().Get("open").Bool(); open != v.IOpen && v.onToggle != nil {
					v.onToggle(ctx, open)
				}
			}).
			Body(
				app.Summary().Class("sources-summary").Text(fmt.Sprintf("Show all %d sources", len(ds.Sources))),
				app.If(app.IsServer || v.IOpen, func() app.UI { return v.list() }),
			),
	)
}

func (v *sourcesView) list() app.UI {
	ds := v.DS
	cited := citations(ds)
	return app.Ol().Class("source-list").Body(app.Range(ds.Sources).Slice(func(i int) app.UI {
		s := ds.Sources[i]
		return app.Li().ID(sourceAnchor(s.ID)).Class("source-entry").DataSet("source", s.ID).TabIndex(-1).Body(
			app.P().Class("source-head").Body(
				app.If(s.URL != "", func() app.UI { return externalLink(s.URL, s.Title) }).
					Else(func() app.UI { return app.Strong().Text(s.Title) }),
			),
			app.P().Class("meta").Text(fmt.Sprintf("%s · %s · %s", s.Publisher, readableDate(s.Date), s.Kind)),
			app.If(s.Note != "", func() app.UI { return app.P().Class("meta").Text(s.Note) }),
			app.P().Class("cited-by").Body(
				app.Text("Cited by: "),
				app.Range(cited[s.ID]).Slice(func(j int) app.UI {
					cell := cited[s.ID][j]
					// The stylesheet puts a separator between links.
					return app.A().Href("#"+cellID(cell.Bank, cell.Category)).Class("cite-back").
						DataSet("cell", cellID(cell.Bank, cell.Category)).
						Text(cellLabel(ds, cell)).
						OnClick(func(ctx app.Context, e app.Event) {
							e.PreventDefault()
							v.reveal(ctx, cell.Bank, cell.Category)
						})
				}),
			),
		)
	}))
}

func cellLabel(ds *data.Dataset, cell *data.Cell) string {
	bank, cat := cell.Bank, cell.Category
	if b := ds.Bank(cell.Bank); b != nil {
		bank = b.ShortName
	}
	if k := ds.Category(cell.Category); k != nil {
		cat = k.Name
	}
	return bank + " — " + cat
}

// revealCell scrolls to a cell's card and focuses it. A cell hidden by the
// filters is shown by clearing them first: following a citation must
// never lead nowhere.
func (c *Comparison) revealCell(ctx app.Context, bank, category string) {
	visible := false
	for _, card := range c.shown.Cards() {
		if card.Category.ID != category {
			continue
		}
		for _, cv := range card.Cells {
			visible = visible || cv.Bank.ID == bank
		}
	}
	if !visible || c.st.Table {
		c.st.Table = false
		c.setFilters(ctx, compare.Filters{}, true)
	}
	c.setOpen(category, true)
	c.buildAll()
	ctx.Defer(func(app.Context) { focusAndScroll(cellID(bank, category)) })
}

func focusAndScroll(id string) {
	if app.IsServer {
		return
	}
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return
	}
	// "start" honours the stylesheet's scroll padding, which keeps the
	// target clear of the sticky stamps line.
	el.Call("scrollIntoView", map[string]any{"block": "start"})
	el.Call("focus", map[string]any{"preventScroll": true})
}

// aboutView explains how to read the comparison.
type aboutView struct {
	app.Compo

	DS *data.Dataset
}

func (v *aboutView) Render() app.UI {
	m := v.DS.Meta
	return app.Section().Class("about").ID("about").Aria("labelledby", "about-title").Body(
		app.H2().ID("about-title").Text("About this comparison and its method"),
		app.P().Text(m.Framing),
		bankLines(v.DS),
		app.P().Body(
			app.Strong().Text("Last verified: "),
			app.Text(readableDate(m.LastVerified)+". "),
			app.If(m.DatesNote != "", func() app.UI { return app.Text(m.DatesNote + " ") }),
			app.Text("A cell last checked more than "+fmt.Sprint(m.StaleAfterDays)+" days before today is marked “Re-verify” and can be filtered on."),
		),
		app.If(m.Method != "", func() app.UI {
			return app.P().ID("method").Body(app.Strong().Text("Method: "), app.Text(m.Method))
		}),
		app.P().Body(
			app.Strong().Text("Overall confidence: "),
			confidenceBadge(m.Confidence),
			app.Text(". "+m.ConfNote),
		),
		app.If(m.LegalReview.Required, func() app.UI {
			return app.P().Class("stamp-legal about-legal").Body(app.Strong().Text("Requires legal review: "), app.Text(m.LegalReview.Note))
		}),
		app.H3().Text("Status"),
		app.Dl().Class("about-list").Body(
			aboutItem(statusBadge(data.Documented), "An official public source describes the capability."),
			aboutItem(statusBadge(data.Partial), "Only part of the capability, or its scope, is visible, or the evidence is indirect: official but incomplete, third-party copies of official text, or press reports."),
			aboutItem(statusBadge(data.NotVisible), "Nothing public was found. This is not proof of absence: validate during onboarding."),
		),
		app.H3().Text("Confidence"),
		app.Dl().Class("about-list").Body(
			aboutItem(confidenceBadge(data.High), "An official page states it word for word."),
			aboutItem(confidenceBadge(data.Medium), "Official but indirect or partial, or official text read through a third-party copy."),
			aboutItem(confidenceBadge(data.Low), "Press, catalogues, vendor guides, other third parties, or an inference. Where sources grade a fact differently, the lower grade is used."),
		),
		app.H3().Text("Labels"),
		app.Dl().Class("about-list").Body(
			aboutItem(app.Strong().Text(data.Sourced.Title()), "Restates what the cited sources say."),
			aboutItem(app.Strong().Text(data.Analyst.Title()), "An analyst's reading of the public material, marked as such."),
			aboutItem(app.Strong().Text(data.SourcedAnalyst.Title()), "Both: a restatement with an interpretation added."),
			aboutItem(app.Strong().Text(data.SearchedNotFound.Title()), "Looked for and not found in public; the cell lists where it was looked for."),
			aboutItem(app.Strong().Text(data.NotInSources.Title()), "The sources used here did not look at this for this bank."),
		),
		app.P().Class("meta").Text("This is a first-pass public view for discovery, not an implementation scope. Eligibility, entitlements, region scope and commercial terms are questions for onboarding."),
	)
}

func aboutItem(term app.UI, text string) app.UI {
	return app.Div().Body(app.Dt().Body(term), app.Dd().Text(text))
}
