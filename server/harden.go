package server

import (
	"net/http"
	"path"
	"strings"
)

// Request limits. The longest legitimate URL is a shared view: a few lists
// of ids and a search text cut at 200 characters, well under 2 KiB even
// percent-encoded.
const (
	maxPathBytes = 2048
	maxURIBytes  = 8192
)

// hstsValue asks browsers to use HTTPS for a year. No includeSubDomains and
// no preload: the widget may live on one host of a domain whose other hosts
// are not ours to commit.
const hstsValue = "max-age=31536000"

// rejectHostile answers, before any routing, what this read-only app never
// serves: methods other than GET and HEAD (405), over-long URLs (414), and
// paths that are not already canonical (400). Refusing rather than letting
// ServeMux clean and redirect means a traversal attempt gets a plain error,
// never a redirect to somewhere that happens to exist.
func rejectHostile(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			refuse(w, http.StatusMethodNotAllowed)
		case len(r.RequestURI) > maxURIBytes || len(r.URL.EscapedPath()) > maxPathBytes:
			refuse(w, http.StatusRequestURITooLong)
		case !canonicalPath(r.URL.Path, r.URL.EscapedPath()):
			refuse(w, http.StatusBadRequest)
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// refuse writes a short error that says nothing about the server and is
// never cached: the same URL may be fine once the client is fixed.
func refuse(w http.ResponseWriter, code int) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, http.StatusText(code), code)
}

// canonicalPath reports whether a request path is one the app could have
// written itself: absolute, already clean (no ".", "..", or empty segments;
// a trailing slash is allowed), free of control bytes and backslashes, and
// with no separator or NUL hidden in a percent escape.
func canonicalPath(decoded, escaped string) bool {
	if !strings.HasPrefix(decoded, "/") || strings.ContainsRune(decoded, '\\') {
		return false
	}
	for i := 0; i < len(decoded); i++ {
		if decoded[i] < 0x20 || decoded[i] == 0x7f {
			return false
		}
	}
	lower := strings.ToLower(escaped)
	for _, hidden := range []string{"%2f", "%5c", "%00"} {
		if strings.Contains(lower, hidden) {
			return false
		}
	}
	clean := path.Clean(decoded)
	if strings.HasSuffix(decoded, "/") && clean != "/" {
		clean += "/"
	}
	return clean == decoded
}

// transportHeaders adds the headers that depend on how the app is reached.
//
// Cross-Origin-Opener-Policy: same-origin puts a top-level widget page in a
// browsing context group of its own, so a page that opened it cannot script
// or probe it. Browsers ignore COOP in iframes, so embedding is unaffected;
// the app never uses window.opener, and its outbound links already open
// with rel="noopener".
//
// Strict-Transport-Security is sent only over TLS (browsers ignore it on
// plain HTTP anyway), or when the operator says a TLS-terminating proxy is
// in front (forceHSTS). It never trusts X-Forwarded-Proto, which any client
// can send.
func transportHeaders(h http.Handler, forceHSTS bool) http.Handler {
	coop, hsts := []string{"same-origin"}, []string{hstsValue}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd["Cross-Origin-Opener-Policy"] = coop
		if r.TLS != nil || forceHSTS {
			hd["Strict-Transport-Security"] = hsts
		}
		h.ServeHTTP(w, r)
	})
}
