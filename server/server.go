// Package server serves the comparison widget: go-app's prerendered pages,
// the WebAssembly binary and static assets from memory, the PWA manifest and
// the few plain files browsers and crawlers ask for.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
)

// Config is everything the server is given: the app and its pages by the
// program that owns them, the rest from the command line.
type Config struct {
	// App is the go-app handler with the product's metadata (name, title,
	// description, icons, colours). New completes it with what depends on
	// the served files (resource URLs, version, WASM size, service worker)
	// before it serves anything.
	App *app.Handler
	// Index is the comparison the pages show, indexed once by the program
	// for its pages and for the server: the share files, link previews and
	// oEmbed answers are drawn from it too. New prepares its search text.
	Index *compare.Index
	// Pages are the app's routes, such as "/" and "/embed": each is
	// prerendered, cached and exported. The first is the front page.
	Pages []string

	Addr           string // listen address, e.g. "127.0.0.1:8080"
	BasePath       string // "" or a sub-path such as "/widgets/citi-jpm"
	WebDir         string // directory holding app.wasm, CSS and icons
	FrameAncestors []string
	Logger         *slog.Logger

	// PublicURL is the absolute address readers reach the app at, e.g.
	// https://example.com/widgets/citi-jpm/; empty means the listen address
	// plus the base path. Link previews, oEmbed and JSON-LD are built on it.
	PublicURL string
	// Static says the pages are being exported for a static host, where
	// only files exist: head tags then point at overview.png, oembed.json…
	// without a query.
	Static bool

	// TLSCert and TLSKey are PEM files; with both set, Run serves HTTPS.
	TLSCert, TLSKey string
	// HSTS sends Strict-Transport-Security on plain HTTP too, for a server
	// behind a TLS-terminating proxy. Over TLS it is always sent.
	HSTS bool

	// Timeouts; zero means the production default set in Run. Tests shorten
	// them to see slow clients cut off in seconds.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout, ShutdownTimeout time.Duration
}

// Server is the configured HTTP handler plus what it needs to run.
type Server struct {
	cfg     Config
	handler http.Handler
	assets  map[string]*asset // every file answered from memory, by path
	public  *publicURL
	pages   *pageCache
	// styleHashes allow the pages' inline styles (see inlineStyles).
	styleHashes []string
	Version     string
}

// New loads the assets and builds the handler. It fails, rather than
// serving a broken app, when app.wasm is missing or a page does not render.
func New(cfg Config) (*Server, error) {
	if cfg.App == nil || cfg.Index == nil || len(cfg.Pages) == 0 {
		return nil, errors.New("server: Config.App, Config.Index and Config.Pages are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	base, err := cleanBasePath(cfg.BasePath)
	if err != nil {
		return nil, err
	}
	cfg.BasePath = base

	assets, err := loadWebDir(cfg.WebDir)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", cfg.WebDir, err)
	}
	wasm, ok := assets["/web/app.wasm"]
	if !ok {
		return nil, fmt.Errorf("%s/app.wasm is missing: build it first (make build)", cfg.WebDir)
	}

	version := contentVersion(assets, cfg)
	pages := completeAppHandler(cfg, version, len(wasm.identity))
	gen, err := generated(pages)
	if err != nil {
		return nil, err
	}
	for p, a := range gen {
		assets[p] = a
	}
	manifest, err := newAsset("/manifest.webmanifest", manifestJSON(resolver{base: cfg.BasePath, version: version}, cfg.App), nil, nil)
	if err != nil {
		return nil, err
	}
	assets["/manifest.webmanifest"] = manifest
	assets["/manifest.json"] = manifest
	robots, err := newAsset("/robots.txt", []byte("User-agent: *\nAllow: /\n"), nil, nil)
	if err != nil {
		return nil, err
	}
	assets["/robots.txt"] = robots
	// Partners load the embed loader from the app's root: <base>/embed.js.
	if loader, ok := assets["/web/embed.js"]; ok {
		assets["/embed.js"] = loader
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, "{\"status\":\"ok\",\"version\":%q}\n", version)
	})
	for p, a := range assets {
		if versioned(p) {
			a.version = version
		}
		mux.Handle("GET "+p, a)
	}
	// go-app would fetch these from http://<request Host>/web/... and cache
	// the answer for everyone; they are answered here and never proxied.
	for _, p := range []string{"/sitemap.xml", "/ads.txt"} {
		mux.HandleFunc("GET "+p, http.NotFound)
	}
	public, err := newPublicURL(cfg)
	if err != nil {
		return nil, err
	}
	// go-app has completed its Styles by now (generated ran its handler):
	// its own /app.css first, then the app's.
	styles := newInlineStyles(pages.Styles, resolver{base: cfg.BasePath, version: version}, assets)
	ix := cfg.Index
	ix.PrepareSearch() // now, not in a reader's first search
	share := &sharing{ds: ix.DS, ix: ix, public: public, static: cfg.Static,
		product: productOf(cfg.App), styles: styles, now: time.Now, log: cfg.Logger}
	prerendered := newPageCache(share.withHeadTags(pages), cfg.Logger, defaultRenderLimits())
	share.cache = prerendered
	share.routes(mux)
	if err := prerendered.warm(cfg.Pages); err != nil {
		return nil, err
	}
	for _, p := range cfg.Pages {
		if p == "/" {
			p = "/{$}"
		}
		mux.Handle("GET "+p, prerendered)
	}
	mux.HandleFunc("/", http.NotFound)

	// From the outside in: recover panics; headers on every answer, errors
	// included; refuse what the app never serves; then route.
	var h http.Handler = mux
	if cfg.BasePath != "" {
		h = underBasePath(cfg.BasePath, h)
	}
	h = rejectHostile(h)
	h = securityHeaders(h, cfg.FrameAncestors, styles.hashes)
	h = transportHeaders(h, cfg.HSTS)
	h = recoverPanics(h, cfg.Logger)
	return &Server{cfg: cfg, handler: h, assets: assets, public: public, pages: prerendered, styleHashes: styles.hashes, Version: version}, nil
}

