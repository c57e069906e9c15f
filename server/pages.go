package server

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// fixPrerender repairs what go-app's HTML encoder gets wrong: it writes an
// attribute whose value is "true" as a bare name, which is right for
// hidden or checked but turns aria-hidden="true" into aria-hidden="", an
// invalid value that assistive technology ignores. It works on the HTML
// tokenizer's reading of the page, so text that merely looks like an
// attribute (a search typed by a reader, say) is never touched; tags it
// does not change are copied byte for byte.
func fixPrerender(page []byte) []byte {
	if !bytes.Contains(page, []byte(" aria-")) {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page) + 256)
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				out.Write(raw)
				return out.Bytes()
			}
			return page // cannot happen for an in-memory reader; keep go-app's page
		}
		if (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && bytes.Contains(raw, []byte(" aria-")) {
			raw = bytes.Clone(raw) // Token lower-cases names in the tokenizer's buffer
			if tok, changed := trueBareAria(z.Token()); changed {
				out.WriteString(tok.String())
				continue
			}
		}
		out.Write(raw)
	}
}

// trueBareAria gives every empty aria-* attribute of tok the value "true".
func trueBareAria(tok html.Token) (html.Token, bool) {
	changed := false
	for i, a := range tok.Attr {
		if a.Namespace == "" && a.Val == "" && strings.HasPrefix(a.Key, "aria-") {
			tok.Attr[i].Val = "true"
			changed = true
		}
	}
	return tok, changed
}
