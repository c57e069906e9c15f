//go:build wasm

package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/app"
)

func main() {
	app.Register()
	goapp.RunWhenOnBrowser()
}
