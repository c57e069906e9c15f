package server

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadDuration is how long the load test runs: WIDGET_LOAD_DURATION (a Go
// duration such as 30s) when set, 10 s by default.
func loadDuration(t *testing.T) time.Duration {
	if v := os.Getenv("WIDGET_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("WIDGET_LOAD_DURATION: %v", err)
		}
		return d
	}
	return 10 * time.Second
}

// liveHeap returns the heap still in use after collecting garbage twice
// (the second pass frees what the first only finalized or pooled).
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// loadResult is what one load run measured.
type loadResult struct {
	served, failed, refused, bytesRead int64
	perPath                            []int64
	elapsed                            time.Duration
	heapBefore, heapAfter, peakInUse   uint64
	goroutinesBefore, goroutinesAfter  int
}

// errRefused is a page never seen before refused with Retry-After: the
// server's render budget at work, not a failure.
var errRefused = errors.New("render refused, retry later")

// hammer runs clients concurrent clients against addr until duration is
// up, each asking for the paths in turn with varying Accept-Encoding. A
// path ending in "=" gets a number no request used before, so every such
// request is one no cache has seen; the server may refuse those (429 or
// 503 with Retry-After), which is counted apart from errors. It samples
// the heap before, during and after.
func hammer(t *testing.T, addr string, clients int, duration, timeout time.Duration, paths []string) loadResult {
	t.Helper()
	transport := &http.Transport{
		MaxIdleConnsPerHost: clients,
		DisableCompression:  true, // the test picks Accept-Encoding itself
	}
	client := &http.Client{Transport: transport, Timeout: timeout}
	encodings := []string{"", "gzip", "br", "gzip, deflate, br"}
	var unique atomic.Int64
	get := func(path, encoding string) (int64, error) {
		unseen := strings.HasSuffix(path, "=")
		if unseen {
			path += strconv.FormatInt(unique.Add(1), 10)
		}
		req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		switch {
		case err != nil:
			return n, err
		case unseen && (resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusTooManyRequests) &&
			resp.Header.Get("Retry-After") != "":
			return n, errRefused
		case resp.StatusCode != http.StatusOK:
			return n, fmt.Errorf("%s: status %d", path, resp.StatusCode)
		case resp.ContentLength >= 0 && n != resp.ContentLength:
			return n, fmt.Errorf("%s: %d bytes of %d", path, n, resp.ContentLength)
		}
		return n, nil
	}
	for _, p := range paths { // warm up: first renders, connection set-up
		if _, err := get(p, ""); err != nil {
			t.Fatal(err)
		}
	}
	transport.CloseIdleConnections()

	var res loadResult
	res.heapBefore, res.goroutinesBefore = liveHeap(), runtime.NumGoroutine()
	var served, failed, refused, bytesRead atomic.Int64
	perPath := make([]atomic.Int64, len(paths))
	var firstErr sync.Once
	deadline := time.Now().Add(duration)
	start := time.Now()
	// The peak matters as much as what is left: sample it under load.
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for time.Now().Before(deadline) {
			runtime.ReadMemStats(&m)
			res.peakInUse = max(res.peakInUse, m.HeapInuse)
			time.Sleep(250 * time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := c; time.Now().Before(deadline); i++ {
				n, err := get(paths[i%len(paths)], encodings[(i/len(paths))%len(encodings)])
				bytesRead.Add(n)
				if errors.Is(err, errRefused) {
					refused.Add(1)
					continue
				}
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { t.Errorf("first error: %v", err) })
					continue
				}
				served.Add(1)
				perPath[i%len(paths)].Add(1)
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	<-sampled

	// Let the server see the connections close before sampling, so what is
	// left is what it keeps, not what is in flight.
	transport.CloseIdleConnections()
	for end := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > res.goroutinesBefore+8 && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
	}
	res.heapAfter, res.goroutinesAfter = liveHeap(), runtime.NumGoroutine()
	res.served, res.failed, res.refused, res.bytesRead = served.Load(), failed.Load(), refused.Load(), bytesRead.Load()
	for i := range perPath {
		res.perPath = append(res.perPath, perPath[i].Load())
	}

	mib := func(n uint64) float64 { return float64(n) / (1 << 20) }
	t.Logf("load: %d clients for %v: %d requests served, %d errors, %d renders refused, %.0f req/s, %.1f MiB read",
		clients, res.elapsed.Round(time.Millisecond), res.served, res.failed, res.refused,
		float64(res.served)/res.elapsed.Seconds(), float64(res.bytesRead)/(1<<20))
	for i, p := range paths {
		t.Logf("load:   %-28s %d", p, res.perPath[i])
	}
	t.Logf("load: live heap %.1f MiB before, %.1f MiB after (peak in use %.1f MiB); goroutines %d before, %d after",
		mib(res.heapBefore), mib(res.heapAfter), mib(res.peakInUse), res.goroutinesBefore, res.goroutinesAfter)
	return res
}

