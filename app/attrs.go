package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

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
