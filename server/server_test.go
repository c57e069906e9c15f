package server

import (
	"bytes"

	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "citijpm/app"
	"citijpm/compare"
	"citijpm/data"
)

// testIndex is the embedded dataset, indexed once for the app's pages and
// every test server, as the widget's main does.
var testIndex = func() *compare.Index {
	ds, err := data.Default()
	if err != nil {
		panic(err)
	}
	return compare.NewIndex(ds)
}()

func init() { ui.Register(testIndex, nil) }

// withApp gives cfg what cmd/widget gives it: a fresh go-app handler (New
// completes it, so one per server) and the app's pages.
// testAppName is the product name the test servers are given.
const testAppName = "Test widget"

func withApp(cfg Config) Config {
	if cfg.App == nil {
		ds, err := data.Default()
		if err != nil {
			panic(err)
		}
		cfg.App = &app.Handler{
			Name: testAppName, ShortName: "Test", Title: ds.Meta.Title, Description: ds.Meta.Summary, Lang: "en",
			Author: "Test publisher", Keywords: []string{"test"},
			Icon: app.Icon{Default: "/web/icons/icon-192.png", Large: "/web/icons/icon-512.png",
				Maskable: "/web/icons/icon-maskable-512.png", SVG: "/web/icons/icon.svg"},
			ThemeColor: "#12355b", BackgroundColor: "#f7f8fa", Styles: []string{"/web/app.css"},
		}
	}
	if cfg.Index == nil {
		cfg.Index = testIndex
	}
	if cfg.Pages == nil {
		cfg.Pages = []string{ui.PathFull, ui.PathEmbed}
	}
	return cfg
}