func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped with -short")
	}
	const clients = 256
	srv := startServer(t, Config{})
	res := hammer(t, srv.addr, clients, loadDuration(t), 30*time.Second,
		[]string{"/", "/web/app.wasm", "/web/app.css", "/?section=playbook&q=pain"})
	if res.failed > 0 {
		t.Errorf("%d requests failed", res.failed)
	}
	if res.served < clients {
		t.Errorf("only %d requests served", res.served)
	}
	// Generous: assets are served from memory and pages from a bounded
	// cache, so nothing per request should survive; a leak of a few KiB per
	// request would fail a full-length run.
	const allowed = 64 << 20
	if res.heapAfter > res.heapBefore+allowed {
		t.Errorf("live heap grew from %d to %d bytes", res.heapBefore, res.heapAfter)
	}
	if res.goroutinesAfter > res.goroutinesBefore+8 {
		t.Errorf("goroutines grew from %d to %d", res.goroutinesBefore, res.goroutinesAfter)
	}
	if err := srv.stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
}

// A query no one asked for before misses the page cache, and anyone can
// send those. A flood of them may be refused (429 or 503 with Retry-After:
// the render budget), but it must not make a cached page or an asset fail,
// and memory stays bounded. How fast cached pages stay under the flood is
// a figure for make bench, not a test.
func TestUniqueQueryFloodLeavesCachedPagesAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("a flood of renders: skipped with -short")
	}
	srv := startServer(t, Config{})
	res := hammer(t, srv.addr, 128, 5*time.Second, 30*time.Second,
		[]string{"/?section=api&n=", "/", "/web/app.css", "/embed", "/?section=playbook"})
	if res.failed > 0 {
		t.Errorf("%d requests failed", res.failed)
	}
	for i, p := range []string{"/?section=api&n=", "/", "/web/app.css", "/embed", "/?section=playbook"} {
		if res.perPath[i] == 0 {
			t.Errorf("no request for %s was served", p)
		}
	}
	if res.peakInUse > 300<<20 {
		t.Errorf("heap in use peaked at %d MiB", res.peakInUse>>20)
	}
	// What is left is the page cache (a bounded LRU) and nothing per request.
	if res.heapAfter > res.heapBefore+64<<20 {
		t.Errorf("live heap grew from %d to %d MiB", res.heapBefore>>20, res.heapAfter>>20)
	}
	if res.goroutinesAfter > res.goroutinesBefore+8 {
		t.Errorf("goroutines grew from %d to %d", res.goroutinesBefore, res.goroutinesAfter)
	}
}

