package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"citijpm/compare"
)

// TestTypingBeforeWasmIsKept holds app.wasm back while the reader types in
// the prerendered search box and ticks a filter: when the app takes over,
// both are kept, applied and written to the URL.
func TestTypingBeforeWasmIsKept(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)

	var mu sync.Mutex
	var held []fetch.RequestID
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			mu.Lock()
			held = append(held, e.RequestID)
			mu.Unlock()
		}
	})
	b.run(t,
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*app.wasm*"}}),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#f-q", chromedp.ByQuery),
	)
	b.waitFor(t, "app.wasm requested and held", `performance.getEntriesByType('resource').some(r => r.name.includes('app.js'))`)
	b.run(t,
		chromedp.Click("#f-q", chromedp.ByQuery),
		chromedp.SendKeys("#f-q", "camt", chromedp.ByQuery),
		chromedp.Click("#f-diff", chromedp.ByQuery),
	)
	var state string
	b.eval(t, `document.getElementById('widget').dataset.state || ''`, &state)
	if state != "" {
		t.Fatal("the app took over before app.wasm was released")
	}

	if !poll(10*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(held) > 0
	}) {
		t.Fatal("app.wasm was never requested")
	}
	mu.Lock()
	ids := append([]fetch.RequestID(nil), held...)
	mu.Unlock()
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		for _, id := range ids {
			if err := fetch.ContinueRequest(id).Do(ctx); err != nil {
				return err
			}
		}
		return fetch.Disable().Do(ctx)
	}))
	b.waitInteractive(t)

	want := compare.Filters{Query: "camt", DiffOnly: true}
	waitCards(t, b, "what was typed before the app ran", ix.Filter(want, time.Now()).CategoryIDs())
	var q string
	var diff bool
	b.eval(t, `document.getElementById('f-q').value`, &q)
	b.eval(t, `document.getElementById('f-diff').checked`, &diff)
	if q != "camt" || !diff {
		t.Errorf("after the takeover: search %q, differ %v", q, diff)
	}
	b.waitFor(t, "typed filters in the URL", `location.search === '?diff=1&q=camt'`)
	b.requireNoErrors(t)
}

// TestNoLayoutShiftOnTakeover: the app replaces the prerendered page with
// the same layout, so nothing moves when it takes over.
func TestNoLayoutShiftOnTakeover(t *testing.T) {
	srv := startServer(t)
	for _, size := range [][2]int{{1280, 900}, {375, 812}} {
		b := newBrowser(t, size[0], size[1])
		b.run(t, chromedp.Navigate(srv.URL+"/?section=playbook"))
		b.waitInteractive(t)
		sum, sources := layoutShifts(t, b)
		t.Logf("%dx%d: cumulative layout shift %.4f", size[0], size[1], sum)
		if sum > 0.01 {
			t.Errorf("%dx%d: the takeover shifted the layout (CLS %.3f):\n%s", size[0], size[1], sum, strings.Join(sources, "\n"))
		}
	}
}

// TestFiltersKeepTheirPlaceWhileStreaming: a browser draws the page while
// it streams in, and a select is as wide as the options it has so far. On
// a wide screen the filter bar wraps its controls into lines, so a select
// that widened as its options arrived pushed its filter to the next line
// (a layout shift of 0.02 seen before any script ran). Each select is cut
// to its first option, as if the rest had not arrived yet: no filter may
// move.
func TestFiltersKeepTheirPlaceWhileStreaming(t *testing.T) {
	srv := startServer(t)
	for _, width := range []int{1280, 1024, 800} {
		b := newBrowser(t, width, 900)
		b.run(t,
			fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*app.wasm*"}}),
			chromedp.Navigate(srv.URL+"/?section=playbook"),
		)
		b.waitFor(t, "the page loaded", `document.readyState === 'complete'`)
		var moved []string
		b.eval(t, `(() => {
			const filters = [...document.querySelectorAll('#filters-fold > .filters > *')];
			const boxes = () => filters.map(f => { const r = f.getBoundingClientRect(); return Math.round(r.x) + ',' + Math.round(r.y); });
			const full = boxes();
			document.querySelectorAll('#filters-fold select').forEach(s => { while (s.options.length > 1) s.remove(1); });
			const cut = boxes();
			return filters.flatMap((f, i) => full[i] === cut[i] ? [] : [(f.querySelector('[id]') || f).id + ' ' + full[i] + ' -> ' + cut[i]]);
		})()`, &moved)
		if len(moved) > 0 {
			t.Errorf("%d px: filters move with their selects' options:\n%s", width, strings.Join(moved, "\n"))
		}
	}
}

