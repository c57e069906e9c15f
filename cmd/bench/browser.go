package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"citijpm/internal/chromium"
)

//go:embed probe.js
var probeJS string

// condition is how the browser is slowed down for a set of visits.
type condition struct {
	Name    string  `json:"name"`
	CPURate float64 `json:"cpu_rate"` // 1 means not throttled
	// Network emulation; zero LatencyMs means none.
	LatencyMs float64 `json:"latency_ms,omitempty"`
	DownBps   float64 `json:"down_bits_per_sec,omitempty"`
	UpBps     float64 `json:"up_bits_per_sec,omitempty"`
}

var conditions = []condition{
	{Name: "unthrottled", CPURate: 1},
	{Name: "cpu-4x", CPURate: 4},
	// "Fast 4G"-like: 9 Mbps down, 1.5 Mbps up, 150 ms round trip.
	{Name: "net-9mbps-150ms", CPURate: 1, LatencyMs: 150, DownBps: 9e6, UpBps: 1.5e6},
}

func (c condition) throttlesNetwork() bool { return c.LatencyMs > 0 }

// Window size of every visit, as in the end-to-end tests.
const viewportW, viewportH = 1280, 900

// viewport is a window size; most visits use the one above.
type viewport struct{ W, H int }

var desktop = viewport{viewportW, viewportH}

// session is one Chromium process with a fresh profile: the first visit of
// a reader, then repeat visits in new tabs of the same profile.
type session struct {
	ctx     context.Context // the browser's first tab; cancelling it ends Chromium
	cancel  func()
	profile string
	cond    condition
	size    viewport
	sw      *swTarget // attached once the app's service worker exists
}

// newSession starts headless Chromium exactly as e2e/harness_test.go does.
func newSession(parent context.Context, chromiumPath string, cond condition, size viewport) (*session, error) {
	// Not a directory under the bench's temp dir on purpose: Chromium may
	// still be writing it when it exits, so it is removed separately.
	profile, err := os.MkdirTemp("", "citijpm-bench-chromium-")
	if err != nil {
		return nil, err
	}
	opts := chromium.Options(chromiumPath, profile, size.W, size.H)
	actx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	s := &session{ctx: ctx, profile: profile, cond: cond, size: size}
	s.cancel = func() {
		chromedp.Cancel(ctx)
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	}
	if err := chromedp.Run(ctx); err != nil {
		s.cancel()
		return nil, fmt.Errorf("starting chromium: %w", err)
	}
	return s, nil
}

func (s *session) close() { s.cancel() }

// tab is one page of the session with the probe installed, the session's
// throttling applied and its network traffic counted.
type tab struct {
	ctx    context.Context
	cancel func()
	net    *netLog
}

func (s *session) newTab() (*tab, error) {
	ctx, cancel := chromedp.NewContext(s.ctx)
	t := &tab{ctx: ctx, cancel: cancel, net: newNetLog()}
	chromedp.ListenTarget(ctx, t.net.event)
	actions := []chromedp.Action{
		network.Enable(),
		// The HTTP cache stays on: a repeat visit is measured as a reader
		// gets it.
		chromedp.EmulateViewport(int64(s.size.W), int64(s.size.H)),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(probeJS).Do(ctx)
			return err
		}),
	}
	if s.cond.CPURate > 1 {
		actions = append(actions, emulation.SetCPUThrottlingRate(s.cond.CPURate))
	}
	if s.cond.throttlesNetwork() {
		actions = append(actions, emulateNetwork(s.cond))
	}
	if err := chromedp.Run(ctx, actions...); err != nil {
		cancel()
		return nil, err
	}
	return t, nil
}

// emulateNetwork converts bits per second into CDP's bytes per second.
func emulateNetwork(c condition) chromedp.Action {
	return network.EmulateNetworkConditions(false, c.LatencyMs, c.DownBps/8, c.UpBps/8)
}

func (t *tab) close() { t.cancel() }

// run executes actions with a deadline.
func (t *tab) run(timeout time.Duration, actions ...chromedp.Action) error {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	return chromedp.Run(ctx, actions...)
}

