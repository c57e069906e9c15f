package main

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// floodLua is the wrk script of the unique-query flood (issue 12, §3).
//
//go:embed flood.lua
var floodLua string

// floodSettings shape the flood: issue 12 measured 256 connections for 20 s.
type floodSettings struct {
	Connections int           `json:"connections"`
	Threads     int           `json:"threads"`
	Duration    time.Duration `json:"duration_ns"`
	// The plain visitor asks for the cached / this often, on a new
	// connection each time, as a new reader's browser would.
	VisitEvery time.Duration `json:"visit_every_ns"`
	// Occasional readers ask for one of rareViews this often, in turn:
	// views cached before the flood that nobody asks for again for a
	// while (len(rareViews) × RareEvery), which a cache that new views
	// evict loses.
	RareEvery time.Duration `json:"rare_every_ns"`
}

// rareViews are views a reader might have been sent a link to: the embed
// and a few searches, each cached before the flood.
var rareViews = []string{"/embed", "/?q=fee", "/?q=fx", "/?q=fraud", "/?q=wire", "/?q=mtls", "/embed?q=fee", "/embed?q=wire"}

// floodVisitor is one reader timed alone and during the flood, asking for
// its pages in turn, each cached before either.
type floodVisitor struct {
	Paths   []string      `json:"paths"`
	From    string        `json:"source_address"` // the local address it connects from; "" for the default
	Every   time.Duration `json:"every_ns"`
	Quiet   visitorLog    `json:"quiet"`   // before the flood
	Flooded visitorLog    `json:"flooded"` // during the flood
}

// floodResult compares readers of cached pages without the flood and under
// it, on one fresh server process, and says what the flood itself got and
// how much memory the server took.
type floodResult struct {
	Visitors []floodVisitor `json:"visitors"` // the plain visitor of /, then the occasional one
	Wrk      wrkResult      `json:"wrk"`
	Status   map[int]int64  `json:"wrk_statuses"` // answers to the flood by status
	Memory   memorySamples  `json:"memory"`
	Page     probeResponse  `json:"page"` // GET / as the readers ask for it
	Server   string         `json:"server_log_tail,omitempty"`
	Started  time.Time      `json:"started"`
	Took     time.Duration  `json:"took_ns"`
	Setting  floodSettings  `json:"settings"`
}

// visitorLog is what one reader saw: a latency per answered request
// (ms), and every failure.
type visitorLog struct {
	Latencies []float64   `json:"latencies_ms"`
	Status    map[int]int `json:"statuses"`
	Failures  int         `json:"failures"` // transport errors and timeouts
}

// errors counts what a reader would call an error: no answer, or anything
// but 200.
func (v visitorLog) errors() int {
	n := v.Failures
	for code, c := range v.Status {
		if code != http.StatusOK {
			n += c
		}
	}
	return n
}

// memorySamples is the server's resident memory in bytes, from
// /proc/PID/status.
type memorySamples struct {
	Before   int64  `json:"rss_before_bytes"`     // VmRSS once / is cached, before the flood
	PeakRSS  int64  `json:"rss_peak_bytes"`       // the highest VmRSS sampled during the flood
	HighMark int64  `json:"vm_hwm_bytes"`         // VmHWM at the end: the kernel's own peak
	Samples  int    `json:"samples"`              // how many times it was read
	Every    int64  `json:"sample_every_ns"`      // how often
	ReadErr  string `json:"read_error,omitempty"` // why it could not be read
}

