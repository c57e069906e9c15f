package e2e

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"citijpm/compare"
	"citijpm/data"
	widget "citijpm/server"
)

// partnerPage serves one HTML page from another origin (another port), as
// a partner's site would.
func partnerPage(t testing.TB, body string) *httptest.Server {
	t.Helper()
	p := partnerServer(t)
	p.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Partner article</title></head>"+
			"<body><h1>A partner's article</h1><p>Some text before the widget.</p>%s<p>Text after.</p></body></html>", body)
	})
	p.Start()
	t.Cleanup(p.Close)
	return p
}

// partnerServer is an unstarted server on 127.0.0.2: another site than the
// widget's 127.0.0.1 (a port alone makes another origin, not another site),
// so Chromium isolates the widget's frame as a real partner's would be.
func partnerServer(t testing.TB) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatalf("listening on 127.0.0.2: %v", err)
	}
	p := httptest.NewUnstartedServer(nil)
	p.Listener.Close()
	p.Listener = ln
	return p
}

func loaderSnippet(widgetURL, query string) string {
	return fmt.Sprintf(`<div data-citijpm-embed data-query="%s"></div><script src="%s/embed.js" async></script>`, query, widgetURL)
}

// frame returns a browser context attached to the iframe whose URL
// contains urlPart (cross-origin frames run as their own target).
func (b *browser) frame(t testing.TB, urlPart string) *browser {
	t.Helper()
	var found *target.Info
	if !poll(20*time.Second, func() bool {
		targets, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range targets {
			if ti.Type == "iframe" && strings.Contains(ti.URL, urlPart) {
				found = ti
				return true
			}
		}
		return false
	}) {
		t.Fatalf("no iframe target with %q", urlPart)
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(found.TargetID))
	t.Cleanup(cancel)
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("attaching to the frame: %v", err)
	}
	return &browser{ctx: ctx}
}

func iframeHeight(t testing.TB, b *browser) float64 {
	var h float64
	b.eval(t, `document.querySelector('iframe').getBoundingClientRect().height`, &h)
	return h
}

// TestEmbedSizesItself embeds the widget with the loader on a page of
// another origin: the frame takes its content's height, follows filter
// changes, applies the preset filters, and ignores forged messages.
func TestEmbedSizesItself(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	partner := partnerPage(t, loaderSnippet(srv.URL, "section=api&amp;conf=high"))
	b := newBrowser(t, 1024, 800)
	b.run(t, chromedp.Navigate(partner.URL))
	b.waitFor(t, "iframe from the loader", `!!document.querySelector('iframe[title][loading=lazy]')`)

	f := b.frame(t, "/embed?")
	f.waitInteractive(t)
	want := compare.Filters{Sections: []string{"api"}, MinConf: data.High}
	waitCards(t, f, "preset filters in the frame", ix.Filter(want, time.Now()).CategoryIDs())

	content := waitFrameFits(t, b, f)
	var inner []float64
	f.eval(t, `[document.documentElement.scrollHeight, window.innerHeight]`, &inner)
	if inner[0] > inner[1]+1 {
		t.Errorf("the frame scrolls inside itself: content %v px in a %v px frame", inner[0], inner[1])
	}

	// Opening the filters grows the frame; a search that hides cards shrinks it.
	f.run(t, chromedp.Click(".embed-filters summary", chromedp.ByQuery))
	b.waitFor(t, "frame grows", fmt.Sprintf(`document.querySelector('iframe').getBoundingClientRect().height > %v + 50`, content))
	grown := iframeHeight(t, b)
	f.run(t, chromedp.Click("#f-q", chromedp.ByQuery), chromedp.SendKeys("#f-q", "gpi", chromedp.ByQuery))
	waitCards(t, f, "search in the frame", ix.Filter(compare.Filters{Sections: []string{"api"}, MinConf: data.High, Query: "gpi"}, time.Now()).CategoryIDs())
	b.waitFor(t, "frame shrinks", fmt.Sprintf(`document.querySelector('iframe').getBoundingClientRect().height < %v - 50`, grown))
	settled := iframeHeight(t, b)

	// Forged messages: from the partner's own origin, with an unknown id,
	// with a wrong shape. None may resize the frame.
	var id string
	b.eval(t, `document.querySelector('iframe').id`, &id)
	// A listener added after the loader's marks the page's own message and
	// the frame's last one (a frame's messages arrive in order): once it
	// has seen both, the loader has handled every forged message.
	b.eval(t, `window.seen = {}, addEventListener('message', e => {
		if (e.source === window) window.seen.own = true;
		if (e.data === 'citijpm:resize:5') window.seen.last = true;
	}), true`, nil)
	b.eval(t, `window.postMessage({type: 'citijpm:resize', id: `+jsString(id)+`, height: 5}, '*'), true`, nil)
	forged := []string{
		`{type: 'citijpm:resize', id: 'someone-else', height: 5}`,
		`{type: 'citijpm:resize', id: ` + jsString(id) + `, height: '5'}`,
		`{type: 'citijpm:resize', id: ` + jsString(id) + `, height: 1e9}`,
		`{type: 'other', id: ` + jsString(id) + `, height: 5}`,
		`'citijpm:resize:5'`, // the last: the page waits for it
	}
	for _, msg := range forged {
		f.eval(t, `parent.postMessage(`+msg+`, '*'), true`, nil)
	}
	b.waitFor(t, "every forged message handled", `window.seen.own && window.seen.last`)
	if h := iframeHeight(t, b); h != settled {
		t.Errorf("a forged message resized the frame from %v to %v", settled, h)
	}
	// The same channel with a well-formed message from the widget's origin
	// does resize it: the checks above are not vacuous.
	f.eval(t, `parent.postMessage({type: 'citijpm:resize', id: `+jsString(id)+`, height: 321}, '*'), true`, nil)
	b.waitFor(t, "a genuine message applies", `document.querySelector('iframe').getBoundingClientRect().height === 321`)

	var autofocus int
	f.eval(t, `document.querySelectorAll('[autofocus]').length`, &autofocus)
	if autofocus != 0 {
		t.Errorf("%d elements with autofocus in the embed", autofocus)
	}
	b.requireNoErrors(t)
}

