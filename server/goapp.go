package server

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/data"
)

// workerJS replaces go-app's service worker: it waits for the cache to be
// filled before installing, and answers navigations from the cache whatever
// their query, so a filtered deep link opens offline.
//
//go:embed worker.js
var workerJS string

// Product names, shared by the page, the manifest and the install prompt.
const (
	appName      = "Citi vs J.P. Morgan: payments API visibility"
	appShortName = "Bank API compare"
	themeColor   = "#12355b"
	bgColor      = "#f7f8fa"
	// appAuthor makes the comparison: the page's author meta, and the
	// creator and publisher of the JSON-LD Dataset.
	appAuthor = "financeAI.tech"
)

// appKeywords describe the product to search engines (meta keywords and
// the JSON-LD Dataset).
var appKeywords = []string{"Citi", "CitiConnect", "J.P. Morgan", "payments API", "treasury API", "developer portal"}

// Icons, all drawn for this product and served from web/.
const (
	iconSVG      = "/web/icons/icon.svg"
	icon192      = "/web/icons/icon-192.png"
	icon512      = "/web/icons/icon-512.png"
	iconMaskable = "/web/icons/icon-maskable-512.png"
)

// resolver resolves every local URL of the app under the path it is hosted
// at ("" for the root). Unlike app.PrefixedLocation it does not serve files
// itself, and "/" resolves to "<base>/", inside the service worker's scope.
// Static assets get "?v=<version>": each version has its own URLs, so they
// can be cached for a year (see asset.ServeHTTP).
type resolver struct {
	base    string // "" or "/widgets/citi-jpm"
	version string // "" leaves URLs unversioned
}

func (r resolver) Resolve(loc string) string {
	switch {
	case strings.HasPrefix(loc, "https://"), strings.HasPrefix(loc, "http://"), strings.HasPrefix(loc, "//"):
		return loc
	case loc == "", loc == "/":
		return r.base + "/"
	case loc == "web" || strings.HasPrefix(loc, "web/"):
		loc = "/" + loc
	case !strings.HasPrefix(loc, "/"):
		return loc
	}
	if r.version != "" && versioned(loc) {
		return r.base + loc + "?v=" + r.version
	}
	return r.base + loc
}

// versioned reports whether a path is a static asset that changes only
// with the version. Pages, the service worker script (browsers compare it
// byte by byte to find updates) and the manifest keep stable URLs.
func versioned(p string) bool {
	if strings.Contains(p, "?") || strings.HasSuffix(p, "/web") {
		return false
	}
	switch p {
	case "/app.js", "/wasm_exec.js", "/app.css":
		return true
	}
	return strings.HasPrefix(p, "/web/")
}

// newAppHandler configures go-app for this product.
func newAppHandler(cfg Config, ds *data.Dataset, version string, wasmSize int) *app.Handler {
	return &app.Handler{
		Name:                  appName,
		ShortName:             appShortName,
		Title:                 ds.Meta.Title,
		Description:           ds.Meta.Summary,
		Lang:                  "en",
		Author:                appAuthor,
		Keywords:              appKeywords,
		Icon:                  app.Icon{Default: icon192, Large: icon512, Maskable: iconMaskable, SVG: iconSVG},
		ThemeColor:            themeColor,
		BackgroundColor:       bgColor,
		LoadingLabel:          "Loading interactive filters… {progress}%",
		Styles:                []string{"/web/app.css"},
		CacheableResources:    []string{iconSVG, "/embed"},
		Resources:             resolver{base: cfg.BasePath, version: version},
		Version:               version,
		WasmContentLength:     strconv.Itoa(wasmSize),
		ServiceWorkerTemplate: workerJS,
		// Env is published in app.js: only the version, never a secret.
		Env: map[string]string{},
	}
}

// generated captures the files go-app writes (app.js, the worker, the
// wasm_exec.js shim, its CSS) once, so they are served, compressed and
// cached like any other asset.
func generated(h *app.Handler) (map[string]*asset, error) {
	out := map[string]*asset{}
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app-worker.js", "/app.css"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app did not generate %s: status %d", p, rec.Code)
		}
		body := rec.Body.Bytes()
		if p == "/app.js" {
			var err error
			if body, err = patchAppJS(body); err != nil {
				return nil, err
			}
		}
		a, err := newAsset(p, body, nil, nil)
		if err != nil {
			return nil, err
		}
		out[p] = a
	}
	return out, nil
}

// contentVersion hashes everything the browser would cache, so the version
// changes exactly when the app does: restarts and replicas agree.
func contentVersion(assets map[string]*asset, cfg Config) string {
	names := make([]string, 0, len(assets))
	for n := range assets {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	fmt.Fprintf(h, "base=%s\n", cfg.BasePath)
	h.Write([]byte(workerJS))
	for _, n := range names {
		fmt.Fprintf(h, "%s=%s\n", n, assets[n].hash)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// fetchWasm replaces go-app's WASM download on repeat visits. go-app always
// wraps the response in a new stream to count progress, and a response
// built that way has no URL, so the browser cannot reuse the code it
// compiled last time. When the service worker controls the page, the WASM
// comes from its cache at once: there is no progress worth showing, and a
// plain fetch lets the compiled code cache work.
const fetchWasm = `

// Added by the server (see server/goapp.go, patchAppJS).
function goappFetchWasm(url, progress) {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    progress(100);
    return fetch(url);
  }
  return fetchWithProgress(url, progress);
}
`

// patchAppJS routes go-app's WASM download through fetchWasm. It fails
// loudly if go-app's code no longer looks as expected, rather than serving
// an app that silently lost the optimisation.
func patchAppJS(js []byte) ([]byte, error) {
	const call = `fetchWithProgress("`
	if n := bytes.Count(js, []byte(call)); n != 1 {
		return nil, fmt.Errorf("app.js: expected one call of go-app's fetchWithProgress, found %d", n)
	}
	js = bytes.Replace(js, []byte(call), []byte(`goappFetchWasm("`), 1)
	return append(js, fetchWasm...), nil
}
