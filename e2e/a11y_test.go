package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeSource is axe-core, pinned in e2e/axe/package.json and installed by
// make test (npm ci).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "e2e", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (make test installs it with npm ci in e2e/axe): %v", err)
	}
	return string(b)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// audit injects axe-core into the page (and its open shadow roots) and
// fails on any serious or critical violation of WCAG 2.1 A/AA or best
// practice.
func audit(t *testing.T, b *browser, axe, what string) {
	t.Helper()
	var injected bool
	b.eval(t, `typeof axe !== 'undefined'`, &injected)
	if !injected {
		b.run(t, chromedp.Evaluate(axe, nil))
	}
	// Off-screen parts use content-visibility: auto, so the browser has not
	// styled them and axe would read their colours as black on white. Show
	// them for the audit (through the CSSOM, which the CSP allows).
	b.eval(t, `document.querySelectorAll('*').forEach(e => {
		if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
	}), true`, nil)
	var raw string
	b.evalAsync(t, `axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
		resultTypes: ['violations'],
	}).then(r => JSON.stringify(r.violations))`, &raw)
	var violations []axeViolation
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s: axe (%s) %s: %s on %d nodes", what, v.Impact, v.ID, v.Help, len(v.Nodes))
			continue
		}
		var where []string
		for i, n := range v.Nodes {
			if i == 5 {
				where = append(where, fmt.Sprintf("… and %d more", len(v.Nodes)-5))
				break
			}
			where = append(where, fmt.Sprintf("%v: %s", n.Target, n.Summary))
		}
		t.Errorf("%s: axe %s violation %s (%s):\n  %s", what, v.Impact, v.ID, v.Help, strings.Join(where, "\n  "))
	}
}

