package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"citijpm/data"
)

// No test here touches the internet: CI has none. URLs point at httptest
// servers, or the resolver and transport are stand-ins.

func resolves(context.Context, string) ([]string, error) { return []string{"127.0.0.1"}, nil }

func noSuchHost(_ context.Context, host string) ([]string, error) {
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// roundTrip adapts a function to http.RoundTripper.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// site is a server with one path per behaviour; it records the methods each
// path saw and how many requests were in flight at once.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	methods  map[string][]string
	inFlight int
	maxIn    int
}

func newSite(t *testing.T) *site {
	s := &site{methods: map[string][]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.methods[r.URL.Path] = append(s.methods[r.URL.Path], r.Method)
		s.inFlight++
		s.maxIn = max(s.maxIn, s.inFlight)
		s.mu.Unlock()
		defer func() { s.mu.Lock(); s.inFlight--; s.mu.Unlock() }()
		time.Sleep(5 * time.Millisecond) // let requests overlap

		head := r.Method == http.MethodHead
		switch r.URL.Path {
		case "/ok":
		case "/redirect":
			http.Redirect(w, r, "/missing", http.StatusMovedPermanently) // an answer; not followed
		case "/head-405":
			if head {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/head-403":
			if head {
				w.WriteHeader(http.StatusForbidden)
			}
		case "/get-404":
			if head {
				w.WriteHeader(http.StatusMethodNotAllowed)
			} else {
				w.WriteHeader(http.StatusNotFound)
			}
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func testChecker(s *site, parallel int) *linkChecker {
	c := s.Client()
	c.Timeout = 5 * time.Second
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &linkChecker{client: c, lookupHost: resolves, parallel: parallel}
}

func linksTo(base string, paths ...string) []link {
	var out []link
	for _, p := range paths {
		out = append(out, link{URL: base + p, From: []string{"source " + strings.Trim(p, "/")}})
	}
	return out
}

func TestLinksCheck(t *testing.T) {
	s := newSite(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // connection refused from here on

	cases := []struct {
		name   string
		links  []link
		status int
		fails  []string // "path: reason" of each failure, in input order
		last   string
	}{
		{
			name:   "all answer",
			links:  linksTo(s.URL, "/ok", "/redirect", "/head-405", "/head-403"),
			status: 0,
			last:   "links: all 4 URLs answered",
		},
		{
			name:   "some fail",
			links:  append(linksTo(s.URL, "/ok", "/missing", "/head-405", "/broken", "/get-404"), linksTo(closed.URL, "/gone")...),
			status: 1,
			fails:  []string{"/missing: 404 Not Found", "/broken: 500 Internal Server Error", "/get-404: 404 Not Found", "/gone: dial tcp"},
			last:   "links: 4 of 6 URLs failed",
		},
		{
			// One host that refuses: a dead site, not a dead network.
			name:   "single host unreachable",
			links:  linksTo(closed.URL, "/a", "/b"),
			status: 1,
			fails:  []string{"/a: dial tcp", "/b: dial tcp"},
			last:   "links: 2 of 2 URLs failed",
		},
		{name: "nothing to check", links: nil, status: 0, last: "links: all 0 URLs answered"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			status := testChecker(s, 3).check(context.Background(), &out, tc.links)
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if status != tc.status || lines[len(lines)-1] != tc.last {
				t.Fatalf("status %d, want %d\n%s", status, tc.status, out.String())
			}
			fails := lines[:len(lines)-1]
			if len(fails) != len(tc.fails) {
				t.Fatalf("failures\n%s\nwant %q", out.String(), tc.fails)
			}
			for i, l := range fails {
				path, reason, _ := strings.Cut(tc.fails[i], ": ")
				prefix := "FAIL http://127.0.0.1:"
				if !strings.HasPrefix(l, prefix) || !strings.Contains(l, path+" — "+reason) || !strings.HasSuffix(l, "(source "+path[1:]+")") {
					t.Errorf("failure line %q, want URL …%s, reason %q and its origin", l, path, reason)
				}
			}
		})
	}

	// HEAD first; GET only when HEAD is refused.
	s.mu.Lock()
	defer s.mu.Unlock()
	for path, once := range map[string][]string{
		"/ok":       {"HEAD"},
		"/redirect": {"HEAD"},
		"/missing":  {"HEAD"},
		"/head-405": {"HEAD", "GET"},
		"/head-403": {"HEAD", "GET"},
		"/get-404":  {"HEAD", "GET"},
	} {
		got := s.methods[path]
		var want []string
		for range len(got) / len(once) {
			want = append(want, once...)
		}
		if len(got) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s saw %v, want %v per check", path, got, once)
		}
	}
}

func TestLinksCheckIsBounded(t *testing.T) {
	s := newSite(t)
	var paths []string
	for range 20 {
		paths = append(paths, "/ok")
	}
	var out bytes.Buffer
	if status := testChecker(s, 3).check(context.Background(), &out, linksTo(s.URL, paths...)); status != 0 {
		t.Fatalf("status %d\n%s", status, out.String())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxIn > 3 || s.maxIn < 2 || len(s.methods["/ok"]) != 20 {
		t.Errorf("%d requests, at most %d at once; want 20, 2 to 3 at once", len(s.methods["/ok"]), s.maxIn)
	}
}

func TestLinksNoNetwork(t *testing.T) {
	mustNotDial := roundTrip(func(r *http.Request) (*http.Response, error) {
		t.Errorf("requested %s while offline", r.URL)
		return nil, errors.New("offline")
	})
	var lookups []string
	lc := &linkChecker{
		client: &http.Client{Transport: mustNotDial},
		lookupHost: func(ctx context.Context, host string) ([]string, error) {
			lookups = append(lookups, host)
			return noSuchHost(ctx, host)
		},
		parallel: 4,
	}
	links := []link{
		{URL: "https://a.invalid/1"}, {URL: "https://a.invalid/2"}, {URL: "https://b.invalid/"},
		{URL: "https://c.invalid/"}, {URL: "https://d.invalid/"}, {URL: "https://e.invalid/"},
	}
	var out bytes.Buffer
	status := lc.check(context.Background(), &out, links)
	want := "links: skipped — no network access from this machine (6 URLs not checked: lookup c.invalid: no such host)\n"
	if status != statusOffline || out.String() != want {
		t.Errorf("status %d, output\n%q\nwant %d\n%q", status, out.String(), statusOffline, want)
	}
	if !slices.Equal(lookups, []string{"a.invalid", "b.invalid", "c.invalid"}) {
		t.Errorf("looked up %v, want the first %d distinct hosts", lookups, probeHosts)
	}
}

func TestLinksOneHostResolves(t *testing.T) {
	// The first host is a typo; the second resolves, so the network is
	// fine and the typo is reported like any other dead link.
	s := newSite(t)
	lc := testChecker(s, 2)
	lc.lookupHost = func(ctx context.Context, host string) ([]string, error) {
		if host == "typo.invalid" {
			return noSuchHost(ctx, host)
		}
		return resolves(ctx, host)
	}
	links := append([]link{{URL: "http://typo.invalid/x", From: []string{"source typo"}}}, linksTo(s.URL, "/ok")...)
	var out bytes.Buffer
	if status := lc.check(context.Background(), &out, links); status != 1 || !strings.Contains(out.String(), "FAIL http://typo.invalid/x — ") {
		t.Errorf("status %d\n%s", status, out.String())
	}
}

func TestLinksNoServerAnswers(t *testing.T) {
	// Names resolve (a local resolver, or a proxy in the way) but nothing
	// gets out: that is no network too, not a dataset of dead links.
	lc := &linkChecker{
		client: &http.Client{Transport: roundTrip(func(*http.Request) (*http.Response, error) {
			return nil, errors.New("dial tcp: connect: network is unreachable")
		})},
		lookupHost: resolves,
		parallel:   2,
	}
	var out bytes.Buffer
	status := lc.check(context.Background(), &out, []link{{URL: "https://a.example/"}, {URL: "https://b.example/"}})
	if status != statusOffline || out.String() != "links: skipped — no network access from this machine (none of 2 URLs could be reached: dial tcp: connect: network is unreachable)\n" {
		t.Errorf("status %d\n%s", status, out.String())
	}
}

func TestLinkList(t *testing.T) {
	ds, err := data.Load(os.DirFS(fixtureDir), today)
	if err != nil {
		t.Fatal(err)
	}
	links := linkList(ds)
	if len(links) != 26 {
		t.Errorf("%d links, want 26", len(links))
	}
	seen := map[string]bool{}
	for _, l := range links {
		if seen[l.URL] || !strings.HasPrefix(l.URL, "https://") || len(l.From) == 0 {
			t.Errorf("link %+v", l)
		}
		seen[l.URL] = true
	}
	want := []link{
		{URL: "https://www.citibank.com/tts/solutions/digital-channels-data/citiconnect/", From: []string{"bank citi"}},
		// The J.P. Morgan portal is both a bank portal and a peer portal.
		{URL: "https://developer.payments.jpmorgan.com", From: []string{"bank jpm", "peer portal J.P. Morgan Payments developer portal"}},
		{URL: "https://example.com/developers", From: []string{"bank examplebank"}},
		{URL: "https://example.com/peer-portal", From: []string{"peer portal Example Bank peer portal (test fixture)"}},
	}
	for i, w := range want {
		if links[i].URL != w.URL || !slices.Equal(links[i].From, w.From) {
			t.Errorf("link %d = %+v, want %+v", i, links[i], w)
		}
	}
}

// withChecker makes the links command use lc, for one test.
func withChecker(t *testing.T, lc *linkChecker) {
	saved := newLinkChecker
	newLinkChecker = func(time.Duration, int) *linkChecker { return lc }
	t.Cleanup(func() { newLinkChecker = saved })
}

func TestLinksCommand(t *testing.T) {
	// Every host of the fixture is served by one TLS test server.
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "example.com" && r.URL.Path == "/peer-portal" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	client := &http.Client{
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
			},
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // the test server's certificate names no real host
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	withChecker(t, &linkChecker{client: client, lookupHost: resolves, parallel: 4})
	status, out, _ := runTool(t, "links", "-dir", fixtureDir)
	wantFail := "FAIL https://example.com/peer-portal — 404 Not Found (peer portal Example Bank peer portal (test fixture))\n"
	if status != 1 || out != wantFail+"links: 1 of 26 URLs failed\n" {
		t.Errorf("status %d\n%s", status, out)
	}

	withChecker(t, &linkChecker{client: client, lookupHost: noSuchHost, parallel: 4})
	status, out, _ = runTool(t, "links", "-dir", fixtureDir)
	if status != statusOffline || !strings.HasPrefix(out, "links: skipped — no network access from this machine (26 URLs not checked: ") {
		t.Errorf("offline: status %d\n%s", status, out)
	}
}

func TestLinksFlags(t *testing.T) {
	status, _, errOut := runTool(t, "links", "-help")
	if status != 0 || !strings.Contains(errOut, "3  skipped: this machine has no network access") || !strings.Contains(errOut, "-timeout") {
		t.Errorf("-help: %d\n%s", status, errOut)
	}
	for _, args := range [][]string{{"-timeout", "0s"}, {"-parallel", "0"}, {"-timeout", "soon"}} {
		if status, _, _ := runTool(t, append([]string{"links", "-dir", fixtureDir}, args...)...); status != 2 {
			t.Errorf("%v: status %d, want 2", args, status)
		}
	}
	if status, _, errOut := runTool(t, "links", "-dir", t.TempDir()); status != 1 || !strings.Contains(errOut, "problem(s)") {
		t.Errorf("invalid dataset: %d %s", status, errOut)
	}
}

func TestDefaultLinkChecker(t *testing.T) {
	t.Setenv("HTTPS_PROXY", "")
	t.Setenv("https_proxy", "")
	lc := newLinkChecker(2*time.Second, 5)
	if lc.client.Timeout != 2*time.Second || lc.parallel != 5 || lc.lookupHost == nil {
		t.Errorf("timeout %v, parallel %d, probe %v", lc.client.Timeout, lc.parallel, lc.lookupHost != nil)
	}
	// A redirect is an answer: following it to /missing would fail.
	s := newSite(t)
	lc.lookupHost = resolves
	var out bytes.Buffer
	if status := lc.check(context.Background(), &out, linksTo(s.URL, "/redirect", "/head-403")); status != 0 {
		t.Errorf("status %d\n%s", status, out.String())
	}

	// Behind a proxy only the proxy may resolve names: no DNS probe.
	t.Setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
	if newLinkChecker(time.Second, 1).lookupHost != nil {
		t.Error("probes DNS behind a proxy")
	}
}
