package e2e

import (
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"citijpm/compare"
)

func slideCounter(t *testing.T, b *browser) string {
	var s string
	b.eval(t, `(document.getElementById('slide-counter') || {}).textContent || ''`, &s)
	return s
}

func waitSlide(t *testing.T, b *browser, want string, category string) {
	t.Helper()
	js := `[(document.getElementById('slide-counter') || {}).textContent || '',
		(document.querySelector('#presenter .slide') || {dataset: {}}).dataset.category || '']`
	var got []string
	if !poll(10*time.Second, func() bool {
		b.eval(t, js, &got)
		return got[0] == want && got[1] == category
	}) {
		var where string
		b.eval(t, `location.href + ' ' + document.title + ' ' + document.body.innerHTML.slice(0, 300)`, &where)
		t.Fatalf("slide shows %q %q, want %q %q (%s)", got[0], got[1], want, category, where)
	}
}

// TestPresenterWithRealKeys drives presenter mode with real key events:
// it follows the filters, moves with every documented key, keeps the slide
// in the URL and leaves with Esc.
func TestPresenterWithRealKeys(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 800)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=playbook"))
	b.waitInteractive(t)
	// Slide 1 is the overview graphic, then one slide per category.
	cards := append([]string{"overview"}, ix.Filter(compare.Filters{Sections: []string{"playbook"}}, time.Now()).CategoryIDs()...)
	n := itoa(len(cards))

	b.run(t, chromedp.KeyEvent("p"))
	waitSlide(t, b, "1 / "+n, cards[0])
	if q := currentQuery(t, b); q.Get("present") != "1" || q.Get("section") != "playbook" {
		t.Errorf("URL after entering: %v", q)
	}
	var focused string
	b.eval(t, `document.activeElement.id`, &focused)
	if focused != "presenter" {
		t.Errorf("focus is on %q, want the presenter dialog", focused)
	}
	var fullscreen bool
	b.eval(t, `!!document.fullscreenElement`, &fullscreen)
	t.Logf("full screen granted in headless Chromium: %v", fullscreen)

	steps := []struct {
		key   string
		slide int
	}{
		{kb.ArrowRight, 2}, {kb.PageDown, 3}, {" ", 4}, {kb.ArrowLeft, 3}, {kb.PageUp, 2},
		{kb.End, len(cards)}, {kb.ArrowRight, len(cards)}, {kb.Home, 1}, {kb.ArrowLeft, 1},
	}
	for _, s := range steps {
		b.run(t, chromedp.KeyEvent(s.key))
		waitSlide(t, b, itoa(s.slide)+" / "+n, cards[s.slide-1])
		b.waitFor(t, "slide in URL", `(new URLSearchParams(location.search).get('slide') || '') === `+jsString(slideParam(s.slide)))
	}
	var scrollY float64
	b.eval(t, `window.scrollY`, &scrollY)
	if scrollY != 0 {
		t.Errorf("keys scrolled the page behind the slides to %v", scrollY)
	}

	b.run(t, chromedp.KeyEvent("?"))
	b.waitFor(t, "key help", `!!document.getElementById('key-help')`)
	b.run(t, chromedp.KeyEvent("?"))
	b.waitFor(t, "key help closed, still presenting", `!document.getElementById('key-help') && !!document.getElementById('presenter')`)
	// In full screen the browser takes Esc to leave full screen; the app
	// leaves presenter mode with it.
	b.run(t, chromedp.KeyEvent(kb.Escape))
	b.waitFor(t, "presenter left", `!document.getElementById('presenter')`)
	if q := currentQuery(t, b); q.Get("present") != "" || q.Get("section") != "playbook" {
		t.Errorf("URL after leaving: %v", q)
	}
	b.eval(t, `document.activeElement.id`, &focused)
	if focused != "present-button" {
		t.Errorf("focus returned to %q, want the Present button", focused)
	}
	b.requireNoErrors(t)
}

func slideParam(n int) string {
	if n <= 1 {
		return "" // slide 1 is the default and stays out of the URL
	}
	return itoa(n)
}

// TestPresenterFromURLAndSwipe opens a shared slide link, then moves with
// touch swipes and the on-screen buttons.
func TestPresenterFromURLAndSwipe(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1024, 768)
	q := url.Values{"section": {"api"}, "present": {"1"}, "slide": {"3"}}
	b.run(t, chromedp.Navigate(srv.URL+"/?"+q.Encode()))
	b.waitInteractive(t)
	cards := append([]string{"overview"}, ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs()...)
	n := itoa(len(cards))
	waitSlide(t, b, "3 / "+n, cards[2])

	swipe := func(fromX, toX float64) {
		b.run(t,
			input.DispatchTouchEvent(input.TouchStart, []*input.TouchPoint{{X: fromX, Y: 400}}),
			input.DispatchTouchEvent(input.TouchMove, []*input.TouchPoint{{X: (fromX + toX) / 2, Y: 400}}),
			input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}),
		)
	}
	swipe(700, 300) // to the left: next
	waitSlide(t, b, "4 / "+n, cards[3])
	swipe(300, 700) // to the right: previous
	waitSlide(t, b, "3 / "+n, cards[2])
	b.run(t, chromedp.Click("#slide-prev", chromedp.ByQuery))
	waitSlide(t, b, "2 / "+n, cards[1])
	// Opened from a link, without a gesture, the slides are not full
	// screen: Esc first closes the key help, then leaves.
	b.run(t, chromedp.KeyEvent("?"))
	b.waitFor(t, "key help", `!!document.getElementById('key-help')`)
	b.run(t, chromedp.KeyEvent(kb.Escape))
	b.waitFor(t, "key help closed, still presenting", `!document.getElementById('key-help') && !!document.getElementById('presenter')`)
	b.run(t, chromedp.KeyEvent(kb.Escape))
	b.waitFor(t, "presenter left", `!document.getElementById('presenter')`)
	b.run(t, chromedp.Navigate(srv.URL+"/?present=1&section=api"))
	b.waitInteractive(t)
	b.run(t, chromedp.Click("#slide-close", chromedp.ByQuery))
	b.waitFor(t, "presenter left with the button", `!document.getElementById('presenter')`)
	b.requireNoErrors(t)
}
