package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
	"citijpm/preview"
	"citijpm/snippet"
)

const publicRoot = "https://example.com/widgets/citi-jpm/"

func shareServer(t *testing.T) http.Handler {
	t.Helper()
	_, h := newTestServer(t, Config{BasePath: "/w", PublicURL: strings.TrimSuffix(publicRoot, "/")})
	return h
}

func shareData(t *testing.T) (*data.Dataset, *compare.Index) {
	t.Helper()
	ds, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	return ds, compare.NewIndex(ds)
}

// Each file of a view is the page's download for the same view: the same
// functions, the same bytes, and a name, type and ignored-parameter notice.
func TestShareFilesAreThePageDownloads(t *testing.T) {
	h := shareServer(t)
	ds, ix := shareData(t)
	today := time.Now()
	f := compare.Filters{Sections: []string{"api"}, MinConf: data.High}
	res := ix.Filter(f, today)
	csv, _ := compare.CSVFile(ix, res, today)
	js, _ := compare.JSONFile(ix, res)
	svg := chart.File(ds, f, compare.NewMatrix(res))

	for path, want := range map[string]struct {
		ctype, disposition string
		body               []byte
	}{
		"/comparison.csv":  {"text/csv; charset=utf-8", "attachment; filename=\"" + compare.ExportName(ds, true, "csv") + `"`, csv},
		"/comparison.json": {"application/json", "attachment; filename=\"" + compare.ExportName(ds, true, "json") + `"`, js},
		"/overview.svg":    {"image/svg+xml", "inline; filename=\"" + compare.OverviewName(ds, true, "svg") + `"`, []byte(svg)},
		"/overview.png":    {"image/png", "inline; filename=\"" + compare.OverviewName(ds, true, "png") + `"`, nil},
		"/preview.png":     {"image/png", "inline; filename=\"citi-jpm-overview-" + ds.Meta.Version + `-filtered-preview.png"`, nil},
	} {
		w := get(h, "/w"+path+"?conf=high&nope=1&section=api")
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
		if got := w.Header().Get("Content-Type"); got != want.ctype {
			t.Errorf("%s: Content-Type %q, want %q", path, got, want.ctype)
		}
		if got := w.Header().Get("Content-Disposition"); got != want.disposition {
			t.Errorf("%s: Content-Disposition %q, want %q", path, got, want.disposition)
		}
		if got := w.Header().Get("X-Ignored-Params"); got != "nope" {
			t.Errorf("%s: X-Ignored-Params %q, want nope", path, got)
		}
		if w.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: not readable by scripts of other sites", path)
		}
		if w.Header().Get("Etag") == "" {
			t.Errorf("%s: no ETag", path)
		}
		if want.body != nil && !bytes.Equal(w.Body.Bytes(), want.body) {
			t.Errorf("%s: the body is not the page's download (%d vs %d bytes)", path, w.Body.Len(), len(want.body))
		}
	}
}

func TestSharePNGSizes(t *testing.T) {
	h := shareServer(t)
	for path, want := range map[string]func(image.Point) bool{
		"/overview.png": func(p image.Point) bool { return p.X == 2*chart.DefaultWidth && p.Y > p.X },
		"/preview.png":  func(p image.Point) bool { return p == image.Point{preview.CardWidth, preview.CardHeight} },
	} {
		w := get(h, "/w"+path)
		img, err := png.Decode(w.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !want(img.Bounds().Size()) {
			t.Errorf("%s is %v", path, img.Bounds().Size())
		}
	}
}

// A malformed parameter is dropped as the page drops it: the file is the
// one for the rest of the query.
func TestShareFilesIgnoreBadParamsLikeThePage(t *testing.T) {
	h := shareServer(t)
	for _, path := range []string{"/comparison.csv", "/overview.svg", "/comparison.json"} {
		clean := get(h, "/w"+path+"?section=api")
		for _, bad := range []string{"&section=nope", "&conf=maybe", "&diff=perhaps", "&x%0d%0aSet-Cookie:a=1=1", "&q="} {
			w := get(h, "/w"+path+"?section=api"+bad)
			if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), clean.Body.Bytes()) {
				t.Errorf("%s with %q: %d, body differs from the clean view", path, bad, w.Code)
			}
			if strings.ContainsAny(w.Header().Get("X-Ignored-Params"), "\r\n") {
				t.Errorf("%s with %q: the header carries a line break", path, bad)
			}
		}
	}
	if got := get(h, "/w/comparison.csv?section=nope").Header().Get("X-Ignored-Params"); got != "section" {
		t.Errorf("X-Ignored-Params %q, want section", got)
	}
}

