package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"citijpm/compare"
)

// TestFirstScreenShowsRows: on a phone and on a laptop, the first rows of
// the comparison (a category with each bank's status and confidence) and
// the legal-review stamp are on screen before any scrolling.
func TestFirstScreenShowsRows(t *testing.T) {
	srv := startServer(t)
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		b := newBrowser(t, size[0], size[1])
		b.run(t, chromedp.Navigate(srv.URL+"/"))
		b.waitInteractive(t)
		var rows int
		b.eval(t, `Array.from(document.querySelectorAll('.card')).filter(c => {
			const r = c.getBoundingClientRect();
			return c.checkVisibility() && r.top >= 0 && r.bottom <= innerHeight &&
				c.querySelectorAll('.cell-summary .status').length === 2 && c.querySelectorAll('.cell-summary .conf').length === 2;
		}).length`, &rows)
		if rows < 1 {
			t.Errorf("%dx%d: no complete comparison row on the first screen", size[0], size[1])
		}
		var legal bool
		b.eval(t, `(() => { const r = document.getElementById('stamp-legal').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`, &legal)
		if !legal {
			t.Errorf("%dx%d: the legal-review stamp is not on the first screen", size[0], size[1])
		}
		// The toolbar: one line on a wide screen, a menu on a phone.
		var bar struct {
			Menu  bool    `json:"menu"`
			Items bool    `json:"items"`
			H     float64 `json:"h"`
		}
		b.eval(t, `(() => { const items = document.querySelector('.toolbar-items');
			return {menu: document.querySelector('#toolbar-fold > summary').checkVisibility(),
				items: document.getElementById('present-button').checkVisibility(), h: items.getBoundingClientRect().height}; })()`, &bar)
		if size[0] >= 1280 && (bar.Menu || !bar.Items || bar.H > 50) {
			t.Errorf("%dx%d: the toolbar is not one line (menu %v, items %v, %.0f px tall)", size[0], size[1], bar.Menu, bar.Items, bar.H)
		}
		if size[0] < 768 && (!bar.Menu || bar.Items) {
			t.Errorf("%dx%d: the toolbar is not folded into a menu (menu %v, items %v)", size[0], size[1], bar.Menu, bar.Items)
		}
		// It stays on screen with the rows.
		b.run(t, chromedp.Evaluate(`window.scrollTo(0, 3000)`, nil))
		b.waitFor(t, "legal stamp still on screen after scrolling", `(() => { const r = document.getElementById('stamp-legal').getBoundingClientRect(); return scrollY > 1000 && r.top >= 0 && r.bottom <= innerHeight; })()`)
		b.requireNoErrors(t)
	}
}

// jsOpenRows lists the categories whose evidence is open and built.
const jsOpenRows = `Array.from(document.querySelectorAll('.card')).filter(c => c.querySelector('details.evidence-panel[open] .cell')).map(c => c.dataset.category)`

// TestEvidenceOnDemand opens and closes a row's evidence by mouse and by
// keyboard, then every row at once, which the URL records.
func TestEvidenceOnDemand(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	rows := ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs()
	var built int
	b.eval(t, `document.querySelectorAll('.card .cell').length`, &built)
	if built != 0 {
		t.Errorf("%d cells' evidence built before any was opened", built)
	}

	first := rows[0]
	b.run(t, chromedp.Click("#ev-"+first+" > summary", chromedp.ByQuery))
	b.waitFor(t, "evidence opened by mouse", `document.querySelector('#ev-`+first+`').open && !!document.getElementById('cell-citi-`+first+`') && document.getElementById('cell-citi-`+first+`').textContent.includes('Public evidence signal')`)
	b.run(t, chromedp.Click("#ev-"+first+" > summary", chromedp.ByQuery))
	b.waitFor(t, "evidence closed by mouse", `!document.querySelector('#ev-`+first+`').open && !document.getElementById('cell-citi-`+first+`')`)

	second := rows[1]
	b.run(t, chromedp.Focus("#ev-"+second+" > summary", chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	b.waitFor(t, "evidence opened by Enter", `document.querySelector('#ev-`+second+`').open && !!document.getElementById('cell-jpm-`+second+`')`)
	b.run(t, chromedp.KeyEvent(" "))
	// Closed, and the app has followed (it drops the evidence it built).
	b.waitFor(t, "evidence closed by Space", `!document.querySelector('#ev-`+second+`').open && !document.getElementById('cell-jpm-`+second+`')`)

	b.run(t, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), chromedp.Click("#expand-all", chromedp.ByQuery))
	b.waitFor(t, "every row open", `JSON.stringify(`+jsOpenRows+`.filter(id => document.getElementById('card-' + id).checkVisibility())) === `+jsString(jsonList(rows)))
	if q := currentQuery(t, b); q.Get("density") != "detailed" {
		t.Errorf("expand all is not in the URL: %v", q)
	}
	b.run(t, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), chromedp.Click("#collapse-all", chromedp.ByQuery))
	b.waitFor(t, "every row closed", `document.querySelectorAll('details.evidence-panel[open]').length === 0`)
	if q := currentQuery(t, b); q.Has("density") {
		t.Errorf("collapse all left density in the URL: %v", q)
	}
	b.requireNoErrors(t)
}

