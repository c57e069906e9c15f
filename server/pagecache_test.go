package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeRenderer stands in for go-app: it answers "page <uri>", counts its
// renders by URI, and, when gated, holds every render until the gate
// opens. "/missing" is not found, "/broken" fails and "/panic" panics.
type fakeRenderer struct {
	gate    chan struct{} // nil: render at once
	entered chan string   // told the URI of each render started, if not nil

	mu      sync.Mutex
	renders map[string]int
	ctxErrs []error // the render context's error after the gate
}

func (f *fakeRenderer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.renders[r.URL.RequestURI()]++
	f.mu.Unlock()
	if f.entered != nil {
		f.entered <- r.URL.RequestURI()
	}
	if f.gate != nil {
		<-f.gate
		f.mu.Lock()
		f.ctxErrs = append(f.ctxErrs, r.Context().Err())
		f.mu.Unlock()
	}
	switch r.URL.Path {
	case "/missing":
		http.NotFound(w, r)
	case "/broken":
		http.Error(w, "boom", http.StatusInternalServerError)
	case "/panic":
		panic("render exploded")
	default:
		io.WriteString(w, "page "+r.URL.RequestURI())
	}
}

func (f *fakeRenderer) count(uri string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.renders[uri]
}

// testLimits are generous unless a test narrows them.
func testLimits() renderLimits {
	return renderLimits{slots: 2, queued: 8, wait: time.Minute, cached: 4, perSecond: 1000, burst: 1000}
}

func newTestCache(t *testing.T, f *fakeRenderer, limits renderLimits) (*pageCache, *lockedBuffer) {
	t.Helper()
	if f.renders == nil {
		f.renders = map[string]int{}
	}
	logs := &lockedBuffer{}
	return newPageCache(f, slog.New(slog.NewTextHandler(logs, nil)), limits), logs
}

func request(target, client string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if client != "" {
		r.RemoteAddr = client + ":40000"
	}
	return r
}

func serveCache(p *pageCache, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	p.ServeHTTP(w, r)
	return w
}

// waitingCtx tells, through waiting, when a request has reached the point
// where it waits for its page: the first call of Done.
type waitingCtx struct {
	context.Context
	once    sync.Once
	waiting chan struct{}
}

func (c *waitingCtx) Done() <-chan struct{} {
	c.once.Do(func() { close(c.waiting) })
	return c.Context.Done()
}

func watched(r *http.Request, parent context.Context) (*http.Request, chan struct{}) {
	ctx := &waitingCtx{Context: parent, waiting: make(chan struct{})}
	return r.WithContext(ctx), ctx.waiting
}

func TestPageCacheRendersOnceThenServesFromMemory(t *testing.T) {
	f := &fakeRenderer{}
	p, _ := newTestCache(t, f, testLimits())
	for range 3 {
		w := serveCache(p, request("/?q=a", ""))
		if w.Code != http.StatusOK || w.Body.String() != "page /?q=a" {
			t.Fatalf("status %d, body %q", w.Code, w.Body)
		}
	}
	if n := f.count("/?q=a"); n != 1 {
		t.Errorf("rendered %d times, want 1", n)
	}
	if w := serveCache(p, request("/missing?x=1", "")); w.Code != http.StatusNotFound {
		t.Errorf("missing page: status %d", w.Code)
	}
}

func TestPageCacheEvictsTheLeastRecentlyUsed(t *testing.T) {
	f := &fakeRenderer{}
	limits := testLimits()
	limits.cached = 2
	p, _ := newTestCache(t, f, limits)
	for _, q := range []string{"/?q=1", "/?q=2", "/?q=1", "/?q=3"} { // q=1 used again, so q=2 is the oldest
		serveCache(p, request(q, ""))
	}
	serveCache(p, request("/?q=1", ""))
	serveCache(p, request("/?q=2", ""))
	if got := []int{f.count("/?q=1"), f.count("/?q=2"), f.count("/?q=3")}; got[0] != 1 || got[1] != 2 || got[2] != 1 {
		t.Errorf("renders of q=1, q=2, q=3 = %v, want [1 2 1]", got)
	}
}

