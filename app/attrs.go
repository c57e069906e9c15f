package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/internal/htmlattr"
)

// go-app prerenders a false boolean attribute as name="false", which HTML
// reads as true: hidden="false" hides, checked="false" checks. These helpers
// leave the attribute out of the prerendered HTML when it is false, and in
// the browser always set it, so go-app updates the live DOM property.

type (
	hider[T any]    interface{ Hidden(bool) T }
	checker[T any]  interface{ Checked(bool) T }
	disabler[T any] interface{ Disabled(bool) T }
	selector[T any] interface{ Selected(bool) T }
)

func hidden[T hider[T]](e T, v bool) T {
	if v || app.IsClient {
		return e.Hidden(v)
	}
	return e
}

func checked[T checker[T]](e T, v bool) T {
	if v || app.IsClient {
		return e.Checked(v)
	}
	return e
}

func disabled[T disabler[T]](e T, v bool) T {
	if v || app.IsClient {
		return e.Disabled(v)
	}
	return e
}

func selected[T selector[T]](e T, v bool) T {
	if v || app.IsClient {
		return e.Selected(v)
	}
	return e
}

// attrText makes user text safe for an attribute value. In the browser
// go-app sets attributes through the DOM, which needs no escaping. In the
// prerendered HTML go-app writes the value with strconv.Quote, whose
// backslash escapes mean nothing to HTML: a quote in the text would close
// the attribute and the rest would become markup. So on the server the text
// is written as HTML character references that strconv.Quote passes through
// unchanged, and that a browser reads back as exactly the original text.
func attrText(s string) string {
	if app.IsClient {
		return s
	}
	return htmlattr.Escape(s)
}
