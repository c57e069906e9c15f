package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

// report is everything one bench run measured: the raw samples (JSON) and
// the summaries the tables show.
type report struct {
	Started  time.Time    `json:"started"`
	Finished time.Time    `json:"finished"`
	Machine  machine      `json:"machine"`
	Settings settings     `json:"settings"`
	Build    buildInfo    `json:"build"`
	Figures  []figure     `json:"figures"`
	Servers  []serverRow  `json:"server_summary"`
	Browser  []browserRun `json:"browser_runs"`
	Server   []serverPath `json:"server_runs"`
	// Lighthouse audits of / and /embed, and the unique-query flood.
	Lighthouse []lighthouseRun `json:"lighthouse_runs,omitempty"`
	Flood      *floodResult    `json:"flood,omitempty"`
}

type settings struct {
	Runs          int         `json:"browser_runs"`
	Conditions    []condition `json:"conditions"`
	FilterChanges int         `json:"filter_changes_per_condition"`
	WrkRuns       int         `json:"wrk_runs"`
	Wrk           wrkSettings `json:"wrk"`
	NginxBrotli   bool        `json:"nginx_brotli_static"`
	NginxWorkers  int         `json:"nginx_workers"`
	Viewport      string      `json:"viewport"`
	Lighthouse    int         `json:"lighthouse_runs"`
}

func settingsOf(o options, conds []condition) settings {
	return settings{Runs: o.runs, Conditions: conds, FilterChanges: o.filterChanges,
		WrkRuns: o.wrkRuns, Wrk: o.wrk, Viewport: fmt.Sprintf("%dx%d", viewportW, viewportH),
		Lighthouse: o.lighthouse}
}

type buildInfo struct {
	WasmRaw       int64         `json:"wasm_raw_bytes"`
	WasmGzip      int64         `json:"wasm_gzip_bytes"`
	WasmBrotli    int64         `json:"wasm_brotli_bytes"`
	PageBytes     probeResponse `json:"page"`     // GET / as a browser asks for it
	BaselineBytes probeResponse `json:"baseline"` // GET /web/baseline.html
	Baseline      stripped      `json:"baseline_stripped"`
}

// figure is one row of the browser table: the app, the baseline where it
// applies, and their ratio taken run by run.
type figure struct {
	Name      string  `json:"name"`
	Condition string  `json:"condition"`
	Unit      string  `json:"unit"` // "ms", "bytes", "elements" or "px"
	App       Summary `json:"app"`
	Baseline  Summary `json:"baseline"`
	Ratio     Summary `json:"ratio"`             // app ÷ baseline, per run
	Samples   int     `json:"samples,omitempty"` // pooled filter changes
}

// serverRow summarises one path of the load test.
type serverRow struct {
	Path       string        `json:"path"`
	GoRPS      Summary       `json:"go_requests_per_sec"`
	NginxRPS   Summary       `json:"nginx_requests_per_sec"`
	Ratio      Summary       `json:"ratio"` // Go ÷ nginx requests/s, per run
	GoP50      Summary       `json:"go_p50_ms"`
	GoP99      Summary       `json:"go_p99_ms"`
	NginxP50   Summary       `json:"nginx_p50_ms"`
	NginxP99   Summary       `json:"nginx_p99_ms"`
	Errors     int64         `json:"errors"`
	GoProbe    probeResponse `json:"go_response"`
	NginxProbe probeResponse `json:"nginx_response"`
}

// series picks one number per run.
type series func(browserRun) float64

