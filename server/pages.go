package server

import (
	"bytes"
	"container/list"
	"net/http"
	"net/http/httptest"
	"regexp"
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

	mu    sync.Mutex
	order *list.List // of *cachedPage, most recent first
	byKey map[string]*list.Element
	limit int
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

func newPageCache(render http.Handler) *pageCache {
	return &pageCache{render: render, now: time.Now, order: list.New(), byKey: map[string]*list.Element{}, limit: pageCacheLimit}
}

func (p *pageCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := p.now().Format(time.DateOnly) + " " + r.URL.Path + "?" + r.URL.RawQuery
	a, ok := p.get(key)
	if !ok {
		var err error
		if a, err = p.build(r); err != nil {
			http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
			return
		}
		if a == nil {
			http.NotFound(w, r)
			return
		}
		p.put(key, a)
	}
	a.ServeHTTP(w, r)
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
	a, err := compressAsset("page.html", fixPrerender(rec.Body.Bytes()), nil, nil, pageGzipLevel, pageBrotliLevel)
	if err != nil {
		return nil, err
	}
	a.contentType = "text/html; charset=utf-8"
	return a, nil
}

func (p *pageCache) get(key string) (*asset, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.byKey[key]; ok {
		p.order.MoveToFront(e)
		return e.Value.(*cachedPage).asset, true
	}
	return nil, false
}

func (p *pageCache) put(key string, a *asset) {
	p.mu.Lock()
	defer p.mu.Unlock()
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
