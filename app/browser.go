package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Thin wrappers over browser APIs go-app does not expose. Each is a no-op
// during server-side prerendering.

// listen calls f in the UI goroutine on each event of target, then renders.
// before, when set, runs first, synchronously in the browser's event
// callback, where preventDefault still works and where work that needs no
// render belongs; f runs only if before returns true. f may be nil.
// It returns the function that removes the listener and frees its callback.
func listen(ctx app.Context, target app.Value, event string, before func(e app.Value) bool, f func(ctx app.Context, e app.Value)) (release func()) {
	if app.IsServer {
		return func() {}
	}
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		if before != nil && !before(e) || f == nil {
			return nil
		}
		ctx.Dispatch(func(ctx app.Context) { f(ctx, e) })
		return nil
	})
	target.Call("addEventListener", event, fn)
	return func() {
		target.Call("removeEventListener", event, fn)
		fn.Release()
	}
}

// releases collects the release functions of a component's browser
// callbacks, to free them all when it leaves the page.
type releases []func()

func (r *releases) add(f func()) { *r = append(*r, f) }

func (r *releases) releaseAll() {
	for _, f := range *r {
		f()
	}
	*r = nil
}

// afterJS runs f once after ms milliseconds in the browser's own timer,
// outside any render, and frees its callback when it has run.
func afterJS(ms int, f func()) {
	if app.IsServer {
		return
	}
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		f()
		return nil
	})
	app.Window().Call("setTimeout", fn, ms)
}

// afterPaint runs f once after the browser's next frame: a timer set from
// a requestAnimationFrame callback (which runs just before the frame is
// drawn) fires after it.
func afterPaint(f func()) {
	if app.IsServer {
		return
	}
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		afterJS(0, f)
		return nil
	})
	app.Window().Call("requestAnimationFrame", fn)
}

func document() app.Value { return app.Window().Get("document") }

// typingIn reports whether a key event comes from a text field, where
// single-letter shortcuts must not fire.
func typingIn(e app.Value) bool {
	t := e.Get("target")
	if !t.Truthy() {
		return false
	}
	switch t.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return t.Get("isContentEditable").Truthy() && t.Get("isContentEditable").Bool()
}

func hasModifier(e app.Value) bool {
	for _, k := range []string{"ctrlKey", "metaKey", "altKey"} {
		if v := e.Get(k); v.Truthy() && v.Bool() {
			return true
		}
	}
	return false
}

// ignoreRejection swallows a promise's rejection: refusing full screen (in
// an iframe without allow="fullscreen") is expected, not an error.
var ignoreRejection app.Func

func requestFullscreen() {
	if app.IsServer {
		return
	}
	el := document().Get("documentElement")
	if !el.Get("requestFullscreen").Truthy() || document().Get("fullscreenElement").Truthy() {
		return
	}
	if ignoreRejection == nil {
		ignoreRejection = app.FuncOf(func(app.Value, []app.Value) any { return nil })
	}
	if p := el.Call("requestFullscreen"); p.Truthy() {
		p.Call("catch", ignoreRejection)
	}
}

func exitFullscreen() {
	if app.IsServer || !document().Get("fullscreenElement").Truthy() {
		return
	}
	if ignoreRejection == nil {
		ignoreRejection = app.FuncOf(func(app.Value, []app.Value) any { return nil })
	}
	if p := document().Call("exitFullscreen"); p.Truthy() {
		p.Call("catch", ignoreRejection)
	}
}

func isFullscreen() bool {
	return app.IsClient && document().Get("fullscreenElement").Truthy()
}

func focusByID(id string) {
	if app.IsServer {
		return
	}
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

func browserOnline() bool {
	if app.IsServer {
		return true
	}
	v := app.Window().Get("navigator").Get("onLine")
	return v.Type() != app.TypeBoolean || v.Bool()
}

// YieldToBrowser returns once the browser has had its main thread back: it
// posts a message to itself (a task of its own, with none of a timer's
// minimum delay) and waits for it, and Go, with nothing else to run, hands
// the thread to the browser meanwhile. It does nothing on the server.
func YieldToBrowser() {
	if app.IsServer {
		return
	}
	done := make(chan struct{})
	channel := app.Window().Get("MessageChannel").New()
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		close(done)
		return nil
	})
	channel.Get("port1").Set("onmessage", fn)
	channel.Get("port2").Call("postMessage", nil)
	<-done
	channel.Get("port1").Call("close")
}