// browserFigures are the rows for one condition, in table order.
var browserFigures = []struct {
	name      string
	app, base series
}{
	{"FCP, first visit", func(r browserRun) float64 { return r.AppFirst.FCP }, func(r browserRun) float64 { return r.BaseFirst.FCP }},
	{"FCP, repeat visit", func(r browserRun) float64 { return r.AppRepeat.FCP }, func(r browserRun) float64 { return r.BaseRepeat.FCP }},
	{"LCP, first visit", func(r browserRun) float64 { return r.AppFirst.LCP }, func(r browserRun) float64 { return r.BaseFirst.LCP }},
	{"LCP, repeat visit", func(r browserRun) float64 { return r.AppRepeat.LCP }, func(r browserRun) float64 { return r.BaseRepeat.LCP }},
	{"Content visible (not under the loader), first visit", func(r browserRun) float64 { return r.AppFirst.Visible }, func(r browserRun) float64 { return r.BaseFirst.Visible }},
	{"Content visible (not under the loader), repeat visit", func(r browserRun) float64 { return r.AppRepeat.Visible }, func(r browserRun) float64 { return r.BaseRepeat.Visible }},
	{"Content visible, first visit, vs plain HTML with no stylesheet", func(r browserRun) float64 { return r.AppFirst.Visible }, func(r browserRun) float64 { return r.PlainFirst.Visible }},
	{"WASM mounted, first visit", func(r browserRun) float64 { return r.AppFirst.Mounted }, nil},
	{"Interactive (filter responds), first visit", func(r browserRun) float64 { return r.AppFirst.TTI }, nil},
	{"WASM mounted, repeat visit", func(r browserRun) float64 { return r.AppRepeat.Mounted }, nil},
	{"Interactive (filter responds), repeat visit", func(r browserRun) float64 { return r.AppRepeat.TTI }, nil},
}

// filterFigures pool every change of a condition's runs (at least
// -filter-changes of them); the spread is that of the runs' own figures.
var filterFigures = []struct {
	name    string
	samples func(browserRun) []float64
	stat    func([]float64) float64
}{
	{"Filter latency median, event → DOM", func(r browserRun) []float64 { return r.Filter.DOM }, median},
	{"Filter latency p95, event → DOM", func(r browserRun) []float64 { return r.Filter.DOM }, p95},
	{"Filter latency p95, event → next frame", func(r browserRun) []float64 { return r.Filter.Frame }, p95},
	{"Filter latency p95, event → next frame, keystrokes", func(r browserRun) []float64 { return r.Filter.of(kindKeystroke, r.Filter.Frame) }, p95},
	{"Filter latency p95, event → next frame, checkboxes", func(r browserRun) []float64 { return r.Filter.of(kindCheckbox, r.Filter.Frame) }, p95},
}

func p95(xs []float64) float64 { return percentile(xs, 95) }

// byteFigures do not depend on throttling; they come from the first
// condition's runs.
var byteFigures = []struct {
	name      string
	app, base series
}{
	{"First visit: network bytes (page requests)",
		func(r browserRun) float64 { return float64(r.AppFirst.Net.NetworkBytes) },
		func(r browserRun) float64 { return float64(r.BaseFirst.Net.NetworkBytes) }},
	{"First visit: service worker precache fetches",
		func(r browserRun) float64 { return float64(r.AppFirst.SW.Bytes) }, nil},
	{"Repeat visit: network bytes (page + service worker)",
		func(r browserRun) float64 { return float64(r.AppRepeat.Net.NetworkBytes + r.AppRepeat.SW.Bytes) },
		func(r browserRun) float64 { return float64(r.BaseRepeat.Net.NetworkBytes) }},
	{"Repeat visit: served from the service worker cache (decoded)",
		func(r browserRun) float64 { return float64(r.AppRepeat.Net.SWCacheBytes) }, nil},
}

// pageFigures are read on each shaped page (fresh profile, the app mounted
// and the DOM settled). The sizes do not depend on throttling and come
// from the first condition's runs; the long tasks are given per condition.
var pageFigures = []struct {
	name    string
	unit    string
	perCond bool
	get     func(pageShape) float64
}{
	{"elements after mount", "elements", false, func(p pageShape) float64 { return float64(p.Elements) }},
	{"page height", "px", false, func(p pageShape) float64 { return float64(p.Height) }},
	{"longest main-thread task after first paint", "ms", true, func(p pageShape) float64 { return p.LongestTask }},
	{"longest main-thread task after mount", "ms", true, func(p pageShape) float64 { return p.LongestAfterMount }},
	{"blocking time after first paint (Σ task − 50 ms)", "ms", true, func(p pageShape) float64 { return p.Blocking }},
}

