package app

import (
	"net/url"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// writeURL puts the state's query in the address bar without reloading.
// A write still waiting for its frame (writeURLAfterPaint) goes first, so
// that entries keep their order.
func writeURL(q url.Values, push bool) {
	if app.IsServer {
		return
	}
	flushURL()
	u := app.Window().URL()
	u.RawQuery = q.Encode()
	u.Fragment = ""
	method := "replaceState"
	if push {
		method = "pushState"
	}
	app.Window().Get("history").Call(method, nil, "", u.String())
}

// pendingURL is the address of a change that is on its way to the screen.
var pendingURL struct {
	sync.Mutex
	query url.Values
	push  bool
	set   bool
}

// writeURLAfterPaint writes the address once the change that made it is
// on screen. history.pushState costs a few milliseconds of the main
// thread (more on a slow phone), which a reader would otherwise wait
// through before the rows change. The write is scheduled after the
// current update (ctx.Defer), then after the frame that shows it.
func writeURLAfterPaint(ctx app.Context, q url.Values, push bool) {
	if app.IsServer {
		return
	}
	flushURL() // an earlier change keeps its own entry
	pendingURL.Lock()
	pendingURL.query, pendingURL.push, pendingURL.set = q, push, true
	pendingURL.Unlock()
	ctx.Defer(func(app.Context) { afterPaint(flushURL) })
}

// flushURL writes a pending address now.
func flushURL() {
	if q, push, set := takePendingURL(); set {
		writeURL(q, push)
	}
}

// dropPendingURL forgets a pending address: the reader navigated
// meanwhile, and the address they went to is the state now.
func dropPendingURL() { takePendingURL() }

// takePendingURL returns the pending address, if any, and clears it.
func takePendingURL() (q url.Values, push, set bool) {
	pendingURL.Lock()
	defer pendingURL.Unlock()
	q, push, set = pendingURL.query, pendingURL.push, pendingURL.set
	pendingURL.query, pendingURL.set = nil, false
	return q, push, set
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
