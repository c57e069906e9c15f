package main

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
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

func TestFilterPlanTogglesEveryCheckboxOncePerCycle(t *testing.T) {
	const boxes = 12
	plan := filterPlan(200, boxes)
	if len(plan) < 200 {
		t.Fatalf("plan has %d changes, want at least 200", len(plan))
	}
	// One cycle: every term typed and erased, every checkbox on and back.
	letters := 0
	for _, term := range searchTerms {
		letters += len(term)
	}
	cycle := plan[:2*letters+2*boxes]
	clicks := map[int]int{}
	keys := 0
	for _, c := range cycle {
		if c.Key != "" {
			keys++
		} else {
			clicks[c.Checkbox]++
		}
	}
	if keys != 2*letters {
		t.Errorf("%d keystrokes in a cycle, want %d", keys, 2*letters)
	}
	for i := range boxes {
		if clicks[i] != 2 {
			t.Errorf("checkbox %d clicked %d times in a cycle, want 2 (on and back)", i, clicks[i])
		}
	}
	// The first term is typed then erased before any checkbox.
	first := searchTerms[0]
	if plan[0].Key != first[:1] || plan[2*len(first)-1].Key != kb.Backspace || plan[2*len(first)].Key != "" {
		t.Errorf("first changes %v do not type, erase, then toggle", plan[:2*len(first)+1])
	}
	// Each checkbox is put back at once, so every change starts from the
	// unfiltered view.
	for i := 0; i+1 < len(cycle); i++ {
		if c := cycle[i]; c.Key == "" && strings.HasSuffix(c.Name, " on") && cycle[i+1].Checkbox != c.Checkbox {
			t.Errorf("checkbox %d is not put back right after", c.Checkbox)
		}
	}
}

