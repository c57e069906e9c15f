package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// exportError shows why the last download failed, until the reader
// dismisses it; it is empty otherwise, and its alert region stays in the
// page so that a message added later is announced.
type exportError struct {
	app.Compo

	IMessage string

	dismiss func(app.Context) // set once, at creation
}

func newExportError(dismiss func(app.Context)) *exportError {
	return &exportError{dismiss: dismiss}
}

func (v *exportError) Message(m string) *exportError { v.IMessage = m; return v }

func (v *exportError) Render() app.UI {
	return app.Div().ID("export-error").Role("alert").Body(
		app.If(v.IMessage != "", func() app.UI {
			return app.P().Class("pill pill-error").Body(
				app.Text(v.IMessage+" "),
				app.Button().Type("button").Class("button-link").ID("export-error-dismiss").Text("Dismiss").
					OnClick(func(ctx app.Context, e app.Event) { v.dismiss(ctx) }),
			)
		}),
	)
}
