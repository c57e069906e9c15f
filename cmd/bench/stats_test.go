package main

import (
	"encoding/json"
	"math"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{math.NaN(), 7, 1}, 4}, // NaN is a run that measured nothing
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if got := median(nil); !math.IsNaN(got) {
		t.Errorf("median(nil) = %v, want NaN", got)
	}
}

func TestPercentileNearestRank(t *testing.T) {
	var xs []float64
	for i := 100; i >= 1; i-- { // 1..100, unsorted
		xs = append(xs, float64(i))
	}
	for _, c := range []struct{ p, want float64 }{{50, 50}, {95, 95}, {99, 99}, {100, 100}, {0, 1}} {
		if got := percentile(xs, c.p); got != c.want {
			t.Errorf("p%v of 1..100 = %v, want %v", c.p, got, c.want)
		}
	}
	// With 20 samples, p95 is the 19th smallest: never interpolated.
	small := []float64{20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	if got := percentile(small, 95); got != 19 {
		t.Errorf("p95 of 1..20 = %v, want 19", got)
	}
	if got := percentile([]float64{42}, 95); got != 42 {
		t.Errorf("p95 of one sample = %v, want it", got)
	}
	if got := percentile(nil, 95); !math.IsNaN(got) {
		t.Errorf("p95 of nothing = %v, want NaN", got)
	}
	if xs[0] != 100 {
		t.Error("percentile sorted its input in place")
	}
}

func TestSummarize(t *testing.T) {
	s := summarize([]float64{12, math.NaN(), 10, 30, 11})
	want := Summary{Median: 11.5, Min: 10, Max: 30, N: 4}
	if s != want {
		t.Errorf("summarize = %+v, want %+v", s, want)
	}
	empty := summarize([]float64{math.NaN()})
	if empty.N != 0 || !math.IsNaN(empty.Median) || !math.IsNaN(empty.Min) || !math.IsNaN(empty.Max) {
		t.Errorf("summarize of nothing = %+v, want NaN with N 0", empty)
	}
}

func TestRatiosPairRunByRun(t *testing.T) {
	got := ratios([]float64{10, 20, math.NaN(), 5}, []float64{5, 0, 1, 10})
	if len(got) != 4 || got[0] != 2 || !math.IsNaN(got[1]) || !math.IsNaN(got[2]) || got[3] != 0.5 {
		t.Errorf("ratios = %v, want [2 NaN NaN 0.5]", got)
	}
}

func TestSummaryJSONWritesNaNAsNull(t *testing.T) {
	b, err := json.Marshal(summarize(nil))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"median":null,"min":null,"max":null,"n":0}` {
		t.Errorf("JSON = %s", b)
	}
	b, err = json.Marshal(newVisit())
	if err != nil {
		t.Fatalf("a visit that measured nothing must still encode: %v", err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v["fcp_ms"] != nil || v["interactive_ms"] != nil {
		t.Errorf("unmeasured figures should be null: %s", b)
	}
}

func TestPerRunCoversTheTotal(t *testing.T) {
	for _, c := range []struct{ total, runs, want int }{{200, 5, 40}, {200, 3, 67}, {200, 1, 200}, {0, 5, 0}, {200, 0, 0}} {
		if got := perRun(c.total, c.runs); got != c.want {
			t.Errorf("perRun(%d, %d) = %d, want %d", c.total, c.runs, got, c.want)
		}
	}
}
