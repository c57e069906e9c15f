package server

import (
	"bytes"
	"container/list"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// pageCache serves go-app's prerendered pages. Rendering the whole
// comparison costs milliseconds, so each distinct page (path, query and
// day, since staleness depends on the date) is rendered and compressed once
// and kept in a small LRU; requests then cost what a static file does.
type pageCache struct {
	render http.Handler
	now    func() time.Time
	// slots bounds the renders in progress: a flood of made-up queries,
	// each a cache miss, then waits instead of exhausting memory and CPU.
	slots chan struct{}

	mu       sync.Mutex
	order    *list.List // of *cachedPage, most recent first
	byKey    map[string]*list.Element
	inflight map[string]*render // misses being rendered, so each renders once
	limit    int
}

// render is one page being built; others asking for it wait on done.
type render struct {
	done  chan struct{}
	asset *asset
	err   error
}

type cachedPage struct {
	key   string
	asset *asset
}

// Pages are compressed on their first request, so quick levels: about 90%
// of the best ratio for a few percent of the time.
const (
	pageGzipLevel   = 6
	pageBrotliLevel = 5
)

// pageCacheLimit bounds memory: a page is about 0.5 MB with its variants.
const pageCacheLimit = 64

// concurrentRenders is how many pages render at once; rendering is CPU
// bound, so more would only queue inside the scheduler.
var concurrentRenders = max(2, runtime.GOMAXPROCS(0))

// renderWait is how long a request waits for a render slot before the
// server answers 503 rather than piling up.
const renderWait = 10 * time.Second

func newPageCache(h http.Handler) *pageCache {
	return &pageCache{
		render: h, now: time.Now, slots: make(chan struct{}, concurrentRenders),
		order: list.New(), byKey: map[string]*list.Element{}, inflight: map[string]*render{}, limit: pageCacheLimit,
	}
}

func (p *pageCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := p.now().Format(time.DateOnly) + " " + r.URL.Path + "?" + r.URL.RawQuery
	a, err := p.page(r, key)
	serveRendered(w, r, a, err)
}

// serveRendered answers with a cached render, or says why there is none.
func serveRendered(w http.ResponseWriter, r *http.Request, a *asset, err error) {
	switch {
	case err == errBusy:
		w.Header().Set("Retry-After", "5")
		http.Error(w, "busy, try again shortly", http.StatusServiceUnavailable)
	case err != nil:
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
	case a == nil:
		http.NotFound(w, r)
	default:
		a.ServeHTTP(w, r)
	}
}

var errBusy = errors.New("no render slot")

// page returns the cached page for key, rendering it if needed.
func (p *pageCache) page(r *http.Request, key string) (*asset, error) {
	return p.cached(r, key, func() (*asset, error) { return p.build(r) })
}

// cached returns the answer stored under key, or builds it in a render
// slot and stores it; concurrent requests for the same missing key share
// one build. The share endpoints (share.go) use it for their files.
func (p *pageCache) cached(r *http.Request, key string, build func() (*asset, error)) (*asset, error) {
	p.mu.Lock()
	if e, ok := p.byKey[key]; ok {
		p.order.MoveToFront(e)
		p.mu.Unlock()
		return e.Value.(*cachedPage).asset, nil
	}
	if job, ok := p.inflight[key]; ok {
		p.mu.Unlock()
		<-job.done
		return job.asset, job.err
	}
	job := &render{done: make(chan struct{})}
	p.inflight[key] = job
	p.mu.Unlock()

	job.asset, job.err = p.withSlot(r, build)
	p.mu.Lock()
	delete(p.inflight, key)
	if job.err == nil && job.asset != nil {
		p.put(key, job.asset)
	}
	p.mu.Unlock()
	close(job.done)
	return job.asset, job.err
}

func (p *pageCache) withSlot(r *http.Request, build func() (*asset, error)) (*asset, error) {
	timer := time.NewTimer(renderWait)
	defer timer.Stop()
	select {
	case p.slots <- struct{}{}:
	case <-timer.C:
		return nil, errBusy
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	defer func() { <-p.slots }()
	return build()
}

// sibling is a cache of its own size that draws on the same render slots,
// so renders of any kind together stay within the server's budget.
func (p *pageCache) sibling() *pageCache {
	c := newPageCache(nil)
	c.slots = p.slots
	return c
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
	// up to pageCacheLimit pages stay in memory.
	body := bytes.Clone(fixPrerender(rec.Body.Bytes()))
	a, err := compressAsset("page.html", body, nil, nil, pageGzipLevel, pageBrotliLevel)
	if err != nil {
		return nil, err
	}
	a.contentType = "text/html; charset=utf-8"
	return a, nil
}

// put stores a page; the caller holds p.mu.
func (p *pageCache) put(key string, a *asset) {
	if _, ok := p.byKey[key]; ok {
		return
	}
	p.byKey[key] = p.order.PushFront(&cachedPage{key: key, asset: a})
	for p.order.Len() > p.limit {
		last := p.order.Back()
		p.order.Remove(last)
		delete(p.byKey, last.Value.(*cachedPage).key)
	}
}

type errStatus int

func (e errStatus) Error() string { return "render status " + strconv.Itoa(int(e)) }

// bareTrueAria matches an aria-* attribute written without a value.
var bareTrueAria = regexp.MustCompile(`( aria-[a-z]+)([ />])`)

// fixPrerender repairs what go-app's HTML encoder gets wrong: it writes an
// attribute whose value is "true" as a bare name, which is right for
// hidden or checked but turns aria-hidden="true" into aria-hidden="", an
// invalid value that assistive technology ignores.
func fixPrerender(page []byte) []byte {
	if !bytes.Contains(page, []byte(" aria-")) {
		return page
	}
	return bareTrueAria.ReplaceAll(page, []byte(`$1="true"$2`))
}