// StyleHashes are the CSP sources ('sha256-…') of the style elements in the
// pages, which a static host's style-src must list (see NginxConfig).
func (s *Server) StyleHashes() []string { return slices.Clone(s.styleHashes) }

// Handler returns the server's HTTP handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on cfg.Addr until ctx is done, then drains in-flight requests.
// ready, if not nil, receives the address actually bound.
func (s *Server) Run(ctx context.Context, ready chan<- string) error {
	tlsCfg, err := tlsConfig(s.cfg.TLSCert, s.cfg.TLSKey)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	or := func(d, fallback time.Duration) time.Duration {
		if d > 0 {
			return d
		}
		return fallback
	}
	srv := &http.Server{
		Handler: s.handler,
		// A client that dribbles its headers (slowloris) is cut off here.
		ReadHeaderTimeout: or(s.cfg.ReadHeaderTimeout, 5*time.Second),
		ReadTimeout:       or(s.cfg.ReadTimeout, 10*time.Second),
		WriteTimeout:      or(s.cfg.WriteTimeout, 60*time.Second), // the WASM over a slow link
		IdleTimeout:       or(s.cfg.IdleTimeout, 120*time.Second),
		MaxHeaderBytes:    16 << 10,
		TLSConfig:         tlsCfg,
		// "OPTIONS *" then reaches the handler, which refuses it (405) like
		// every method but GET and HEAD, instead of net/http answering 200.
		DisableGeneralOptionsHandler: true,
		ErrorLog:                     slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
	if s.public.bound(ln.Addr().String()) {
		// The pages rendered at start name the address asked for (port 0,
		// say): render them again with the one bound, before serving.
		if err := s.pages.warm(s.cfg.Pages); err != nil {
			ln.Close()
			return err
		}
	}
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() {
		if tlsCfg != nil {
			errc <- srv.ServeTLS(ln, "", "") // the certificate is in TLSConfig
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.cfg.Logger.Info("shutting down", "reason", context.Cause(ctx))
	shutdown, cancel := context.WithTimeout(context.Background(), or(s.cfg.ShutdownTimeout, 15*time.Second))
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// cleanBasePath accepts "", "/", "/a/b" or "/a/b/" and returns "" or "/a/b".
func cleanBasePath(p string) (string, error) {
	p = strings.TrimRight(strings.TrimSpace(p), "/")
	if p == "" {
		return "", nil
	}
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "//") || strings.Contains(p, "..") ||
		strings.ContainsAny(p, "?#% \\") {
		return "", fmt.Errorf("base path %q must look like /widgets/citi-jpm", p)
	}
	return p, nil
}

// underBasePath serves h below base: "<base>" redirects to "<base>/" and
// anything outside base is not found.
func underBasePath(base string, h http.Handler) http.Handler {
	strip := http.StripPrefix(base, h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == base:
			u := *r.URL
			u.Path = base + "/"
			http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, base+"/"):
			strip.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// recoverPanics answers 500 instead of dropping the connection, and logs
// the panic; the server keeps serving.
func recoverPanics(h http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("handler panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		h.ServeHTTP(w, r)
	})
}
