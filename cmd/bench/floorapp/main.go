// Command floorapp is the smallest go-app v10 app: one component that
// renders a heading and a paragraph. The bench builds and audits it beside
// the widget, in the same run, as the floor of what any go-app app costs a
// phone's main thread (the Go runtime's start, go-app's start and a first
// mount), so that the widget's figures can be read against it.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

type page struct{ app.Compo }

func (p *page) Render() app.UI {
	return app.Main().Body(
		app.H1().Text("A minimal go-app app"),
		app.P().Text("One component, one heading, one paragraph: the floor a go-app app starts from."),
	)
}

func main() {
	app.Route("/", func() app.Composer { return &page{} })
	app.RunWhenOnBrowser()

	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/", &app.Handler{
		Name:        "Minimal go-app app",
		Description: "The floor a go-app app starts from.",
		Lang:        "en",
	})
	fmt.Printf("Serving the floor app at http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, nil))
}
