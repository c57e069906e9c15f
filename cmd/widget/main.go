//go:build !wasm

// Command widget serves the Citi vs J.P. Morgan comparison: prerendered
// pages, the WebAssembly app and its assets. The same package, built with
// GOOS=js GOARCH=wasm, is the app itself (see main_wasm.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/app"
	"citijpm/compare"
	"citijpm/data"
	"citijpm/server"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	ds, err := data.Default()
	if err != nil {
		log.Error("cannot load the dataset", "err", err)
		os.Exit(1)
	}
	// One index serves the prerendered pages and the server's own answers.
	ix := compare.NewIndex(ds)
	app.Register(ix, nil)
	cfg := server.Config{
		App:    appHandler(ds),
		Index:  ix,
		Pages:  []string{app.PathFull, app.PathEmbed},
		Logger: log,
	}
	flag.StringVar(&cfg.Addr, "addr", envOr("WIDGET_ADDR", "127.0.0.1:8080"), "listen address (env WIDGET_ADDR)")
	flag.StringVar(&cfg.BasePath, "base-path", envOr("WIDGET_BASE_PATH", ""), "serve the app under this sub-path, e.g. /widgets/citi-jpm (env WIDGET_BASE_PATH)")
	flag.StringVar(&cfg.WebDir, "web", envOr("WIDGET_WEB_DIR", "web"), "directory with app.wasm, CSS and icons (env WIDGET_WEB_DIR)")
	flag.StringVar(&cfg.PublicURL, "public-url", envOr("WIDGET_PUBLIC_URL", ""), "absolute URL readers reach the app at, e.g. https://example.com/widgets/citi-jpm/; link previews, oEmbed and JSON-LD use it (env WIDGET_PUBLIC_URL; default: the listen address and base path)")
	export := flag.String("export", "", "write the app as static files into this directory and exit")
	ancestors := flag.String("frame-ancestors", envOr("WIDGET_FRAME_ANCESTORS", ""), "space-separated origins allowed to embed the widget; empty allows any (env WIDGET_FRAME_ANCESTORS)")
	flag.StringVar(&cfg.TLSCert, "tls-cert", envOr("WIDGET_TLS_CERT", ""), "PEM certificate file; with -tls-key, serve HTTPS (env WIDGET_TLS_CERT)")
	flag.StringVar(&cfg.TLSKey, "tls-key", envOr("WIDGET_TLS_KEY", ""), "PEM private key file for -tls-cert (env WIDGET_TLS_KEY)")
	flag.BoolVar(&cfg.HSTS, "hsts", envOr("WIDGET_HSTS", "") == "1", "send Strict-Transport-Security over plain HTTP too, only behind a TLS-terminating proxy (env WIDGET_HSTS=1)")
	flag.Parse()
	cfg.FrameAncestors = strings.Fields(*ancestors)
	cfg.Static = *export != ""

	srv, err := server.New(cfg)
	if err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	if *export != "" {
		if cfg.PublicURL == "" {
			log.Warn("exporting without -public-url: link previews, oEmbed and JSON-LD will point at the listen address", "addr", cfg.Addr)
		}
		if err := srv.Export(*export); err != nil {
			log.Error("export failed", "err", err)
			os.Exit(1)
		}
		fmt.Printf("Exported the app (base path %q) to %s\n", cfg.BasePath+"/", *export)
		// A host sets the headers itself (README): its CSP must allow the
		// pages' inline styles, which change with the CSS.
		fmt.Printf("Its Content-Security-Policy needs: style-src 'self' %s\n", strings.Join(srv.StyleHashes(), " "))
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ready := make(chan string, 1)
	go func() {
		addr := <-ready
		scheme := "http"
		if cfg.TLSCert != "" {
			scheme = "https"
		}
		fmt.Printf("Serving the comparison at %s://%s%s/\n", scheme, addr, cfg.BasePath)
		log.Info("listening", "addr", addr, "base_path", cfg.BasePath, "version", srv.Version)
	}()
	if err := srv.Run(ctx, ready); err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// appHandler describes the product to go-app: names, icons and colours for
// the page and the install prompt, the dataset's title and summary for the
// page's metadata. The server adds what depends on the files it serves.
func appHandler(ds *data.Dataset) *goapp.Handler {
	return &goapp.Handler{
		Name:            "Citi vs J.P. Morgan: payments API visibility",
		ShortName:       "Bank API compare",
		Title:           ds.Meta.Title,
		Description:     ds.Meta.Summary,
		Lang:            "en",
		Author:          "financeAI.tech",
		Keywords:        []string{"Citi", "CitiConnect", "J.P. Morgan", "payments API", "treasury API", "developer portal"},
		Icon:            goapp.Icon{Default: "/web/icons/icon-192.png", Large: "/web/icons/icon-512.png", Maskable: "/web/icons/icon-maskable-512.png", SVG: "/web/icons/icon.svg"},
		ThemeColor:      "#12355b",
		BackgroundColor: "#f7f8fa",
		LoadingLabel:    "Loading interactive filters… {progress}%",
		Styles:          []string{"/web/app.css"},
		// The pages are added by the server, which caches every one.
		CacheableResources: []string{"/web/icons/icon.svg"},
	}
}

func envOr(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}