func TestSlowlorisIsCutOff(t *testing.T) {
	if testing.Short() {
		t.Skip("hundreds of slow connections: skipped with -short")
	}
	const headerTimeout = time.Second
	const conns = 300
	srv := startServer(t, Config{ReadHeaderTimeout: headerTimeout, ReadTimeout: 2 * headerTimeout, IdleTimeout: 2 * headerTimeout})
	normal := []string{"/", "/healthz", "/web/app.css"}
	for _, p := range normal { // the page's first render is not what is measured
		resp, err := http.Get("http://" + srv.addr + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}

	// Each slow client opens a request and sends one header byte every
	// 100 ms, forever; a reader notes when the server hangs up.
	closedAfter := make(chan time.Duration, conns)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range conns {
		conn, err := net.DialTimeout("tcp", srv.addr, 5*time.Second)
		if err != nil {
			t.Fatalf("dialing slow client: %v", err)
		}
		opened := time.Now()
		wg.Go(func() {
			defer conn.Close()
			io.WriteString(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					if _, err := conn.Write([]byte("a")); err != nil {
						return
					}
				}
			}
		})
		wg.Go(func() {
			conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			io.Copy(io.Discard, conn) // returns when the server closes
			closedAfter <- time.Since(opened)
		})
	}

	// Meanwhile a normal client, on fresh connections, is answered quickly.
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var took []time.Duration
	asked := 0
	for end := time.Now().Add(headerTimeout + 500*time.Millisecond); time.Now().Before(end); asked++ {
		t0 := time.Now()
		resp, err := client.Get("http://" + srv.addr + normal[asked%len(normal)])
		if err != nil {
			t.Fatalf("normal client during the attack: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("normal client: %d", resp.StatusCode)
		}
		took = append(took, time.Since(t0))
		time.Sleep(50 * time.Millisecond)
	}

	var latest time.Duration
	for range conns {
		select {
		case d := <-closedAfter:
			if d < headerTimeout-100*time.Millisecond {
				t.Errorf("a slow client was dropped after %v, before the header timeout", d)
			}
			latest = max(latest, d)
		case <-time.After(10 * time.Second):
			t.Fatal("slow clients still connected 10 s in")
		}
	}
	close(stop)
	wg.Wait()
	slices.Sort(took)
	median, slowest := took[len(took)/2], took[len(took)-1]
	t.Logf("slowloris: %d slow connections closed by %v (ReadHeaderTimeout %v); normal client: %d requests, median %v, slowest %v",
		conns, latest.Round(time.Millisecond), headerTimeout, asked, median.Round(time.Millisecond), slowest.Round(time.Millisecond))
	if latest > headerTimeout+2*time.Second {
		t.Errorf("slowest slow client held on for %v", latest)
	}
	// The median shows whether slow clients get in the way; the bound on
	// the slowest leaves room for a busy test machine.
	if median > 250*time.Millisecond || slowest > 2*time.Second {
		t.Errorf("normal requests during the attack: median %v, slowest %v", median, slowest)
	}
}

func TestGracefulShutdownFinishesInFlightDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("a slow 24 MiB download: skipped with -short")
	}
	// A large, incompressible file read slowly stands for app.wasm on a
	// slow link: the server is still writing it when Run is told to stop.
	web := fakeWeb(t)
	big := make([]byte, 24<<20)
	rand.NewChaCha8([32]byte{1}).Read(big)
	if err := os.WriteFile(filepath.Join(web, "big.bin"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, Config{WebDir: web})

	resp, err := http.Get("http://" + srv.addr + "/web/big.bin")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if cl, _ := strconv.Atoi(resp.Header.Get("Content-Length")); resp.StatusCode != 200 || cl != len(big) {
		t.Fatalf("status %d, length %d", resp.StatusCode, cl)
	}
	var got bytes.Buffer
	if _, err := io.CopyN(&got, resp.Body, 64<<10); err != nil {
		t.Fatal(err)
	}

	stopped := make(chan error, 1)
	stopAt := time.Now()
	go func() { stopped <- srv.stop() }()

	// New connections are refused once shutdown starts...
	refused := false
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", srv.addr, 200*time.Millisecond)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Error("still accepting connections after shutdown began")
	}
	// ...while the download in flight goes on, slowly, to the end.
	chunk := make([]byte, 256<<10)
	runningWhileReading := false
	for {
		n, err := io.ReadFull(resp.Body, chunk)
		got.Write(chunk[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break // the end of the body: a short last chunk, or none
		}
		if err != nil {
			t.Fatalf("download cut after %d bytes: %v", got.Len(), err)
		}
		if time.Since(stopAt) > 300*time.Millisecond && len(stopped) == 0 {
			runningWhileReading = true
		}
		time.Sleep(20 * time.Millisecond)
	}
	if sha256.Sum256(got.Bytes()) != sha256.Sum256(big) {
		t.Errorf("downloaded %d bytes, not the file's %d", got.Len(), len(big))
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the download finished")
	}
	if !runningWhileReading {
		t.Error("Run returned before the in-flight download was written: it did not wait for it")
	}
	t.Logf("shutdown: %d MiB download finished %v after shutdown began", len(big)>>20, time.Since(stopAt).Round(time.Millisecond))
}
