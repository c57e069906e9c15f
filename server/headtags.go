package server

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
	"citijpm/preview"
)

// Link previews: every prerendered page carries Open Graph and Twitter-card
// tags, a canonical link, oEmbed discovery and schema.org Dataset JSON-LD,
// all describing the view its query selects and all built on the public
// URL. go-app writes its own og:* tags with "https://" for URLs; they are
// replaced.

// withHeadTags rewrites the head of each page h renders. It works on
// tokens (golang.org/x/net/html): every other byte of the page is copied
// as go-app wrote it.
func (s *sharing) withHeadTags(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		head, body := []byte(nil), rec.Body.Bytes()
		if rec.Code == http.StatusOK && strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			head, body = rewriteHead(body, s.headTags(r), s.styles.byHref)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(head)
		w.Write(body)
	})
}

// injectHead is rewriteHead's result as one page, its stylesheets linked.
func injectHead(page []byte, tags string) []byte {
	head, rest := rewriteHead(page, tags, nil)
	return append(head, rest...)
}

// rewriteHead drops the head's og:* and twitter:* meta tags, replaces each
// stylesheet link whose href is a key of styles by a <style> element
// holding its value (see inlineStyles), and inserts tags just before
// </head>. It returns the new start of the page, up to and including
// </head>, and the rest of page, untouched: only the head is tokenized. A
// page without a head comes back as it is (head nil).
func rewriteHead(page []byte, tags string, styles map[string][]byte) (head, rest []byte) {
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	var out bytes.Buffer
	read := 0 // bytes of page consumed by the tokens so far
	inHead := false
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return nil, page
		}
		raw := z.Raw()
		read += len(raw)
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			switch {
			case tok.Data == "head":
				inHead = true
			case tok.Data == "body":
				return nil, page // no </head> before the body: leave the page alone
			case inHead && tok.Data == "meta" && replacedMeta(tok):
				dropIndent(&out)
				continue
			case inHead && tok.Data == "link":
				if css, ok := styles[stylesheetHref(tok)]; ok {
					out.WriteString("<style>")
					out.Write(css)
					out.WriteString("</style>")
					continue
				}
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" && inHead {
				out.WriteString(tags)
				out.Write(raw)
				return out.Bytes(), page[read:]
			}
		}
		out.Write(raw)
	}
}

// dropIndent removes the line break and indentation written before a
// dropped tag, so no blank line is left in its place.
func dropIndent(out *bytes.Buffer) {
	b := bytes.TrimRight(out.Bytes(), " \t")
	b = bytes.TrimSuffix(b, []byte("\n"))
	out.Truncate(len(b))
}

// replacedMeta reports whether a meta tag is one headTags writes itself.
func replacedMeta(tok xhtml.Token) bool {
	for _, a := range tok.Attr {
		if (a.Key == "property" || a.Key == "name") && (strings.HasPrefix(a.Val, "og:") || strings.HasPrefix(a.Val, "twitter:")) {
			return true
		}
	}
	return false
}

// stylesheetHref is the href of a plain stylesheet link, "" for any other
// link: an alternate stylesheet or one for some media only would apply
// always once inlined.
func stylesheetHref(tok xhtml.Token) string {
	var rel, href string
	for _, a := range tok.Attr {
		switch a.Key {
		case "rel":
			rel = strings.TrimSpace(a.Val)
		case "href":
			href = a.Val
		case "media":
			return ""
		}
	}
	if !strings.EqualFold(rel, "stylesheet") {
		return ""
	}
	return href
}

// headTags is the markup describing the view r asks for; every value is
// escaped for its attribute.
func (s *sharing) headTags(r *http.Request) string {
	v := s.view(r.URL.Query())
	page := s.public.at("", v.query)
	title := s.ds.Meta.Title
	desc := s.describe(v)
	image := s.fileURL("preview.png", v.query)
	alt := "Overview of the comparison: " + desc

	var b strings.Builder
	link := func(rel, href string, more ...string) {
		b.WriteString("\n    <link rel=\"" + html.EscapeString(rel) + "\" href=\"" + html.EscapeString(href) + "\"")
		for i := 0; i+1 < len(more); i += 2 {
			b.WriteString(" " + more[i] + "=\"" + html.EscapeString(more[i+1]) + "\"")
		}
		b.WriteString(">")
	}
	meta := func(attr, key, value string) {
		b.WriteString("\n    <meta " + attr + "=\"" + key + "\" content=\"" + html.EscapeString(value) + "\">")
	}
	// The embed is its own page to a crawler: a canonical link to the full
	// page would read as pointing every embed at the site's root.
	canonical := page
	if strings.HasSuffix(r.URL.Path, "/embed") {
		canonical = s.public.at("embed", v.query)
	}
	link("canonical", canonical)
	link("alternate", s.oEmbedURL(page), "type", "application/json+oembed", "title", title)
	meta("property", "og:type", "website")
	meta("property", "og:site_name", s.product.name)
	meta("property", "og:title", title)
	meta("property", "og:description", desc)
	meta("property", "og:url", page)
	meta("property", "og:image", image)
	meta("property", "og:image:type", "image/png")
	meta("property", "og:image:width", strconv.Itoa(preview.CardWidth))
	meta("property", "og:image:height", strconv.Itoa(preview.CardHeight))
	meta("property", "og:image:alt", alt)
	meta("name", "twitter:card", "summary_large_image")
	meta("name", "twitter:title", title)
	meta("name", "twitter:description", desc)
	meta("name", "twitter:image", image)
	meta("name", "twitter:image:alt", alt)
	b.WriteString("\n    <script type=\"application/ld+json\">")
	b.Write(s.datasetJSONLD())
	b.WriteString("</script>\n  ")
	return b.String()
}

// describe says in a sentence what a view shows and when it was checked.
func (s *sharing) describe(v shareView) string {
	m := compare.NewMatrix(v.res)
	verified := "Last verified " + data.ReadableDate(s.ds.Meta.LastVerified) + "."
	if v.filters.IsZero() {
		return s.ds.Meta.Summary + " " + verified
	}
	return chart.FiltersLine(s.ds, v.filters) + ". " + preview.Counts(m) + ". " + verified
}

// datasetJSONLD is the schema.org Dataset describing the whole comparison
// and its two downloads. encoding/json escapes <, > and & inside strings,
// so nothing in it can close the script element.
func (s *sharing) datasetJSONLD() []byte {
	org := map[string]string{"@type": "Organization", "name": s.product.author}
	download := func(name, format string) map[string]string {
		return map[string]string{"@type": "DataDownload", "encodingFormat": format, "contentUrl": s.fileURL(name, "")}
	}
	doc := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Dataset",
		"name":                s.ds.Meta.Title,
		"description":         s.ds.Meta.Summary,
		"url":                 s.public.String(),
		"version":             s.ds.Meta.Version,
		"dateModified":        s.ds.Meta.LastVerified,
		"creator":             org,
		"publisher":           org,
		"keywords":            s.product.keywords,
		"isAccessibleForFree": true,
		"distribution":        []any{download("comparison.csv", "text/csv"), download("comparison.json", "application/json")},
	}
	if l := s.ds.Meta.License; l != "" {
		doc["license"] = l
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return []byte("{}") // maps of strings always encode
	}
	return b
}
