package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"strings"
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

// recordCSPViolations installs cspRecorder in every document b loads.
func recordCSPViolations(t *testing.T, b *browser) {
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspRecorder).Do(ctx)
		return err
	}))
}

// inlineContent is what the document b shows holds inline, read after
// the app has taken over.
type inlineContent struct {
	Styles []struct {
		Text   string `json:"text"`
		InHead bool   `json:"inHead"`
		Rules  int    `json:"rules"` // -1: the browser made no sheet of it
	} `json:"styles"`
	Links         []string `json:"links"` // stylesheets still linked
	Sheets        int      `json:"sheets"`
	InlineScripts int      `json:"inlineScripts"` // scripts that would run
}

const readInlineContent = `({
	styles: [...document.querySelectorAll('style')].map(s => ({text: s.textContent, inHead: s.parentNode === document.head,
		rules: s.sheet ? s.sheet.cssRules.length : -1})),
	links: [...document.querySelectorAll('link[rel~="stylesheet" i]')].map(l => l.href),
	sheets: document.styleSheets.length,
	inlineScripts: [...document.querySelectorAll('script:not([src])')].filter(s => s.type !== 'application/ld+json').length,
})`

// checkCSP requires of the document at pageURL, loaded in b with
// recordCSPViolations: no violation reported by the browser; no inline
// script; as inline styles, only the server's style elements in the head,
// each applied once, and the page's CSP allowing exactly them by hash.
func checkCSP(t *testing.T, b *browser, pageURL, what string) {
	t.Helper()
	var violations []string
	b.eval(t, `window.__csp || ['no recorder']`, &violations)
	for _, v := range violations {
		t.Errorf("%s: CSP violation: %s", what, v)
	}
	res, _ := httpGet(t, pageURL)
	csp := res.Header.Get("Content-Security-Policy")
	if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "style-src 'self' ") {
		t.Errorf("%s: CSP %q", what, csp)
	}
	var got inlineContent
	b.eval(t, readInlineContent, &got)
	if got.InlineScripts != 0 {
		t.Errorf("%s: %d inline scripts", what, got.InlineScripts)
	}
	if len(got.Links) != 0 {
		t.Errorf("%s: stylesheets still linked: %q", what, got.Links)
	}
	if len(got.Styles) == 0 || got.Sheets != len(got.Styles) {
		t.Errorf("%s: %d style sheets for %d style elements", what, got.Sheets, len(got.Styles))
	}
	allowed := "style-src 'self'"
	for i, s := range got.Styles {
		sum := sha256.Sum256([]byte(s.Text))
		allowed += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !s.InHead || s.Rules <= 0 {
			t.Errorf("%s: style element %d: in head %v, %d rules applied", what, i, s.InHead, s.Rules)
		}
	}
	if !strings.Contains(csp, allowed+";") {
		t.Errorf("%s: CSP %q does not allow exactly the page's %d style elements (%s)", what, csp, len(got.Styles), allowed)
	}
}

// TestNoCSPViolations exercises every view under the server's strict
// Content-Security-Policy (no inline script; inline styles only the
// server's, by hash) and requires the browser to report no violation.
func TestNoCSPViolations(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	recordCSPViolations(t, b)
	full := srv.URL + "/?section=api"
	b.run(t, chromedp.Navigate(full))
	b.waitInteractive(t)
	checkCSP(t, b, full, "full view on arrival") // before a blocked style could make a click fail
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
	checkCSP(t, b, full, "full view")

	embed := srv.URL + "/embed?section=playbook&theme=dark"
	b.run(t, chromedp.Navigate(embed))
	b.waitInteractive(t)
	b.run(t, chromedp.Click(".embed-filters summary", chromedp.ByQuery))
	checkCSP(t, b, embed, "embed view")

	// A repeat visit is answered by the service worker from its cache,
	// page and policy together.
	b.waitServiceWorker(t)
	b.run(t, chromedp.Navigate(full))
	b.waitInteractive(t)
	checkCSP(t, b, full, "full view from the service worker")
	b.requireNoErrors(t)
}
