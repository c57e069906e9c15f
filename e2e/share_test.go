package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"citijpm/compare"
)

func atoiE(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// darkPixels counts the pixels of r clearly darker than a white ground.
func darkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x6000 {
				n++
			}
		}
	}
	return n
}

// TestLinkPreview reads a filtered page's head as a link unfurler would,
// with the page loaded in Chromium under the server's CSP (the JSON-LD
// data block must not count as inline script), then fetches og:image and
// checks it is the 1200×630 card with its title really drawn.
func TestLinkPreview(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspRecorder).Do(ctx)
		return err
	}))
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api&bank=citi,jpm"))
	b.waitInteractive(t)

	var head map[string]string
	b.eval(t, `(() => {
		const m = {};
		for (const e of document.head.querySelectorAll('meta[property], meta[name^="twitter:"]'))
			m[e.getAttribute('property') || e.getAttribute('name')] = e.content;
		m.canonical = document.querySelector('link[rel=canonical]').href;
		m.jsonld = document.querySelector('script[type="application/ld+json"]').textContent;
		return m;
	})()`, &head)
	if want := srv.URL + "/?section=api"; head["og:url"] != want || head["canonical"] != want {
		t.Errorf("og:url %q, canonical %q, want %q", head["og:url"], head["canonical"], want)
	}
	if head["twitter:card"] != "summary_large_image" || head["og:title"] != ds.Meta.Title || head["og:image:alt"] == "" {
		t.Errorf("head tags %v", head)
	}
	var ld struct {
		Type string `json:"@type"`
	}
	if err := json.Unmarshal([]byte(head["jsonld"]), &ld); err != nil || ld.Type != "Dataset" {
		t.Errorf("JSON-LD %q (%v)", head["jsonld"], err)
	}
	var violations []string
	b.eval(t, `window.__csp || ['no recorder']`, &violations)
	for _, v := range violations {
		t.Errorf("CSP violation: %s", v)
	}
	b.requireNoErrors(t)

	if !strings.HasPrefix(head["og:image"], srv.URL+"/") {
		t.Fatalf("og:image %q is not on the server", head["og:image"])
	}
	res, body := httpGet(t, head["og:image"])
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("og:image: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	img, err := png.Decode(strings.NewReader(body))
	if err != nil {
		t.Fatalf("og:image does not decode: %v", err)
	}
	if got := img.Bounds().Size(); got.X != 1200 || got.Y != 630 || head["og:image:width"] != "1200" || head["og:image:height"] != "630" {
		t.Errorf("og:image is %v, announced %sx%s", got, head["og:image:width"], head["og:image:height"])
	}
	// The title spans the card's upper band in large bold letters; a blank
	// or textless image has (almost) no dark pixels there.
	title := darkPixels(img, image.Rect(40, 40, 1160, 170))
	if title < 5000 {
		t.Errorf("only %d dark pixels where the title should be", title)
	}
	if footer := darkPixels(img, image.Rect(40, 560, 600, 610)); footer < 500 {
		t.Errorf("only %d dark pixels where the date should be", footer)
	}
}

// TestOEmbedDiscoveryRendersTheEmbed follows the page's oEmbed discovery
// link to the endpoint, pastes the iframe it answers into a partner page
// on another origin, and waits for the widget inside to report its height,
// which it does only once the embed view runs.
func TestOEmbedDiscoveryRendersTheEmbed(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=playbook"))
	b.waitInteractive(t)
	var discovery string
	b.eval(t, `document.querySelector('link[rel=alternate][type="application/json+oembed"]').href`, &discovery)
	if !strings.HasPrefix(discovery, srv.URL+"/oembed?") {
		t.Fatalf("discovery link %q", discovery)
	}
	res, body := httpGet(t, discovery+"&maxwidth=640&maxheight=700")
	if res.StatusCode != 200 {
		t.Fatalf("oEmbed: %d %s", res.StatusCode, body)
	}
	var o struct {
		Type, HTML    string
		Width, Height int
		ThumbnailURL  string `json:"thumbnail_url"`
	}
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatal(err)
	}
	if o.Type != "rich" || o.Width != 640 || o.Height != 700 || !strings.Contains(o.HTML, srv.URL+"/embed?section=playbook") {
		t.Fatalf("oEmbed answer %+v", o)
	}
	if r, _ := httpGet(t, o.ThumbnailURL); r.StatusCode != 200 {
		t.Errorf("thumbnail %s: %d", o.ThumbnailURL, r.StatusCode)
	}

	partner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>Partner article</title><script>