// pageSeries picks one page's figure from each run; NaN where the page was
// not measured.
func pageSeries(path string, get func(pageShape) float64) series {
	return func(r browserRun) float64 {
		for _, p := range r.Pages {
			if p.Path == path {
				return get(p)
			}
		}
		return math.NaN()
	}
}

// summarize fills Figures and Servers from the raw runs.
func (rep *report) summarize() {
	rep.Figures = nil
	for i, c := range rep.Settings.Conditions {
		runs := rep.runsOf(c.Name)
		if len(runs) == 0 {
			continue
		}
		if i == 0 {
			for _, f := range byteFigures {
				rep.Figures = append(rep.Figures, makeFigure(f.name, c.Name, "bytes", runs, f.app, f.base))
			}
		}
		for _, f := range browserFigures {
			rep.Figures = append(rep.Figures, makeFigure(f.name, c.Name, "ms", runs, f.app, f.base))
		}
		for _, f := range filterFigures {
			rep.Figures = append(rep.Figures, pooledFigure(f.name, c.Name, runs, f.samples, f.stat))
		}
		for _, p := range shapedPages {
			for _, f := range pageFigures {
				if i == 0 || f.perCond {
					name := fmt.Sprintf("`%s` at %d px: %s", p.Path, p.Size.W, f.name)
					rep.Figures = append(rep.Figures, makeFigure(name, c.Name, f.unit, runs, pageSeries(p.Path, f.get), nil))
				}
			}
		}
	}
	rep.Servers = nil
	for _, p := range rep.Server {
		row := serverRow{Path: p.Path, GoProbe: p.GoProbe, NginxProbe: p.NginxProbe}
		var goRPS, ngRPS, goP50, goP99, ngP50, ngP99 []float64
		for _, r := range p.Go {
			goRPS, goP50, goP99 = append(goRPS, r.RequestsPerSec), append(goP50, r.LatencyP50), append(goP99, r.LatencyP99)
			row.Errors += r.Errors
		}
		for _, r := range p.Nginx {
			ngRPS, ngP50, ngP99 = append(ngRPS, r.RequestsPerSec), append(ngP50, r.LatencyP50), append(ngP99, r.LatencyP99)
			row.Errors += r.Errors
		}
		row.GoRPS, row.NginxRPS, row.Ratio = summarize(goRPS), summarize(ngRPS), summarize(ratios(goRPS, ngRPS))
		row.GoP50, row.GoP99 = summarize(goP50), summarize(goP99)
		row.NginxP50, row.NginxP99 = summarize(ngP50), summarize(ngP99)
		rep.Servers = append(rep.Servers, row)
	}
}

func (rep *report) runsOf(cond string) []browserRun {
	var out []browserRun
	for _, r := range rep.Browser {
		if r.Condition == cond {
			out = append(out, r)
		}
	}
	return out
}

func makeFigure(name, cond, unit string, runs []browserRun, app, base series) figure {
	f := figure{Name: name, Condition: cond, Unit: unit, Baseline: summarize(nil), Ratio: summarize(nil)}
	a := collect(runs, app)
	f.App = summarize(a)
	if base != nil {
		b := collect(runs, base)
		f.Baseline = summarize(b)
		f.Ratio = summarize(ratios(a, b))
	}
	return f
}

// pooledFigure takes stat over all the runs' samples together; Min and Max
// are the lowest and highest of stat run by run.
func pooledFigure(name, cond string, runs []browserRun, samples func(browserRun) []float64, stat func([]float64) float64) figure {
	var all, perRun []float64
	for _, r := range runs {
		s := samples(r)
		all = append(all, s...)
		perRun = append(perRun, stat(s))
	}
	spread := summarize(perRun)
	f := figure{Name: name, Condition: cond, Unit: "ms", Samples: len(all),
		App:      Summary{Median: stat(all), Min: spread.Min, Max: spread.Max, N: spread.N},
		Baseline: summarize(nil), Ratio: summarize(nil)}
	if len(all) == 0 {
		f.App = summarize(nil)
	}
	return f
}

