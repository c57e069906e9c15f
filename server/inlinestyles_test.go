package server

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// pageHead is what a browser's parser finds in a page's head: the text of
// each <style> element and the href of each stylesheet link, in order.
type pageHead struct {
	styles, stylesheetLinks []string
}

// parseHead parses page with the HTML tree builder, as a browser would,
// independently of the tokenizer code that writes the styles.
func parseHead(t *testing.T, page string) pageHead {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var head *xhtml.Node
	for n := range doc.Descendants() {
		if n.Type == xhtml.ElementNode && n.Data == "head" {
			head = n
			break
		}
	}
	if head == nil {
		t.Fatal("no head")
	}
	var h pageHead
	for n := range head.ChildNodes() {
		if n.Type != xhtml.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		switch {
		case n.Data == "style":
			var text strings.Builder
			for c := range n.ChildNodes() {
				text.WriteString(c.Data)
			}
			h.styles = append(h.styles, text.String())
		case n.Data == "link" && strings.Contains(strings.ToLower(attr["rel"]), "stylesheet"):
			h.stylesheetLinks = append(h.stylesheetLinks, attr["href"])
		}
	}
	return h
}

// sha256Source is the CSP source for text, computed here as the CSP spec
// says, not with the server's helper.
func sha256Source(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// styleSrc is the style-src directive of a CSP.
func styleSrc(t *testing.T, csp string) string {
	t.Helper()
	for _, d := range strings.Split(csp, ";") {
		if d = strings.TrimSpace(d); strings.HasPrefix(d, "style-src ") {
			return d
		}
	}
	t.Fatalf("CSP %q has no style-src", csp)
	return ""
}

// wantStyleSrc allows exactly the inline styles of head, by hash.
func wantStyleSrc(head pageHead) string {
	src := []string{"style-src", "'self'"}
	for _, s := range head.styles {
		src = append(src, sha256Source(s))
	}
	return strings.Join(src, " ")
}

// Every page carries go-app's stylesheet and the app's, in that order, as
// style elements holding exactly what /app.css and /web/app.css serve (so
// the files and the pages never disagree), links neither, and its CSP
// allows those two elements by hash and no other inline style.
func TestPagesInlineTheirStylesheets(t *testing.T) {
	_, h := newTestServer(t, Config{})
	want := []string{get(h, "/app.css").Body.String(), get(h, "/web/app.css").Body.String()}
	for _, path := range []string{"/", "/embed", "/?section=api&q=camt"} {
		w := get(h, path)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, w.Code)
		}
		head := parseHead(t, w.Body.String())
		if len(head.stylesheetLinks) != 0 {
			t.Errorf("%s still links %q", path, head.stylesheetLinks)
		}
		if !slices.Equal(head.styles, want) {
			t.Errorf("%s: %d style elements, not the two served stylesheets in order", path, len(head.styles))
		}
		csp := w.Header().Get("Content-Security-Policy")
		if got := styleSrc(t, csp); got != wantStyleSrc(head) {
			t.Errorf("%s: %s, want %s", path, got, wantStyleSrc(head))
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows unsafe-inline", path)
		}
	}
	// Every answer carries the same policy, the stylesheets' too.
	if a, b := get(h, "/web/app.css").Header().Get("Content-Security-Policy"), get(h, "/").Header().Get("Content-Security-Policy"); a != b {
		t.Errorf("the stylesheet's CSP %q differs from the page's %q", a, b)
	}
}

// Under a base path the inlined styles are the same, and a stylesheet with
// a relative reference, which would resolve against the page instead of
// /web/ once inlined, stays linked under the base path and unhashed.
func TestInlineStylesUnderBasePath(t *testing.T) {
	_, h := newTestServer(t, Config{BasePath: "/w"})
	head := parseHead(t, get(h, "/w/").Body.String())
	if len(head.styles) != 2 || len(head.stylesheetLinks) != 0 {
		t.Errorf("under /w: %d styles, links %q; want 2 styles, no link", len(head.styles), head.stylesheetLinks)
	}
	if head.styles[1] != get(h, "/w/web/app.css").Body.String() {
		t.Error("the inlined app stylesheet is not what /w/web/app.css serves")
	}

	web := fakeWeb(t)
	css := "body { background: url(icons/icon.svg) }\n"
	if err := os.WriteFile(filepath.Join(web, "app.css"), []byte(css), 0o644); err != nil {
		t.Fatal(err)
	}
	s, h := newTestServer(t, Config{BasePath: "/w", WebDir: web})
	w := get(h, "/w/")
	head = parseHead(t, w.Body.String())
	if want := []string{"/w/web/app.css?v=" + s.Version}; !slices.Equal(head.stylesheetLinks, want) {
		t.Errorf("links %q, want %q", head.stylesheetLinks, want)
	}
	if len(head.styles) != 1 || head.styles[0] != get(h, "/w/app.css").Body.String() {
		t.Errorf("want go-app's stylesheet alone inlined, got %d styles", len(head.styles))
	}
	if got := styleSrc(t, w.Header().Get("Content-Security-Policy")); got != wantStyleSrc(head) {
		t.Errorf("%s, want %s", got, wantStyleSrc(head))
	}
	if got := get(h, "/w/web/app.css").Body.String(); got != css {
		t.Errorf("the linked stylesheet serves %q", got)
	}
}

