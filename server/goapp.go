package server

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// workerJS replaces go-app's service worker: it waits for the cache to be
// filled before installing, and answers navigations from the cache whatever
// their query, so a filtered deep link opens offline.
//
//go:embed worker.js
var workerJS string

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

// completeAppHandler gives cfg.App what depends on the files served: URLs
// under the base path with the version, the WASM size for go-app's progress
// bar, and this server's service worker. Every page is cached by the
// worker, so a deep link to any of them opens offline.
func completeAppHandler(cfg Config, version string, wasmSize int) *app.Handler {
	h := cfg.App
	h.Resources = resolver{base: cfg.BasePath, version: version}
	h.Version = version
	h.WasmContentLength = strconv.Itoa(wasmSize)
	h.ServiceWorkerTemplate = workerJS
	for _, p := range cfg.Pages {
		if p != "/" && !slices.Contains(h.CacheableResources, p) {
			h.CacheableResources = append(h.CacheableResources, p)
		}
	}
	if h.Env == nil {
		// Env is published in app.js: never a secret.
		h.Env = map[string]string{}
	}
	return h
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

// product is what the share files, link previews and oEmbed answers say
// about who publishes the comparison: the app's own metadata, set by the
// program that owns it.
type product struct {
	name, shortName, author string
	keywords                []string
}

func productOf(h *app.Handler) product {
	return product{name: h.Name, shortName: h.ShortName, author: h.Author, keywords: h.Keywords}
}
