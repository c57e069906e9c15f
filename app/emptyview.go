package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// emptyView explains a view the filters left empty: the filters that each
// hide everything on their own, with a button to remove each, or that it
// takes several together.
type emptyView struct {
	app.Compo

	ICulprits []compare.Culprit

	remove func(ctx app.Context, param string) // set once, at creation
}

func newEmptyView(remove func(ctx app.Context, param string)) *emptyView {
	return &emptyView{remove: remove}
}

// Culprits sets the filters that each hide everything (see compare.Explain).
func (v *emptyView) Culprits(c []compare.Culprit) *emptyView { v.ICulprits = c; return v }

// onRemove reads which filter to remove from the button's data-param:
// go-app keeps the first handler it was given for a button, so a value
// captured when it was drawn may be another view's.
func (v *emptyView) onRemove(ctx app.Context, e app.Event) {
	v.remove(ctx, ctx.JSSrc().Get("dataset").Get("param").String())
}

func (v *emptyView) Render() app.UI {
	return app.Div().ID("empty").Class("empty").Body(
		app.H2().Text("No category matches these filters"),
		app.If(len(v.ICulprits) > 0, func() app.UI {
			return app.Div().Body(
				app.P().Text("These filters each hide everything on their own:"),
				app.Ul().Body(app.Range(v.ICulprits).Slice(func(i int) app.UI {
					k := v.ICulprits[i]
					return app.Li().Body(
						app.Button().Type("button").Class("button-link").
							DataSet("param", k.Param).
							Text("Remove “"+k.Label+"”").
							OnClick(v.onRemove),
						app.Text(" → "+data.Plural(k.Count, "category", "categories")),
					)
				})),
			)
		}).Else(func() app.UI {
			return app.P().Text("Several filters together hide everything; clear them to start again.")
		}),
	)
}
