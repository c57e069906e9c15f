package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/data"
)

// resultsBar says how many categories show, what a chosen market means
// for them, and opens or closes every row's evidence at once.
type resultsBar struct {
	app.Compo

	ICount, ITotal int
	IMarketNote    string

	setDensity func(string) // "detailed" opens every row, "" closes; set once, at creation
}

func newResultsBar(setDensity func(string)) *resultsBar {
	return &resultsBar{setDensity: setDensity}
}

// Counts sets how many categories show of how many.
func (b *resultsBar) Counts(shown, total int) *resultsBar {
	b.ICount, b.ITotal = shown, total
	return b
}

// MarketNote sets what the chosen market means for the rows ("" without
// a market).
func (b *resultsBar) MarketNote(note string) *resultsBar { b.IMarketNote = note; return b }

func (b *resultsBar) Render() app.UI {
	return app.Div().Class("results-bar").Body(
		app.P().ID("result-count").Class("result-count").Aria("live", "polite").
			Text(fmt.Sprintf("Showing %s of %d", data.Plural(b.ICount, "category", "categories"), b.ITotal)),
		app.If(b.IMarketNote != "", func() app.UI {
			return app.P().ID("market-note").Class("market-note").Text(b.IMarketNote)
		}),
		app.Div().Class("density-switch").Role("group").Aria("label", "Evidence").Body(
			app.Button().Type("button").Class("button button-quiet").ID("expand-all").
				Aria("controls", "results").
				Text("Expand all").
				OnClick(func(ctx app.Context, e app.Event) { b.setDensity("detailed") }),
			app.Button().Type("button").Class("button button-quiet").ID("collapse-all").
				Aria("controls", "results").
				Text("Collapse all").
				OnClick(func(ctx app.Context, e app.Event) { b.setDensity("") }),
		),
	)
}
