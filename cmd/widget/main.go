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

	"citijpm/app"
	"citijpm/server"
)

func main() {
	app.Register()

	cfg := server.Config{}
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

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg.Logger = log

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

func envOr(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}
