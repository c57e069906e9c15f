package main

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/chromedp/chromedp"
)

// visit is what one page load showed. Times are milliseconds since
// navigation start, measured in the page; NaN when not measured.
type visit struct {
	FCP      float64   `json:"fcp_ms"`
	LCP      float64   `json:"lcp_ms"`
	Visible  float64   `json:"content_visible_ms"` // the viewport centre shows content, not go-app's loader
	Mounted  float64   `json:"mounted_ms"`         // [data-state=interactive] appeared
	TTI      float64   `json:"interactive_ms"`     // the first DOM change after the first filter keystroke
	Net      netTotals `json:"net"`
	SW       swFetches `json:"sw_fetches"` // the service worker's own network requests
	Wall     float64   `json:"wall_ms"`    // the whole visit as the harness saw it
	Controls bool      `json:"sw_controlled,omitempty"`
}

// MarshalJSON writes figures not measured (NaN) as null.
func (v visit) MarshalJSON() ([]byte, error) {
	type plain visit // without this method
	return json.Marshal(struct {
		plain
		FCP     *float64 `json:"fcp_ms"`
		LCP     *float64 `json:"lcp_ms"`
		Visible *float64 `json:"content_visible_ms"`
		Mounted *float64 `json:"mounted_ms"`
		TTI     *float64 `json:"interactive_ms"`
	}{plain(v), orNull(v.FCP), orNull(v.LCP), orNull(v.Visible), orNull(v.Mounted), orNull(v.TTI)})
}

func newVisit() visit {
	nan := math.NaN()
	return visit{FCP: nan, LCP: nan, Visible: nan, Mounted: nan, TTI: nan}
}

// visitTimeout bounds each wait of a visit. The slowest seen, a first
// visit at 9 Mbps on a busy 2-core machine, takes about 5 s.
const visitTimeout = 90 * time.Second

// ttiQuery is typed into the search box to prove the app responds; its
// first letter alone changes what the page shows in the current dataset.
const ttiQuery = "xml"

// paints waits for FCP and an LCP candidate, then reads them.
func (t *tab) paints(v *visit) error {
	var p struct {
		FCP float64 `json:"fcp"`
		LCP float64 `json:"lcp"`
	}
	if err := t.eval(visitTimeout, `__bench.paints()`, &p); err != nil {
		return fmt.Errorf("waiting for paint: %w", err)
	}
	v.FCP, v.LCP = p.FCP, p.LCP
	return nil
}

// open navigates to url and reads its paint timings: the start of every
// visit.
func (t *tab) open(url string) (visit, time.Time, error) {
	v := newVisit()
	start := time.Now()
	if err := t.run(visitTimeout, chromedp.Navigate(url)); err != nil {
		return v, start, fmt.Errorf("navigating to %s: %w", url, err)
	}
	return v, start, t.paints(&v)
}

// visitApp loads the app and measures it up to the first filter response.
func (t *tab) visitApp(url string, cpuRate float64) (visit, error) {
	v, start, err := t.open(url)
	if err != nil {
		return v, err
	}
	if err := t.eval(visitTimeout, `__bench.mountedPromise`, &v.Mounted); err != nil {
		return v, fmt.Errorf("waiting for the app to mount: %w", err)
	}
	// Typing starts as soon as the harness learns the app mounted; the
	// page notes the first DOM change after the keystroke's input event.
	timeoutMs := int(10_000 * cpuRate)
	js := fmt.Sprintf(`(() => { const q = __bench.searchBox(); if (!q) return false; q.focus(); `+
		`window.__benchTTI = __bench.responds(%d); return true; })()`, timeoutMs)
	var found bool
	if err := t.run(visitTimeout, chromedp.Evaluate(js, &found)); err != nil {
		return v, fmt.Errorf("focusing the search box: %w", err)
	}
	if !found {
		return v, fmt.Errorf("no search box (input[type=search]) on %s", url)
	}
	if err := t.run(visitTimeout, chromedp.KeyEvent(ttiQuery)); err != nil {
		return v, fmt.Errorf("typing into the search box: %w", err)
	}
	var tti *float64
	if err := t.eval(visitTimeout, `window.__benchTTI`, &tti); err != nil {
		return v, fmt.Errorf("waiting for the filter to respond: %w", err)
	}
	if tti == nil {
		return v, fmt.Errorf("typing %q did not change the page", ttiQuery)
	}
	v.TTI = *tti
	// The last LCP candidate before the first key press is final.
	if err := t.eval(visitTimeout, `__bench.lcp`, &v.LCP); err != nil {
		return v, err
	}
	if err := t.eval(visitTimeout, `__bench.readVisible()`, &v.Visible); err != nil {
		return v, fmt.Errorf("waiting for the content to show: %w", err)
	}
	v.Wall = float64(time.Since(start).Microseconds()) / 1e3
	return v, nil
}

// waitServiceWorker waits until the service worker is active and controls
// the page, so the next visit can be served from its cache.
func (t *tab) waitServiceWorker() error {
	var ok bool
	err := t.eval(visitTimeout, `(async () => {
		if (!("serviceWorker" in navigator)) return false;
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
		}
		return true;
	})()`, &ok)
	if err == nil && !ok {
		err = fmt.Errorf("no service worker support")
	}
	return err
}

// clearSearch empties the search box and waits for the page to settle.
func (t *tab) clearSearch(cpuRate float64) error {
	var ok bool
	if err := t.eval(visitTimeout, `(() => {
		const q = __bench.searchBox();
		if (q && q.value) {
			q.value = "";
			q.dispatchEvent(new Event("input", { bubbles: true }));
		}
		return true;
	})()`, &ok); err != nil {
		return err
	}
	_, err := t.settle(cpuRate)
	return err
}

// settle waits until the DOM has been quiet for a while (chunked rendering
// after the mount, a delayed redraw after a change), scaled by the CPU
// slowdown, and says whether it was quiet before the cap.
func (t *tab) settle(cpuRate float64) (bool, error) {
	var r struct {
		Settled bool `json:"settled"`
	}
	js := fmt.Sprintf(`__bench.settled(%d, %d)`, int(500*cpuRate), int(15_000*cpuRate))
	err := t.eval(visitTimeout, js, &r)
	return r.Settled, err
}

// visitBaseline loads the static page; it has no script to wait for.
func (t *tab) visitBaseline(url string) (visit, error) {
	v, start, err := t.open(url)
	if err != nil {
		return v, err
	}
	if err := t.eval(visitTimeout, `__bench.readVisible()`, &v.Visible); err != nil {
		return v, fmt.Errorf("waiting for the content to show: %w", err)
	}
	v.Wall = float64(time.Since(start).Microseconds()) / 1e3
	return v, nil
}