// waitFrameFits waits until the frame's height equals its content's, as
// measured inside the frame, on two checks in a row with the content
// unchanged between them (the frame settled, not passing through); it
// returns that height.
func waitFrameFits(t *testing.T, page, frame *browser) float64 {
	t.Helper()
	var content, h, fitted float64
	if !poll(15*time.Second, func() bool {
		// The content is measured after the frame's next rendering, so a
		// resize in flight has been reported.
		frame.evalAsync(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>
			r(Math.ceil(document.getElementById('widget').getBoundingClientRect().height)))))`, &content)
		h = iframeHeight(t, page)
		fits := content > 0 && h >= content-1 && h <= content+1
		settled := fits && content == fitted
		if fits {
			fitted = content
		} else {
			fitted = 0
		}
		return settled
	}) {
		t.Fatalf("frame is %v px tall, its content %v px", h, content)
	}
	return content
}

// TestFrameAncestors: a restricted allow-list makes the browser refuse the
// embed on other sites, and allows it on the listed one.
func TestFrameAncestors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		allowed func(partnerOrigin string) string
		loads   bool
	}{
		{"restricted to another site", func(string) string { return "https://partner.example" }, false},
		{"partner allowed", func(origin string) string { return origin + " https://partner.example" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The partner's origin must be known before the widget starts.
			p := partnerServer(t)
			origin := "http://" + p.Listener.Addr().String()
			srv := startServer(t, "-frame-ancestors", tc.allowed(origin))
			p.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprintf(w, "<!doctype html><title>Partner</title><link rel=\"icon\" href=\"data:,\">%s", loaderSnippet(srv.URL, "section=api"))
			})
			p.Start()
			defer p.Close()

			b := newBrowser(t, 1024, 800)
			b.run(t, chromedp.Navigate(p.URL))
			b.waitFor(t, "iframe", `!!document.querySelector('iframe')`)
			if tc.loads {
				b.waitFor(t, "the embed loads and sizes itself", `document.querySelector('iframe').getBoundingClientRect().height !== 900`)
				return
			}
			if !poll(10*time.Second, func() bool {
				return slices.ContainsFunc(b.Errors(), func(e string) bool {
					return strings.Contains(e, "frame-ancestors") || strings.Contains(e, "Refused to frame")
				})
			}) {
				t.Fatalf("no frame-ancestors refusal seen; errors: %v", b.Errors())
			}
			if h := iframeHeight(t, b); h != 900 {
				t.Errorf("a refused frame was resized to %v", h)
			}
		})
	}
}

// TestCopyEmbedCode copies both snippets for the current filters and pastes
// them into fresh partner pages: each shows the same view.
func TestCopyEmbedCode(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t,
		cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{cdpbrowser.PermissionTypeClipboardReadWrite, cdpbrowser.PermissionTypeClipboardSanitizedWrite}).WithOrigin(srv.URL),
		chromedp.Navigate(srv.URL+"/?section=playbook&conf=medium&q=status"),
	)
	b.waitInteractive(t)
	want := compare.Filters{Sections: []string{"playbook"}, MinConf: data.Medium, Query: "status"}
	cards := ix.Filter(want, time.Now()).CategoryIDs()

	b.run(t, chromedp.Click("#embed-button", chromedp.ByQuery))
	b.waitFor(t, "embed dialog", `!!document.getElementById('embed-dialog')`)
	var loader, iframe string
	b.eval(t, `document.getElementById('embed-loader').value`, &loader)
	b.eval(t, `document.getElementById('embed-iframe').value`, &iframe)
	b.run(t, chromedp.Click("#embed-loader-copy", chromedp.ByQuery))
	b.waitFor(t, "copied notice", `!!document.querySelector('.copied')`)
	var clip string
	b.evalAsync(t, `navigator.clipboard.readText().catch(e => 'unreadable: ' + e)`, &clip)
	if clip != loader {
		t.Errorf("clipboard holds %q, want the loader snippet", clip)
	}
	b.run(t, chromedp.KeyEvent("\x1b"))
	b.waitFor(t, "dialog closed by Esc", `!document.getElementById('embed-dialog')`)

	for name, snippet := range map[string]string{"loader": loader, "iframe": iframe} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(snippet, srv.URL+"/") {
				t.Fatalf("snippet does not point at the widget: %s", snippet)
			}
			partner := partnerPage(t, snippet)
			pb := newBrowser(t, 1024, 800)
			pb.run(t, chromedp.Navigate(partner.URL))
			f := pb.frame(t, "/embed")
			f.waitInteractive(t)
			waitCards(t, f, "pasted "+name+" snippet", cards)
			pb.requireNoErrors(t)
		})
	}
}

// TestPresenterInsideFrame: a frame without allow="fullscreen" refuses full
// screen; presenter mode still fills the frame, with no error.
func TestPresenterInsideFrame(t *testing.T) {
	srv := startServer(t)
	partner := partnerPage(t, `<iframe src="`+srv.URL+`/embed?section=api" title="widget" width="800" height="600"></iframe>`)
	b := newBrowser(t, 1024, 800)
	b.run(t, chromedp.Navigate(partner.URL))
	f := b.frame(t, "/embed")
	f.waitInteractive(t)
	f.run(t, chromedp.Navigate(srv.URL+"/embed?section=api&present=1"))
	f.waitInteractive(t)
	f.waitFor(t, "presenter in the frame", `!!document.getElementById('presenter') && document.getElementById('presenter').checkVisibility()`)
	var fs bool
	f.eval(t, `!!document.fullscreenElement`, &fs)
	if fs {
		t.Error("full screen granted in a frame that does not allow it")
	}
	b.requireNoErrors(t)
}

// TestBasePath serves the app under a sub-path: pages, assets, embed.js and
// offline use after the first visit all work there.
func TestBasePath(t *testing.T) {
	_, ix := dataset(t)
	const base = "/widgets/citi-jpm"
	srv := startServer(t, "-base-path", base)
	if !strings.HasSuffix(srv.URL, base) {
		t.Fatalf("server URL %s lacks the base path", srv.URL)
	}
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	waitCards(t, b, "under the base path", ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs())
	choose("#f-conf", "high")(t, b)
	waitCards(t, b, "filter under the base path", ix.Filter(compare.Filters{Sections: []string{"api"}, MinConf: data.High}, time.Now()).CategoryIDs())
	var scope string
	b.evalAsync(t, `navigator.serviceWorker.ready.then(r => r.scope)`, &scope)
	if !strings.HasSuffix(scope, base+"/") {
		t.Errorf("service worker scope %s", scope)
	}
	b.waitServiceWorker(t)

	// A partner page loads the loader from the sub-path.
	partner := partnerPage(t, loaderSnippet(srv.URL, "section=playbook"))
	pb := newBrowser(t, 1024, 800)
	pb.run(t, chromedp.Navigate(partner.URL))
	f := pb.frame(t, base+"/embed?")
	f.waitInteractive(t)
	waitCards(t, f, "embed under the base path", ix.Filter(compare.Filters{Sections: []string{"playbook"}}, time.Now()).CategoryIDs())

	srv.Stop(t)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=considerations&label=analyst"))
	b.waitInteractive(t)
	waitCards(t, b, "offline under the base path",
		ix.Filter(compare.Filters{Sections: []string{"considerations"}, Label: compare.AnalystOnly}, time.Now()).CategoryIDs())
}

// TestStaticExport serves the static export with plain file servers (Go's
// http.FileServer, and nginx when installed): it renders and filters.
func TestStaticExport(t *testing.T) {
	_, ix := dataset(t)
	dist := t.TempDir()
	out, err := exec.Command(filepath.Join(repoRoot, "bin", "widget"), "-web", filepath.Join(repoRoot, "web"), "-export", dist).CombinedOutput()
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	servers := map[string]string{}
	files := http.FileServer(http.Dir(dist))
	fileServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/embed" { // what GitHub Pages and try_files do
			r.URL.Path = "/embed.html"
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(fileServer.Close)
	servers["http.FileServer"] = fileServer.URL
	if nginx, err := exec.LookPath("nginx"); err == nil {
		servers["nginx"] = startNginx(t, nginx, dist)
	} else {
		t.Log("nginx is not installed: only http.FileServer is tested")
	}
	for name, url := range servers {
		t.Run(name, func(t *testing.T) {
			b := newBrowser(t, 1280, 900)
			recordCSPViolations(t, b)
			b.run(t, chromedp.Navigate(url+"/?section=portal"))
			b.waitInteractive(t)
			waitCards(t, b, "static page", ix.Filter(compare.Filters{Sections: []string{"portal"}}, time.Now()).CategoryIDs())
			if name == "nginx" { // the file server sends no CSP
				checkCSP(t, b, url+"/?section=portal", "static page under nginx")
			}
			click("#f-bank-citi")(t, b)
			waitCards(t, b, "static filter", ix.Filter(compare.Filters{Sections: []string{"portal"}, Banks: []string{"jpm"}}, time.Now()).CategoryIDs())
			b.run(t, chromedp.Navigate(url+"/embed?section=api"))
			b.waitInteractive(t)
			waitCards(t, b, "static embed", ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs())
			b.requireNoErrors(t)
		})
	}
}

// startNginx runs Debian's nginx in the foreground on a free port, serving
// dir with the configuration README shows (server.NginxConfig).
func startNginx(t testing.TB, bin, dir string) string {
	t.Helper()
	addr := freeAddr(t)
	tmp := t.TempDir()
	styleHashes, err := widget.ExportStyleHashes(dir)
	if err != nil {
		t.Fatal(err)
	}
	conf, err := widget.NginxConfig{Listen: addr, Root: dir, Dir: tmp, Workers: 1, KeepaliveSecs: 120, StyleHashes: styleHashes,
		// Workers would drop to "nobody", who cannot read the test's
		// private temporary directories.
		RunAsRoot: os.Geteuid() == 0,
	}.Render()
	if err != nil {
		t.Fatal(err)
	}
	confFile := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-c", confFile, "-p", tmp)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := "http://" + addr
	if !poll(10*time.Second, func() bool {
		res, err := http.Get(url + "/")
		if err == nil {
			res.Body.Close()
		}
		return err == nil
	}) {
		t.Fatalf("nginx did not start")
	}
	return url
}
