package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/time/rate"
)

// pageCache serves go-app's prerendered pages. Rendering the whole
// comparison costs tens of milliseconds of CPU, so each distinct page
// (path, query and day, since staleness depends on the date) is rendered
// and compressed once; requests then cost what a static file does.
//
// A flood of made-up queries is a flood of misses. Hits never wait for
// one: renders run outside the lock, on fewer cores than the machine has,
// and the pages without a query are kept apart from the LRU the flood
// churns. Misses get a bounded share: a per-client budget, a bounded queue
// and a short wait for a render slot, then 429 or 503 with Retry-After.
type pageCache struct {
	render http.Handler
	now    func() time.Time
	log    *slog.Logger
	limits renderLimits
	budget *clientBudget
	slots  chan struct{} // a token per render running
	queue  chan struct{} // a token per render running or waiting for a slot

	// Refusals are counted and logged at most once a minute: a flood must
	// show in the logs without filling them.
	refused    atomic.Int64
	refusalLog rate.Sometimes

	mu       sync.Mutex
	bare     map[string]dayPage             // by path: pages without a query
	recent   *simplelru.LRU[string, *asset] // by key: pages with a query
	inflight map[string]*renderJob          // misses being rendered, so each renders once
}

// renderLimits bound what cache misses may take from the server.
type renderLimits struct {
	slots     int           // renders at once
	queued    int           // renders running or waiting; more are refused at once
	wait      time.Duration // longest wait for a slot
	cached    int           // pages with a query kept
	perSecond float64       // a client's budget of misses, refilled per second…
	burst     int           // …up to this many at once
}

// defaultRenderLimits leave a core to cache hits: rendering is CPU bound,
// and a render on every core would make a visitor's cached page wait for
// the scheduler. A page with its compressed variants is about 0.5 MB.
func defaultRenderLimits() renderLimits {
	slots := max(1, runtime.GOMAXPROCS(0)-1)
	return renderLimits{
		slots: slots, queued: 4 * slots, wait: 2 * time.Second, cached: 64,
		perSecond: 2, burst: 20,
	}
}

// retryAfter is the Retry-After of a refused miss, in seconds: about the
// time a full queue takes to drain.
const retryAfter = "2"

// Pages are compressed when first asked for, so quick levels: about 90% of
// the best ratio for a few percent of the time.
const (
	pageGzipLevel   = 6
	pageBrotliLevel = 5
)

var (
	errBusy       = errors.New("no render slot free")
	errOverBudget = errors.New("client spent its render budget")
)

// dayPage is a page rendered for one day.
type dayPage struct {
	day   string
	asset *asset
}

// renderJob is one page being built; everyone asking for it waits on done.
type renderJob struct {
	done  chan struct{}
	asset *asset
	err   error
}

func newPageCache(h http.Handler, log *slog.Logger, limits renderLimits) *pageCache {
	recent, err := simplelru.NewLRU[string, *asset](limits.cached, nil)
	if err != nil {
		panic(err) // only for a size below 1, a programming error
	}
	return &pageCache{
		render: h, now: time.Now, log: log, limits: limits,
		budget:     newClientBudget(limits.perSecond, limits.burst),
		refusalLog: rate.Sometimes{Interval: time.Minute},
		slots:      make(chan struct{}, limits.slots),
		queue:      make(chan struct{}, limits.queued),
		bare:       map[string]dayPage{}, recent: recent, inflight: map[string]*renderJob{},
	}
}

func (p *pageCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a, err := p.page(r)
	serveRendered(w, r, a, err)
}

// serveRendered answers with a cached render, or says why there is none.
func serveRendered(w http.ResponseWriter, r *http.Request, a *asset, err error) {
	switch {
	case errors.Is(err, errOverBudget):
		refuseRender(w, http.StatusTooManyRequests)
	case errors.Is(err, errBusy):
		refuseRender(w, http.StatusServiceUnavailable)
	case r.Context().Err() != nil:
		// The client left; there is no one to answer.
	case err != nil:
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
	case a == nil:
		http.NotFound(w, r)
	default:
		a.ServeHTTP(w, r)
	}
}

func refuseRender(w http.ResponseWriter, code int) {
	w.Header().Set("Retry-After", retryAfter)
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, "busy, try again in a few seconds", code)
}

// refusal counts a render refused, and logs the count at most once a
// minute.
func (p *pageCache) refusal(err error) error {
	p.refused.Add(1)
	p.refusalLog.Do(func() {
		p.log.Warn("page renders refused: a client over its budget, or every render slot busy",
			"refused_since_last_report", p.refused.Swap(0))
	})
	return err
}

// isRefusal tells a refused render from a failed one.
func isRefusal(err error) bool {
	return errors.Is(err, errBusy) || errors.Is(err, errOverBudget)
}

// buildFunc renders one answer for a request.
type buildFunc func(r *http.Request) (*asset, error)

// page returns the page r asks for, rendering it if needed. Concurrent
// requests for the same missing page share one render, which runs
// detached from them: each waits on its own context, and a client that
// leaves neither cancels the render for the others nor wastes it.
func (p *pageCache) page(r *http.Request) (*asset, error) {
	day := p.now().Format(time.DateOnly)
	if r.URL.RawQuery != "" {
		return p.cachedAt(r, day+" "+r.URL.Path+"?"+r.URL.RawQuery, p.build)
	}
	key := day + " " + r.URL.Path + "?"
	p.mu.Lock()
	// A page without a query is never a miss once rendered: on a new day
	// the last one is served while its successor renders.
	if pg, ok := p.bare[r.URL.Path]; ok {
		if pg.day != day {
			p.start(key, r, false, true, p.build)
		}
		p.mu.Unlock()
		return pg.asset, nil
	}
	job := p.start(key, r, false, true, p.build) // only as many as the app has routes
	p.mu.Unlock()
	return waitFor(r, job)
}

