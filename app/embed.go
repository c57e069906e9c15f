package app

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
	"citijpm/snippet"
)

// The embed protocol, shared with web/embed.js: the widget in a frame posts
// {type: resizeMessage, id: <frame id>, height: <CSS px>} to its parent on
// load, on resize and after every change of its content.
const resizeMessage = "citijpm:resize"

// isEmbed reports whether the page is the compact embed view: the /embed
// route or ?embed=1.
func (c *Comparison) isEmbed() bool { return c.embed || c.st.Embed }

// reportHeight tells the parent page the widget's content height whenever
// it changes, so the frame around it never scrolls. A ResizeObserver sees
// every change: load, window resize, filters, fonts.
func (c *Comparison) reportHeight() {
	if app.IsServer || !c.isEmbed() {
		return
	}
	win := app.Window()
	parent := win.Get("parent")
	if !parent.Truthy() || parent.Equal(win.JSValue()) || !win.Get("ResizeObserver").Truthy() {
		return
	}
	widget := win.GetElementByID("widget")
	last := 0
	report := app.FuncOf(func(app.Value, []app.Value) any {
		h := int(widget.Call("getBoundingClientRect").Get("height").Float() + 0.999)
		if h == last || h <= 0 {
			return nil
		}
		last = h
		// The frame id is read from the URL state at each report: it is not
		// parsed yet when the observer starts.
		msg := map[string]any{"type": resizeMessage, "id": c.st.Frame, "height": h}
		// The height is not secret, and the partner's origin is unknown here.
		parent.Call("postMessage", msg, "*")
		return nil
	})
	observer := win.Get("ResizeObserver").New(report)
	observer.Call("observe", widget)
	c.listeners.add(func() {
		observer.Call("disconnect")
		report.Release()
	})
}

// appBaseURL is the absolute URL of the app's root, e.g.
// https://host/widgets/citi-jpm/, as the browser sees it.
func appBaseURL() string {
	prefix := app.Getenv("GOAPP_ROOT_PREFIX")
	if prefix == "" {
		prefix = "/"
	}
	if app.IsServer {
		return prefix
	}
	u := app.Window().URL()
	return u.Scheme + "://" + u.Host + prefix
}

// shareQuery is the query that reproduces the view of st elsewhere: the
// filters and theme, without this frame's own parameters.
func shareQuery(st compare.State, ds *data.Dataset) url.Values {
	st.Embed, st.Frame, st.Present, st.Slide = false, "", false, 0
	return st.Values(ds)
}

// fullViewLink opens the full comparison with the same filters as st.
func fullViewLink(st compare.State, ds *data.Dataset) app.UI {
	href := "./"
	if q := shareQuery(st, ds).Encode(); q != "" {
		href += "?" + q
	}
	return app.P().Class("open-full").Body(
		app.A().ID("open-full").Href(attrText(href)).Target("_blank").Rel("noopener").Body(
			app.Text("Open full comparison"),
			app.Span().Class("visually-hidden").Text(" (opens in a new tab)"),
		),
	)
}

// embedSnippets returns the loader snippet and the plain iframe snippet for
// the view of st. The server's oEmbed answer builds its iframe with the
// same package.
func embedSnippets(st compare.State, ds *data.Dataset) (loader, iframe string) {
	base := appBaseURL()
	q := shareQuery(st, ds).Encode()
	title := ds.Meta.Title
	return snippet.Loader(base, q, title), snippet.IFrame(snippet.EmbedURL(base, q), title, snippet.FullWidth, snippet.FrameHeight)
}

func (c *Comparison) openEmbedDialog(ctx app.Context) {
	c.embedDialog = true
	ctx.Defer(func(app.Context) { focusByID("embed-dialog") })
}

func (c *Comparison) closeEmbedDialog(ctx app.Context) {
	c.embedDialog = false
	ctx.Defer(func(app.Context) { focusByID("embed-button") })
}

// renderEmbedDialog places the dialog with the snippets for this view.
func (c *Comparison) renderEmbedDialog() app.UI {
	loader, iframe := embedSnippets(c.st, c.ix.DS)
	return newEmbedDialog(c.closeEmbedDialog).Snippets(loader, iframe)
}

// embedFilters wraps the filter bar in a disclosure named summary in the
// compact view, so the cards come first.
func embedFilters(summary string, filters app.UI) app.UI {
	return app.Details().Class("embed-filters").Body(
		app.Summary().Text(summary),
		filters,
	)
}
