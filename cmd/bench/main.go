// Command bench measures the widget as a reader and a host would see it:
// bytes, paint and interactivity in headless Chromium against a static-HTML
// baseline, filter latency in the page, and server throughput against
// nginx serving the static export. It builds whatever is in the tree, in
// release mode, into a temporary directory, and writes its results as a
// table, JSON and Markdown. It asserts nothing about timings.
//
// Run it from the repository root: `make bench` (see BENCHMARKS.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"citijpm/internal/chromium"
)

type options struct {
	runs          int
	filterChanges int
	wrkRuns       int
	wrk           wrkSettings
	conditions    string
	outDir        string
	keep          bool
	lighthouse    int
	flood         floodSettings
}

func main() {
	var o options
	flag.IntVar(&o.runs, "runs", 5, "browser runs per condition")
	flag.IntVar(&o.filterChanges, "filter-changes", 200, "filter changes measured per condition, spread over the runs (0 skips)")
	flag.IntVar(&o.wrkRuns, "wrk-runs", 3, "wrk runs per path and server (0 skips the server comparison)")
	flag.DurationVar(&o.wrk.Duration, "wrk-duration", 4*time.Second, "length of one wrk run")
	flag.IntVar(&o.wrk.Threads, "wrk-threads", 2, "wrk threads")
	flag.IntVar(&o.wrk.Connections, "wrk-connections", 8, "wrk connections")
	flag.IntVar(&o.lighthouse, "lighthouse-runs", 3, "Lighthouse audits per page (/ and /embed; 0 skips)")
	flag.DurationVar(&o.flood.Duration, "flood-duration", 20*time.Second, "length of the unique-query flood (0 skips it)")
	flag.IntVar(&o.flood.Connections, "flood-connections", 256, "connections of the unique-query flood")
	flag.IntVar(&o.flood.Threads, "flood-threads", 2, "wrk threads of the flood")
	flag.DurationVar(&o.flood.VisitEvery, "flood-visit-every", 25*time.Millisecond, "how often the plain visitor asks for the cached / during the flood test")
	flag.DurationVar(&o.flood.RareEvery, "flood-rare-every", 500*time.Millisecond, "how often occasional readers ask for one of the other cached views, in turn, during the flood test")
	flag.StringVar(&o.conditions, "conditions", "", "comma-separated conditions to run (default all: "+conditionNames()+")")
	flag.StringVar(&o.outDir, "out", filepath.Join("bench", "out"), "where results.json and results.md are written")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary build directory")
	flag.Parse()
	log.SetFlags(log.Ltime)
	log.SetPrefix("bench: ")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		log.Printf("FAILED: %v", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	started := time.Now()
	repo, err := repoRoot()
	if err != nil {
		return err
	}
	conds, err := pickConditions(o.conditions)
	if err != nil {
		return err
	}
	chromiumPath, err := chromium.Path()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "citijpm-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		log.Printf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	rep := &report{Started: started.UTC(), Settings: settingsOf(o, conds)}
	rel := newRelease(tmp)
	log.Printf("building the tree in release mode into %s", tmp)
	if err := rel.build(ctx, repo, log.Printf); err != nil {
		return err
	}
	if rep.Build.WasmRaw, rep.Build.WasmGzip, rep.Build.WasmBrotli, err = rel.wasmSizes(); err != nil {
		return err
	}

	// The baseline is cut from the page the server prerenders; the server
	// reads web/ once at start, so it is restarted to serve it.
	srv, err := startWidget(rel)
	if err != nil {
		return err
	}
	rep.Build.Baseline, err = writeBaseline(srv.URL+"/", rel.Web)
	srv.stop()
	if err != nil {
		return fmt.Errorf("making the baseline: %w", err)
	}
	if srv, err = startWidget(rel); err != nil {
		return err
	}
	defer srv.stop()
	baselineURL := srv.URL + "/web/" + baselineName
	for _, name := range []string{baselineName, plainName} {
		if err := checkOK(srv.URL + "/web/" + name); err != nil {
			return err
		}
	}
	if rep.Build.PageBytes, err = pageBytes(srv.URL + "/"); err != nil {
		return err
	}
	if rep.Build.BaselineBytes, err = pageBytes(baselineURL); err != nil {
		return err
	}
	if err := rel.export(ctx); err != nil {
		return fmt.Errorf("exporting the static site: %w", err)
	}
	log.Printf("serving %s; baseline %s", srv.URL, baselineURL)

	job := browserJob{
		chromium:      chromiumPath,
		origin:        srv.URL,
		appURL:        srv.URL + "/",
		baselineURL:   baselineURL,
		plainURL:      srv.URL + "/web/" + plainName,
		filterChanges: perRun(o.filterChanges, o.runs),
		logf:          log.Printf,
	}
	rep.Machine = machineInfo(ctx, chromiumPath)
	if o.runs > 0 {
		// One unmeasured visit fills the OS caches Chromium and the
		// server start with, so run 1 is not the odd one out.
		warm := job
		warm.filterChanges = 0
		warm.run(ctx, 0, conditions[0])
		for n := 1; n <= o.runs; n++ {
			for _, c := range conds {
				if err := ctx.Err(); err != nil {
					return err
				}
				rep.Browser = append(rep.Browser, job.run(ctx, n, c))
			}
		}
	}

	if o.lighthouse > 0 {
		lh, err := lighthouseBin(repo)
		if err != nil {
			return err
		}
		floor, err := startFloor(rel)
		if err != nil {
			return err
		}
		rep.Lighthouse = lighthouseAll(ctx, lh, chromiumPath, srv.URL, floor.URL+"/", tmp, o.lighthouse, log.Printf)
		floor.stop()
	}

	if o.wrkRuns > 0 {
		if rep.Server, err = serverComparison(ctx, rel, srv.URL, o, rep); err != nil {
			return err
		}
	}

	if o.flood.Duration > 0 {
		// A server of its own, started after everything else, so that its
		// memory high-water mark is the flood's.
		srv.stop()
		wrk, err := exec.LookPath("wrk")
		if err != nil {
			return errors.New("wrk not found: `make bench` installs it with apt-get")
		}
		rep.Machine.Wrk = wrkVersion(wrk)
		f, err := runFlood(ctx, wrk, rel, tmp, o.flood, log.Printf)
		if err != nil {
			return fmt.Errorf("the flood: %w", err)
		}
		rep.Flood = &f
		for _, v := range f.Visitors {
			log.Printf("flood: cached %s every %v: p95 %s alone, %s under the flood (worst %s), %d errors",
				strings.Join(v.Paths, " "), v.Every, ms(p95(v.Quiet.Latencies)), ms(p95(v.Flooded.Latencies)), ms(percentile(v.Flooded.Latencies, 100)), v.Flooded.errors())
		}
		log.Printf("flood: peak RSS %s; flood answers %s", size(float64(f.Memory.PeakRSS)), statusList(f.Status))
	}

	rep.Finished = time.Now().UTC()
	rep.Machine.LoadAvgEnd = loadAvg()
	rep.summarize()
	table := rep.text()
	fmt.Print(table)
	if err := rep.write(o.outDir); err != nil {
		return err
	}
	log.Printf("done in %v; wrote %s and %s", time.Since(started).Round(time.Second),
		filepath.Join(o.outDir, "results.json"), filepath.Join(o.outDir, "results.md"))
	return nil
}

// serverComparison starts nginx on the static export and loads both
// servers with wrk.
func serverComparison(ctx context.Context, rel release, goURL string, o options, rep *report) ([]serverPath, error) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		return nil, errors.New("wrk not found: `make bench` installs it with apt-get")
	}
	ngx, err := findNginx()
	if err != nil {
		return nil, err
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	conf, cfg, err := nginxSetup(rel, addr)
	if err != nil {
		return nil, err
	}
	n, err := startNginx(ngx, conf, cfg.Dir, filepath.Join(cfg.Dir, "error.log"), "http://"+addr)
	if err != nil {
		return nil, err
	}
	defer n.stop()
	rep.Machine.Nginx = nginxVersion(ngx)
	rep.Machine.Wrk = wrkVersion(wrk)
	rep.Settings.NginxBrotli = cfg.BrotliModule != ""
	rep.Settings.NginxWorkers = cfg.Workers
	log.Printf("nginx %s serving the export at %s (brotli_static: %v)", rep.Machine.Nginx, n.URL, rep.Settings.NginxBrotli)
	return benchServers(ctx, wrk, goURL, n.URL, o.wrkRuns, o.wrk, log.Printf)
}

