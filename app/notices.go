package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
)

// noticesView lists the parts of the page's link that were not understood
// and were ignored, until the reader dismisses them. Its region stays in
// the page, hidden, when there is none.
type noticesView struct {
	app.Compo

	INotices []compare.Notice

	dismiss func() // set once, at creation
}

func newNotices(dismiss func()) *noticesView { return &noticesView{dismiss: dismiss} }

func (v *noticesView) Notices(n []compare.Notice) *noticesView { v.INotices = n; return v }

func (v *noticesView) Render() app.UI {
	if len(v.INotices) == 0 {
		return app.Div().ID("notices").Class("notices").Hidden(true)
	}
	return app.Div().ID("notices").Class("notices").Role("status").Body(
		app.P().Class("notices-title").Text("Part of this link was not understood and was ignored:"),
		app.Ul().Body(app.Range(v.INotices).Slice(func(i int) app.UI {
			return app.Li().Class("notice").Text(v.INotices[i].String())
		})),
		app.Button().Type("button").ID("notices-dismiss").Class("button-link").
			Text("Dismiss").
			OnClick(func(ctx app.Context, e app.Event) { v.dismiss() }),
	)
}
