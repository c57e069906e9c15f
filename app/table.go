package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// renderTable is the accessible table view of the same filtered data: a
// real <table> with a caption, column headers and row headers, one row
// group per section.
func (c *Comparison) renderTable() app.UI {
	t := compare.NewTable(c.ix.DS, c.shown, c.st.Filters, c.today)
	return app.Div().Class("table-wrap").ID("table-view").Body(
		app.Table().Class("comparison-table").Body(
			app.Caption().Text(t.Caption),
			app.THead().Body(app.Tr().Body(app.Range(t.Columns).Slice(func(i int) app.UI {
				return app.Th().Scope("col").Text(t.Columns[i])
			}))),
			app.Range(t.Groups).Slice(func(i int) app.UI {
				g := t.Groups[i]
				return app.TBody().DataSet("section", g.Section.ID).Body(
					app.Tr().Class("table-section").Body(
						app.Th().Scope("colgroup").ColSpan(len(t.Columns)).Text(g.Section.Title),
					),
					app.Range(g.Rows).Slice(func(j int) app.UI { return tableRow(c.ix.DS, g.Rows[j]) }),
				)
			}),
		),
	)
}

func tableRow(ds *data.Dataset, r compare.TableRow) app.UI {
	return app.Tr().DataSet("category", r.Category.ID).Body(
		app.Th().Scope("row").Body(
			app.Text(r.Category.Name),
			app.If(r.Differ, func() app.UI { return app.Span().Class("differ-tag").Text("Banks differ") }),
		),
		app.Range(r.Cells).Slice(func(i int) app.UI {
			tc := r.Cells[i]
			cell := tc.Cell
			return app.Td().DataSet("bank", tc.Bank.ID).DataSet("status", string(cell.Status)).Body(
				app.P().Class("table-summary").Body(
					app.Span().Class("glyph status-"+string(cell.Status)).Aria("hidden", "true").Text(statusGlyph(cell.Status)+" "),
					app.Text(tc.Summary),
				),
				app.If(tc.Stale, func() app.UI {
					return app.P().Class("stale").Text("Re-verify: last checked " + readableDate(cell.LastVerified))
				}),
				app.P().Text(cell.Enables),
				app.If(tc.MarketNote != "", func() app.UI { return app.P().Class("market-tag").Text(tc.MarketNote) }),
				app.If(len(cell.Offerings) > 0, func() app.UI {
					return app.P().Class("meta").Text("Offering: " + compare.OfferingsText(ds, cell))
				}),
				app.If(len(cell.Formats) > 0, func() app.UI {
					return app.P().Class("meta").Text("Formats: " + strings.Join(cell.Formats, ", "))
				}),
				app.P().Class("meta").Text(sourceCount(len(cell.Sources))+" · last verified "+readableDate(cell.LastVerified)),
			)
		}),
	)
}

func sourceCount(n int) string {
	if n == 0 {
		return "No source"
	}
	return data.Plural(n, "source", "sources")
}