// repoRoot is the working directory, which must be this module's root.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	mod, err := os.ReadFile(filepath.Join(wd, "go.mod"))
	if err != nil || !strings.HasPrefix(string(mod), "module citijpm\n") {
		return "", fmt.Errorf("run the bench from the repository root (make bench), not %s", wd)
	}
	return wd, nil
}

// perRun spreads total over runs, rounding up so the runs hold at least
// total between them.
func perRun(total, runs int) int {
	if runs <= 0 {
		return 0
	}
	return (total + runs - 1) / runs
}

func conditionNames() string {
	names := make([]string, len(conditions))
	for i, c := range conditions {
		names[i] = c.Name
	}
	return strings.Join(names, ",")
}

func pickConditions(list string) ([]condition, error) {
	if list == "" {
		return conditions, nil
	}
	var out []condition
	for _, name := range strings.Split(list, ",") {
		found := false
		for _, c := range conditions {
			if c.Name == strings.TrimSpace(name) {
				out = append(out, c)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown condition %q (known: %s)", name, conditionNames())
		}
	}
	return out, nil
}

func checkOK(url string) error {
	res, err := http.Get(url)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return nil
}

// pageBytes is what a browser downloads for url, compressed as it asks.
func pageBytes(url string) (probeResponse, error) {
	p, err := probe(url)
	if err == nil && p.Status != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d", url, p.Status)
	}
	return p, err
}