// runFlood starts a fresh server (so its memory high-water mark is the
// flood's), times the readers alone, then during the flood.
func runFlood(ctx context.Context, wrk string, rel release, tmp string, s floodSettings, logf func(string, ...any)) (floodResult, error) {
	res := floodResult{Started: time.Now().UTC(), Setting: s, Status: map[int]int64{}}
	script := filepath.Join(tmp, "flood.lua")
	if err := os.WriteFile(script, []byte(floodLua), 0o644); err != nil {
		return res, err
	}
	srv, err := startWidget(rel)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	pid := srv.cmd.Process.Pid
	// The flood comes from 127.0.0.1; the readers from other loopback
	// addresses, as other people would, so that a budget per client
	// (issue 12) tells them apart.
	res.Visitors = []floodVisitor{
		{Paths: []string{"/"}, Every: s.VisitEvery, From: readerAddr("127.0.0.2")},
		{Paths: rareViews, Every: s.RareEvery, From: readerAddr("127.0.0.3")},
	}
	// The first request renders a page (if the server did not at start);
	// the visitors then ask for cached pages.
	if res.Page, err = pageBytes(srv.URL + "/"); err != nil {
		return res, err
	}
	for _, p := range rareViews {
		if _, err := pageBytes(srv.URL + p); err != nil {
			return res, err
		}
	}
	if res.Memory.Before, _, err = readMemory(pid); err != nil {
		res.Memory.ReadErr = err.Error()
	}
	quiet := min(s.Duration, 5*time.Second)
	logf("flood: timing the cached pages alone for %v", quiet)
	timeVisitors(ctx, srv.URL, res.Visitors, quiet, 0, func(v *floodVisitor) *visitorLog { return &v.Quiet })

	logf("flood: %d connections of never-seen queries for %v, timing the cached pages meanwhile", s.Connections, s.Duration)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		res.Memory.Every = int64(100 * time.Millisecond)
		res.Memory.PeakRSS, res.Memory.Samples = sampleMemory(ctx, pid, 100*time.Millisecond)
	}()
	go func() {
		defer wg.Done()
		// The visitors start with the flood and stop a little before it,
		// so every visit they time is made under load.
		timeVisitors(ctx, srv.URL, res.Visitors, max(s.Duration-time.Second, s.Duration/2), 500*time.Millisecond,
			func(v *floodVisitor) *visitorLog { return &v.Flooded })
	}()
	out, werr := runWrkScript(ctx, wrk, srv.URL+"/", script, s)
	cancel()
	wg.Wait()
	if _, hwm, err := readMemory(pid); err == nil {
		res.Memory.HighMark = hwm
	} else if res.Memory.ReadErr == "" {
		res.Memory.ReadErr = err.Error()
	}
	res.Took = time.Since(res.Started)
	res.Server = tail(srv.log.String(), 4000)
	if werr != nil {
		return res, werr
	}
	if res.Wrk, err = parseWrk(out); err != nil {
		return res, err
	}
	if res.Status, err = parseStatuses(out); err != nil {
		return res, err
	}
	return res, nil
}

// runWrkScript runs the flood script against base; wrk's own timeout is
// raised so a slow render is counted as slow, not as an error.
func runWrkScript(ctx context.Context, bin, base, script string, s floodSettings) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, s.Duration+60*time.Second)
	defer cancel()
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	out, err := exec.CommandContext(ctx, bin,
		"-t", strconv.Itoa(s.Threads),
		"-c", strconv.Itoa(s.Connections),
		"-d", fmt.Sprintf("%ds", max(1, int(s.Duration.Seconds()))),
		"--timeout", "10s",
		"--latency",
		"-H", "Accept-Encoding: br, gzip",
		"-s", script,
		base, "--", nonce).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("wrk flood: %w: %s", err, out)
	}
	return string(out), nil
}

// timeVisitors runs every visitor at once for d, after a delay, and
// stores each one's log where into says.
func timeVisitors(ctx context.Context, origin string, vs []floodVisitor, d, delay time.Duration, into func(*floodVisitor) *visitorLog) {
	select {
	case <-time.After(delay):
	case <-ctx.Done():
	}
	var wg sync.WaitGroup
	for i := range vs {
		wg.Add(1)
		go func(v *floodVisitor) {
			defer wg.Done()
			*into(v) = timeVisitor(ctx, origin, v.Paths, d, v.Every, v.From)
		}(&vs[i])
	}
	wg.Wait()
}

