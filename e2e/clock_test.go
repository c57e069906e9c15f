package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// shiftClock makes every Date in the page read 2026-01-15 onwards, before
// any of the page's scripts run: Go's WebAssembly runtime takes its wall
// clock from Date, so the app sees a reader whose clock is months behind
// the dataset's last-verified dates.
const shiftClock = `(() => {
	const RealDate = Date;
	const shift = RealDate.UTC(2026, 0, 15) - RealDate.now();
	class ShiftedDate extends RealDate {
		constructor(...a) { if (a.length === 0) { super(RealDate.now() + shift); } else { super(...a); } }
		static now() { return RealDate.now() + shift; }
	}
	globalThis.Date = ShiftedDate;
})();`

// TestWrongClockKeepsTheComparison: a reader whose clock is wrong gets the
// whole comparison, not an error page.
func TestWrongClockKeepsTheComparison(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(shiftClock).Do(ctx)
		return err
	}))
	b.run(t, chromedp.Navigate(srv.URL+"/"))
	b.waitInteractive(t)

	var year int
	b.eval(t, `new Date().getFullYear() * 100 + new Date().getMonth() + 1`, &year)
	if year != 202601 {
		t.Fatalf("the page's clock reads %d, want 202601: the premise of this test is gone", year)
	}
	var text string
	b.eval(t, `document.body.innerText`, &text)
	if strings.Contains(text, "could not be loaded") {
		t.Fatal("a reader whose clock reads 2026-01-15 lost the comparison")
	}
	var cells int
	b.eval(t, `document.querySelectorAll('[data-bank][data-status]').length`, &cells)
	if cells == 0 {
		t.Fatal("no cell is shown to a reader whose clock reads 2026-01-15")
	}
	b.requireNoErrors(t)
}