func TestFilterPlanWithoutCheckboxes(t *testing.T) {
	for _, c := range filterPlan(50, 0) {
		if c.Key == "" {
			t.Fatalf("change %q toggles a checkbox the page does not have", c.Name)
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

func TestFilterSamplesByKind(t *testing.T) {
	fr := filterRun{
		DOM:   []float64{1, 2, 3, 4},
		Frame: []float64{10, 20, 30, 40},
		Kinds: []string{kindKeystroke, kindCheckbox, kindKeystroke, kindCheckbox},
	}
	if got := fr.of(kindKeystroke, fr.Frame); !slices.Equal(got, []float64{10, 30}) {
		t.Errorf("keystrokes' frames = %v", got)
	}
	if got := fr.of(kindCheckbox, fr.DOM); !slices.Equal(got, []float64{2, 4}) {
		t.Errorf("checkboxes' DOM times = %v", got)
	}
	if got := (filterRun{DOM: []float64{1}}).of(kindKeystroke, []float64{1}); got != nil {
		t.Errorf("a run recorded without kinds gave %v", got)
	}
	plan := filterPlan(20, 3)
	if plan[0].kind() != kindKeystroke || plan[len(plan)-1].kind() != kindCheckbox {
		t.Errorf("kinds of the plan's first and last changes: %s, %s", plan[0].kind(), plan[len(plan)-1].kind())
	}
}

func TestMarkdownTable(t *testing.T) {
	tb := table{header: []string{"A", "B"}, rows: [][]string{{"1", "a | b"}}}
	if got, want := tb.markdown(), "| A | B |\n|---|---|\n| 1 | a \\| b |\n"; got != want {
		t.Errorf("markdown = %q, want %q", got, want)
	}
}

func TestLighthouseTable(t *testing.T) {
	rep := report{Lighthouse: []lighthouseRun{
		{Path: "/", Run: 1, Performance: 70, TBT: 2100, FCP: 900, LCP: 1200, CLS: 0.0002, Accessibility: 100, BestPractices: 100, SEO: 100},
		{Path: "/", Run: 2, Performance: 72, TBT: 1900, FCP: 950, LCP: 1250, CLS: 0.0002, Accessibility: 100, BestPractices: 100, SEO: 100},
		{Path: "/embed", Run: 1, Error: "lighthouse: NO_FCP"},
	}}
	tb := rep.lighthouseTable()
	if len(tb.rows) != 2 {
		t.Fatalf("rows %v, want one per page", tb.rows)
	}
	if got := strings.Join(tb.rows[0], " | "); got != "`/` | 71 (70–72) | 2000 ms (1900–2100 ms) | 925 ms / 1225 ms | 0.000 | 100 | 100 | 100 | 2" {
		t.Errorf("row for / = %q", got)
	}
	if got := tb.rows[1]; got[1] != "—" || got[8] != "0 (1 failed)" {
		t.Errorf("row for a failed audit = %q", got)
	}
}

func TestFloodTable(t *testing.T) {
	rep := report{Flood: &floodResult{
		Visitors: []floodVisitor{{Paths: []string{"/"}, Every: 25 * time.Millisecond,
			Quiet:   visitorLog{Latencies: []float64{1, 1, 2, 1}, Status: map[int]int{200: 4}},
			Flooded: visitorLog{Latencies: []float64{10, 1400, 20}, Status: map[int]int{200: 3, 503: 1}, Failures: 1}},
			{Paths: rareViews, Every: 500 * time.Millisecond,
				Quiet:   visitorLog{Latencies: []float64{1, 2}, Status: map[int]int{200: 2}},
				Flooded: visitorLog{Latencies: []float64{3000}, Status: map[int]int{200: 1}}}},
		Wrk:    wrkResult{RequestsPerSec: 500, LatencyP50: 300, LatencyP99: 2000, Errors: 12},
		Status: map[int]int64{200: 90, 503: 10},
		Memory: memorySamples{Before: 30e6, PeakRSS: 161e6, HighMark: 214e6},
	}}
	rows := map[string][]string{}
	for _, r := range rep.floodTable().rows {
		rows[r[0]] = r
	}
	for name, want := range map[string]string{
		"Cached `/`, asked every 25ms: p95":                                       "2.00 ms | 1400 ms | 700.00×",
		"Cached `/`, asked every 25ms: requests / errors (not 200, or no answer)": "4 / 0 | 5 / 2 | —",
		"8 cached views (`/embed`, `/?q=fee`, …), each asked every 4s: worst":     "2.00 ms | 3000 ms | 1500.00×",
		"Flood: answers by status":                                                "— | 200: 90, 503: 10 | —",
		"Flood: refused, 429 (over its client's budget) · 503 (renders busy)":     "— | 0.0% · 10.0% | —",
		"Flood: socket errors (connect, read, write, timeout > 10 s)":             "— | 2 | —",
		"Server resident memory (VmRSS; peak sampled every 100 ms)":               "30.00 MB | 161.00 MB | —",
	} {
		row, ok := rows[name]
		if !ok {
			t.Errorf("no row %q", name)
			continue
		}
		if got := strings.Join(row[1:], " | "); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if (&report{}).floodTable().rows != nil {
		t.Error("a table for a flood that was not run")
	}
}

func TestOverFloorComparesMediansInTheSameRun(t *testing.T) {
	run := func(path string, tbt float64) lighthouseRun {
		l := newLighthouseRun()
		l.Path, l.TBT = path, tbt
		return l
	}
	failed := run(floorPage, 9999)
	failed.Error = "audit failed"
	rep := &report{Lighthouse: []lighthouseRun{
		run("/", 600), run("/", 800), run("/", 700),
		run(floorPage, 300), run(floorPage, 400), run(floorPage, 350), failed,
	}}
	got := rep.overFloor()
	want := "`/` " + ms(700) + " vs " + ms(350) + " (" + times(2) + ")"
	if got != want {
		t.Errorf("overFloor = %q, want %q (no /embed audits, the failed floor audit left out)", got, want)
	}
	if (&report{Lighthouse: []lighthouseRun{run("/", 700)}}).overFloor() != "" {
		t.Error("overFloor without a floor audit should say nothing")
	}
}
