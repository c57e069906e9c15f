package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// cspRecorder collects securitypolicyviolation events from the first
// moment of every document the page loads.
const cspRecorder = `window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
	window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`

// TestNoCSPViolations exercises every view under the server's strict
// Content-Security-Policy (no inline script or style) and requires the
// browser to report no violation at all.
func TestNoCSPViolations(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspRecorder).Do(ctx)
		return err
	}))
	check := func(what string) {
		t.Helper()
		var violations []string
		b.eval(t, `window.__csp || ['no recorder']`, &violations)
		for _, v := range violations {
			t.Errorf("%s: CSP violation: %s", what, v)
		}
	}
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	openOverview(t, b)
	b.run(t, chromedp.Click("#ev-balances > summary", chromedp.ByQuery))
	b.waitFor(t, "evidence open", `!!document.getElementById('cell-citi-balances')`)
	b.run(t, chromedp.Focus("#mx .mx-cell[tabindex='0']", chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowDown)) // tooltip positioning
	b.run(t, chromedp.Click("#view-table", chromedp.ByQuery))
	b.run(t, chromedp.Click("#view-cards", chromedp.ByQuery))
	b.run(t, chromedp.Click("#embed-button", chromedp.ByQuery))
	b.waitFor(t, "dialog", `!!document.getElementById('embed-dialog')`)
	b.run(t, chromedp.KeyEvent(kb.Escape))
	b.run(t, chromedp.KeyEvent("p"))
	b.waitFor(t, "presenter", `!!document.getElementById('presenter')`)
	b.run(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.Escape))
	check("full view")

	b.run(t, chromedp.Navigate(srv.URL+"/embed?section=playbook&theme=dark"))
	b.waitInteractive(t)
	b.run(t, chromedp.Click(".embed-filters summary", chromedp.ByQuery))
	check("embed view")
	b.requireNoErrors(t)
}
