package main

import (
	"strings"
	"testing"
)

// A page shaped like go-app's prerendered output.
const prerendered = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Citi vs J.P. Morgan</title>
    <link rel="icon" href="/web/icons/icon.svg">
    <link rel="manifest" href="/manifest.webmanifest">
    <link rel="preload" href="/web/app.wasm" as="fetch" crossorigin>
    <link rel="stylesheet" href="/app.css" type="text/css">
    <link href="/web/app.css" type="text/css" rel="stylesheet">
    <script defer src="/wasm_exec.js"></script>
    <SCRIPT defer src="/app.js"></SCRIPT>
  </head>
  <body>
    <div class="page" id="widget">
      <h1 id="title">Citi vs J.P. Morgan</h1>
      <p>Mentions a <code>&lt;script&gt;</code> tag in text, which stays.</p>
      <script type="application/ld+json">{"a": "</div>"}</script>
    </div>
    <aside id="app-wasm-loader" class="goapp-app-info">
      <img id="app-wasm-loader-icon" class="goapp-logo goapp-spin" alt="wasm loader icon" src="/web/icons/icon-192.png">
      <p id="app-wasm-loader-label" class="goapp-label">Loading interactive filters… 0%</p>
    </aside>
    <aside id="notes">kept</aside>
  </body>
</html>`

func TestStripBaseline(t *testing.T) {
	page, s := stripBaseline(prerendered)
	if s.Scripts != 3 || !s.Loader || s.Links != 2 {
		t.Errorf("stripped %+v, want 3 scripts, the loader and 2 links", s)
	}
	for _, gone := range []string{"<script", "<SCRIPT", "wasm_exec.js", "app.js", "app-wasm-loader", "Loading interactive", "manifest", "preload", "ld+json"} {
		if strings.Contains(page, gone) {
			t.Errorf("baseline still contains %q:\n%s", gone, page)
		}
	}
	for _, kept := range []string{
		`<link rel="stylesheet" href="/app.css" type="text/css">`,
		`<link href="/web/app.css" type="text/css" rel="stylesheet">`,
		`<link rel="icon" href="/web/icons/icon.svg">`,
		`<h1 id="title">Citi vs J.P. Morgan</h1>`,
		`<code>&lt;script&gt;</code>`,
		`<aside id="notes">kept</aside>`,
		`</html>`,
	} {
		if !strings.Contains(page, kept) {
			t.Errorf("baseline lost %q:\n%s", kept, page)
		}
	}
}

func TestStripBaselineWithoutLoader(t *testing.T) {
	// Once the loader is replaced, the baseline is still made; the report
	// says no loader was found.
	page, s := stripBaseline(`<html><body><p>x</p><script src="/app.js"></script></body></html>`)
	if s.Loader || s.Scripts != 1 || page != `<html><body><p>x</p></body></html>` {
		t.Errorf("got %q, %+v", page, s)
	}
}

func TestStripStylesheets(t *testing.T) {
	page, _ := stripBaseline(prerendered)
	page = strings.Replace(page, "</head>", "<style>p { color: red }</style>\n<STYLE media=print>x</STYLE></head>", 1)
	plain, n := stripStylesheets(page)
	if n != 4 {
		t.Errorf("took out %d stylesheets, want 4 (two links, two <style>)", n)
	}
	for _, gone := range []string{"stylesheet", "<style", "<STYLE", "app.css", "color: red"} {
		if strings.Contains(plain, gone) {
			t.Errorf("plain page still contains %q:\n%s", gone, plain)
		}
	}
	for _, kept := range []string{`<link rel="icon" href="/web/icons/icon.svg">`, `<h1 id="title">Citi vs J.P. Morgan</h1>`, `<aside id="notes">kept</aside>`} {
		if !strings.Contains(plain, kept) {
			t.Errorf("plain page lost %q:\n%s", kept, plain)
		}
	}
}
