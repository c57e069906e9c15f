package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Paths of the pages the app serves, relative to its base path.
const (
	PathFull  = "/"
	PathEmbed = "/embed"
)

// Register declares the app's pages to go-app. The server calls it to
// prerender them and the WebAssembly binary calls it to take them over.
func Register() {
	app.Route(PathFull, func() app.Composer { return &Comparison{} })
	app.Route(PathEmbed, func() app.Composer { return &Comparison{embed: true} })
}
