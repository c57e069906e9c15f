package main

import (
	"math"
	"testing"
)

const wrkOutput = `Running 4s test @ http://127.0.0.1:18100/web/app.wasm
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    11.50ms   18.59ms 166.41ms   89.09%
    Req/Sec   512.76    291.58     1.22k    65.45%
  Latency Distribution
     50%  850.00us
     75%    9.81ms
     90%   33.56ms
     99%    1.20s
  2973 requests in 3.03s, 5.33GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    980.55
Transfer/sec:      1.76GB
`

func TestParseWrk(t *testing.T) {
	r, err := parseWrk(wrkOutput)
	if err != nil {
		t.Fatal(err)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6*math.Max(1, math.Abs(b)) }
	if !near(r.RequestsPerSec, 980.55) || !near(r.LatencyP50, 0.85) || !near(r.LatencyP99, 1200) ||
		r.Requests != 2973 || r.Errors != 7 || !near(r.TransferPerSec, 1.76*(1<<30)) {
		t.Errorf("parsed %+v", r)
	}
}

func TestParseWrkRejectsIncompleteOutput(t *testing.T) {
	if _, err := parseWrk("Running 4s test @ http://x/\nunable to connect to 127.0.0.1:1 Connection refused\n"); err == nil {
		t.Error("no error for output without figures")
	}
}

func TestParseUnits(t *testing.T) {
	for s, want := range map[string]float64{"82.00us": 0.082, "1.5ms": 1.5, "2.00s": 2000, "1.00m": 60000} {
		if got, err := parseDuration(s); err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for s, want := range map[string]float64{"512.00B": 512, "2.00KB": 2048, "1.00MB": 1 << 20} {
		if got, err := parseBytes(s); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := parseDuration("3 parsecs"); err == nil {
		t.Error("parseDuration accepted nonsense")
	}
}