// TestDeepLinkOpensCell: a link to a cell, even one far down the page,
// opens its row, scrolls to the cell and focuses it; a click on the
// overview graphic's glyph opens that row too.
func TestDeepLinkOpensCell(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	last := ds.Categories[len(ds.Categories)-1].ID
	target := cellIDOf("jpm", last)
	b.run(t, chromedp.Navigate(srv.URL+"/#"+target))
	b.waitInteractive(t)
	b.waitFor(t, "linked cell open and focused", `document.activeElement && document.activeElement.id === `+jsString(target)+
		` && document.getElementById('ev-`+last+`').open`)
	var top float64
	b.eval(t, `document.getElementById(`+jsString(target)+`).getBoundingClientRect().top`, &top)
	if top < 0 || top > 900 {
		t.Errorf("the linked cell is not on screen (top %v)", top)
	}

	first := ds.Categories[0].ID
	b.run(t, chromedp.Click("#overview > summary", chromedp.ByQuery))
	b.waitFor(t, "overview drawn", `!!document.querySelector('#mx .mx-cell')`)
	b.run(t, chromedp.Click("#mx-citi-"+first, chromedp.ByQuery))
	b.waitFor(t, "glyph opened its row", `document.getElementById('ev-`+first+`').open && !!document.getElementById('cell-citi-`+first+`')`)
	b.requireNoErrors(t)
}

// TestDensityParameter: density=detailed opens every row from the link; a
// malformed density is ignored with a notice.
func TestDensityParameter(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?density=detailed&section=playbook"))
	b.waitInteractive(t)
	rows := ix.Filter(compare.Filters{Sections: []string{"playbook"}}, time.Now()).CategoryIDs()
	b.waitFor(t, "every shown row open", `JSON.stringify(`+jsOpenRows+`.filter(id => document.getElementById('card-' + id).checkVisibility())) === `+jsString(jsonList(rows)))

	b.run(t, chromedp.Navigate(srv.URL+"/?density=loud"))
	b.waitInteractive(t)
	b.waitFor(t, "notice for the malformed density", `Array.from(document.querySelectorAll('#notices .notice')).some(n => n.textContent.includes('density'))`)
	var open int
	b.eval(t, `document.querySelectorAll('details.evidence-panel[open]').length`, &open)
	if open != 0 {
		t.Errorf("a malformed density opened %d rows", open)
	}
	b.requireNoErrors(t)
}

// TestPrintShowsEveryField: in print media every cell prints with every
// evidence field, though on screen none was open.
func TestPrintShowsEveryField(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 800)
	b.run(t, chromedp.Navigate(srv.URL+"/"))
	b.waitInteractive(t)
	b.run(t, emulation.SetEmulatedMedia().WithMedia("print"))
	want := len(ds.Cells)
	b.waitFor(t, "every cell built for print", fmt.Sprintf(`document.querySelectorAll('.card .cell').length === %d`, want))
	for _, label := range []string{"What it enables", "Public evidence signal", "Label", "Last verified"} {
		var n int
		b.eval(t, `Array.from(document.querySelectorAll('.card .cell dt')).filter(d => d.textContent === `+jsString(label)+` && d.checkVisibility()).length`, &n)
		if n != want {
			t.Errorf("print shows %q in %d cells, want %d", label, n, want)
		}
	}
	var sources, visibleSources int
	b.eval(t, `document.querySelectorAll('.card .cell .sources').length`, &sources)
	b.eval(t, `Array.from(document.querySelectorAll('.card .cell .sources')).filter(s => s.checkVisibility()).length`, &visibleSources)
	if sources != want || visibleSources != want {
		t.Errorf("print shows sources for %d of %d cells (%d built)", visibleSources, want, sources)
	}
	b.requireNoErrors(t)
}

