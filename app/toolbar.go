package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
)

// themeCycle is the order the theme button steps through.
var themeCycle = map[string]string{"": "light", "auto": "light", "light": "dark", "dark": "auto"}

func themeLabel(t string) string {
	switch t {
	case "light":
		return "Theme: light"
	case "dark":
		return "Theme: dark"
	}
	return "Theme: auto"
}

// renderToolbar holds the page-level actions: one line on a wide screen,
// a menu on a phone (the stylesheet keeps the disclosure open when wide).
func (c *Comparison) renderToolbar() app.UI {
	return app.Nav().Class("toolbar").Aria("label", "Tools").Body(
		app.Details().Class("fold toolbar-fold").ID("toolbar-fold").Body(
			app.Summary().Class("button button-quiet").Text("Menu"),
			app.Div().Class("toolbar-items").Body(c.toolbarItems()...),
		),
	)
}

func (c *Comparison) toolbarItems() []app.UI {
	return []app.UI{
		app.Button().Type("button").Class("button").ID("present-button").
			Aria("keyshortcuts", "p").
			Text("Present (p)").
			OnClick(func(ctx app.Context, e app.Event) { c.enterPresenter(ctx) }),
		app.Button().Type("button").Class("button button-quiet").ID("embed-button").
			Aria("haspopup", "dialog").
			Text("Embed").
			OnClick(func(ctx app.Context, e app.Event) { c.openEmbedDialog(ctx) }),
		app.Button().Type("button").Class("button button-quiet").ID("theme-button").
			Text(themeLabel(c.st.Theme)).
			OnClick(func(ctx app.Context, e app.Event) {
				c.st.Theme = themeCycle[c.st.Theme]
				writeURL(c.st.Values(c.ix.DS), false)
			}),
		app.Div().Class("view-switch").Role("group").Aria("label", "View").Body(
			app.Button().Type("button").Class("button button-quiet").ID("view-cards").
				Aria("pressed", !c.st.Table).Text("Cards").
				OnClick(func(ctx app.Context, e app.Event) { c.setView(false) }),
			app.Button().Type("button").Class("button button-quiet").ID("view-table").
				Aria("pressed", c.st.Table).Text("Table").
				OnClick(func(ctx app.Context, e app.Event) { c.setView(true) }),
		),
		c.renderDownloads(),
		app.A().Class("button button-quiet").Href("#sources").ID("sources-link").Text("Sources"),
		app.A().Class("button button-quiet").Href("#about").ID("about-link").Text("About & method"),
		app.If(c.installable, func() app.UI {
			return app.Button().Type("button").Class("button button-quiet").ID("install-button").
				Text("Install app").
				OnClick(func(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() })
		}),
	}
}

// renderStatusBar shows the connection and update state; it is empty (and
// takes no room) when there is nothing to say.
func (c *Comparison) renderStatusBar() app.UI {
	return app.Div().Class("status-bar").Aria("live", "polite").Body(
		app.If(!c.online, func() app.UI {
			return app.P().ID("offline-indicator").Class("pill pill-offline").
				Text("Offline — showing the copy saved on this device")
		}),
		app.If(c.updateReady, func() app.UI {
			return app.P().ID("update-banner").Class("pill pill-update").Body(
				app.Text("A new version is available — "),
				app.Button().Type("button").Class("button-link").ID("update-reload").
					Text("Reload").
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
	)
}

// setView switches between the cards and the table view.
func (c *Comparison) setView(table bool) {
	if c.st.Table == table {
		return
	}
	c.st.Table = table
	writeURL(c.st.Values(c.ix.DS), true)
}

// OnAppUpdate is go-app's signal that a new version has been cached.
func (c *Comparison) OnAppUpdate(ctx app.Context) {
	c.updateReady = ctx.AppUpdateAvailable()
}

// OnAppInstallChange follows whether the browser offers installation; it
// never does inside the installed app.
func (c *Comparison) OnAppInstallChange(ctx app.Context) {
	c.installable = ctx.IsAppInstallable()
}

// themeAttr is the data-theme value; "" follows the system setting.
func themeAttr(st compare.State) string {
	if st.Theme == "auto" {
		return ""
	}
	return st.Theme
}
