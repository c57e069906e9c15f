package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// embedDialog offers the two embed snippets for the current view, each
// with a copy button. Which snippet was copied is its own state; closing
// is the page's (Escape closes it too).
type embedDialog struct {
	app.Compo

	ILoader, IIframe string

	copied  string            // id of the snippet last copied
	onClose func(app.Context) // set once, at creation
}

func newEmbedDialog(onClose func(app.Context)) *embedDialog {
	return &embedDialog{onClose: onClose}
}

// Snippets sets the self-sizing loader snippet and the plain iframe one.
func (d *embedDialog) Snippets(loader, iframe string) *embedDialog {
	d.ILoader, d.IIframe = loader, iframe
	return d
}

func (d *embedDialog) Render() app.UI {
	return app.Div().Class("modal-backdrop").Body(
		app.Div().ID("embed-dialog").Class("modal").Role("dialog").Aria("modal", "true").
			Aria("labelledby", "embed-title").TabIndex(-1).
			Body(
				app.H2().ID("embed-title").Text("Embed this view"),
				app.P().Text("Paste one of these into your page. Both show the comparison with the filters you have now."),
				d.snippet("embed-loader", "Self-sizing (recommended)",
					"A placeholder and a small script: the frame grows and shrinks with its content.", d.ILoader),
				d.snippet("embed-iframe", "Plain iframe",
					"For sites that allow no third-party script: a fixed height, the frame scrolls if needed.", d.IIframe),
				app.Button().Type("button").Class("button button-quiet").ID("embed-close").
					Text("Close (Esc)").
					OnClick(func(ctx app.Context, e app.Event) { d.onClose(ctx) }),
			),
	)
}

func (d *embedDialog) snippet(id, title, help, code string) app.UI {
	return app.Div().Class("snippet").Body(
		app.H3().Text(title),
		app.P().Class("meta").Text(help),
		app.Label().For(id).Class("visually-hidden").Text(title),
		app.Textarea().ID(id).Class("code").ReadOnly(true).Rows(strings.Count(code, "\n")+3).Text(code),
		app.Button().Type("button").Class("button").ID(id+"-copy").
			Text("Copy").
			OnClick(func(ctx app.Context, e app.Event) {
				copyText(id)
				d.copied = id
			}),
		app.If(d.copied == id, func() app.UI {
			return app.Span().Class("copied").Role("status").Text(" Copied to the clipboard")
		}),
	)
}

// copyText copies a textarea's text: the Clipboard API where allowed, else
// the older selection copy.
func copyText(id string) {
	if app.IsServer {
		return
	}
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return
	}
	text := el.Get("value").String()
	if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() && cb.Get("writeText").Truthy() {
		if p := cb.Call("writeText", text); p.Truthy() {
			if ignoreRejection == nil {
				ignoreRejection = app.FuncOf(func(app.Value, []app.Value) any { return nil })
			}
			p.Call("catch", ignoreRejection)
			return
		}
	}
	el.Call("select")
	document().Call("execCommand", "copy")
}
