package server

import (
	"net/http"
	"strings"
)

// securityHeaders sets the headers every response carries. The CSP is as
// strict as go-app allows: its pages have no inline script, their only
// inline styles are the stylesheets the server writes into them, allowed
// by hash (styleHashes, see inlineStyles), and WebAssembly needs
// 'wasm-unsafe-eval'. Embedding is governed by frame-ancestors alone (no
// X-Frame-Options to contradict it).
func securityHeaders(h http.Handler, frameAncestors, styleHashes []string) http.Handler {
	headers := securityHeaderValues(frameAncestors, styleHashes)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		for k, v := range headers {
			hd[k] = v
		}
		h.ServeHTTP(w, r)
	})
}

// securityHeaderValues are the headers of securityHeaders, also written
// into the nginx configuration for the static export (NginxConfig).
// Canonical keys and prebuilt values: set on every response, they must
// cost no allocation.
func securityHeaderValues(frameAncestors, styleHashes []string) map[string][]string {
	csp := strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		strings.Join(append([]string{"style-src 'self'"}, styleHashes...), " "),
		"img-src 'self' data: blob:",
		"connect-src 'self'",
		"font-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors " + frameAncestorsValue(frameAncestors),
	}, "; ")
	return map[string][]string{
		"Content-Security-Policy": {csp},
		"X-Content-Type-Options":  {"nosniff"},
		"Referrer-Policy":         {"strict-origin-when-cross-origin"},
		"Permissions-Policy":      {"camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
	}
}

// frameAncestorsValue turns the allow-list into a CSP source list; no list
// means any site may embed the widget, since its content is public.
func frameAncestorsValue(list []string) string {
	if len(list) == 0 {
		return "*"
	}
	return strings.Join(list, " ")
}