// layoutShifts reads every layout shift so far that no input caused: their
// sum, and what moved, from where to where. It reads them two animation
// frames after it is called, once the layout of what came before is done,
// whether the observer delivers them in its callback or on takeRecords.
func layoutShifts(t *testing.T, b *browser) (sum float64, sources []string) {
	t.Helper()
	var shift struct {
		Sum     float64
		Sources []string
	}
	b.evalAsync(t, `new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
		const seen = new Set();
		const o = new PerformanceObserver(list => list.getEntries().forEach(e => seen.add(e)));
		o.observe({type: 'layout-shift', buffered: true});
		requestAnimationFrame(() => {
			o.takeRecords().forEach(e => seen.add(e));
			o.disconnect();
			let sum = 0;
			const sources = [];
			const box = r => Math.round(r.x) + ',' + Math.round(r.y) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height);
			for (const e of seen) {
				if (e.hadRecentInput) continue;
				sum += e.value;
				for (const s of e.sources || []) {
					const n = s.node;
					const name = !n ? '(gone)' : n.nodeType === 1 ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className ? '.' + String(n.className).split(' ')[0] : '') : n.nodeName;
					sources.push(Math.round(e.startTime) + 'ms ' + e.value.toFixed(4) + ' ' + name + ' ' + box(s.previousRect) + ' -> ' + box(s.currentRect));
				}
			}
			resolve({Sum: sum, Sources: sources});
		});
	})))`, &shift)
	return shift.Sum, shift.Sources
}

// TestTakeoverAdoptsTheFirstScreen: the app takes over by adopting the rows
// the reader can see as the server wrote them (marked card-first-screen)
// and replacing them with live rows in later tasks, rather than rebuilding
// the first screen in one long task. Every row that showed on the first
// screen is adopted, in the full view, in a filtered view and in the embed
// (all rows there: its frame is sized to its content).
func TestTakeoverAdoptsTheFirstScreen(t *testing.T) {
	srv := startServer(t)
	for _, tc := range []struct {
		path          string
		width, height int
		allRows       bool
	}{
		{"/", 1280, 800, false},
		{"/?section=playbook&q=pay", 390, 844, false},
		{"/embed", 600, 800, true},
	} {
		b := newBrowser(t, tc.width, tc.height)
		b.run(t, chromedp.Navigate(srv.URL+tc.path))
		b.waitInteractive(t)
		var got struct {
			Adopted, OnScreen, Rows int
			Missing                 []string
		}
		// Rows that start above the bottom of the screen once the page is
		// scrolled to its top are the first screen's.
		b.eval(t, `(() => {
			window.scrollTo(0, 0);
			const rows = [...document.querySelectorAll('#results article.card')].filter(r => !r.hidden && r.offsetParent !== null);
			const onScreen = rows.filter(r => r.getBoundingClientRect().top < innerHeight);
			return {
				Adopted: document.querySelectorAll('#results article.card.card-first-screen').length,
				OnScreen: onScreen.length,
				Rows: rows.length,
				Missing: onScreen.filter(r => !r.classList.contains('card-first-screen')).map(r => r.id),
			};
		})()`, &got)
		if got.OnScreen == 0 {
			t.Fatalf("%s: no row on the first screen", tc.path)
		}
		if len(got.Missing) > 0 {
			t.Errorf("%s at %dx%d: first-screen rows not adopted at takeover: %v (adopted %d)", tc.path, tc.width, tc.height, got.Missing, got.Adopted)
		}
		if tc.allRows && got.Adopted < got.Rows {
			t.Errorf("%s: %d of %d rows adopted, want all", tc.path, got.Adopted, got.Rows)
		}
	}
}