// TestSlidesFit: every slide, the overview included, fits the screen at
// 1280×720 and 1920×1080: nothing scrolls and nothing is cut off.
func TestSlidesFit(t *testing.T) {
	srv := startServer(t)
	for _, size := range [][2]int{{1280, 720}, {1920, 1080}} {
		b := newBrowser(t, size[0], size[1])
		b.run(t, chromedp.Navigate(srv.URL+"/?present=1"))
		b.waitInteractive(t)
		b.waitFor(t, "presenter", `!!document.getElementById('presenter')`)
		var n int
		b.eval(t, `+document.getElementById('slide-counter').textContent.split('/')[1]`, &n)
		for i := 1; i <= n; i++ {
			b.waitFor(t, fmt.Sprintf("slide %d", i), fmt.Sprintf(`document.getElementById('slide-counter').textContent.trim() === '%d / %d'`, i, n))
			var overflow []string
			b.eval(t, `(() => {
				const out = [];
				const p = document.getElementById('presenter');
				if (p.scrollHeight > p.clientHeight + 1) out.push('presenter scrolls ' + p.scrollHeight + ' > ' + p.clientHeight);
				for (const el of p.querySelectorAll('.slide, .slide-cell, .slide-cells, .matrix-slide')) {
					if (el.scrollHeight > el.clientHeight + 1) out.push(el.className + ' clips ' + el.scrollHeight + ' > ' + el.clientHeight);
				}
				const r = p.querySelector('.slide').getBoundingClientRect();
				if (r.bottom > innerHeight + 1) out.push('slide ends at ' + r.bottom);
				return out;
			})()`, &overflow)
			for _, o := range overflow {
				t.Errorf("%dx%d slide %d: %s", size[0], size[1], i, o)
			}
			if i < n {
				b.run(t, chromedp.KeyEvent(kb.ArrowRight))
			}
		}
		b.requireNoErrors(t)
	}
}

// TestEmbedIsCompact: the default embed at 600 px wide is at most 2,000 px
// tall, and a partner can still preset the section and the density.
func TestEmbedIsCompact(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 600, 800)
	b.run(t, chromedp.Navigate(srv.URL+"/embed"))
	b.waitInteractive(t)
	b.waitFor(t, "every row built", fmt.Sprintf(`document.querySelectorAll('.card').length === %d`, len(ix.DS.Categories)))
	var h float64
	b.eval(t, `document.documentElement.scrollHeight`, &h)
	t.Logf("/embed at 600 px: %.0f px tall", h)
	if h > 2000 {
		t.Errorf("/embed at 600 px is %.0f px tall, want at most 2000", h)
	}
	var legal bool
	b.eval(t, `document.getElementById('stamp-legal').checkVisibility()`, &legal)
	if !legal {
		t.Error("the embed does not show the legal-review stamp")
	}

	b.run(t, chromedp.Navigate(srv.URL+"/embed?section=api&density=detailed"))
	b.waitInteractive(t)
	rows := ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs()
	waitCards(t, b, "preset section", rows)
	b.waitFor(t, "preset density", `JSON.stringify(`+jsOpenRows+`.filter(id => document.getElementById('card-' + id).checkVisibility())) === `+jsString(jsonList(rows)))
	b.requireNoErrors(t)
}

// openOverview opens the overview graphic, drawn on demand, and waits for it.
func openOverview(t testing.TB, b *browser) {
	t.Helper()
	b.run(t, chromedp.Evaluate(`document.getElementById('overview').open = true`, nil))
	b.waitFor(t, "overview drawn", `!!document.querySelector('#overview .matrix svg .mx-cell')`)
}

func jsonList(ids []string) string {
	out := "["
	for i, id := range ids {
		if i > 0 {
			out += ","
		}
		out += jsString(id)
	}
	return out + "]"
}

// TestExportFailureIsShown: when the browser cannot turn the overview into
// a PNG, the reader is told so on the page, and can dismiss the message.
func TestExportFailureIsShown(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	openOverview(t, b)
	// The drawing's blob URL is swapped for one no image can load.
	b.run(t, chromedp.Evaluate(`(() => { const real = URL.createObjectURL;
		URL.createObjectURL = blob => blob.type === 'image/svg+xml' ? 'data:image/svg+xml,not-a-drawing' : real(blob); })()`, nil))
	b.run(t, chromedp.Click("#dl-png", chromedp.ByQuery))
	b.waitFor(t, "the failure told to the reader", `(document.getElementById('export-error').textContent || '').includes('PNG download could not be made')`)
	b.run(t, chromedp.Click("#export-error-dismiss", chromedp.ByQuery))
	b.waitFor(t, "message dismissed", `document.getElementById('export-error').textContent === ''`)
	// A failed image load logs to the console by design; nothing else may.
	for _, e := range b.Errors() {
		if !strings.Contains(e, "not-a-drawing") && !strings.Contains(e, "PNG export failed") {
			t.Errorf("browser error: %s", e)
		}
	}
}
