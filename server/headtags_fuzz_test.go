package server

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// elements lists the start tags of a document, in order: its structure.
func elements(t *testing.T, doc []byte) []string {
	z := xhtml.NewTokenizer(bytes.NewReader(doc))
	var out []string
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return out
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			out = append(out, string(name))
		}
	}
}

// FuzzHeadTags: whatever a link's query holds, the tags put into the head
// have the structure they have for a benign query, and the search text
// reads back exactly from og:description.
func FuzzHeadTags(f *testing.F) {
	for _, seed := range []string{"benign", `"><h1>HACKED</h1>`, "x aria-live y", "true", "</script><script>alert(1)</script>",
		"<!--", "&amp;&lt;", "\u2028\u2029", "'single'", "a\x00b"} {
		f.Add(seed)
	}
	s := testSharing(&testing.T{}, nil)
	page := func(q string) []byte {
		r := httptest.NewRequest("GET", "/?section=api&q="+url.QueryEscape(q), nil)
		return injectHead([]byte("<!doctype html><html><head><title>t</title></head><body></body></html>"), s.headTags(r))
	}
	want := strings.Join(elements(&testing.T{}, page("benign")), " ")
	f.Fuzz(func(t *testing.T, q string) {
		doc := page(q)
		if got := strings.Join(elements(t, doc), " "); got != want {
			t.Fatalf("query %q changed the head:\n got %s\nwant %s", q, got, want)
		}
		meta, _, _ := headOf(t, doc)
		norm := strings.Join(strings.Fields(q), " ")
		if len([]rune(norm)) <= 200 && norm != "" && strings.ToValidUTF8(norm, "") == norm && !strings.ContainsRune(norm, 0) &&
			!strings.Contains(meta["og:description"][0], norm) {
			t.Errorf("og:description %q lost the search text %q", meta["og:description"][0], norm)
		}
	})
}
