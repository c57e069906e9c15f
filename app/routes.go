package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
)

// Paths of the pages the app serves, relative to its base path.
const (
	PathFull  = "/"
	PathEmbed = "/embed"
)

// Register declares the app's pages to go-app, each drawn from ix, the
// dataset indexed once by the caller; loadErr, when ix is nil, says why
// it could not be loaded, and the pages show it. The server calls it to
// prerender the pages and the WebAssembly binary to take them over.
func Register(ix *compare.Index, loadErr error) {
	app.Route(PathFull, func() app.Composer { return &Comparison{ix: ix, loadErr: loadErr} })
	app.Route(PathEmbed, func() app.Composer { return &Comparison{ix: ix, loadErr: loadErr, embed: true} })
}
