package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"unicode/utf8"
)

// inlineStyles are the page's own stylesheets, written into the head of
// every page as <style> elements instead of <link>s: on a slow link each
// render-blocking stylesheet costs round trips before the first paint, and
// together they are a few kB compressed. The CSP allows exactly these
// elements by their SHA-256 ('sha256-…' in style-src), never any inline
// style ('unsafe-inline'). The files stay served for anything that asks.
type inlineStyles struct {
	byHref map[string][]byte // the link's href, as go-app writes it → the element's text
	hashes []string          // the CSP sources of those texts, in page order
}

// newInlineStyles reads, once, the stylesheets go-app links in each page
// (stylesheets, go-app's Handler.Styles: its own /app.css first) from the
// assets that serve them, so what is inlined is what /app.css and
// /web/app.css answer. One served from elsewhere, or one whose meaning
// would change inside the page (see inlinable), stays a link.
func newInlineStyles(stylesheets []string, res resolver, assets map[string]*asset) inlineStyles {
	s := inlineStyles{byHref: map[string][]byte{}}
	for _, href := range stylesheets {
		a, ok := assets[assetPath(href)]
		if !ok || !inlinable(a.identity) {
			continue
		}
		// The HTML parser turns CR LF and CR into LF before the browser
		// hashes the element's text; inlined that way, the hash is of the
		// bytes as sent.
		css := bytes.ReplaceAll(a.identity, []byte("\r\n"), []byte("\n"))
		css = bytes.ReplaceAll(css, []byte("\r"), []byte("\n"))
		s.byHref[res.Resolve(href)] = css
		s.hashes = append(s.hashes, cspHash(css))
	}
	return s
}

// assetPath is the path a local stylesheet of Handler.Styles is served at
// ("web/app.css" and "/web/app.css" are the same file); "" for another
// site's.
func assetPath(href string) string {
	switch {
	case href == "", strings.HasPrefix(href, "//"), strings.Contains(href, "://"):
		return ""
	case strings.HasPrefix(href, "/"):
		return href
	}
	return "/" + href
}

// cssReference finds what a stylesheet may load: url(…), image-set(…) and
// @import, whatever their case. A match in a comment is a false alarm that
// only keeps the file linked.
var cssReference = regexp.MustCompile(`(?i)(url|image-set)\(|@import`)

// inlinable reports whether css means the same inside a <style> element of
// any page as it does loaded from its own URL: nothing that could end the
// element early, nothing the parser would rewrite before hashing, and no
// reference to resolve, since a relative one resolves against the file's
// URL (/web/) when linked but against the page's (the base path) when
// inlined. Neither the app's stylesheet nor go-app's holds one; should one
// appear, that file is simply linked as before.
func inlinable(css []byte) bool {
	return utf8.Valid(css) && !bytes.ContainsRune(css, 0) &&
		!bytes.Contains(bytes.ToLower(css), []byte("</style")) &&
		!bytes.Contains(css, []byte(`\`)) && // an escape could spell url( or </style
		!cssReference.Match(css)
}

// cspHash is the CSP source allowing an inline element whose text is b.
func cspHash(b []byte) string {
	sum := sha256.Sum256(b)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
