package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"citijpm/compare"
	"citijpm/data"
)

// hostilePayloads are values an attacker might put in a shared link: each
// tries to leave an attribute, open a tag, hide the page or pose as an
// attribute that the prerender post-processing would rewrite.
var hostilePayloads = []string{
	`"><h1>HACKED</h1>`,
	`x aria-live y`,
	`true`,
	`'><a href=https://evil.example>login</a>`,
	`<!--`,
	`\"><img src=x>`,
	"a\x00b\r\n<b>c</b>",
	`&quot;&#34;&lt;script&gt;`,
}

// noMatch starts every search in these tests so that the payload never
// changes which cards match: only the markup may differ, and must not.
const noMatch = "zqzqnomatch "

// benign keeps what decides how a value is parsed (letters, digits, list
// commas, spaces, - and _) and turns everything else into a dot, which no
// parameter accepts either and HTML gives no meaning, so the page for it
// has the structure the page for value must have.
func benign(value string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)),
			r == ',', r == '-', r == '_', unicode.IsSpace(r):
			return r
		}
		return '.'
	}, value)
}

// pageShape is one line per element of the parsed page: depth, tag and the
// attribute names, so injected markup or attributes change it.
func pageShape(t testing.TB, page []byte) ([]string, *html.Node) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("parsing the page: %v", err)
	}
	var shape []string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			names := make([]string, 0, len(n.Attr))
			for _, a := range n.Attr {
				names = append(names, a.Key)
			}
			slices.Sort(names)
			shape = append(shape, fmt.Sprintf("%d %s %s", depth, n.Data, strings.Join(names, " ")))
		}
		if n.Type == html.CommentNode {
			shape = append(shape, fmt.Sprintf("%d <!--", depth))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return shape, doc
}

// attrOf returns the attribute of the element with the given id, and
// whether both exist.
func attrOf(n *html.Node, id, key string) (string, bool) {
	if n.Type == html.ElementNode {
		var found bool
		var val string
		var hasKey bool
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				found = true
			}
			if a.Key == key {
				val, hasKey = a.Val, true
			}
		}
		if found {
			return val, hasKey
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if v, ok := attrOf(c, id, key); ok {
			return v, true
		}
	}
	return "", false
}

var (
	prerenderOnce    sync.Once
	prerenderHandler http.Handler
)

func prerenderer(t testing.TB) http.Handler {
	prerenderOnce.Do(func() { _, prerenderHandler = newTestServer(t, Config{}) })
	return prerenderHandler
}

// pageRequests numbers the requests, so each comes from its own client
// address: these tests render hundreds of new views, more than one
// client's render budget allows.
var pageRequests atomic.Uint32

func pageFor(t testing.TB, path, param, value string) []byte {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path+"?"+url.Values{param: {value}}.Encode(), nil)
	n := pageRequests.Add(1)
	r.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:1234", n>>16&0xff, n>>8&0xff, n&0xff)
	w := httptest.NewRecorder()
	prerenderer(t).ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("%s %s=%q: status %d", path, param, value, w.Code)
	}
	return w.Body.Bytes()
}

// checkQueryValue renders path with param=value and with its benign twin
// and fails if the element structure differs; for the search, the box must
// read back exactly the query the filters hold.
func checkQueryValue(t testing.TB, path, param, value string) {
	t.Helper()
	if param == compare.ParamQuery {
		value = noMatch + value
	}
	got, doc := pageShape(t, pageFor(t, path, param, value))
	want, _ := pageShape(t, pageFor(t, path, param, benign(value)))
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("%s?%s=%q changes the page's structure at element %d: %q, want %q", path, param, value, i, got[i], want[i])
			}
		}
		t.Fatalf("%s?%s=%q changes the page's structure: %d elements, want %d", path, param, value, len(got), len(want))
	}
	if param != compare.ParamQuery {
		return
	}
	ds, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := compare.ParseQuery(url.Values{param: {value}}, ds)
	box, ok := attrOf(doc, "f-q", "value")
	if !ok && st.Query != "" {
		t.Fatalf("%s?q=%q: the search box has no value, want %q", path, value, st.Query)
	}
	if box != st.Query {
		t.Fatalf("%s?q=%q: the search box reads %q, want %q", path, value, box, st.Query)
	}
}

// hostileParams are the page's parameters plus one it does not know.
var hostileParams = []string{
	compare.ParamBank, compare.ParamSection, compare.ParamStatus, compare.ParamConf, compare.ParamLabel,
	compare.ParamQuery, compare.ParamDiff, compare.ParamStale, compare.ParamView, compare.ParamPresent,
	compare.ParamSlide, compare.ParamTheme, compare.ParamFrame, compare.ParamMarket, "unknown",
}

func TestHostileQueryValuesCannotChangeThePage(t *testing.T) {
	for _, path := range []string{"/", "/embed"} {
		for _, param := range hostileParams {
			for _, payload := range hostilePayloads {
				checkQueryValue(t, path, param, payload)
			}
		}
	}
}

func TestHostileParameterNamesCannotChangeThePage(t *testing.T) {
	for _, payload := range hostilePayloads {
		got, _ := pageShape(t, pageFor(t, "/", payload, "1"))
		want, _ := pageShape(t, pageFor(t, "/", benign(payload)+"zz", "1"))
		if !slices.Equal(got, want) {
			t.Errorf("parameter name %q changes the page's structure", payload)
		}
	}
}

// FuzzPrerenderedSearch renders the page for arbitrary search text: the
// structure must stay that of the benign twin and the box must read back
// exactly what the filters hold.
func FuzzPrerenderedSearch(f *testing.F) {
	for _, p := range hostilePayloads {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkQueryValue(t, "/", compare.ParamQuery, q)
	})
}

func TestFixPrerenderTouchesOnlyRealAriaAttributes(t *testing.T) {
	page := []byte(`<div aria-hidden class="x"><input value="x aria-live y" aria-busy>` +
		`<p>text aria-live here</p><span aria-label="Tools"></span></div>`)
	got := string(fixPrerender(page))
	want := `<div aria-hidden="true" class="x"><input value="x aria-live y" aria-busy="true">` +
		`<p>text aria-live here</p><span aria-label="Tools"></span></div>`
	if got != want {
		t.Fatalf("fixPrerender:\n got %s\nwant %s", got, want)
	}
	plain := []byte(`<p>no attributes to fix</p>`)
	if string(fixPrerender(plain)) != string(plain) {
		t.Fatal("a page without aria attributes changed")
	}
}
