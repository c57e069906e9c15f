package app

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// writeURL puts the state's query in the address bar without reloading.
func writeURL(q url.Values, push bool) {
	if app.IsServer {
		return
	}
	u := app.Window().URL()
	u.RawQuery = q.Encode()
	u.Fragment = ""
	method := "replaceState"
	if push {
		method = "pushState"
	}
	app.Window().Get("history").Call(method, nil, "", u.String())
}

// onPopState calls f in the UI goroutine each time the reader moves through
// history; it returns the function that stops it.
func onPopState(ctx app.Context, f func(app.Context)) (release func()) {
	return listen(ctx, app.Window(), "popstate", nil, func(ctx app.Context, _ app.Value) { f(ctx) })
}

// prerenderedForm reads the filter form as the server rendered it, and the
// filters the server rendered into it, before the app replaces the page.
// The two differ only if the reader changed a control in the meantime.
func prerenderedForm() (current url.Values, rendered string) {
	if app.IsServer {
		return nil, ""
	}
	form := app.Window().GetElementByID("filters")
	if !form.Truthy() {
		return nil, ""
	}
	query := app.Window().Get("URLSearchParams").New(app.Window().Get("FormData").New(form)).Call("toString").String()
	values, err := url.ParseQuery(query)
	if err != nil {
		return nil, ""
	}
	return values, form.Call("getAttribute", "data-rendered").String()
}