// The pages everyone opens without a query must survive a flood of
// made-up queries churning the LRU.
func TestPageCacheKeepsPagesWithoutQueryOutOfTheLRU(t *testing.T) {
	f := &fakeRenderer{}
	limits := testLimits()
	limits.cached = 1
	p, _ := newTestCache(t, f, limits)
	if err := p.warm([]string{"/", "/embed"}); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		serveCache(p, request("/?n="+string(rune('a'+i)), ""))
	}
	for _, path := range []string{"/", "/embed"} {
		if w := serveCache(p, request(path, "")); w.Code != http.StatusOK || f.count(path) != 1 {
			t.Errorf("%s: status %d after %d renders, want 200 after 1", path, w.Code, f.count(path))
		}
	}
}

func TestPageCacheRendersAgainOnANewDayWithoutMakingAnyoneWait(t *testing.T) {
	f := &fakeRenderer{}
	p, _ := newTestCache(t, f, testLimits())
	day := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return day }
	if err := p.warm([]string{"/"}); err != nil {
		t.Fatal(err)
	}
	day = day.Add(2 * time.Hour)
	f.gate = make(chan struct{})
	// Yesterday's page is served while today's renders.
	if w := serveCache(p, request("/", "")); w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	p.mu.Lock()
	job := p.inflight[day.Format(time.DateOnly)+" /?"]
	p.mu.Unlock()
	if job == nil {
		t.Fatal("no render of the new day's page started")
	}
	close(f.gate)
	<-job.done
	serveCache(p, request("/", ""))
	if n := f.count("/"); n != 2 {
		t.Errorf("rendered %d times, want 2 (one a day)", n)
	}
}

func TestPageCacheSharesOneRenderAmongConcurrentRequests(t *testing.T) {
	f := &fakeRenderer{gate: make(chan struct{}), entered: make(chan string, 8)}
	p, _ := newTestCache(t, f, testLimits())
	const clients = 5
	results := make(chan *httptest.ResponseRecorder, clients)
	for range clients {
		r, waiting := watched(request("/?q=shared", ""), context.Background())
		go func() { results <- serveCache(p, r) }()
		<-waiting
	}
	<-f.entered
	close(f.gate)
	for range clients {
		if w := <-results; w.Code != http.StatusOK || w.Body.String() != "page /?q=shared" {
			t.Errorf("status %d, body %q", w.Code, w.Body)
		}
	}
	if n := f.count("/?q=shared"); n != 1 {
		t.Errorf("rendered %d times, want 1", n)
	}
}

// A client that leaves stops waiting at once; the render it started goes
// on for the others and for the cache.
func TestPageCacheWaiterCancellationIsItsOwn(t *testing.T) {
	f := &fakeRenderer{gate: make(chan struct{}), entered: make(chan string, 8)}
	p, _ := newTestCache(t, f, testLimits())

	ctx, cancel := context.WithCancel(context.Background())
	first, firstWaiting := watched(request("/?q=c", ""), ctx)
	firstErr := make(chan error, 1)
	go func() {
		_, err := p.page(first)
		firstErr <- err
	}()
	<-firstWaiting
	second, secondWaiting := watched(request("/?q=c", ""), context.Background())
	secondDone := make(chan *httptest.ResponseRecorder, 1)
	go func() { secondDone <- serveCache(p, second) }()
	<-secondWaiting
	<-f.entered

	cancel()
	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled waiter got %v, want context.Canceled", err)
	}
	close(f.gate)
	if w := <-secondDone; w.Code != http.StatusOK {
		t.Errorf("the other waiter got status %d, want 200", w.Code)
	}
	f.mu.Lock()
	if len(f.ctxErrs) != 1 || f.ctxErrs[0] != nil {
		t.Errorf("render context errors %v, want one nil: the render must not be cancelled", f.ctxErrs)
	}
	f.mu.Unlock()
	serveCache(p, request("/?q=c", ""))
	if n := f.count("/?q=c"); n != 1 {
		t.Errorf("rendered %d times, want 1: the page is cached", n)
	}
}

