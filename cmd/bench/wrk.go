package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// wrkSettings bound every load test: loopback only, a few seconds, a few
// connections, sized for a 2-core machine where wrk and the server share
// the CPUs.
type wrkSettings struct {
	Threads     int           `json:"threads"`
	Connections int           `json:"connections"`
	Duration    time.Duration `json:"duration_ns"`
}

// wrkResult is one wrk run, parsed from its text report.
type wrkResult struct {
	RequestsPerSec float64 `json:"requests_per_sec"`
	TransferPerSec float64 `json:"transfer_bytes_per_sec"`
	LatencyP50     float64 `json:"latency_p50_ms"`
	LatencyP99     float64 `json:"latency_p99_ms"`
	Requests       int64   `json:"requests"`
	Errors         int64   `json:"errors"` // socket errors plus non-2xx/3xx answers
}

// runWrk loads url with a browser's Accept-Encoding.
func runWrk(ctx context.Context, bin, url string, s wrkSettings) (wrkResult, error) {
	ctx, cancel := context.WithTimeout(ctx, s.Duration+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin,
		"-t", strconv.Itoa(s.Threads),
		"-c", strconv.Itoa(s.Connections),
		"-d", fmt.Sprintf("%ds", max(1, int(s.Duration.Seconds()))),
		"--latency",
		"-H", "Accept-Encoding: br, gzip",
		url).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %w: %s", url, err, out)
	}
	return parseWrk(string(out))
}

// parseWrk reads the summary wrk prints with --latency.
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	var haveRate, haveP50, haveP99 bool
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		var err error
		switch {
		case f[0] == "Requests/sec:" && len(f) == 2:
			r.RequestsPerSec, err = strconv.ParseFloat(f[1], 64)
			haveRate = err == nil
		case f[0] == "Transfer/sec:" && len(f) == 2:
			r.TransferPerSec, err = parseBytes(f[1])
		case f[0] == "50%" && len(f) == 2:
			r.LatencyP50, err = parseDuration(f[1])
			haveP50 = err == nil
		case f[0] == "99%" && len(f) == 2:
			r.LatencyP99, err = parseDuration(f[1])
			haveP99 = err == nil
		case len(f) >= 2 && f[1] == "requests" && len(f) >= 3 && f[2] == "in":
			r.Requests, err = strconv.ParseInt(f[0], 10, 64)
		case f[0] == "Socket" && len(f) > 2 && f[1] == "errors:":
			// Socket errors: connect 0, read 0, write 0, timeout 0
			for i := 2; i+1 < len(f); i += 2 {
				n, perr := strconv.ParseInt(strings.TrimSuffix(f[i+1], ","), 10, 64)
				if perr != nil {
					err = perr
					break
				}
				r.Errors += n
			}
		case f[0] == "Non-2xx":
			n, perr := strconv.ParseInt(f[len(f)-1], 10, 64)
			err = perr
			r.Errors += n
		}
		if err != nil {
			return r, fmt.Errorf("reading wrk output %q: %w", sc.Text(), err)
		}
	}
	if !haveRate || !haveP50 || !haveP99 {
		return r, fmt.Errorf("wrk output lacks Requests/sec or the latency distribution:\n%s", out)
	}
	return r, nil
}

// parseDuration reads wrk's latencies (850.00us, 1.23ms, 2.00s, 1.00m) as
// milliseconds.
func parseDuration(s string) (float64, error) {
	for _, u := range []struct {
		suffix string
		ms     float64
	}{{"us", 1e-3}, {"ms", 1}, {"s", 1e3}, {"m", 60e3}, {"h", 3600e3}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f * u.ms, err
		}
	}
	return 0, fmt.Errorf("unknown duration %q", s)
}

// parseBytes reads wrk's sizes (512.00B, 1.76GB, 93.32MB, 12.5KB); wrk
// counts in powers of 1024.
func parseBytes(s string) (float64, error) {
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"TB", 1 << 40}, {"B", 1}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f * u.mult, err
		}
	}
	return 0, fmt.Errorf("unknown size %q", s)
}

// probeResponse is what one request with a browser's Accept-Encoding gets:
// the table shows it so a ratio is never read across different encodings.
type probeResponse struct {
	Status   int    `json:"status"`
	Encoding string `json:"encoding"` // "" means identity
	Bytes    int64  `json:"bytes"`
}

func probe(url string) (probeResponse, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return probeResponse{}, err
	}
	// Set by hand, the header also stops Go's client from decompressing,
	// so Bytes is what went over the wire.
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return probeResponse{}, err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	return probeResponse{Status: res.StatusCode, Encoding: res.Header.Get("Content-Encoding"), Bytes: n}, err
}

// serverPath is the load test of one path on both servers.
type serverPath struct {
	Path       string        `json:"path"`
	Go         []wrkResult   `json:"go"`
	Nginx      []wrkResult   `json:"nginx"`
	GoProbe    probeResponse `json:"go_response"`
	NginxProbe probeResponse `json:"nginx_response"`
}

// benchPaths are the page, the WASM and a small asset.
var benchPaths = []string{"/", "/web/app.wasm", "/web/app.css"}

// benchServers alternates the two servers run after run, so a drift in
// the machine's speed affects both alike. Each path gets a short unmeasured
// warm-up first.
func benchServers(ctx context.Context, wrk, goURL, nginxURL string, runs int, s wrkSettings, logf func(string, ...any)) ([]serverPath, error) {
	out := make([]serverPath, len(benchPaths))
	warm := s
	warm.Duration = time.Second
	for i, p := range benchPaths {
		out[i].Path = p
		var err error
		if out[i].GoProbe, err = probe(goURL + p); err != nil {
			return nil, err
		}
		if out[i].NginxProbe, err = probe(nginxURL + p); err != nil {
			return nil, err
		}
		for _, base := range []string{goURL, nginxURL} {
			if _, err := runWrk(ctx, wrk, base+p, warm); err != nil {
				return nil, err
			}
		}
	}
	for run := 1; run <= runs; run++ {
		for i, p := range benchPaths {
			g, err := runWrk(ctx, wrk, goURL+p, s)
			if err != nil {
				return nil, err
			}
			n, err := runWrk(ctx, wrk, nginxURL+p, s)
			if err != nil {
				return nil, err
			}
			out[i].Go = append(out[i].Go, g)
			out[i].Nginx = append(out[i].Nginx, n)
			logf("wrk run %d %-14s go %8.0f req/s p99 %s | nginx %8.0f req/s p99 %s",
				run, p, g.RequestsPerSec, ms(g.LatencyP99), n.RequestsPerSec, ms(n.LatencyP99))
		}
	}
	return out, nil
}

// wrkVersion is the start of `wrk -v`, e.g. "wrk debian/4.1.0-3+b2 [epoll]".
func wrkVersion(bin string) string {
	out, _ := exec.Command(bin, "-v").CombinedOutput()
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	line, _, _ = strings.Cut(line, " Copyright")
	if line == "" {
		return "unknown"
	}
	return line
}