func collect(runs []browserRun, s series) []float64 {
	out := make([]float64, len(runs))
	for i, r := range runs {
		out[i] = s(r)
	}
	return out
}

// table is a header and rows of cells, written as aligned text or as
// Markdown.
type table struct {
	header []string
	rows   [][]string
}

func (t table) text() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(t.header, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	return b.String()
}

func (t table) markdown() string {
	var b strings.Builder
	row := func(cells []string) {
		escaped := make([]string, len(cells))
		for i, c := range cells {
			escaped[i] = strings.ReplaceAll(c, "|", `\|`)
		}
		b.WriteString("| " + strings.Join(escaped, " | ") + " |\n")
	}
	row(t.header)
	b.WriteString("|" + strings.Repeat("---|", len(t.header)) + "\n")
	for _, r := range t.rows {
		row(r)
	}
	return b.String()
}

// tables builds the three tables the bench prints.
func (rep *report) tables() (bytesT, browserT, serverT table) {
	bytesT = table{header: []string{"Bytes", "App", "Baseline"}}
	bytesT.rows = append(bytesT.rows,
		[]string{"WASM raw / gzip / brotli", fmt.Sprintf("%s / %s / %s",
			size(float64(rep.Build.WasmRaw)), size(float64(rep.Build.WasmGzip)), size(float64(rep.Build.WasmBrotli))), "—"},
		[]string{"Page (GET / as a browser asks for it)",
			size(float64(rep.Build.PageBytes.Bytes)) + encodingNote(rep.Build.PageBytes.Encoding),
			size(float64(rep.Build.BaselineBytes.Bytes)) + encodingNote(rep.Build.BaselineBytes.Encoding)})
	browserT = table{header: []string{"Figure", "Condition", "App", "Baseline", "App ÷ baseline"}}
	for _, f := range rep.Figures {
		if f.Unit == "bytes" {
			bytesT.rows = append(bytesT.rows, []string{f.Name, spread(f.App, size), spread(f.Baseline, size)})
			continue
		}
		name := f.Name
		if f.Samples > 0 {
			name += fmt.Sprintf(" (%d changes)", f.Samples)
		}
		format := ms
		switch f.Unit {
		case "elements":
			format = count
		case "px":
			format = pixels
		}
		browserT.rows = append(browserT.rows, []string{name, f.Condition, spread(f.App, format), spread(f.Baseline, format), spread(f.Ratio, times)})
	}
	serverT = table{header: []string{"Path", "Response (Go / nginx)", "Go req/s", "nginx req/s", "Go ÷ nginx", "Go p50 / p99", "nginx p50 / p99"}}
	for _, s := range rep.Servers {
		serverT.rows = append(serverT.rows, []string{
			"`" + s.Path + "`",
			response(s.GoProbe) + " / " + response(s.NginxProbe),
			spread(s.GoRPS, rate), spread(s.NginxRPS, rate), spread(s.Ratio, times),
			ms(s.GoP50.Median) + " / " + ms(s.GoP99.Median),
			ms(s.NginxP50.Median) + " / " + ms(s.NginxP99.Median),
		})
	}
	return bytesT, browserT, serverT
}

// lighthouseTable gives each page's scores, median (min–max) over the
// audits.
func (rep *report) lighthouseTable() table {
	t := table{header: []string{"Page (Lighthouse, mobile)", "Performance", "TBT", "FCP / LCP (simulated)", "CLS", "Accessibility", "Best practices", "SEO", "Audits"}}
	for _, p := range lighthousePages() {
		var perf, tbt, fcp, lcp, cls, a11y, bp, seo []float64
		failed := 0
		for _, l := range rep.Lighthouse {
			if l.Path != p {
				continue
			}
			if l.Error != "" {
				failed++
				continue
			}
			perf, tbt, fcp, lcp = append(perf, l.Performance), append(tbt, l.TBT), append(fcp, l.FCP), append(lcp, l.LCP)
			cls = append(cls, l.CLS)
			a11y, bp, seo = append(a11y, l.Accessibility), append(bp, l.BestPractices), append(seo, l.SEO)
		}
		if len(perf)+failed == 0 {
			continue
		}
		audits := fmt.Sprint(len(perf))
		if failed > 0 {
			audits += fmt.Sprintf(" (%d failed)", failed)
		}
		name := "`" + p + "`"
		if p == floorPage {
			name = p + " (the floor: `cmd/bench/floorapp`)"
		}
		t.rows = append(t.rows, []string{name,
			spread(summarize(perf), count), spread(summarize(tbt), ms),
			ms(median(fcp)) + " / " + ms(median(lcp)), spread(summarize(cls), shift),
			spread(summarize(a11y), count), spread(summarize(bp), count), spread(summarize(seo), count), audits})
	}
	return t
}

