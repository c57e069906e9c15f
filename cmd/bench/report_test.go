package main

import (
	"math"
	"strings"
	"testing"
)

func TestSpread(t *testing.T) {
	for _, c := range []struct {
		s    Summary
		f    func(float64) string
		want string
	}{
		{Summary{Median: 120, Min: 110, Max: 150, N: 5}, ms, "120 ms (110–150 ms)"},
		{Summary{Median: 12.5, Min: 12.5, Max: 12.5, N: 3}, ms, "12.5 ms"},
		{Summary{Median: 1.1, Min: 0.9, Max: 1.3, N: 5}, times, "1.10× (0.90–1.30×)"},
		{Summary{Median: 2.1e6, Min: 2.0e6, Max: 2.2e6, N: 5}, size, "2.10 MB (2.00–2.20 MB)"},
		{summarize(nil), ms, "—"},
	} {
		if got := spread(c.s, c.f); got != c.want {
			t.Errorf("spread(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestFilterPlanAlternatesSearchAndControls(t *testing.T) {
	plan := filterPlan(200)
	if len(plan) < 200 {
		t.Fatalf("plan has %d changes, want at least 200", len(plan))
	}
	var keys, controls int
	for _, c := range plan {
		if (c.Key == "") == (c.JS == "") {
			t.Fatalf("change %q must be either a key or a script", c.Name)
		}
		if c.Key != "" {
			keys++
		} else {
			controls++
		}
	}
	if keys == 0 || controls == 0 {
		t.Errorf("%d keystrokes and %d control changes: both kinds are needed", keys, controls)
	}
	// Each term is erased and each control put back before the next, so
	// the plan starts every cycle from the unfiltered view.
	first := plan[:2*len(searchTerms[0])+2]
	if first[0].Key != searchTerms[0][:1] || first[len(first)-3].Name != "backspace" || first[len(first)-2].JS == "" {
		t.Errorf("first cycle %v does not type, erase, then toggle", first)
	}
	for _, id := range []string{"f-section", "f-conf", "f-label", "f-diff", "f-bank-jpm", "f-status-not-visible"} {
		found := false
		for _, c := range plan {
			found = found || strings.Contains(c.JS, `"`+id+`"`)
		}
		if !found {
			t.Errorf("no change drives #%s", id)
		}
	}
}

func TestPooledFigure(t *testing.T) {
	runs := []browserRun{
		{Filter: filterRun{DOM: []float64{1, 2, 3}}},
		{Filter: filterRun{DOM: []float64{10, 20, 30}}},
	}
	f := pooledFigure("p", "c", runs, func(r browserRun) []float64 { return r.Filter.DOM }, median)
	// Pooled median of 1,2,3,10,20,30 is 6.5; the runs' medians are 2 and 20.
	if f.App.Median != 6.5 || f.App.Min != 2 || f.App.Max != 20 || f.Samples != 6 {
		t.Errorf("pooled figure %+v", f)
	}
	none := pooledFigure("p", "c", []browserRun{{}}, func(r browserRun) []float64 { return r.Filter.DOM }, median)
	if none.App.N != 0 || !math.IsNaN(none.App.Median) {
		t.Errorf("figure without samples %+v", none)
	}
}

func TestMarkdownTable(t *testing.T) {
	tb := table{header: []string{"A", "B"}, rows: [][]string{{"1", "a | b"}}}
	if got, want := tb.markdown(), "| A | B |\n|---|---|\n| 1 | a \\| b |\n"; got != want {
		t.Errorf("markdown = %q, want %q", got, want)
	}
}
