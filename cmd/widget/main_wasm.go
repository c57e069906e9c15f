//go:build wasm

package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/app"
)

func main() {
	// Go's start, the dataset's decoding and go-app's first mount each run
	// in tasks of their own, with the main thread handed back to the
	// browser in between: it can paint and answer the reader there.
	app.SlowGCDuringTakeover()
	app.YieldToBrowser()
	app.Register(app.LoadIndex())
	app.YieldToBrowser()
	goapp.RunWhenOnBrowser()
}