// floodTable compares the plain visitor's cached / alone and under the
// flood, and says what the flood and the server's memory did.
func (rep *report) floodTable() table {
	f := rep.Flood
	if f == nil {
		return table{}
	}
	t := table{header: []string{"Unique-query flood", "Alone", "Under the flood", "Flood ÷ alone"}}
	for _, v := range f.Visitors {
		page := fmt.Sprintf("Cached `%s`, asked every %v:", v.Paths[0], v.Every)
		if len(v.Paths) > 1 {
			page = fmt.Sprintf("%d cached views (`%s`, `%s`, …), each asked every %v:", len(v.Paths), v.Paths[0], v.Paths[1], v.Every*time.Duration(len(v.Paths)))
		}
		for _, st := range []struct {
			name string
			stat func([]float64) float64
		}{{"median", median}, {"p95", p95}, {"worst", func(xs []float64) float64 { return percentile(xs, 100) }}} {
			a, b := st.stat(v.Quiet.Latencies), st.stat(v.Flooded.Latencies)
			t.rows = append(t.rows, []string{page + " " + st.name, ms(a), ms(b), times(ratio(b, a))})
		}
		t.rows = append(t.rows, []string{page + " requests / errors (not 200, or no answer)",
			fmt.Sprintf("%d / %d", len(v.Quiet.Latencies)+v.Quiet.errors(), v.Quiet.errors()),
			fmt.Sprintf("%d / %d", len(v.Flooded.Latencies)+v.Flooded.errors(), v.Flooded.errors()), "—"})
	}
	t.rows = append(t.rows,
		[]string{"Server resident memory (VmRSS; peak sampled every 100 ms)", size(float64(f.Memory.Before)), size(float64(f.Memory.PeakRSS)), "—"},
		[]string{"Server memory high-water mark (VmHWM, whole process life)", "—", size(float64(f.Memory.HighMark)), "—"})
	var rejected int64
	for code, n := range f.Status {
		if code > 399 {
			rejected += n
		}
	}
	t.rows = append(t.rows,
		[]string{"Flood: requests/s, p50 / p99", "—", fmt.Sprintf("%s, %s / %s", rate(f.Wrk.RequestsPerSec), ms(f.Wrk.LatencyP50), ms(f.Wrk.LatencyP99)), "—"},
		[]string{"Flood: answers by status", "—", statusList(f.Status), "—"},
		[]string{"Flood: refused, 429 (over its client's budget) · 503 (renders busy)", "—",
			fmt.Sprintf("%.1f%% · %.1f%%", 100*statusShare(f.Status, 429), 100*statusShare(f.Status, 503)), "—"},
		[]string{"Flood: socket errors (connect, read, write, timeout > 10 s)", "—", fmt.Sprint(f.Wrk.Errors - rejected), "—"})
	return t
}

// overFloor compares each page's median Lighthouse TBT with the minimal
// go-app app's in the same run: the part of the blocking time the widget
// adds to what any go-app app costs.
func (rep *report) overFloor() string {
	tbt := func(path string) float64 {
		var xs []float64
		for _, l := range rep.Lighthouse {
			if l.Path == path && l.Error == "" {
				xs = append(xs, l.TBT)
			}
		}
		return median(xs)
	}
	floor := tbt(floorPage)
	var parts []string
	for _, p := range shapedPages {
		if page := tbt(p.Path); !math.IsNaN(page) && !math.IsNaN(floor) {
			parts = append(parts, fmt.Sprintf("`%s` %s vs %s (%s)", p.Path, ms(page), ms(floor), times(ratio(page, floor))))
		}
	}
	return strings.Join(parts, "; ")
}