// eval evaluates a JS expression, awaiting it if it is a promise.
func (t *tab) eval(timeout time.Duration, js string, out any) error {
	return t.run(timeout, chromedp.Evaluate(js, out, awaitPromise))
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// netLog sums what the page's network events say was transferred.
type netLog struct {
	mu        sync.Mutex
	responses map[network.RequestID]*network.Response
	decoded   map[network.RequestID]int64 // body bytes from Network.dataReceived
	totals    netTotals
}

// netTotals splits a visit's bytes by where they came from. Chromium
// reports an encodedDataLength of 0 for what a service worker answers, so
// those responses are counted by their body size (decoded: Cache Storage
// keeps bodies decoded).
type netTotals struct {
	NetworkBytes  int64 `json:"network_bytes"`   // encodedDataLength of the page's own network requests
	SWCacheBytes  int64 `json:"sw_cache_bytes"`  // body bytes the service worker answered from its cache
	SWPassedBytes int64 `json:"sw_passed_bytes"` // body bytes it fetched from the network for the page
	Requests      int   `json:"requests"`
	FromSWCache   int   `json:"requests_from_sw_cache"`
}

func newNetLog() *netLog {
	return &netLog{responses: map[network.RequestID]*network.Response{}, decoded: map[network.RequestID]int64{}}
}

func (n *netLog) event(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventResponseReceived:
		n.responses[e.RequestID] = e.Response
	case *network.EventDataReceived:
		n.decoded[e.RequestID] += e.DataLength
	case *network.EventLoadingFinished:
		r := n.responses[e.RequestID]
		n.totals.Requests++
		switch {
		case r != nil && r.FromServiceWorker && r.ServiceWorkerResponseSource == network.ServiceWorkerResponseSourceCacheStorage:
			n.totals.SWCacheBytes += n.decoded[e.RequestID]
			n.totals.FromSWCache++
		case r != nil && r.FromServiceWorker:
			n.totals.SWPassedBytes += n.decoded[e.RequestID]
		default:
			n.totals.NetworkBytes += int64(e.EncodedDataLength)
		}
		delete(n.responses, e.RequestID)
		delete(n.decoded, e.RequestID)
	}
}

// take returns the totals so far and starts counting again.
func (n *netLog) take() netTotals {
	n.mu.Lock()
	defer n.mu.Unlock()
	t := n.totals
	n.totals = netTotals{}
	return t
}

// swTarget is the app's service worker, attached to read what it fetched
// from the network itself (its precache on install, pages it passes
// through): those requests are not the page's, so the page's network
// events never show them. Resource Timing in the worker does.
type swTarget struct {
	id  target.ID
	ctx context.Context // ends with the browser: cancelling it would close the worker
}

// attachServiceWorker finds the session's service worker for origin.
func (s *session) attachServiceWorker(origin string) (*swTarget, error) {
	infos, err := chromedp.Targets(s.ctx)
	if err != nil {
		return nil, err
	}
	for _, info := range infos {
		if info.Type != "service_worker" || !strings.HasPrefix(info.URL, origin+"/") {
			continue
		}
		if s.sw != nil && s.sw.id == info.TargetID {
			return s.sw, nil
		}
		ctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithTargetID(info.TargetID))
		if err := chromedp.Run(ctx); err != nil {
			cancel()
			return nil, fmt.Errorf("attaching to the service worker: %w", err)
		}
		if s.cond.throttlesNetwork() {
			// Without this the worker's own fetches (the page it passes
			// through on a repeat visit) ignore the page's emulated network.
			if err := chromedp.Run(ctx, emulateNetwork(s.cond)); err != nil {
				cancel()
				return nil, fmt.Errorf("throttling the service worker: %w", err)
			}
		}
		s.sw = &swTarget{id: info.TargetID, ctx: ctx}
		return s.sw, nil
	}
	return nil, fmt.Errorf("no service worker for %s", origin)
}

// swFetches are the worker's own network requests so far.
type swFetches struct {
	Bytes    int64 `json:"bytes"`
	Requests int   `json:"requests"`
}

// take reads the worker's resource timing entries and clears them.
func (w *swTarget) take() (swFetches, error) {
	var f swFetches
	ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
	defer cancel()
	err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const es = performance.getEntriesByType("resource");
		performance.clearResourceTimings();
		return {bytes: es.reduce((s, e) => s + e.transferSize, 0), requests: es.length};
	})()`, &f))
	return f, err
}
