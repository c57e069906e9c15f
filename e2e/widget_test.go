package e2e

import (
	"bytes"
	"encoding/json"
	"html"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"citijpm/compare"
	"citijpm/data"
)

func dataset(t testing.TB) (*data.Dataset, *compare.Index) {
	t.Helper()
	ds, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	return ds, compare.NewIndex(ds)
}

// jsVisibleCards lists the categories of the cards a reader can see.
const jsVisibleCards = `Array.from(document.querySelectorAll('.card'))
	.filter(c => !c.closest('[hidden]') && c.checkVisibility())
	.map(c => c.dataset.category)`

func visibleCards(t testing.TB, b *browser) []string {
	var ids []string
	b.eval(t, jsVisibleCards, &ids)
	return ids
}

// waitCards waits until the visible cards are exactly want, in order.
func waitCards(t testing.TB, b *browser, what string, want []string) {
	t.Helper()
	wantJSON, _ := json.Marshal(want)
	if want == nil {
		wantJSON = []byte("[]")
	}
	js := `JSON.stringify(` + jsVisibleCards + `) === ` + jsString(string(wantJSON))
	if !poll(15*time.Second, func() bool {
		var ok bool
		b.eval(t, js, &ok)
		return ok
	}) {
		var where string
		b.eval(t, `location.search + ' · ' + (document.getElementById('result-count') || {}).textContent`, &where)
		t.Fatalf("%s: visible cards\n got %v\nwant %v\n(page at %s)", what, visibleCards(t, b), want, where)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func currentQuery(t testing.TB, b *browser) url.Values {
	var href string
	b.eval(t, `location.href`, &href)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// TestPrerenderedPageHoldsEveryFact checks the server's HTML alone: every
// category, every cell's evidence and every source a cell cites are there
// before any script runs.
func TestPrerenderedPageHoldsEveryFact(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	res, body := httpGet(t, srv.URL+"/")
	if res.StatusCode != 200 {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	has := func(what, text string) {
		if !strings.Contains(body, html.EscapeString(text)) {
			t.Errorf("prerendered page lacks %s %q", what, text)
		}
	}
	has("title", ds.Meta.Title)
	has("legal review note", ds.Meta.LegalReview.Note)
	for _, g := range ds.Meta.AtAGlance {
		has("at-a-glance title", g.Title)
	}
	for _, p := range ds.Meta.PeerPortals {
		has("peer portal", p.Name)
	}
	for _, c := range ds.Categories {
		has("category", c.Name)
	}
	for _, c := range ds.Cells {
		has("cell evidence", c.Evidence)
		has("cell enables", c.Enables)
		for _, f := range c.Formats {
			has("format", f)
		}
		for _, id := range c.Sources {
			s := ds.Source(id)
			has("source title", s.Title)
			if s.URL != "" {
				has("source URL", s.URL)
			}
		}
	}
	if n := strings.Count(body, `<article`); n != len(ds.Categories) {
		t.Errorf("prerendered %d cards, want %d", n, len(ds.Categories))
	}
}

// TestContentVisibleBeforeWasm blocks app.wasm: the prerendered comparison
// must still be readable, not hidden behind go-app's full-screen loader.
func TestContentVisibleBeforeWasm(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t,
		network.Enable(),
		network.SetBlockedURLs([]string{"*app.wasm*"}),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#title`, chromedp.ByQuery),
	)
	if got := visibleCards(t, b); len(got) != len(ds.Categories) {
		t.Errorf("without WebAssembly %d cards are visible, want %d", len(got), len(ds.Categories))
	}
	var topmost string
	b.eval(t, `(() => { const e = document.elementFromPoint(innerWidth/2, innerHeight/2); return e ? (e.closest('#app-wasm-loader') ? 'loader' : 'content') : 'none'; })()`, &topmost)
	if topmost != "content" {
		t.Errorf("the middle of the screen shows %q, want the prerendered content", topmost)
	}
	var state string
	b.eval(t, `document.getElementById('widget').dataset.state || ''`, &state)
	if state != "" {
		t.Errorf("widget state %q without WebAssembly, want not interactive", state)
	}
}

// filterStep is one reader action and the filters it should produce.
type filterStep struct {
	name   string
	action func(t *testing.T, b *browser)
	want   compare.Filters
}

func click(sel string) func(t *testing.T, b *browser) {
	return func(t *testing.T, b *browser) { b.run(t, chromedp.Click(sel, chromedp.ByQuery)) }
}

// choose picks an option of a <select> the way a reader's choice does:
// the value changes and a change event bubbles.
func choose(sel, value string) func(t *testing.T, b *browser) {
	return func(t *testing.T, b *browser) {
		b.run(t, chromedp.SetValue(sel, value, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector(`+jsString(sel)+`).dispatchEvent(new Event('change', {bubbles: true}))`, nil))
	}
}

func typeText(sel, text string) func(t *testing.T, b *browser) {
	return func(t *testing.T, b *browser) {
		b.run(t, chromedp.Click(sel, chromedp.ByQuery), chromedp.SendKeys(sel, text, chromedp.ByQuery))
	}
}

// clearFilters clears every filter and waits until the URL says so.
func clearFilters(t *testing.T, b *browser) {
	// The button is enabled on the frame after a change reaches the URL,
	// so it is clicked once it is, for as long as the URL holds filters.
	b.waitFor(t, "filters cleared", `location.search === '' || (() => {
		const clear = document.getElementById('f-clear');
		if (clear && !clear.disabled) clear.click();
		return false;
	})()`)
}

// TestEveryFilterMatchesGo drives each filter control in the real app and
// requires the visible cards to be exactly what compare.Filter computes for
// the same dataset, and the URL to carry exactly the canonical query.
func TestEveryFilterMatchesGo(t *testing.T) {
	ds, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	start := time.Now()
	b.run(t, chromedp.Navigate(srv.URL+"/"))
	tti := b.waitInteractive(t)
	t.Logf("time to interactive (navigation start → app mounted): %v (wait %v)", time.Since(start).Round(time.Millisecond), tti.Round(time.Millisecond))

	steps := []filterStep{
		{"bank: only Citi", click("#f-bank-jpm"), compare.Filters{Banks: []string{"citi"}}},
		{"section: Playbook", choose("#f-section", "playbook"), compare.Filters{Sections: []string{"playbook"}}},
		{"status: hide not visible", click("#f-status-not-visible"),
			compare.Filters{Statuses: []data.Status{data.Documented, data.Partial}}},
		{"confidence: high only", choose("#f-conf", "high"), compare.Filters{MinConf: data.High}},
		{"confidence: medium or higher", choose("#f-conf", "medium"), compare.Filters{MinConf: data.Medium}},
		{"label: analyst", choose("#f-label", "analyst"), compare.Filters{Label: compare.AnalystOnly}},
		{"label: sourced", choose("#f-label", "sourced"), compare.Filters{Label: compare.SourcedOnly}},
		{"label: unsourced", choose("#f-label", "unsourced"), compare.Filters{Label: compare.Unsourced}},
		{"search: camt", typeText("#f-q", "camt"), compare.Filters{Query: "camt"}},
		{"search: two words", typeText("#f-q", "oauth mtls"), compare.Filters{Query: "oauth mtls"}},
		{"only where banks differ", click("#f-diff"), compare.Filters{DiffOnly: true}},
		{"only cells to re-verify", click("#f-stale"), compare.Filters{Stale: true}},
		{"market: Australia", choose("#f-market", "au"), compare.Filters{Market: "AU"}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			clearFilters(t, b)
			waitCards(t, b, "after clearing", ix.Filter(compare.Filters{}, time.Now()).CategoryIDs())
			s.action(t, b)
			checkView(t, b, ds, ix, s.name, s.want)
		})
	}

	t.Run("combined filters, reload and history", func(t *testing.T) {
		clearFilters(t, b)
		choose("#f-section", "portal")(t, b)
		choose("#f-conf", "medium")(t, b)
		click("#f-bank-citi")(t, b)
		want := compare.Filters{Sections: []string{"portal"}, MinConf: data.Medium, Banks: []string{"jpm"}}
		checkView(t, b, ds, ix, "combined", want)

		b.run(t, chromedp.Reload())
		b.waitInteractive(t)
		checkView(t, b, ds, ix, "after reload", want)
		var conf, section string
		var citiChecked bool
		b.eval(t, `document.getElementById('f-conf').value`, &conf)
		b.eval(t, `document.getElementById('f-section').value`, &section)
		b.eval(t, `document.getElementById('f-bank-citi').checked`, &citiChecked)
		if conf != "medium" || section != "portal" || citiChecked {
			t.Errorf("controls after reload: conf=%q section=%q citi checked=%v", conf, section, citiChecked)
		}

		b.run(t, chromedp.NavigateBack())
		checkView(t, b, ds, ix, "after back", compare.Filters{Sections: []string{"portal"}, MinConf: data.Medium})
		b.run(t, chromedp.NavigateForward())
		checkView(t, b, ds, ix, "after forward", want)
	})

	t.Run("empty state names the culprit", func(t *testing.T) {
		clearFilters(t, b)
		choose("#f-section", "considerations")(t, b)
		click("#f-bank-jpm")(t, b)
		choose("#f-conf", "high")(t, b)
		want := compare.Filters{Sections: []string{"considerations"}, Banks: []string{"citi"}, MinConf: data.High}
		if n := ix.Filter(want, time.Now()).Count; n != 0 {
			t.Fatalf("test premise: expected no match, Go finds %d", n)
		}
		checkView(t, b, ds, ix, "empty", want)
		b.waitFor(t, "empty state", `!!document.getElementById('empty')`)
		var culprits []string
		b.eval(t, `Array.from(document.querySelectorAll('#empty button')).map(b => b.dataset.param)`, &culprits)
		var wantCulprits []string
		for _, c := range ix.Explain(want, time.Now()) {
			wantCulprits = append(wantCulprits, c.Param)
		}
		if strings.Join(culprits, ",") != strings.Join(wantCulprits, ",") || len(culprits) == 0 {
			t.Fatalf("empty state culprits %v, want %v", culprits, wantCulprits)
		}
		click(`#empty button[data-param="`+compare.ParamConf+`"]`)(t, b)
		checkView(t, b, ds, ix, "culprit removed", compare.Filters{Sections: []string{"considerations"}, Banks: []string{"citi"}})
	})
	b.requireNoErrors(t)
}

// checkView waits for the cards Go computes for want, then checks the URL
// query and the live count.
func checkView(t *testing.T, b *browser, ds *data.Dataset, ix *compare.Index, what string, want compare.Filters) {
	t.Helper()
	res := ix.Filter(want, time.Now())
	waitCards(t, b, what, res.CategoryIDs())
	wantQuery := compare.State{Filters: want}.Values(ds).Encode()
	var got string
	if !poll(3*time.Second, func() bool {
		got = currentQuery(t, b).Encode()
		return got == wantQuery
	}) {
		t.Errorf("%s: URL query %q, want %q", what, got, wantQuery)
	}
	var count string
	b.eval(t, `document.getElementById('result-count').textContent`, &count)
	if !strings.HasPrefix(count, "Showing "+strconv.Itoa(res.Count)+" ") {
		t.Errorf("%s: count says %q, want %d", what, count, res.Count)
	}
}

// TestMalformedQueryShowsNotice opens a link with unknown and malformed
// parameters: they are listed in a visible notice, the valid ones still
// apply, and nothing breaks.
func TestMalformedQueryShowsNotice(t *testing.T) {
	ds, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?conf=banana&bogus=1&section=nope,api&slide=-3"))
	b.waitInteractive(t)
	waitCards(t, b, "valid part of the query", ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs())
	var notices []string
	b.eval(t, `Array.from(document.querySelectorAll('#notices .notice')).map(n => n.textContent)`, &notices)
	joined := strings.Join(notices, "\n")
	for _, want := range []string{"conf=banana", `"bogus"`, "section=nope", "slide=-3"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notice does not mention %s; notices:\n%s", want, joined)
		}
	}
	var visible bool
	b.eval(t, `document.getElementById('notices').checkVisibility()`, &visible)
	if !visible {
		t.Error("the notice is not visible")
	}
	_ = ds
	b.requireNoErrors(t)
}

// TestScreenshots refreshes the pictures under docs/ that README shows:
// the cards of one section, wide and narrow, and the overview graphic in
// both themes and on a phone. It rewrites tracked files, so it runs only
// when asked: make screenshots (WIDGET_SCREENSHOTS=1), never in make test.
func TestScreenshots(t *testing.T) {
	if os.Getenv("WIDGET_SCREENSHOTS") != "1" {
		t.Skip("rewrites docs/*.png: run make screenshots")
	}
	srv := startServer(t)
	shots := []struct {
		name, path, scrollTo string
		width, height        int
	}{
		{"screenshot-1280x800.png", "/?section=playbook", "filters", 1280, 800},
		{"screenshot-375x812.png", "/?section=playbook", "filters", 375, 812},
		{"overview-light.png", "/?theme=light", "overview", 1280, 900},
		{"overview-dark.png", "/?theme=dark", "overview", 1280, 900},
		{"overview-375.png", "/?theme=light&section=api,playbook", "overview", 375, 812},
	}
	brightness := map[string]float64{}
	for _, s := range shots {
		b := newBrowser(t, s.width, s.height)
		b.run(t, chromedp.Navigate(srv.URL+s.path))
		b.waitInteractive(t)
		if s.scrollTo == "overview" {
			openOverview(t, b) // drawn when a reader opens it
		}
		b.run(t, chromedp.Evaluate(`document.getElementById(`+jsString(s.scrollTo)+`).scrollIntoView()`, nil))
		var shot []byte
		b.run(t, chromedp.CaptureScreenshot(&shot))
		brightness[s.name] = checkScreenshot(t, s.name, shot, s.width, s.height)
		if err := os.WriteFile(filepath.Join(repoRoot, "docs", s.name), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if brightness["overview-dark.png"] >= brightness["overview-light.png"] {
		t.Errorf("the dark overview (mean brightness %.0f) is not darker than the light one (%.0f)",
			brightness["overview-dark.png"], brightness["overview-light.png"])
	}
}

// checkScreenshot fails unless a capture is a PNG of the viewport's size
// that shows something: a blank or half-painted page has a handful of
// colours. It returns the mean brightness (0-255).
func checkScreenshot(t *testing.T, name string, shot []byte, width, height int) float64 {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
		t.Errorf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), width, height)
	}
	colours := map[color.RGBA]bool{}
	var sum float64
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c] = true
			sum += (float64(c.R) + float64(c.G) + float64(c.B)) / 3
		}
	}
	// Text alone, anti-aliased, brings dozens of shades.
	if len(colours) < 32 {
		t.Errorf("%s has %d colours: blank or unpainted", name, len(colours))
	}
	return sum / float64(bounds.Dx()*bounds.Dy())
}
