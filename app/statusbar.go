package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// statusBar shows the connection and update state; it is empty (and takes
// no room) when there is nothing to say.
type statusBar struct {
	app.Compo

	// IOffline rather than an "online" flag: a bar given nothing says
	// nothing.
	IOffline, IUpdateReady bool
}

func newStatusBar() *statusBar { return &statusBar{} }

// Online sets whether the browser reports a network connection.
func (b *statusBar) Online(v bool) *statusBar { b.IOffline = !v; return b }

// UpdateReady sets whether a new version is cached, which a reload shows.
func (b *statusBar) UpdateReady(v bool) *statusBar { b.IUpdateReady = v; return b }

func (b *statusBar) Render() app.UI {
	return app.Div().Class("status-bar").Aria("live", "polite").Body(
		app.If(b.IOffline, func() app.UI {
			return app.P().ID("offline-indicator").Class("pill pill-offline").
				Text("Offline — showing the copy saved on this device")
		}),
		app.If(b.IUpdateReady, func() app.UI {
			return app.P().ID("update-banner").Class("pill pill-update").Body(
				app.Text("A new version is available — "),
				app.Button().Type("button").Class("button-link").ID("update-reload").
					Text("Reload").
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
	)
}