// The static export carries the same inline styles in every page, and the
// nginx configuration built from it the server's own policy.
func TestExportCarriesInlineStylesAndHashes(t *testing.T) {
	s, h := newTestServer(t, Config{})
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	served := parseHead(t, get(h, "/").Body.String())
	for _, name := range []string{"index.html", "embed.html"} {
		page, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		head := parseHead(t, string(page))
		if len(head.stylesheetLinks) != 0 || !slices.Equal(head.styles, served.styles) {
			t.Errorf("%s: links %q, %d styles; want the served page's %d styles", name, head.stylesheetLinks, len(head.styles), len(served.styles))
		}
	}
	hashes, err := ExportStyleHashes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(hashes, s.StyleHashes()) || len(hashes) != 2 {
		t.Errorf("ExportStyleHashes = %q, server's %q", hashes, s.StyleHashes())
	}
	conf, err := NginxConfig{Listen: "80", Root: dir, StyleHashes: hashes}.ServerBlock()
	if err != nil {
		t.Fatal(err)
	}
	csp := get(h, "/").Header().Get("Content-Security-Policy")
	if !strings.Contains(conf, `add_header Content-Security-Policy "`+csp+`" always;`) {
		t.Errorf("nginx config lacks the server's CSP %q:\n%s", csp, conf)
	}
	if !strings.Contains(csp, wantStyleSrc(served)+";") {
		t.Errorf("CSP %q does not allow the page's styles (%s)", csp, wantStyleSrc(served))
	}
}

func TestInlinable(t *testing.T) {
	for css, want := range map[string]bool{
		"body { color: red }\n":                      true,
		".x { color: red !important }":               true,
		"a { background: url(x.png) }":               false,
		"a { background: URL( 'x.png' ) }":           false,
		`a { background: image-set("x.png" 1x) }`:    false,
		`@import "other.css";`:                       false,
		"a::after { content: '</style><script>' }":   false,
		"a::after { content: '</STYLE ' }":           false,
		`a { background: u\72l(x.png) }`:             false,
		"a { color: red }\x00":                       false,
		"a::after { content: '\xff' }":               false,
		"a::after { content: '→' }":                  true,
		"/* a comment */ p { margin: 0 }\r\nq { }\r": true,
	} {
		if got := inlinable([]byte(css)); got != want {
			t.Errorf("inlinable(%q) = %v", css, got)
		}
	}
}

// A stylesheet written with CR LF is inlined with LF, as the browser's
// parser would read it, so that the hash is of the text as parsed.
func TestInlineStylesNormaliseLineBreaks(t *testing.T) {
	a, err := newAsset("/web/app.css", []byte("a { }\r\nb { }\rc { }\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := newInlineStyles([]string{"/web/app.css", "https://cdn.example/x.css", "/web/missing.css"},
		resolver{base: "/w", version: "v1"}, map[string]*asset{"/web/app.css": a})
	const text = "a { }\nb { }\nc { }\n"
	if got := string(s.byHref["/w/web/app.css?v=v1"]); got != text || len(s.byHref) != 1 {
		t.Errorf("inlined %q (of %d), want %q alone", got, len(s.byHref), text)
	}
	if !slices.Equal(s.hashes, []string{sha256Source(text)}) {
		t.Errorf("hashes %q", s.hashes)
	}
}

// Only a plain stylesheet link is replaced: one for some media or an
// alternate one would apply always once inlined.
func TestRewriteHeadInlinesPlainStylesheetLinksOnly(t *testing.T) {
	const page = `<html><head>
<link rel="stylesheet" href="/a.css">
<link rel="stylesheet" media="print" href="/a.css">
<link rel="alternate stylesheet" href="/a.css">
<link rel="icon" href="/a.css">
</head><body><link rel="stylesheet" href="/a.css"></body></html>`
	head, rest := rewriteHead([]byte(page), "", map[string][]byte{"/a.css": []byte("p{margin:0}")})
	got := string(head) + string(rest)
	want := strings.Replace(page, `<link rel="stylesheet" href="/a.css">`, `<style>p{margin:0}</style>`, 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The headers, hashes included, are prebuilt: setting them on a response
// allocates nothing.
func TestSecurityHeadersAllocateNothing(t *testing.T) {
	h := securityHeaders(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), nil, []string{"'sha256-AAAA'", "'sha256-BBBB'"})
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	h.ServeHTTP(w, r)
	if n := testing.AllocsPerRun(100, func() { h.ServeHTTP(w, r) }); n != 0 {
		t.Errorf("%v allocations per response", n)
	}
	if got := styleSrc(t, w.Header().Get("Content-Security-Policy")); got != "style-src 'self' 'sha256-AAAA' 'sha256-BBBB'" {
		t.Errorf("got %s", got)
	}
}
