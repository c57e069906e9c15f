package main

import (
	"encoding/json"
	"math"
	"slices"
)

// Summary is how every repeated figure is reported: the median of the runs
// and their spread. N counts the runs that produced a value.
type Summary struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	N      int     `json:"n"`
}

// summarize ignores NaN, which marks a run that could not measure the
// figure (a timeout, a baseline without JavaScript).
func summarize(xs []float64) Summary {
	v := finite(xs)
	if len(v) == 0 {
		return Summary{Median: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	slices.Sort(v)
	return Summary{Median: median(v), Min: v[0], Max: v[len(v)-1], N: len(v)}
}

// median of xs (NaN ignored); NaN when there is nothing to take it of.
func median(xs []float64) float64 {
	v := finite(xs)
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	mid := len(v) / 2
	if len(v)%2 == 1 {
		return v[mid]
	}
	return (v[mid-1] + v[mid]) / 2
}

// percentile by the nearest-rank method: the smallest sample with at least
// p percent of the samples at or below it. It never interpolates, so a p95
// is always a latency that really happened.
func percentile(xs []float64, p float64) float64 {
	v := finite(xs)
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	rank := int(math.Ceil(p / 100 * float64(len(v))))
	rank = max(1, min(rank, len(v)))
	return v[rank-1]
}

// ratio is a/b, NaN when either is missing or b is zero.
func ratio(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return math.NaN()
	}
	return a / b
}

// ratios pairs two series run by run (same run, same conditions).
func ratios(a, b []float64) []float64 {
	out := make([]float64, 0, min(len(a), len(b)))
	for i := range min(len(a), len(b)) {
		out = append(out, ratio(a[i], b[i]))
	}
	return out
}

func finite(xs []float64) []float64 {
	out := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			out = append(out, x)
		}
	}
	return out
}

// MarshalJSON writes a missing figure (NaN) as null; encoding/json refuses
// NaN.
func (s Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Median *float64 `json:"median"`
		Min    *float64 `json:"min"`
		Max    *float64 `json:"max"`
		N      int      `json:"n"`
	}{orNull(s.Median), orNull(s.Min), orNull(s.Max), s.N})
}

// orNull is nil for NaN, for JSON.
func orNull(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}