// cached returns the answer stored under key, or builds it within the
// same budget as pages (the share files use it; see share.go).
func (p *pageCache) cached(r *http.Request, key string, build func() (*asset, error)) (*asset, error) {
	return p.cachedAt(r, key, func(*http.Request) (*asset, error) { return build() })
}

// cachedAt serves key from the LRU of recent renders, or renders it if the
// client's budget and the queue allow.
func (p *pageCache) cachedAt(r *http.Request, key string, build buildFunc) (*asset, error) {
	p.mu.Lock()
	if a, ok := p.recent.Get(key); ok {
		p.mu.Unlock()
		return a, nil
	}
	job, ok := p.inflight[key]
	if !ok {
		var err error
		if job, err = p.admit(key, r, build); err != nil {
			p.mu.Unlock()
			return nil, p.refusal(err)
		}
	}
	p.mu.Unlock()
	return waitFor(r, job)
}

// waitFor waits for job on the request's own context.
func waitFor(r *http.Request, job *renderJob) (*asset, error) {
	select {
	case <-job.done:
		return job.asset, job.err
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
}

// admit starts the render of a miss if the client's budget and the queue
// allow it. The caller holds p.mu.
func (p *pageCache) admit(key string, r *http.Request, build buildFunc) (*renderJob, error) {
	select {
	case p.queue <- struct{}{}:
	default:
		return nil, errBusy
	}
	if !p.budget.allow(clientOf(r)) {
		<-p.queue
		return nil, errOverBudget
	}
	return p.start(key, r, true, false, build), nil
}

// start renders key in the background unless it already is; queued tells
// whether the job holds a queue token, bare whether it is a page without a
// query, kept apart from the LRU. The caller holds p.mu.
func (p *pageCache) start(key string, r *http.Request, queued, bare bool, build buildFunc) *renderJob {
	if job, ok := p.inflight[key]; ok {
		if queued {
			<-p.queue
		}
		return job
	}
	job := &renderJob{done: make(chan struct{})}
	p.inflight[key] = job
	req := r.Clone(context.WithoutCancel(r.Context()))
	go p.run(key, job, req, queued, bare, build)
	return job
}

func (p *pageCache) run(key string, job *renderJob, r *http.Request, queued, bare bool, build buildFunc) {
	if queued {
		defer func() { <-p.queue }()
	}
	job.asset, job.err = p.renderInSlot(r, build)
	switch {
	case isRefusal(job.err):
		p.refusal(job.err)
	case job.err != nil:
		p.log.Error("render failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", job.err)
	}
	p.mu.Lock()
	delete(p.inflight, key)
	if job.err == nil && job.asset != nil {
		if bare {
			p.bare[r.URL.Path] = dayPage{day: key[:len(time.DateOnly)], asset: job.asset}
		} else {
			p.recent.Add(key, job.asset)
		}
	}
	p.mu.Unlock()
	close(job.done)
}

// renderInSlot waits a short while for a render slot, then renders.
func (p *pageCache) renderInSlot(r *http.Request, build buildFunc) (a *asset, err error) {
	wait := time.NewTimer(p.limits.wait)
	defer wait.Stop()
	select {
	case p.slots <- struct{}{}:
	case <-wait.C:
		return nil, errBusy
	}
	defer func() { <-p.slots }()
	// The render runs on its own goroutine, out of reach of the server's
	// recoverPanics: a panicking page must not take the process down.
	defer func() {
		if v := recover(); v != nil {
			a, err = nil, fmt.Errorf("render panicked: %v", v)
		}
	}()
	return build(r)
}

// warm renders the pages without a query before the server takes
// requests, and fails if one of them does not render: a server that cannot
// show its front page should not start.
func (p *pageCache) warm(paths []string) error {
	for _, path := range paths {
		p.mu.Lock()
		job := p.start(p.now().Format(time.DateOnly)+" "+path+"?", httptest.NewRequest(http.MethodGet, path, nil), false, true, p.build)
		p.mu.Unlock()
		<-job.done
		switch {
		case job.err != nil:
			return fmt.Errorf("rendering %s: %w", path, job.err)
		case job.asset == nil:
			return fmt.Errorf("rendering %s: not found (is the route registered?)", path)
		}
	}
	return nil
}

// build renders the page once, without the conditional and encoding
// headers of the request that triggered it.
func (p *pageCache) build(r *http.Request) (*asset, error) {
	req := r.Clone(r.Context())
	req.Header = http.Header{}
	req.Method = http.MethodGet
	rec := httptest.NewRecorder()
	p.render.ServeHTTP(rec, req)
	switch rec.Code {
	case http.StatusOK:
	case http.StatusNotFound:
		return nil, nil
	default:
		return nil, errStatus(rec.Code)
	}
	// A copy of exact size: the recorder's buffer has room to spare, and
	// many pages stay in memory.
	body := bytes.Clone(fixPrerender(rec.Body.Bytes()))
	a, err := compressAsset("page.html", body, nil, nil, pageGzipLevel, pageBrotliLevel)
	if err != nil {
		return nil, err
	}
	a.contentType = "text/html; charset=utf-8"
	return a, nil
}

type errStatus int

func (e errStatus) Error() string { return "render status " + strconv.Itoa(int(e)) }