func TestShareFilesConditionalAndCompressed(t *testing.T) {
	h := shareServer(t)
	first := get(h, "/w/comparison.csv?bank=citi", "Accept-Encoding", "br, gzip")
	if first.Header().Get("Content-Encoding") != "br" {
		t.Errorf("CSV not compressed: %q", first.Header().Get("Content-Encoding"))
	}
	if got := get(h, "/w/comparison.csv?bank=citi", "Accept-Encoding", "br", "If-None-Match", first.Header().Get("Etag")); got.Code != 304 {
		t.Errorf("If-None-Match: %d, want 304", got.Code)
	}
	if got := get(h, "/w/overview.png?bank=citi", "Accept-Encoding", "gzip"); got.Header().Get("Content-Encoding") != "" {
		t.Error("a PNG was compressed again")
	}
	if got := get(h, "/w/overview.svg").Header().Get("Content-Security-Policy"); strings.Contains(got, "script") || !strings.Contains(got, "default-src 'none'") {
		t.Errorf("the SVG's CSP %q", got)
	}
}

// fakeCache stands in for the page cache: it records keys and can be busy.
type fakeCache struct {
	keys []string
	err  error
}

func (f *fakeCache) cached(r *http.Request, key string, build func() (*asset, error)) (*asset, error) {
	f.keys = append(f.keys, key)
	if f.err != nil {
		return nil, f.err
	}
	return build()
}

