package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
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

// toolbar holds the page-level actions: one line on a wide screen, a menu
// on a phone (the stylesheet keeps the disclosure open when wide). It owns
// no state: what it shows comes in through its setters, what a reader does
// goes out through its actions.
type toolbar struct {
	app.Compo

	ITheme       string
	ITable       bool
	IInstallable bool
	IViewCount   int // categories in the current view
	ITotal       int // categories in all
	IVersion     string

	do toolbarActions // set once, at creation
}

// toolbarActions are what the toolbar's controls ask of the page.
type toolbarActions struct {
	present  func(app.Context)
	embed    func(app.Context)
	theme    func(app.Context)
	view     func(ctx app.Context, table bool)
	download func(ctx app.Context, format string, filtered bool)
}

func newToolbar(do toolbarActions) *toolbar { return &toolbar{do: do} }

func (t *toolbar) Theme(v string) *toolbar     { t.ITheme = v; return t }
func (t *toolbar) Table(v bool) *toolbar       { t.ITable = v; return t }
func (t *toolbar) Installable(v bool) *toolbar { t.IInstallable = v; return t }
func (t *toolbar) Version(v string) *toolbar   { t.IVersion = v; return t }
func (t *toolbar) Counts(view, total int) *toolbar {
	t.IViewCount, t.ITotal = view, total
	return t
}

func (t *toolbar) Render() app.UI {
	return app.Nav().Class("toolbar").Aria("label", "Tools").Body(
		app.Details().Class("fold toolbar-fold").ID("toolbar-fold").Body(
			app.Summary().Class("button button-quiet").Text("Menu"),
			app.Div().Class("toolbar-items").Body(
				app.Button().Type("button").Class("button").ID("present-button").
					Aria("keyshortcuts", "p").
					Text("Present (p)").
					OnClick(func(ctx app.Context, e app.Event) { t.do.present(ctx) }),
				app.Button().Type("button").Class("button button-quiet").ID("embed-button").
					Aria("haspopup", "dialog").
					Text("Embed").
					OnClick(func(ctx app.Context, e app.Event) { t.do.embed(ctx) }),
				app.Button().Type("button").Class("button button-quiet").ID("theme-button").
					Text(themeLabel(t.ITheme)).
					OnClick(func(ctx app.Context, e app.Event) { t.do.theme(ctx) }),
				app.Div().Class("view-switch").Role("group").Aria("label", "View").Body(
					app.Button().Type("button").Class("button button-quiet").ID("view-cards").
						Aria("pressed", !t.ITable).Text("Cards").
						OnClick(func(ctx app.Context, e app.Event) { t.do.view(ctx, false) }),
					app.Button().Type("button").Class("button button-quiet").ID("view-table").
						Aria("pressed", t.ITable).Text("Table").
						OnClick(func(ctx app.Context, e app.Event) { t.do.view(ctx, true) }),
				),
				t.downloads(),
				app.A().Class("button button-quiet").Href("#sources").ID("sources-link").Text("Sources"),
				app.A().Class("button button-quiet").Href("#about").ID("about-link").Text("About & method"),
				app.If(t.IInstallable, func() app.UI {
					return app.Button().Type("button").Class("button button-quiet").ID("install-button").
						Text("Install app").
						OnClick(func(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() })
				}),
			),
		),
	)
}

// downloads offers the data of this view or of everything, made on the
// device from the embedded dataset.
func (t *toolbar) downloads() app.UI {
	button := func(id, text, format string, filtered bool) app.UI {
		return app.Button().Type("button").Class("button button-quiet").ID(id).Text(text).
			OnClick(func(ctx app.Context, e app.Event) { t.do.download(ctx, format, filtered) })
	}
	view := "this view (" + data.Plural(t.IViewCount, "category", "categories") + ")"
	all := "everything (" + data.Plural(t.ITotal, "category", "categories") + ")"
	return app.Details().Class("downloads").ID("downloads").Body(
		app.Summary().Class("button button-quiet").Text("Download data"),
		app.Div().Class("download-panel").Body(
			app.P().Class("meta").Text("Generated on this device from the embedded dataset (version "+t.IVersion+"); works offline."),
			button("dl-csv-view", "CSV — "+view, formatCSV, true),
			button("dl-json-view", "JSON — "+view, formatJSON, true),
			button("dl-csv-all", "CSV — "+all, formatCSV, false),
			button("dl-json-all", "JSON — "+all, formatJSON, false),
		),
	)
}

// renderToolbar places the toolbar with the page's current state. The
// mounted toolbar keeps the actions it was first given; they act on the
// page's state as it is when a reader clicks.
func (c *Comparison) renderToolbar() app.UI {
	return newToolbar(toolbarActions{
		present: c.enterPresenter,
		embed:   c.openEmbedDialog,
		theme: func(ctx app.Context) {
			c.st.Theme = themeCycle[c.st.Theme]
			writeURL(c.st.Values(c.ix.DS), false)
		},
		view:     func(ctx app.Context, table bool) { c.setView(table) },
		download: c.download,
	}).
		Theme(c.st.Theme).
		Table(c.st.Table).
		Installable(c.installable).
		Counts(c.shown.Count, c.shown.Total).
		Version(c.ix.DS.Meta.Version)
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
	c.updateReady = renderIfChanged(ctx, c.updateReady, ctx.AppUpdateAvailable())
}

// OnAppInstallChange follows whether the browser offers installation; it
// never does inside the installed app.
func (c *Comparison) OnAppInstallChange(ctx app.Context) {
	c.installable = renderIfChanged(ctx, c.installable, ctx.IsAppInstallable())
}

// renderIfChanged returns now, and keeps go-app from rendering the page
// after an event that changed nothing: go-app signals installability as
// the page loads, in the task of the first mount, which must stay short.
func renderIfChanged(ctx app.Context, was, now bool) bool {
	if now == was {
		ctx.PreventUpdate()
	}
	return now
}

// themeAttr is the data-theme value; "" follows the system setting.
func themeAttr(st compare.State) string {
	if st.Theme == "auto" {
		return ""
	}
	return st.Theme
}