// TestAccessibilityAudit runs axe-core on every view in both themes: the
// full view with the overview graphic, the table, presenter mode, the
// embed with its filters open, and the embed-code dialog.
func TestAccessibilityAudit(t *testing.T) {
	axe := axeSource(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	for _, theme := range []string{"light", "dark"} {
		views := []struct {
			name, path string
			setup      func()
		}{
			{"full view", "/?theme=" + theme, nil},
			{"filtered full view", "/?theme=" + theme + "&status=partial&q=api", nil},
			{"empty result", "/?theme=" + theme + "&q=zzzz", nil},
			{"table view", "/?theme=" + theme + "&view=table", nil},
			{"presenter, overview slide", "/?theme=" + theme + "&present=1", nil},
			{"presenter, a category", "/?theme=" + theme + "&present=1&slide=6", nil},
			{"embed with filters open", "/embed?theme=" + theme + "&section=api", func() {
				b.run(t, chromedp.Evaluate(`document.querySelector('.embed-filters').open = true`, nil))
			}},
			{"embed-code dialog", "/?theme=" + theme, func() {
				b.run(t, chromedp.Click("#embed-button", chromedp.ByQuery))
				b.waitFor(t, "dialog", `!!document.getElementById('embed-dialog')`)
			}},
			{"overview and every row's evidence open", "/?density=detailed&theme=" + theme, func() {
				openOverview(t, b)
				b.run(t, chromedp.Evaluate(`document.getElementById('sources-fold').open = true`, nil))
				b.waitFor(t, "sources listed", `!!document.querySelector('#sources .source-entry')`)
			}},
			{"downloads open", "/?theme=" + theme, func() {
				b.run(t, chromedp.Evaluate(`document.getElementById('downloads').open = true`, nil))
			}},
		}
		for _, v := range views {
			t.Run(theme+" "+v.name, func(t *testing.T) {
				b.run(t, chromedp.Navigate(srv.URL+v.path))
				b.waitInteractive(t)
				if v.setup != nil {
					v.setup()
				}
				audit(t, b, axe, theme+" "+v.name)
			})
		}
	}
	b.requireNoErrors(t)
}

// TestAccessibilityOfPrerenderedPage audits the page before WebAssembly
// runs: readers without it, and everyone during loading, get this one.
func TestAccessibilityOfPrerenderedPage(t *testing.T) {
	axe := axeSource(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?wasm=false&section=playbook"))
	b.waitFor(t, "prerendered page", `!!document.getElementById('widget')`)
	audit(t, b, axe, "prerendered page")
}

// focusInfo describes the focused element for the keyboard test.
type focusInfo struct {
	ID, Tag, Text string
	Outline       bool
}

// An SVG cell of the overview shows focus by stroking its hit area.
const jsFocus = `(() => { const e = document.activeElement;
	if (!e || e === document.body) return {id: '', tag: 'BODY', text: '', outline: false};
	const cs = getComputedStyle(e);
	const hit = e.querySelector && e.querySelector(':scope > .mx-hit');
	return {id: e.id, tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40),
		outline: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none' ||
			(!!hit && getComputedStyle(hit).strokeOpacity === '1')};
})()`

// TestKeyboardOnly reaches and operates every control with the keyboard
// alone, in a sensible order, with visible focus and no trap.
func TestKeyboardOnly(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	openOverview(t, b)

	var order []focusInfo
	seen := map[string]bool{}
	// More tabs than the page has focusable elements means focus is stuck.
	var focusable int
	b.eval(t, `document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])').length`, &focusable)
	limit := focusable + 20
	for i := 0; i < limit; i++ {
		b.run(t, chromedp.KeyEvent(kb.Tab))
		var f focusInfo
		b.eval(t, jsFocus, &f)
		if f.Tag == "BODY" || (f.ID != "" && seen[f.ID] && f.ID == order[0].ID) {
			break // back at the start: no trap
		}
		if !f.Outline {
			t.Errorf("focus is not visible on %s#%s %q", f.Tag, f.ID, f.Text)
		}
		if f.ID != "" {
			seen[f.ID] = true
		}
		order = append(order, f)
		if i == limit-1 {
			t.Fatalf("%d tabs without leaving the page (%d focusable elements): a keyboard trap?", limit, focusable)
		}
	}
	for _, id := range []string{"present-button", "embed-button", "view-table", "theme-button", "f-q", "f-bank-citi",
		"f-section", "f-status-partial", "f-conf", "f-label", "f-diff", "f-stale", "expand-all", "collapse-all", "mx-citi-balances", "dl-svg"} {
		if !seen[id] {
			t.Errorf("#%s is not reachable with Tab", id)
		}
	}
	// Sensible order: the skip link first, the toolbar before the filters,
	// the filters before the cards.
	pos := func(id string) int {
		for i, f := range order {
			if f.ID == id {
				return i
			}
		}
		return -1
	}
	if order[0].Text != "Skip to the comparison" {
		t.Errorf("first stop is %q, want the skip link", order[0].Text)
	}
	if !(pos("present-button") < pos("f-q") && pos("f-q") < pos("f-clear")) {
		t.Errorf("tab order: present %d, search %d, clear %d", pos("present-button"), pos("f-q"), pos("f-clear"))
	}

	// Operate: Space toggles a checkbox, Enter opens the dialog and Escape
	// closes it, back to its button; Enter starts presenting, Esc leaves.
	b.run(t, chromedp.Focus("#f-diff", chromedp.ByQuery), chromedp.KeyEvent(" "))
	b.waitFor(t, "Space toggles", `document.getElementById('f-diff').checked && new URLSearchParams(location.search).get('diff') === '1'`)
	b.run(t, chromedp.KeyEvent(" "))
	b.waitFor(t, "Space toggles back", `!document.getElementById('f-diff').checked`)
	b.run(t, chromedp.Focus("#embed-button", chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	b.waitFor(t, "dialog by Enter", `!!document.getElementById('embed-dialog') && document.activeElement.id === 'embed-dialog'`)
	b.run(t, chromedp.KeyEvent(kb.Escape))
	b.waitFor(t, "dialog closed, focus back", `!document.getElementById('embed-dialog') && document.activeElement.id === 'embed-button'`)
	b.run(t, chromedp.Focus("#downloads summary", chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	b.waitFor(t, "downloads open by Enter", `document.getElementById('downloads').open`)
	b.run(t, chromedp.Focus("#present-button", chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	b.waitFor(t, "presenter by Enter", `!!document.getElementById('presenter') && document.activeElement.id === 'presenter'`)
	// While presenting, Tab never reaches the page behind (it is inert): focus
	// stays in the slides, or leaves the document for the browser's own UI.
	for i := 0; i < 8; i++ {
		b.run(t, chromedp.KeyEvent(kb.Tab))
		var where string
		b.eval(t, `(() => { const e = document.activeElement;
			return !e || e === document.body ? 'document' : e.closest('#presenter') ? 'presenter' : e.tagName + '#' + e.id; })()`, &where)
		if where != "presenter" && where != "document" {
			t.Fatalf("Tab reached %s behind the presenter after %d presses", where, i+1)
		}
	}
	b.run(t, chromedp.KeyEvent(kb.Escape))
	b.waitFor(t, "presenter left by Esc", `!document.getElementById('presenter')`)
	b.requireNoErrors(t)
}