// fakeWeb writes a small web directory: a stand-in app.wasm, CSS and icons.
func fakeWeb(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"app.wasm":                    strings.Repeat("\x00asm fake module ", 4096),
		"app.css":                     strings.Repeat("body { color: black; }\n", 100),
		"icons/icon-192.png":          "png",
		"icons/icon-512.png":          "png",
		"icons/icon-maskable-512.png": "png",
		"icons/icon.svg":              "<svg/>",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newTestServer(t testing.TB, cfg Config) (*Server, http.Handler) {
	t.Helper()
	if cfg.WebDir == "" {
		cfg.WebDir = fakeWeb(t)
	}
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(withApp(cfg))
	if err != nil {
		t.Fatal(err)
	}
	return s, s.Handler()
}

func get(h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPagesAndAssets(t *testing.T) {
	_, h := newTestServer(t, Config{})
	for path, want := range map[string]int{
		"/":                     200,
		"/?section=api":         200,
		"/embed":                200,
		"/healthz":              200,
		"/app.js":               200,
		"/app-worker.js":        200,
		"/wasm_exec.js":         200,
		"/app.css":              200,
		"/manifest.webmanifest": 200,
		"/web/app.wasm":         200,
		"/web/app.css":          200,
		"/robots.txt":           200,
		"/sitemap.xml":          404,
		"/ads.txt":              404,
		"/nope":                 404,
		"/web/missing.css":      404,
	} {
		if got := get(h, path).Code; got != want {
			t.Errorf("GET %s = %d, want %d", path, got, want)
		}
	}
}

func TestPrerenderedPageHasTheComparison(t *testing.T) {
	_, h := newTestServer(t, Config{})
	w := get(h, "/?section=playbook")
	body := w.Body.String()
	for _, want := range []string{"Direct Debit", "pain.008.001.02", `id="f-q"`, "Requires legal review"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, `hidden="false"`) || strings.Contains(body, `checked="false"`) || strings.Contains(body, `open="false"`) {
		t.Error("page has a false boolean attribute, which HTML reads as true")
	}
}

func TestCompressionNegotiation(t *testing.T) {
	_, h := newTestServer(t, Config{})
	plain := get(h, "/web/app.wasm")
	for _, tc := range []struct {
		accept, encoding string
		decode           func(io.Reader) (io.Reader, error)
	}{
		{"", "", func(r io.Reader) (io.Reader, error) { return r, nil }},
		{"gzip", "gzip", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
		{"gzip, deflate, br", "br", func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
		{"br;q=0, gzip", "gzip", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	} {
		w := get(h, "/web/app.wasm", "Accept-Encoding", tc.accept)
		if got := w.Header().Get("Content-Encoding"); got != tc.encoding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.encoding)
		}
		if w.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: no Vary", tc.accept)
		}
		if cl := w.Header().Get("Content-Length"); cl != itoa(w.Body.Len()) {
			t.Errorf("Content-Length %s for %d bytes", cl, w.Body.Len())
		}
		r, err := tc.decode(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, plain.Body.Bytes()) {
			t.Errorf("Accept-Encoding %q: decoded body differs (%v)", tc.accept, err)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestConditionalRequests(t *testing.T) {
	_, h := newTestServer(t, Config{})
	first := get(h, "/web/app.css", "Accept-Encoding", "gzip")
	etag := first.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if w := get(h, "/web/app.css", "Accept-Encoding", "gzip", "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("revalidation = %d with %d bytes", w.Code, w.Body.Len())
	}
	if w := get(h, "/web/app.css", "If-None-Match", etag); w.Code != http.StatusOK {
		t.Errorf("another encoding's ETag matched: %d", w.Code)
	}
}

func TestVersionIsStableAcrossRestarts(t *testing.T) {
	web := fakeWeb(t)
	a, _ := newTestServer(t, Config{WebDir: web})
	b, _ := newTestServer(t, Config{WebDir: web})
	if a.Version != b.Version {
		t.Errorf("same files, versions %s and %s", a.Version, b.Version)
	}
	if err := os.WriteFile(filepath.Join(web, "app.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := newTestServer(t, Config{WebDir: web})
	if c.Version == a.Version {
		t.Error("changed CSS, same version")
	}
}

func TestManifest(t *testing.T) {
	for _, base := range []string{"", "/widgets/citi-jpm"} {
		_, h := newTestServer(t, Config{BasePath: base})
		w := get(h, base+"/manifest.webmanifest")
		var m struct {
			Scope, StartURL string
			Display         string
			Icons           []struct{ Src, Sizes, Purpose string }
		}
		raw := map[string]any{}
		if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(w.Body.Bytes(), &m)
		m.StartURL, _ = raw["start_url"].(string)
		if m.Scope != base+"/" || m.StartURL != base+"/" || m.Display != "standalone" {
			t.Errorf("base %q: scope %q start %q display %q", base, m.Scope, m.StartURL, m.Display)
		}
		var maskable bool
		for _, ic := range m.Icons {
			if !strings.HasPrefix(ic.Src, base+"/web/icons/") {
				t.Errorf("icon %s outside %s/web/", ic.Src, base)
			}
			maskable = maskable || ic.Purpose == "maskable"
		}
		if !maskable {
			t.Error("no maskable icon")
		}
	}
}

func TestBasePath(t *testing.T) {
	_, h := newTestServer(t, Config{BasePath: "/widgets/citi-jpm/"})
	if w := get(h, "/widgets/citi-jpm"); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/widgets/citi-jpm/" {
		t.Errorf("bare base path: %d %s", w.Code, w.Header().Get("Location"))
	}
	w := get(h, "/widgets/citi-jpm/?q=camt")
	if w.Code != 200 {
		t.Fatalf("page under base path: %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{`src="/widgets/citi-jpm/app.js?v=`, `href="/widgets/citi-jpm/manifest.webmanifest"`, `href="/widgets/citi-jpm/web/icons/icon.svg?v=`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	js := get(h, "/widgets/citi-jpm/app.js").Body.String()
	for _, want := range []string{`"/widgets/citi-jpm/web/app.wasm?v=`, `"/widgets/citi-jpm/app-worker.js"`} {
		if !strings.Contains(js, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	worker := get(h, "/widgets/citi-jpm/app-worker.js").Body.String()
	if !strings.Contains(worker, `"/widgets/citi-jpm/"`) || !strings.Contains(worker, `"/widgets/citi-jpm/embed"`) {
		t.Error("worker does not cache the pages under the base path")
	}
	for _, p := range []string{"/", "/app.js", "/web/app.wasm", "/widgets/other/"} {
		if got := get(h, p).Code; got != http.StatusNotFound {
			t.Errorf("GET %s outside the base path = %d", p, got)
		}
	}
	if _, err := New(withApp(Config{BasePath: "widgets", WebDir: fakeWeb(t)})); err == nil {
		t.Error("relative base path accepted")
	}
}

func TestResolve(t *testing.T) {
	r := resolver{base: "/w", version: "abc"}
	for in, want := range map[string]string{
		"":                      "/w/",
		"/":                     "/w/",
		"/embed":                "/w/embed",
		"/app.js":               "/w/app.js?v=abc",
		"/web/app.wasm":         "/w/web/app.wasm?v=abc",
		"web/x.css":             "/w/web/x.css?v=abc",
		"/web":                  "/w/web",
		"/app-worker.js":        "/w/app-worker.js",
		"/manifest.webmanifest": "/w/manifest.webmanifest",
		"https://a.b/c":         "https://a.b/c",
		"#results":              "#results",
		"./?q=x":                "./?q=x",
	} {
		if got := r.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (resolver{}).Resolve("/web/app.css"); got != "/web/app.css" {
		t.Errorf("unversioned resolver gave %q", got)
	}
}

// TestVersionedAssetsAreImmutable: an asset asked for with the current
// version may be cached for a year; without it, or with an old version, it
// must be revalidated.
func TestVersionedAssetsAreImmutable(t *testing.T) {
	s, h := newTestServer(t, Config{})
	for target, want := range map[string]string{
		"/web/app.wasm?v=" + s.Version: immutable,
		"/app.js?v=" + s.Version:       immutable,
		"/web/app.wasm":                "no-cache",
		"/web/app.wasm?v=old":          "no-cache",
		"/app-worker.js":               "no-cache",
		"/":                            "no-cache",
	} {
		if got := get(h, target).Header().Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", target, got, want)
		}
	}
	page := get(h, "/").Body.String()
	if !strings.Contains(page, `/web/icons/icon.svg?v=`+s.Version) || !strings.Contains(page, `/app.js?v=`+s.Version) {
		t.Error("the page does not link versioned assets")
	}
}

func TestSecurityHeadersAndFrameAncestors(t *testing.T) {
	_, open := newTestServer(t, Config{})
	csp := get(open, "/").Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors *"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Error("CSP allows unsafe-inline")
	}
	_, closed := newTestServer(t, Config{FrameAncestors: []string{"https://partner.example"}})
	w := get(closed, "/web/app.css")
	if got := w.Header().Get("Content-Security-Policy"); !strings.Contains(got, "frame-ancestors https://partner.example") {
		t.Errorf("restricted CSP %q", got)
	}
	if w.Header().Get("X-Frame-Options") != "" {
		t.Error("X-Frame-Options would contradict frame-ancestors")
	}
	if w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
}

func TestHealthz(t *testing.T) {
	s, h := newTestServer(t, Config{})
	w := get(h, "/healthz")
	var v struct{ Status, Version string }
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || v.Status != "ok" || v.Version != s.Version {
		t.Errorf("healthz %s (%v)", w.Body.String(), err)
	}
}

func TestMissingWasmFailsClearly(t *testing.T) {
	dir := t.TempDir()
	_, err := New(withApp(Config{WebDir: dir}))
	if err == nil || !strings.Contains(err.Error(), "app.wasm is missing") {
		t.Errorf("error = %v", err)
	}
}

func TestPanicIsRecovered(t *testing.T) {
	h := recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }),
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	w := get(h, "/")
	if w.Code != 500 || strings.Contains(w.Body.String(), "boom") {
		t.Errorf("panic answered %d %q", w.Code, w.Body.String())
	}
}

// New renders every page once before serving: a front page that does not
// render stops start-up instead of serving errors.
func TestNewFailsWhenAPageDoesNotRender(t *testing.T) {
	_, err := New(withApp(Config{WebDir: fakeWeb(t), Pages: []string{"/", "/not-a-route"}}))
	if err == nil || !strings.Contains(err.Error(), "/not-a-route") {
		t.Errorf("New = %v, want an error naming /not-a-route", err)
	}
	if _, err := New(Config{WebDir: fakeWeb(t)}); err == nil {
		t.Error("New without App and Pages succeeded")
	}
}