window.__heights = [];
addEventListener('message', e => { if (e.data && e.data.type === 'citijpm:resize') window.__heights.push(e.data.height); });
</script><h1>Article</h1>` + o.HTML))
	}))
	defer partner.Close()
	b.run(t, chromedp.Navigate(partner.URL))
	b.waitFor(t, "the embedded widget reports its height", `window.__heights.length > 0 && window.__heights.at(-1) > 100`)
	var frame struct{ Src, Width, Height string }
	b.eval(t, `(() => { const f = document.querySelector('iframe'); return {src: f.src, width: f.getAttribute('width'), height: f.getAttribute('height')}; })()`, &frame)
	if frame.Src != srv.URL+"/embed?section=playbook" || frame.Width != "640" || frame.Height != "700" {
		t.Errorf("pasted iframe %+v", frame)
	}
	b.requireNoErrors(t)
}

// TestFilesByURLEqualThePageDownloads: the CSV, JSON and SVG fetched by
// URL for a view are byte for byte the files the page saves for it.
func TestFilesByURLEqualThePageDownloads(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	dir := allowDownloads(t, b)
	query := "section=api&conf=high&status=documented,partial"
	b.run(t, chromedp.Navigate(srv.URL+"/?"+query))
	b.waitInteractive(t)

	for _, c := range []struct{ button, path, name string }{
		{"dl-csv-view", "/comparison.csv", compare.ExportName(ds, true, "csv")},
		{"dl-json-view", "/comparison.json", compare.ExportName(ds, true, "json")},
		{"dl-svg", "/overview.svg", compare.OverviewName(ds, true, "svg")},
	} {
		if c.button == "dl-svg" {
			openOverview(t, b) // drawn on demand, with its download buttons
			b.run(t, chromedp.Click("#dl-svg", chromedp.ByQuery))
		} else {
			clickDownload(t, b, c.button)
		}
		saved := waitDownload(t, dir, c.name)
		res, body := httpGet(t, srv.URL+c.path+"?"+query)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", c.path, res.StatusCode)
		}
		if !bytes.Equal(saved, []byte(body)) {
			t.Errorf("%s differs from the page's %s (%d vs %d bytes)", c.path, c.name, len(body), len(saved))
		}
		if got := res.Header.Get("Content-Disposition"); !strings.Contains(got, `filename="`+c.name+`"`) {
			t.Errorf("%s: Content-Disposition %q, want the page's name %q", c.path, got, c.name)
		}
	}
	// The PNG by URL is the same drawing at 2×, as the page's PNG download.
	_, svg := httpGet(t, srv.URL+"/overview.svg?"+query)
	m := svgSize.FindStringSubmatch(svg)
	if m == nil {
		t.Fatal("the SVG has no size")
	}
	_, raw := httpGet(t, srv.URL+"/overview.png?"+query)
	img, err := png.Decode(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("/overview.png: %v", err)
	}
	if got := img.Bounds().Size(); got.X != 2*atoiE(m[1]) || got.Y != 2*atoiE(m[2]) {
		t.Errorf("/overview.png is %v, want 2 × %sx%s", got, m[1], m[2])
	}
	if n := darkPixels(img, image.Rect(0, 0, img.Bounds().Dx(), 70)); n < 1500 {
		t.Errorf("/overview.png: only %d dark pixels where the title is", n)
	}

	// A bad parameter is ignored by the URL as by the page, and said so.
	res, body := httpGet(t, srv.URL+"/comparison.csv?"+query+"&conf=sure&"+url.Values{"oops": {"1"}}.Encode())
	if res.Header.Get("X-Ignored-Params") != "conf, oops" {
		t.Errorf("X-Ignored-Params %q", res.Header.Get("X-Ignored-Params"))
	}
	if body == "" {
		t.Error("empty CSV")
	}
	b.requireNoErrors(t)
}
