//go:build wasm

package main

import (
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/app"
)

func main() {
	app.Register()
	// Go's start, the dataset's decoding and go-app's first mount each run
	// in a task of their own: a sleep hands the main thread back to the
	// browser, which can paint and answer the reader in between.
	yieldToBrowser()
	app.Prepare()
	yieldToBrowser()
	goapp.RunWhenOnBrowser()
}

// yieldToBrowser sleeps long enough for Go's scheduler to go idle and
// return to the browser's event loop (a 1 ms sleep was measured to expire
// before it did, leaving the two steps in one task).
func yieldToBrowser() { time.Sleep(5 * time.Millisecond) }