func TestPageCacheRefusesMissesWhenTheQueueIsFull(t *testing.T) {
	f := &fakeRenderer{gate: make(chan struct{}), entered: make(chan string, 8)}
	limits := testLimits()
	limits.slots, limits.queued = 1, 1
	p, logs := newTestCache(t, f, limits)
	if err := p.warm(nil); err != nil {
		t.Fatal(err)
	}
	go serveCache(p, request("/?q=slow", ""))
	<-f.entered // the only slot and the only queue place are taken

	w := serveCache(p, request("/?q=other", ""))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q: a refusal must not be cached", w.Header().Get("Cache-Control"))
	}
	// A flood shows in the log, once, not once a request.
	serveCache(p, request("/?q=third", ""))
	if n := strings.Count(logs.String(), "page renders refused"); n != 1 {
		t.Errorf("refusals logged %d times, want once:\n%s", n, logs)
	}
	close(f.gate)
}

func TestPageCacheRefusesMissesThatWaitTooLongForASlot(t *testing.T) {
	f := &fakeRenderer{gate: make(chan struct{}), entered: make(chan string, 8)}
	limits := testLimits()
	limits.slots, limits.queued, limits.wait = 1, 4, time.Millisecond
	p, _ := newTestCache(t, f, limits)
	slowDone := make(chan struct{})
	go func() {
		serveCache(p, request("/?q=slow", ""))
		close(slowDone)
	}()
	<-f.entered // the only slot is held until the gate opens

	if w := serveCache(p, request("/?q=queued", "")); w.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", w.Code)
	}
	close(f.gate)
	<-slowDone
	// The refusal is not cached: once a slot is free the page renders.
	f.gate, f.entered = nil, nil
	if w := serveCache(p, request("/?q=queued", "")); w.Code != http.StatusOK {
		t.Errorf("after the slot freed: status %d, want 200", w.Code)
	}
}

func TestPageCacheBudgetIsPerClient(t *testing.T) {
	f := &fakeRenderer{}
	limits := testLimits()
	limits.perSecond, limits.burst = 1e-9, 2 // no refill during the test
	p, _ := newTestCache(t, f, limits)
	status := func(target, client string) int { return serveCache(p, request(target, client)).Code }

	if a, b := status("/?q=1", "192.0.2.1"), status("/?q=2", "192.0.2.1"); a != 200 || b != 200 {
		t.Fatalf("within budget: %d %d", a, b)
	}
	w := serveCache(p, request("/?q=3", "192.0.2.1"))
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("over budget: status %d, Retry-After %q; want 429 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if got := status("/?q=1", "192.0.2.1"); got != 200 {
		t.Errorf("a cached page over budget: %d, want 200 (hits cost nothing)", got)
	}
	if got := status("/?q=3", "192.0.2.2"); got != 200 {
		t.Errorf("another client: %d, want 200", got)
	}
	// One IPv6 subscriber holds a /64: its addresses share one budget.
	status("/?q=4", "[2001:db8::1]")
	status("/?q=5", "[2001:db8::2]")
	if got := status("/?q=6", "[2001:db8::3]"); got != http.StatusTooManyRequests {
		t.Errorf("third address of one /64: %d, want 429", got)
	}
}

func TestPageCacheLogsRenderFailures(t *testing.T) {
	f := &fakeRenderer{}
	p, logs := newTestCache(t, f, testLimits())
	for _, target := range []string{"/broken?q=1", "/panic?q=1"} {
		if w := serveCache(p, request(target, "")); w.Code != http.StatusInternalServerError {
			t.Errorf("%s: status %d, want 500", target, w.Code)
		}
	}
	for _, want := range []string{"msg=\"render failed\"", "render status 500", "render panicked: render exploded"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	if w := serveCache(p, request("/?q=after", "")); w.Code != http.StatusOK {
		t.Errorf("after a panic: status %d, want 200", w.Code)
	}
}

func TestPageCacheWarmFailsWhenAPageDoesNotRender(t *testing.T) {
	for _, path := range []string{"/missing", "/broken"} {
		p, _ := newTestCache(t, &fakeRenderer{}, testLimits())
		if err := p.warm([]string{"/", path}); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("warm with %s: %v, want an error naming it", path, err)
		}
	}
}
