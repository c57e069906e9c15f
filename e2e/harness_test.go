// Package e2e drives Debian's headless Chromium against the real server
// binary (bin/widget) and the real WebAssembly build (web/app.wasm), both
// built by `make build` before these tests run.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"citijpm/internal/chromium"
)

// repoRoot is where make runs; the tests run from e2e/.
var repoRoot = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Dir(wd)
}()

// server is a running bin/widget process.
type server struct {
	URL  string // e.g. http://127.0.0.1:41234 (no trailing slash, base path included)
	cmd  *exec.Cmd
	logs *strings.Builder
	mu   *sync.Mutex
}

var servingLine = regexp.MustCompile(`Serving the comparison at (http://\S+?)/?\n`)

// startServer runs the server binary with extra flags on a free loopback
// port and waits until it says where it serves.
func startServer(t testing.TB, args ...string) *server {
	t.Helper()
	bin := filepath.Join(repoRoot, "bin", "widget")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: run `make build` (make test does it)", bin)
	}
	args = append([]string{"-addr", "127.0.0.1:0", "-web", filepath.Join(repoRoot, "web")}, args...)
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: &strings.Builder{}, mu: &sync.Mutex{}}
	cmd.Stderr = writerFunc(func(p []byte) (int, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.logs.Write(p)
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if m := servingLine.FindStringSubmatch(line); m != nil {
				urls <- m[1]
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case s.URL = <-urls:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("server did not start; its log:\n%s", s.Logs())
	}
	t.Cleanup(func() { s.Stop(t) })
	return s
}

// Stop ends the server with SIGTERM (a graceful shutdown) and waits.
func (s *server) Stop(t testing.TB) {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-done
		t.Errorf("server did not stop within 20 s of SIGINT")
	}
}

// Logs returns what the server wrote to stderr so far.
func (s *server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// browser is one fresh Chromium with its own profile.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string // console errors and uncaught exceptions, all targets
}

// chromiumPath finds Debian's Chromium; make test installs it.
func chromiumPath(t testing.TB) string {
	p, err := chromium.Path()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newBrowser starts headless Chromium with the flags this machine needs and
// a fresh user-data-dir, and collects console errors.
func newBrowser(t testing.TB, width, height int) *browser {
	t.Helper()
	// Not t.TempDir: Chromium may still be writing its profile when the
	// test ends, and a failed cleanup would fail the test.
	profile, err := os.MkdirTemp("", "widget-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := chromium.Options(chromiumPath(t), profile, width, height)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				b.addError("console.error: " + consoleArgs(e.Args))
			}
		case *runtime.EventExceptionThrown:
			b.addError("exception: " + e.ExceptionDetails.Error())
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				b.addError(fmt.Sprintf("log %s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	// Headless windows have a minimum width; emulating the viewport gives
	// the exact size, as a phone would.
	// Focus emulation: a headless window never has system focus, and without
	// it Chromium moves focus silently, firing no focus or focusin events.
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable(), chromedp.EmulateViewport(int64(width), int64(height)),
		emulation.SetFocusEmulationEnabled(true)); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	t.Cleanup(func() {
		chromedp.Cancel(ctx)
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	})
	return b
}

func (b *browser) addError(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, s)
}

// Errors returns the console errors seen so far.
func (b *browser) Errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// IgnoreErrors forgets errors seen so far (after a deliberate outage).
func (b *browser) IgnoreErrors() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = nil
}

// requireNoErrors fails the test if the page logged any error.
func (b *browser) requireNoErrors(t testing.TB) {
	t.Helper()
	for _, e := range b.Errors() {
		t.Errorf("browser error: %s", e)
	}
}

func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a.Value != nil {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

// run executes actions with a deadline, failing the test on error.
func (b *browser) run(t testing.TB, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 45*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JS expression into out.
func (b *browser) eval(t testing.TB, js string, out any) {
	t.Helper()
	b.run(t, chromedp.Evaluate(js, out))
}

// waitInteractive waits until the WebAssembly app has mounted and built
// every row (it builds those below the first screen after taking over).
func (b *browser) waitInteractive(t testing.TB) time.Duration {
	t.Helper()
	start := time.Now()
	b.run(t, chromedp.WaitVisible(`#widget[data-state="interactive"][data-built="all"]`, chromedp.ByQuery))
	return time.Since(start)
}

// poll checks cond until it holds or timeout passes, and reports whether
// it held. It is the one way these tests wait: for a condition, never for
// a fixed time; the interval only paces the checks.
func poll(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitFor polls a JS boolean expression until it is true or the time is
// up. Errors while the page navigates (no context yet) are retried.
func (b *browser) waitFor(t testing.TB, what, js string) {
	t.Helper()
	var lastErr error
	if !poll(20*time.Second, func() bool {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		defer cancel()
		var ok bool
		lastErr = chromedp.Run(ctx, chromedp.Evaluate(js, &ok))
		return lastErr == nil && ok
	}) {
		t.Fatalf("timed out waiting for %s (last error: %v)", what, lastErr)
	}
}

// httpGet fetches a URL with a plain client, for checks below the browser.
func httpGet(t testing.TB, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// freeAddr returns a loopback address nobody listens on, so a test can
// restart the server at the same origin (same service worker scope).
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// copyWebDir copies the built web/ directory, so a test can change a file
// and serve it as another version of the app.
func copyWebDir(t testing.TB) string {
	t.Helper()
	src := filepath.Join(repoRoot, "web")
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return err
		}
		// Keep precompressed siblings as fresh as their sources.
		return os.Chtimes(target, info.ModTime(), info.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// waitServiceWorker waits until a service worker controls the page and
// has cached the WebAssembly binary, so the app works offline from then on.
func (b *browser) waitServiceWorker(t testing.TB) {
	t.Helper()
	b.waitFor(t, "service worker in control", `!!navigator.serviceWorker && !!navigator.serviceWorker.controller`)
	b.waitAsync(t, "service worker cache filled", `(async () => {
		for (const k of await caches.keys()) {
			const c = await caches.open(k);
			for (const r of await c.keys()) if (new URL(r.url).pathname.endsWith('/web/app.wasm')) return true;
		}
		return false;
	})()`)
}

// evalAsync evaluates an expression that may return a promise, awaiting it.
func (b *browser) evalAsync(t testing.TB, js string, out any) {
	t.Helper()
	b.run(t, chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// waitAsync polls an async boolean expression until it is true.
func (b *browser) waitAsync(t testing.TB, what, js string) {
	t.Helper()
	if !poll(30*time.Second, func() bool {
		var ok bool
		b.evalAsync(t, js, &ok)
		return ok
	}) {
		t.Fatalf("timed out waiting for %s", what)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