// failingAudits lists, page by page, the audits that kept a score under
// 100 in any run ("" when none did).
func (rep *report) failingAudits() string {
	var parts []string
	for _, p := range shapedPages {
		seen := map[string]bool{}
		var ids []string
		for _, l := range rep.Lighthouse {
			for _, id := range l.Failing {
				if l.Path == p.Path && !seen[id] {
					seen[id] = true
					ids = append(ids, "`"+id+"`")
				}
			}
		}
		if len(ids) > 0 {
			parts = append(parts, "`"+p.Path+"`: "+strings.Join(ids, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// readersFrom says where the readers connect from, for the header.
func (f *floodResult) readersFrom() string {
	var from []string
	for _, v := range f.Visitors {
		if v.From == "" {
			return "the flood's own address (no other loopback address could be bound)"
		}
		from = append(from, v.From)
	}
	return strings.Join(from, " and ") + " (the flood: 127.0.0.1)"
}

// header says what, where and how, above the tables.
func (rep *report) header() []string {
	m, s := rep.Machine, rep.Settings
	brotli := "gzip_static + brotli_static"
	if !s.NginxBrotli {
		brotli = "gzip_static only (no brotli_static module: nginx serves gzip where Go serves brotli)"
	}
	lines := []string{
		fmt.Sprintf("Date: %s (%s)", rep.Started.Format("2006-01-02 15:04 MST"), rep.Finished.Sub(rep.Started).Round(time.Second)),
		fmt.Sprintf("Machine: %d CPUs, %s; %s; load average %s at start, %s at the end", m.CPUs, m.CPUModel, m.OS, m.LoadAvg, m.LoadAvgEnd),
		fmt.Sprintf("Versions: Go %s; %s; commit %s (plus the working tree's changes)", m.Go, m.Chromium, m.Commit),
		fmt.Sprintf("Browser: %d runs per condition, viewport %s; figures are median (min–max) over runs; filter latency pools ≥ %d changes per condition (min–max: the runs' own figures)",
			s.Runs, s.Viewport, s.FilterChanges),
	}
	if s.WrkRuns > 0 {
		lines = append(lines, fmt.Sprintf("Server: %s, %d runs × %v, %d threads, %d connections, Accept-Encoding: br, gzip; nginx %s, %d workers, %s",
			orUnknown(m.Wrk), s.WrkRuns, s.Wrk.Duration, s.Wrk.Threads, s.Wrk.Connections, orUnknown(m.Nginx), s.NginxWorkers, brotli))
	}
	if s.Lighthouse > 0 && len(rep.Lighthouse) > 0 {
		lines = append(lines, fmt.Sprintf("Lighthouse %s (npm, pinned in cmd/bench/lighthouse), mobile defaults (simulated throttling), %d audits per page, Debian's Chromium",
			rep.Lighthouse[0].Version, s.Lighthouse))
	}
	if over := rep.overFloor(); over != "" {
		lines = append(lines, "Lighthouse TBT against the minimal go-app app's, same run (median ÷ median): "+over)
	}
	if failing := rep.failingAudits(); failing != "" {
		lines = append(lines, "Lighthouse audits not passed: "+failing)
	}
	if f := rep.Flood; f != nil {
		lines = append(lines, fmt.Sprintf("Flood: a fresh server; wrk %d threads × %d connections × %v of never-seen `/?q=` views (cmd/bench/flood.lua); readers ask for cached pages (`/` every %v; %d other views in turn, one every %v) from %s, each request on a new connection, %v alone, then during the flood",
			f.Setting.Threads, f.Setting.Connections, f.Setting.Duration, f.Setting.VisitEvery, len(rareViews), f.Setting.RareEvery, f.readersFrom(), min(f.Setting.Duration, 5*time.Second)))
	}
	if measured, unchanged, late := rep.filterCounts(); measured+unchanged > 0 {
		line := fmt.Sprintf("Filter changes: %d measured (keystrokes in input[type=search], clicks on each input[type=checkbox]), %d left out because they did not change the DOM", measured, unchanged)
		if late > 0 {
			line += fmt.Sprintf("; WARNING: %d of those changed it later than the probe waited (a debounce?)", late)
		}
		lines = append(lines, line)
	}
	if n := rep.errorCount(); n > 0 {
		lines = append(lines, fmt.Sprintf("WARNING: %d browser runs reported errors; see results.json", n))
	}
	return lines
}

func (rep *report) filterCounts() (measured, unchanged, late int) {
	for _, r := range rep.Browser {
		measured += len(r.Filter.DOM)
		unchanged += r.Filter.NoChange
		late += r.Filter.Late
	}
	return measured, unchanged, late
}

func (rep *report) errorCount() int {
	n := 0
	for _, r := range rep.Browser {
		if len(r.Errors) > 0 {
			n++
		}
	}
	return n
}

func (rep *report) text() string {
	bytesT, browserT, serverT := rep.tables()
	var b strings.Builder
	b.WriteString("\n")
	for _, l := range rep.header() {
		b.WriteString(l + "\n")
	}
	for _, t := range []table{bytesT, rep.lighthouseTable(), browserT, serverT, rep.floodTable()} {
		if len(t.rows) > 0 {
			b.WriteString("\n" + t.text())
		}
	}
	return b.String()
}

// markdown is the part of BENCHMARKS.md a run replaces.
func (rep *report) markdown() string {
	bytesT, browserT, serverT := rep.tables()
	var b strings.Builder
	for _, l := range rep.header() {
		b.WriteString("- " + l + "\n")
	}
	for _, t := range []table{bytesT, rep.lighthouseTable(), browserT, serverT, rep.floodTable()} {
		if len(t.rows) > 0 {
			b.WriteString("\n" + t.markdown())
		}
	}
	return b.String()
}

// write saves results.json and results.md under dir.
func (rep *report) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "results.md"), []byte(rep.markdown()), 0o644)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// spread formats "median (min–max)", or just the value when all runs agree.
func spread(s Summary, format func(float64) string) string {
	if s.N == 0 {
		return "—"
	}
	med, lo, hi := format(s.Median), format(s.Min), format(s.Max)
	if lo == hi {
		return med
	}
	return fmt.Sprintf("%s (%s–%s)", med, strings.TrimSuffix(lo, unitOf(lo)), hi)
}

// unitOf is the unit suffix of a formatted value ("12.3 ms" → " ms"), so a
// range reads "10–12 ms" rather than "10 ms–12 ms".
func unitOf(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i:]
	}
	if strings.HasSuffix(s, "×") {
		return "×"
	}
	return ""
}

// size formats bytes in decimal units, as the targets are.
func size(b float64) string {
	switch {
	case math.IsNaN(b):
		return "—"
	case b >= 1e6:
		return fmt.Sprintf("%.2f MB", b/1e6)
	case b >= 1e3:
		return fmt.Sprintf("%.1f kB", b/1e3)
	}
	return fmt.Sprintf("%.0f B", b)
}

func times(r float64) string {
	if math.IsNaN(r) {
		return "—"
	}
	return fmt.Sprintf("%.2f×", r)
}

// shift formats a layout shift score as Lighthouse shows it.
func shift(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.3f", v)
}

func count(n float64) string {
	if math.IsNaN(n) {
		return "—"
	}
	return fmt.Sprintf("%.0f", n)
}

func pixels(n float64) string {
	if math.IsNaN(n) {
		return "—"
	}
	return fmt.Sprintf("%.0f px", n)
}

func rate(r float64) string {
	if math.IsNaN(r) {
		return "—"
	}
	return fmt.Sprintf("%.0f", r)
}

func encodingNote(enc string) string {
	if enc == "" {
		return " (identity)"
	}
	return " (" + enc + ")"
}

func response(p probeResponse) string {
	return size(float64(p.Bytes)) + encodingNote(p.Encoding)
}
