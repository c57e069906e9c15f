package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"citijpm/compare"
)

// TestMarketView: a link with market=au shows what is documented for
// Australia, says plainly how many cells state no market, and tells on each
// bank's line how its cell relates to the market; clearing the market
// brings every row back and takes market= out of the URL.
func TestMarketView(t *testing.T) {
	ds, ix := dataset(t)
	m := ds.Market("AU")
	if m == nil {
		t.Fatal("the dataset names no Australia market: the premise of this test is gone")
	}
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?market=au"))
	b.waitInteractive(t)

	want := compare.Filters{Market: "AU"}
	res := ix.Filter(want, time.Now())
	waitCards(t, b, "market=au", res.CategoryIDs())

	var selected, note string
	b.eval(t, `document.getElementById('f-market').value`, &selected)
	if selected != "au" {
		t.Errorf("the market control reads %q, want au", selected)
	}
	b.eval(t, `(document.getElementById('market-note') || {}).textContent || ''`, &note)
	if wantNote := compare.MarketExplanation(res); note != wantNote {
		t.Errorf("market note %q, want %q", note, wantNote)
	}
	if !strings.Contains(note, m.Name) && !strings.Contains(note, "AU") {
		t.Errorf("the market note does not name the market: %q", note)
	}
	var tags int
	b.eval(t, `document.querySelectorAll('.card:not([hidden]) .market-tag').length`, &tags)
	if tags == 0 {
		t.Error("no bank line says how its cell relates to the market")
	}

	// "Any market" is the first option: in the browser go-app leaves an
	// empty value attribute out, so the option is chosen by its place.
	b.eval(t, `(() => { const s = document.getElementById('f-market'); s.selectedIndex = 0;
		s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, nil)
	waitCards(t, b, "market cleared", ix.Filter(compare.Filters{}, time.Now()).CategoryIDs())
	b.waitFor(t, "market= gone from the URL", `!location.search.includes('market=')`)
	b.requireNoErrors(t)
}
