package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"citijpm/data"
)

func init() {
	commands["links"] = command{
		summary: "check that every source, portal and peer-portal URL answers (needs internet)",
		run:     links,
	}
}

const linksSynopsis = `links [-dir DIR] [-timeout 10s] [-parallel 8]

Checks that every source URL, bank portal URL and peer portal URL answers
with a 2xx or 3xx status (HEAD, then GET when HEAD is refused with 403 or
405). Redirects are not followed: a 3xx is an answer.

Exit status:
  0  every URL answered
  1  at least one URL failed (each is printed), or the dataset is invalid
  2  bad flags
  3  skipped: this machine has no network access (as in CI), nothing checked`

// statusOffline is the exit status when the check could not run at all, so
// CI and scripts can tell "no internet" from "broken links".
const statusOffline = 3

// link is one URL to check and the dataset entries that give it.
type link struct {
	URL  string
	From []string
}

// linkList gathers the dataset's URLs, each once, in the order an analyst
// reads the files: banks, peer portals, sources.
func linkList(ds *data.Dataset) []link {
	var out []link
	at := map[string]int{}
	add := func(u, from string) {
		if u == "" {
			return
		}
		if i, ok := at[u]; ok {
			out[i].From = append(out[i].From, from)
			return
		}
		at[u] = len(out)
		out = append(out, link{URL: u, From: []string{from}})
	}
	for _, b := range ds.Banks {
		add(b.PortalURL, "bank "+b.ID)
	}
	for _, p := range ds.Meta.PeerPortals {
		add(p.URL, "peer portal "+p.Name)
	}
	for _, s := range ds.Sources {
		add(s.URL, "source "+s.ID)
	}
	return out
}

// linkChecker is how links reaches the network; tests swap it through
// newLinkChecker.
type linkChecker struct {
	client *http.Client
	// lookupHost resolves a host name, to tell "no network" from "dead
	// link" before checking. Nil skips that probe (behind a proxy, only
	// the proxy may resolve names).
	lookupHost func(ctx context.Context, host string) ([]string, error)
	parallel   int
}

var newLinkChecker = func(timeout time.Duration, parallel int) *linkChecker {
	lc := &linkChecker{
		client: &http.Client{
			Timeout:       timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		parallel: parallel,
	}
	if os.Getenv("HTTPS_PROXY") == "" && os.Getenv("https_proxy") == "" {
		lc.lookupHost = net.DefaultResolver.LookupHost
	}
	return lc
}

func links(e env, args []string) int {
	fs := newFlags(e, "links", linksSynopsis)
	dir := fs.String("dir", "data/dataset", "dataset directory")
	timeout := fs.Duration("timeout", 10*time.Second, "time allowed for each request")
	parallel := fs.Int("parallel", 8, "requests in flight at once")
	if err := fs.Parse(args); err != nil {
		return flagStatus(err)
	}
	if *timeout <= 0 || *parallel < 1 {
		fmt.Fprintln(e.stderr, "datatool links: -timeout and -parallel must be positive")
		return 2
	}
	ds, ok := loadDataset(e, "links", *dir)
	if !ok {
		return 1
	}
	return newLinkChecker(*timeout, *parallel).check(context.Background(), e.stdout, linkList(ds))
}

// probeHosts is how many distinct hosts must all fail to resolve before the
// machine, rather than the links, is taken to be offline.
const probeHosts = 3

// check checks every link and returns the exit status.
func (lc *linkChecker) check(ctx context.Context, w io.Writer, links []link) int {
	if err := lc.offline(ctx, links); err != nil {
		fmt.Fprintf(w, "links: skipped — no network access from this machine (%d URLs not checked: %v)\n", len(links), err)
		return statusOffline
	}

	errs := make([]error, len(links))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(lc.parallel, len(links)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = lc.checkOne(ctx, links[i].URL)
			}
		})
	}
	for i := range links {
		next <- i
	}
	close(next)
	wg.Wait()

	failed, answered := 0, 0
	var first error
	for _, err := range errs {
		var bad badStatus
		if err == nil || errors.As(err, &bad) {
			answered++
		}
		if err != nil {
			failed++
			first = cmp.Or(first, err)
		}
	}
	// Names resolved (or a proxy is in the way) yet no server answered at
	// all: the machine cannot get out, which says nothing of the links.
	if answered == 0 && failed > 0 && hostCount(links) > 1 {
		fmt.Fprintf(w, "links: skipped — no network access from this machine (none of %d URLs could be reached: %v)\n", len(links), first)
		return statusOffline
	}
	for i, err := range errs {
		if err != nil {
			fmt.Fprintf(w, "FAIL %s — %v (%s)\n", links[i].URL, err, strings.Join(links[i].From, ", "))
		}
	}
	if failed > 0 {
		fmt.Fprintf(w, "links: %d of %d URLs failed\n", failed, len(links))
		return 1
	}
	fmt.Fprintf(w, "links: all %d URLs answered\n", len(links))
	return 0
}

// offline returns why the machine looks offline: none of the first few
// hosts resolves. It returns nil when one does, or when it cannot tell.
func (lc *linkChecker) offline(ctx context.Context, links []link) error {
	if lc.lookupHost == nil {
		return nil
	}
	var last error
	seen := map[string]bool{}
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil || u.Hostname() == "" || seen[u.Hostname()] {
			continue
		}
		seen[u.Hostname()] = true
		lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err = lc.lookupHost(lctx, u.Hostname())
		cancel()
		if err == nil {
			return nil
		}
		last = err
		if len(seen) == probeHosts {
			break
		}
	}
	return last
}

// badStatus is a server's answer outside 2xx/3xx.
type badStatus struct{ status string }

func (b badStatus) Error() string { return b.status }

func (lc *linkChecker) checkOne(ctx context.Context, u string) error {
	code, status, err := lc.request(ctx, http.MethodHead, u)
	// Some servers refuse HEAD but serve GET.
	if err == nil && (code == http.StatusMethodNotAllowed || code == http.StatusForbidden) {
		code, status, err = lc.request(ctx, http.MethodGet, u)
	}
	switch {
	case err != nil:
		return err
	case code < 200 || code >= 400:
		return badStatus{status}
	}
	return nil
}

func (lc *linkChecker) request(ctx context.Context, method, u string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("User-Agent", "citijpm-datatool-links/1 (dataset link check)")
	resp, err := lc.client.Do(req)
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // the URL is printed beside it already
	}
	if err != nil {
		return 0, "", err
	}
	resp.Body.Close() // the status is all we need
	return resp.StatusCode, resp.Status, nil
}

func hostCount(links []link) int {
	hosts := map[string]bool{}
	for _, l := range links {
		if u, err := url.Parse(l.URL); err == nil {
			hosts[u.Hostname()] = true
		}
	}
	return len(hosts)
}
