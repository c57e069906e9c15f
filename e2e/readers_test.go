package e2e

import (
	"bytes"
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// jsContrast computes the WCAG contrast ratio of every visible text element
// against its effective background and returns the failures (< 4.5, or
// < 3 for large text).
const jsContrast = `(() => {
	const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
		const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
	const lum = ({r, g, b}) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
	const bg = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
		if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255}; };
	const failures = [];
	for (const el of document.querySelectorAll('body *')) {
		if (!el.checkVisibility({opacityProperty: true}) || el.closest('#app-wasm-loader')) continue;
		const text = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
		if (!text) continue;
		const cs = getComputedStyle(el);
		const fg = parse(cs.color); const b = bg(el);
		const l1 = lum(fg), l2 = lum(b);
		const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		const size = parseFloat(cs.fontSize); const bold = parseInt(cs.fontWeight) >= 700;
		const large = size >= 24 || (bold && size >= 18.66);
		if (ratio < (large ? 3 : 4.5)) failures.push(el.tagName + '.' + el.className + ' "' + text.slice(0, 30) + '" ' + ratio.toFixed(2));
	}
	return failures;
})()`

func setColorScheme(scheme string) chromedp.Action {
	return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}})
}

func pageBackground(t *testing.T, b *browser) string {
	var bg string
	b.eval(t, `getComputedStyle(document.getElementById('widget')).backgroundColor`, &bg)
	return bg
}

// TestDarkModeAndContrast follows the system colour scheme, lets ?theme=
// and the toggle override it, and checks WCAG AA contrast in both themes.
func TestDarkModeAndContrast(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 800)
	const light, dark = "rgb(247, 248, 250)", "rgb(17, 21, 26)"

	b.run(t, setColorScheme("dark"), chromedp.Navigate(srv.URL+"/?status=documented,partial"))
	b.waitInteractive(t)
	if bg := pageBackground(t, b); bg != dark {
		t.Errorf("system dark: background %s", bg)
	}
	checkContrast(t, b, "dark")

	b.run(t, chromedp.Navigate(srv.URL+"/?theme=light"))
	b.waitInteractive(t)
	if bg := pageBackground(t, b); bg != light {
		t.Errorf("?theme=light on a dark system: background %s", bg)
	}
	checkContrast(t, b, "light")

	b.run(t, chromedp.Click("#theme-button", chromedp.ByQuery)) // light → dark
	b.waitFor(t, "dark after toggle", `getComputedStyle(document.getElementById('widget')).backgroundColor === '`+dark+`'`)
	if q := currentQuery(t, b); q.Get("theme") != "dark" {
		t.Errorf("toggle did not record the theme in the URL: %v", q)
	}
	b.run(t, chromedp.Click("#theme-button", chromedp.ByQuery)) // dark → auto (system: dark)
	b.waitFor(t, "auto", `!document.getElementById('widget').dataset.theme`)

	b.run(t, setColorScheme("light"), chromedp.Navigate(srv.URL+"/?theme=dark"))
	b.waitInteractive(t)
	if bg := pageBackground(t, b); bg != dark {
		t.Errorf("?theme=dark on a light system: background %s", bg)
	}
	b.requireNoErrors(t)
}

func checkContrast(t *testing.T, b *browser, theme string) {
	t.Helper()
	var failures []string
	b.eval(t, jsContrast, &failures)
	for _, f := range failures {
		t.Errorf("%s theme: contrast below AA: %s", theme, f)
	}
}

// TestPrint checks the print stylesheet: no controls, sources printed with
// their URLs, the stamps on the first page; and that Chromium prints a PDF.
func TestPrint(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 800)
	b.run(t, chromedp.Navigate(srv.URL+"/"), emulation.SetEmulatedMedia().WithMedia("print"))
	b.waitInteractive(t)
	b.waitFor(t, "evidence built for print", `!!document.querySelector('.source a[href^="https"]')`)
	for _, sel := range []string{"#filters", ".toolbar", "#f-clear"} {
		var display string
		b.eval(t, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).display`, &display)
		if display != "none" {
			t.Errorf("%s prints (display %s)", sel, display)
		}
	}
	var after string
	b.eval(t, `getComputedStyle(document.querySelector('.source a[href^="https"]'), '::after').content`, &after)
	if !bytes.Contains([]byte(after), []byte("https://")) {
		t.Errorf("source links print without their URL: %s", after)
	}
	var stampsTop float64
	b.eval(t, `Math.max(document.getElementById('stamp-verified').getBoundingClientRect().bottom,
		document.getElementById('stamp-legal').getBoundingClientRect().bottom) + window.scrollY`, &stampsTop)
	if stampsTop > 1000 { // an A4 page is about 1123 CSS px tall
		t.Errorf("last-verified and legal-review stamps end at %v px, past the first page", stampsTop)
	}
	var pdf []byte
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPrintBackground(false).Do(ctx)
		return err
	}))
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10000 {
		t.Errorf("printing gave %d bytes", len(pdf))
	}
	b.requireNoErrors(t)
}

// TestNarrowScreens: no horizontal scrolling at 320 px, and every control
// is at least 44 px tall and wide, also in presenter mode.
func TestNarrowScreens(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 320, 640)
	for _, path := range []string{"/", "/?present=1&section=playbook", "/?q=zzzz"} {
		b.run(t, chromedp.Navigate(srv.URL+path))
		b.waitInteractive(t)
		var widths []float64
		b.eval(t, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`, &widths)
		if widths[0] > widths[1] {
			t.Errorf("%s: scroll width %v > %v at 320 px", path, widths[0], widths[1])
		}
		var small []string
		b.eval(t, `Array.from(document.querySelectorAll('button, select, input:not([type=checkbox]), label.check, summary, .toolbar a'))
			.filter(e => e.checkVisibility() && !e.closest('[inert]'))
			.map(e => [e, e.getBoundingClientRect()])
			.filter(([e, r]) => r.height < 44 || r.width < 44)
			.map(([e, r]) => (e.id || e.className || e.tagName) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))`, &small)
		for _, s := range small {
			t.Errorf("%s: tap target smaller than 44 px: %s", path, s)
		}
	}
	b.requireNoErrors(t)
}