func testSharing(t *testing.T, c renderCache) *sharing {
	ds, ix := shareData(t)
	p, err := newPublicURL(Config{PublicURL: publicRoot})
	if err != nil {
		t.Fatal(err)
	}
	return &sharing{ds: ds, ix: ix, public: p, cache: c, now: time.Now, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// Views that mean the same thing share one cache entry, whatever else the
// query holds: a flood of made-up parameters renders nothing new.
func TestShareCacheKeysAreCanonical(t *testing.T) {
	c := &fakeCache{}
	s := testSharing(t, c)
	mux := http.NewServeMux()
	s.routes(mux)
	for _, q := range []string{"section=api&bank=citi", "bank=citi&section=api&junk=1", "bank=CITI,nope&section=api&theme=dark&view=table"} {
		get(mux, "/comparison.json?"+q)
	}
	if len(c.keys) != 3 || c.keys[0] != c.keys[1] || c.keys[1] != c.keys[2] {
		t.Errorf("keys %q", c.keys)
	}
}

func TestShareBusyAnswers503(t *testing.T) {
	s := testSharing(t, &fakeCache{err: errBusy})
	mux := http.NewServeMux()
	s.routes(mux)
	w := get(mux, "/overview.png")
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Errorf("busy: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	s.cache = &fakeCache{err: errors.New("boom")}
	if w := get(mux, "/overview.png"); w.Code != 500 {
		t.Errorf("failed render: %d", w.Code)
	}
}

func TestOEmbed(t *testing.T) {
	h := shareServer(t)
	ds, _ := shareData(t)
	page := publicRoot + "?section=api&zzz=1"
	w := get(h, "/w/oembed?format=json&maxwidth=500&maxheight=600&url="+url.QueryEscape(page))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("%d %q %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	var got oEmbed
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := oEmbed{
		Version: "1.0", Type: "rich", Title: ds.Meta.Title, ProviderName: testAppName, ProviderURL: publicRoot,
		CacheAge: shareMaxAge, Width: 500, Height: 600,
		HTML:         snippet.IFrame(publicRoot+"embed?section=api", ds.Meta.Title, "500", 600),
		ThumbnailURL: publicRoot + "preview.png?section=api", ThumbnailWidth: 1200, ThumbnailHeight: 630,
	}
	if got != want {
		t.Errorf("oEmbed\n got %+v\nwant %+v", got, want)
	}
	// Without maxima the frame is the dialog's height; the embed page is ours too.
	w = get(h, "/w/oembed?url="+url.QueryEscape(publicRoot+"embed?bank=citi"))
	json.Unmarshal(w.Body.Bytes(), &got)
	if w.Code != 200 || got.Height != snippet.FrameHeight || got.Width != oEmbedWidth || !strings.Contains(got.HTML, "embed?bank=citi") {
		t.Errorf("embed URL: %d %+v", w.Code, got)
	}

	for q, code := range map[string]int{
		"":            400,
		"format=json": 400,
		"url=%2Fw%2F": 400,
		"url=" + url.QueryEscape(page) + "&maxwidth=abc":                       400,
		"url=" + url.QueryEscape(page) + "&maxheight=0":                        400,
		"url=" + url.QueryEscape(page) + "&maxwidth=-5":                        400,
		"url=" + url.QueryEscape(page) + "&maxwidth=99999999999999999999":      400,
		"url=" + url.QueryEscape(page) + "&format=xml":                         501,
		"url=" + url.QueryEscape("https://evil.example/widgets/citi-jpm/"):     404,
		"url=" + url.QueryEscape("http://example.com/widgets/citi-jpm/"):       404,
		"url=" + url.QueryEscape("https://example.com/other/"):                 404,
		"url=" + url.QueryEscape("https://example.com/widgets/citi-jpm/web/x"): 404,
	} {
		w := get(h, "/w/oembed?"+q)
		if w.Code != code || !strings.HasPrefix(w.Body.String(), "oEmbed: ") {
			t.Errorf("?%s: %d %q, want %d with a reason", q, w.Code, w.Body, code)
		}
	}
}

// headOf parses a page and returns its head's meta and link values.
func headOf(t *testing.T, page []byte) (meta map[string][]string, links map[string]string, jsonLD []string) {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	meta, links = map[string][]string{}, map[string]string{}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch n.Data {
			case "meta":
				if k := a["property"] + a["name"]; k != "" {
					meta[k] = append(meta[k], a["content"])
				}
			case "link":
				links[a["rel"]+" "+a["type"]] = a["href"]
			case "script":
				if a["type"] == "application/ld+json" && n.FirstChild != nil {
					jsonLD = append(jsonLD, n.FirstChild.Data)
				}
			case "body":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return meta, links, jsonLD
}

func TestHeadTagsDescribeTheView(t *testing.T) {
	h := shareServer(t)
	w := get(h, "/w/?section=api&bogus=1")
	meta, links, ld := headOf(t, w.Body.Bytes())
	page := publicRoot + "?section=api"
	for k, want := range map[string]string{
		"og:url": page, "og:image": publicRoot + "preview.png?section=api", "og:type": "website", "og:site_name": testAppName,
		"og:image:width": "1200", "og:image:height": "630", "twitter:card": "summary_large_image",
		"twitter:image": publicRoot + "preview.png?section=api",
	} {
		if got := meta[k]; len(got) != 1 || got[0] != want {
			t.Errorf("%s = %q, want one %q", k, got, want)
		}
	}
	for _, k := range []string{"og:title", "og:description", "og:image:alt", "twitter:title", "twitter:description"} {
		if got := meta[k]; len(got) != 1 || got[0] == "" {
			t.Errorf("%s = %q", k, got)
		}
	}
	if !strings.Contains(meta["og:description"][0], "Section: ") {
		t.Errorf("og:description does not name the view: %q", meta["og:description"][0])
	}
	if links["canonical "] != page {
		t.Errorf("canonical %q", links["canonical "])
	}
	if got := links["alternate application/json+oembed"]; got != publicRoot+"oembed?url="+url.QueryEscape(page)+"&format=json" {
		t.Errorf("oEmbed discovery %q", got)
	}
	if len(ld) != 1 {
		t.Fatalf("%d JSON-LD blocks", len(ld))
	}
	var ds struct {
		Type         string `json:"@type"`
		Name         string `json:"name"`
		DateModified string `json:"dateModified"`
		License      string `json:"license"`
		Distribution []struct {
			URL    string `json:"contentUrl"`
			Format string `json:"encodingFormat"`
		} `json:"distribution"`
	}
	if err := json.Unmarshal([]byte(ld[0]), &ds); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	d, _ := shareData(t)
	if ds.Type != "Dataset" || ds.Name != d.Meta.Title || ds.DateModified != d.Meta.LastVerified || ds.License != "" ||
		len(ds.Distribution) != 2 || ds.Distribution[0].URL != publicRoot+"comparison.csv" || ds.Distribution[1].Format != "application/json" {
		t.Errorf("JSON-LD %+v", ds)
	}

	// The embed view is discoverable too, and shares the full page; its
	// canonical link is its own (one to the root would fail crawlers' checks).
	meta, links, _ = headOf(t, get(h, "/w/embed?bank=citi").Body.Bytes())
	if links["canonical "] != publicRoot+"embed?bank=citi" || links["alternate application/json+oembed"] == "" || meta["og:url"][0] != publicRoot+"?bank=citi" {
		t.Errorf("embed head: %v %v", links, meta["og:url"])
	}
}

// User text reaches the head only escaped: the head keeps its structure
// and the values read back exactly.
func TestHeadTagsEscapeUserText(t *testing.T) {
	h := shareServer(t)
	payload := `"><h1>x</h1></script><script>alert(1)</script><!--`
	w := get(h, "/w/?q="+url.QueryEscape(payload))
	meta, _, ld := headOf(t, w.Body.Bytes())
	if got := meta["og:description"]; len(got) != 1 || !strings.Contains(got[0], payload) {
		t.Errorf("og:description %q does not carry the search text intact", got)
	}
	if len(ld) != 1 {
		t.Errorf("%d JSON-LD blocks", len(ld))
	}
	head, _, _ := strings.Cut(w.Body.String(), "</head>")
	if strings.Contains(head, "<h1>") || strings.Contains(head, "<script>alert") {
		t.Error("user text became markup in the head")
	}
}

func TestInjectHead(t *testing.T) {
	for _, page := range []string{"<p>no head here</p>", "<html><head><title>t</title><body><p>x</p></head></body>"} {
		if got := injectHead([]byte(page), "<meta x>"); string(got) != page {
			t.Errorf("%q became %q", page, got)
		}
	}
	page := "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"UTF-8\">\n    <meta property=\"og:url\" content=\"https://\">\n" +
		"    <meta content=\"x\" name=\"twitter:card\">\n    <title>t</title>\n  </head>\n  <body><!-- </head> --><p>ü &amp; </p></body>\n</html>"
	want := "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"UTF-8\">\n    <title>t</title>\n  <TAGS></head>\n" +
		"  <body><!-- </head> --><p>ü &amp; </p></body>\n</html>"
	if got := string(injectHead([]byte(page), "<TAGS>")); got != want {
		t.Errorf("injectHead:\n got %q\nwant %q", got, want)
	}
}

func TestPublicURL(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Addr: "127.0.0.1:8080"}, "http://127.0.0.1:8080/"},
		{Config{Addr: ":8080", BasePath: "/w"}, "http://localhost:8080/w/"},
		{Config{Addr: "[::]:9000"}, "http://localhost:9000/"},
		{Config{Addr: "127.0.0.1:8443", TLSCert: "c"}, "https://127.0.0.1:8443/"},
		{Config{PublicURL: "https://Example.com/a/b"}, "https://Example.com/a/b/"},
	} {
		p, err := newPublicURL(c.cfg)
		if err != nil || p.String() != c.want {
			t.Errorf("%+v: %v %v, want %s", c.cfg, p, err, c.want)
		}
	}
	for _, bad := range []string{"example.com", "ftp://example.com/", "https://example.com/?a=1", "https://u:p@example.com/", "/relative", "https:///x"} {
		if _, err := New(Config{PublicURL: bad, WebDir: fakeWeb(t)}); err == nil {
			t.Errorf("New accepted -public-url %q", bad)
		}
	}
	// Port 0 is known once bound; the pages then name the real port.
	srv := startServer(t, Config{})
	resp, err := http.Get("http://" + srv.addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	meta, _, _ := headOf(t, body)
	if got := meta["og:url"]; len(got) != 1 || got[0] != "http://"+srv.addr+"/" {
		t.Errorf("og:url %q, want http://%s/", got, srv.addr)
	}
}

func TestExportWritesShareFiles(t *testing.T) {
	s, _ := newTestServer(t, Config{BasePath: "/w", PublicURL: publicRoot, Static: true})
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"overview.svg", "overview.png", "preview.png", "comparison.csv", "comparison.json", "oembed.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	var o oEmbed
	raw, _ := os.ReadFile(filepath.Join(dir, "oembed.json"))
	if err := json.Unmarshal(raw, &o); err != nil || o.ThumbnailURL != publicRoot+"preview.png" || !strings.Contains(o.HTML, publicRoot+"embed") {
		t.Errorf("oembed.json %+v (%v)", o, err)
	}
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	meta, links, _ := headOf(t, index)
	if links["alternate application/json+oembed"] != publicRoot+"oembed.json" || meta["og:image"][0] != publicRoot+"preview.png" {
		t.Errorf("exported head: %v %v", links, meta["og:image"])
	}
}

// The licence appears only when the data's owner sets one.
func TestJSONLDLicenseOnlyWhenSet(t *testing.T) {
	s := testSharing(t, nil)
	if bytes.Contains(s.datasetJSONLD(), []byte(`"license"`)) {
		t.Error("a licence was published that meta.json does not set")
	}
	ds := *s.ds
	ds.Meta.License = "https://creativecommons.org/licenses/by/4.0/"
	s.ds = &ds
	var doc struct {
		License string `json:"license"`
	}
	if err := json.Unmarshal(s.datasetJSONLD(), &doc); err != nil || doc.License != ds.Meta.License {
		t.Errorf("license %q (%v)", doc.License, err)
	}
}
