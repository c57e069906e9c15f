package e2e

import (
	"context"
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

	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n := len(held)
		mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("app.wasm was never requested")
		}
		time.Sleep(50 * time.Millisecond)
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
		time.Sleep(300 * time.Millisecond) // let the last frame settle and report
		var shift float64
		b.evalAsync(t, `new Promise(resolve => {
			let sum = 0;
			new PerformanceObserver(list => {
				for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
			}).observe({type: 'layout-shift', buffered: true});
			setTimeout(() => resolve(sum), 200);
		})`, &shift)
		t.Logf("%dx%d: cumulative layout shift %.4f", size[0], size[1], shift)
		if shift > 0.01 {
			t.Errorf("%dx%d: the takeover shifted the layout (CLS %.3f)", size[0], size[1], shift)
		}
	}
}
