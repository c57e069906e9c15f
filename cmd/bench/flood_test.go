package main

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const procStatus = `Name:	widget
Umask:	0022
State:	S (sleeping)
VmPeak:	 1800000 kB
VmHWM:	  214016 kB
VmRSS:	  161024 kB
RssAnon:	  150000 kB
Threads:	9
`

func TestParseProcStatus(t *testing.T) {
	rss, hwm, err := parseProcStatus(procStatus)
	if err != nil {
		t.Fatal(err)
	}
	if rss != 161024*1024 || hwm != 214016*1024 {
		t.Errorf("rss %d, hwm %d", rss, hwm)
	}
	for name, s := range map[string]string{
		"kernel thread": "Name:	kthreadd\nState:	S (sleeping)\n",
		"odd unit":      "VmHWM:	1 MB\nVmRSS:	1 kB\n",
		"not a number":  "VmHWM:	x kB\nVmRSS:	1 kB\n",
	} {
		if _, _, err := parseProcStatus(s); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseStatuses(t *testing.T) {
	st, err := parseStatuses(wrkOutput + "status 200 1284\nstatus 503 143\n")
	if err != nil {
		t.Fatal(err)
	}
	if st[200] != 1284 || st[503] != 143 || len(st) != 2 {
		t.Errorf("statuses %v", st)
	}
	if got := statusList(st); got != "200: 1284, 503: 143" {
		t.Errorf("statusList = %q", got)
	}
	if share := statusShare(st, 503); math.Abs(share-143.0/1427) > 1e-12 {
		t.Errorf("503 share %v", share)
	}
	if _, err := parseStatuses(wrkOutput); err == nil {
		t.Error("no error when the script printed nothing")
	}
	if _, err := parseStatuses("status 200 many\n"); err == nil {
		t.Error("no error for a garbled status line")
	}
}

func TestVisitorErrors(t *testing.T) {
	v := visitorLog{Status: map[int]int{200: 10, 503: 2, 500: 1}, Failures: 3}
	if v.errors() != 6 {
		t.Errorf("errors() = %d, want 6 (503, 500 and the failures)", v.errors())
	}
}

// TestFloodScriptAsksForNewViews runs flood.lua with wrk, when installed,
// against a server that notes every URL: no URL may repeat, and the status
// lines must add up to what the server answered.
func TestFloodScriptAsksForNewViews(t *testing.T) {
	if testing.Short() {
		t.Skip("runs wrk for a second")
	}
	bin, err := exec.LookPath("wrk")
	if err != nil {
		t.Skip("wrk not installed")
	}
	var mu sync.Mutex
	seen := map[string]int{}
	answered := map[int]int64{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		seen[r.URL.RequestURI()]++
		code := http.StatusOK
		if len(seen)%5 == 0 {
			code = http.StatusServiceUnavailable
		}
		answered[code]++
		w.WriteHeader(code)
	}))
	defer srv.Close()
	script := filepath.Join(t.TempDir(), "flood.lua")
	if err := os.WriteFile(script, []byte(floodLua), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runWrkScript(context.Background(), bin, srv.URL+"/", script,
		floodSettings{Connections: 4, Threads: 2, Duration: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	st, err := parseStatuses(out)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for uri, n := range seen {
		if n > 1 || !strings.HasPrefix(uri, "/?q=") {
			t.Fatalf("%s asked %d times: the flood must ask for new views only", uri, n)
		}
	}
	// wrk stops mid-request at the deadline: the server may have answered
	// a few requests wrk never read.
	for code, n := range st {
		if n > answered[code] || answered[code]-n > 16 {
			t.Errorf("wrk counted %d answers %d, the server sent %d", n, code, answered[code])
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d requests in a second", len(seen))
	}
}

// TestVisitorKeepsItsSchedule: a request the server holds must not hold
// back the next ones (each reader is someone else), and it is still timed.
func TestVisitorKeepsItsSchedule(t *testing.T) {
	var (
		mu      sync.Mutex
		first   = true
		others  int
		release = make(chan struct{})
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hold := first
		first = false
		if !hold {
			others++
			if others == 3 {
				close(release)
			}
		}
		mu.Unlock()
		if hold {
			select {
			case <-release:
			case <-time.After(5 * time.Second):
				http.Error(w, "never released", http.StatusTeapot)
				return
			}
		}
		w.Write([]byte("page"))
	}))
	defer srv.Close()
	v := timeVisitor(context.Background(), srv.URL, []string{"/a", "/b"}, 500*time.Millisecond, 10*time.Millisecond, "")
	if v.Status[http.StatusTeapot] != 0 {
		t.Fatal("the held request was never released: the visitor waited for it before asking again")
	}
	if v.errors() != 0 || len(v.Latencies) < 4 || v.Status[http.StatusOK] != len(v.Latencies) {
		t.Errorf("visitor log %+v: want every request answered and timed", v)
	}
}

// TestVisitorConnectsFromItsAddress: the server sees the reader's own
// source address, so a budget per client does not count it with the flood.
func TestVisitorConnectsFromItsAddress(t *testing.T) {
	from := readerAddr("127.0.0.2")
	if from == "" {
		t.Skip("this machine cannot connect from 127.0.0.2")
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := strings.Cut(r.RemoteAddr, ":")
		mu.Lock()
		seen[host] = true
		mu.Unlock()
	}))
	defer srv.Close()
	v := timeVisitor(context.Background(), srv.URL, []string{"/"}, 50*time.Millisecond, 10*time.Millisecond, from)
	if v.errors() != 0 || len(v.Latencies) == 0 {
		t.Fatalf("visitor log %+v", v)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 || !seen[from] {
		t.Errorf("the server saw %v, want only %s", seen, from)
	}
}