// timeVisitor asks for each path in turn, one request every interval on a
// new connection, for d (or until ctx ends), and logs each answer. The
// requests go out on schedule whether or not the last one was answered, as
// separate readers' would: a stalled server shows in every request it
// stalls, not in one.
func timeVisitor(ctx context.Context, origin string, paths []string, d, every time.Duration, from string) visitorLog {
	v := visitorLog{Status: map[int]int{}}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if from != "" {
		dialer.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true, DialContext: dialer.DialContext},
	}
	defer client.CloseIdleConnections()
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	end := time.Now().Add(d)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for i := 0; time.Now().Before(end) && ctx.Err() == nil; i++ {
		wg.Add(1)
		go func(url string) {
			defer wg.Done()
			start := time.Now()
			code, err := get(client, url)
			took := float64(time.Since(start).Microseconds()) / 1e3
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				v.Failures++
			case code == http.StatusOK:
				v.Latencies = append(v.Latencies, took)
				fallthrough
			default:
				v.Status[code]++
			}
		}(origin + paths[i%len(paths)])
		select {
		case <-tick.C:
		case <-ctx.Done():
		}
	}
	wg.Wait()
	return v
}

// readerAddr is addr if this machine can connect from it (Linux answers
// for all of 127.0.0.0/8), else "" (the default, 127.0.0.1).
func readerAddr(addr string) string {
	ln, err := net.Listen("tcp", net.JoinHostPort(addr, "0"))
	if err != nil {
		return ""
	}
	ln.Close()
	return addr
}

// get fetches url as a browser would ask for it and reads the whole body.
func get(c *http.Client, url string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

// sampleMemory reads VmRSS every interval until ctx ends and returns the
// highest value seen.
func sampleMemory(ctx context.Context, pid int, every time.Duration) (peak int64, samples int) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if rss, _, err := readMemory(pid); err == nil {
			peak = max(peak, rss)
			samples++
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return peak, samples
		}
	}
}

// readMemory reads VmRSS and VmHWM of a process, in bytes.
func readMemory(pid int) (rss, hwm int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	return parseProcStatus(string(b))
}

// parseProcStatus reads the VmRSS and VmHWM lines of /proc/PID/status
// ("VmRSS:	  161234 kB").
func parseProcStatus(status string) (rss, hwm int64, err error) {
	var haveRSS, haveHWM bool
	sc := bufio.NewScanner(strings.NewReader(status))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		f := strings.Fields(val)
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("unexpected %s line %q", key, sc.Text())
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("reading %s: %w", key, err)
		}
		if key == "VmRSS" {
			rss, haveRSS = n*1024, true
		} else {
			hwm, haveHWM = n*1024, true
		}
	}
	if !haveRSS || !haveHWM {
		return 0, 0, fmt.Errorf("no VmRSS and VmHWM in the process status (a kernel thread, or not Linux?)")
	}
	return rss, hwm, nil
}

// parseStatuses reads the "status CODE COUNT" lines flood.lua prints.
func parseStatuses(out string) (map[int]int64, error) {
	st := map[int]int64{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "status" {
			continue
		}
		code, err1 := strconv.Atoi(f[1])
		n, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("reading wrk's status line %q", sc.Text())
		}
		st[code] += n
	}
	if len(st) == 0 {
		return nil, fmt.Errorf("the flood script printed no status counts:\n%s", out)
	}
	return st, nil
}

// statusShare is the share of answers with code, NaN without answers.
func statusShare(st map[int]int64, code int) float64 {
	var total int64
	for _, n := range st {
		total += n
	}
	return ratio(float64(st[code]), float64(total))
}

// statusList formats the counts in code order: "200: 1234, 503: 56".
func statusList(st map[int]int64) string {
	codes := make([]int, 0, len(st))
	for c := range st {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%d: %d", c, st[c])
	}
	return strings.Join(parts, ", ")
}
