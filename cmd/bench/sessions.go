package main

import (
	"context"
	"fmt"
	"math"
)

// browserRun is one run under one condition: a reader's first and repeat
// visits of the app, the filter latency on the repeat visit, then the same
// two visits of the baseline in a browser of its own, a first visit of the
// plain page in another, and each of shapedPages in another.
type browserRun struct {
	Run        int         `json:"run"`
	Condition  string      `json:"condition"`
	AppFirst   visit       `json:"app_first"`
	AppRepeat  visit       `json:"app_repeat"`
	BaseFirst  visit       `json:"baseline_first"`
	BaseRepeat visit       `json:"baseline_repeat"`
	PlainFirst visit       `json:"plain_first"` // the same text with no stylesheet
	Filter     filterRun   `json:"filter"`
	Pages      []pageShape `json:"pages"` // each of shapedPages, fresh profile, settled
	Errors     []string    `json:"errors,omitempty"`
}

// filterMedian and filterP95 summarise this run's filter changes for the
// log; NaN when there were none.
func (r browserRun) filterMedian() float64 { return median(r.Filter.DOM) }
func (r browserRun) filterP95() float64    { return percentile(r.Filter.DOM, 95) }

// browserJob is what every session needs to know.
type browserJob struct {
	chromium      string
	origin        string // http://127.0.0.1:PORT
	appURL        string
	baselineURL   string
	plainURL      string
	filterChanges int
	logf          func(string, ...any)
}

// runApp measures the app in a fresh profile: first visit, then, once the
// service worker controls the page, a repeat visit in a new tab and the
// filter latency there.
func (j browserJob) runApp(ctx context.Context, cond condition, r *browserRun) error {
	s, err := newSession(ctx, j.chromium, cond, desktop)
	if err != nil {
		return err
	}
	defer s.close()

	first, err := s.newTab()
	if err != nil {
		return err
	}
	r.AppFirst, err = first.visitApp(j.appURL, cond.CPURate)
	if err != nil {
		first.close()
		return fmt.Errorf("first visit: %w", err)
	}
	if err := first.waitServiceWorker(); err != nil {
		first.close()
		return fmt.Errorf("first visit: service worker: %w", err)
	}
	r.AppFirst.Controls = true
	r.AppFirst.Net = first.net.take()
	first.close()
	sw, err := s.attachServiceWorker(j.origin)
	if err != nil {
		return err
	}
	if r.AppFirst.SW, err = sw.take(); err != nil {
		return fmt.Errorf("reading the service worker's fetches: %w", err)
	}

	repeat, err := s.newTab()
	if err != nil {
		return err
	}
	defer repeat.close()
	r.AppRepeat, err = repeat.visitApp(j.appURL, cond.CPURate)
	if err != nil {
		return fmt.Errorf("repeat visit: %w", err)
	}
	r.AppRepeat.Net = repeat.net.take()
	if r.AppRepeat.SW, err = sw.take(); err != nil {
		return fmt.Errorf("reading the service worker's fetches: %w", err)
	}
	if j.filterChanges > 0 {
		if r.Filter, err = repeat.measureFilters(j.filterChanges, cond.CPURate); err != nil {
			return fmt.Errorf("filter latency: %w", err)
		}
	}
	return nil
}

// runBaseline measures the static page the same way, in its own profile.
func (j browserJob) runBaseline(ctx context.Context, cond condition, r *browserRun) error {
	s, err := newSession(ctx, j.chromium, cond, desktop)
	if err != nil {
		return err
	}
	defer s.close()
	for _, v := range []*visit{&r.BaseFirst, &r.BaseRepeat} {
		t, err := s.newTab()
		if err != nil {
			return err
		}
		*v, err = t.visitBaseline(j.baselineURL)
		v.Net = t.net.take()
		t.close()
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	return nil
}

// runPlain is a first visit of the plain page (no stylesheet), in a fresh
// profile of its own.
func (j browserJob) runPlain(ctx context.Context, cond condition, r *browserRun) error {
	s, err := newSession(ctx, j.chromium, cond, desktop)
	if err != nil {
		return err
	}
	defer s.close()
	t, err := s.newTab()
	if err != nil {
		return err
	}
	defer t.close()
	r.PlainFirst, err = t.visitBaseline(j.plainURL)
	r.PlainFirst.Net = t.net.take()
	return err
}

// run measures one run under one condition. A failure is recorded in the
// run and leaves NaN in its figures: the bench reports what it could.
func (j browserJob) run(ctx context.Context, n int, cond condition) browserRun {
	r := browserRun{Run: n, Condition: cond.Name,
		AppFirst: newVisit(), AppRepeat: newVisit(), BaseFirst: newVisit(), BaseRepeat: newVisit(), PlainFirst: newVisit()}
	if err := j.runApp(ctx, cond, &r); err != nil {
		r.Errors = append(r.Errors, "app: "+err.Error())
	}
	if err := j.runBaseline(ctx, cond, &r); err != nil {
		r.Errors = append(r.Errors, "baseline: "+err.Error())
	}
	if n == 0 {
		// The warm-up only fills the caches.
		j.logRun(n, cond, r)
		return r
	}
	if err := j.runPlain(ctx, cond, &r); err != nil {
		r.Errors = append(r.Errors, "plain page: "+err.Error())
	}
	for _, p := range shapedPages {
		ps, err := j.measureShape(ctx, cond, p)
		if err != nil {
			r.Errors = append(r.Errors, "page "+p.Path+": "+err.Error())
			continue
		}
		r.Pages = append(r.Pages, ps)
		j.logf("%s %-16s %s at %d px: %d elements, %d px tall, longest task after paint %s (after mount %s), blocking %s",
			runLabel(n), cond.Name, p.Path, ps.Width, ps.Elements, ps.Height, ms(ps.LongestTask), ms(ps.LongestAfterMount), ms(ps.Blocking))
	}
	j.logRun(n, cond, r)
	return r
}

func (j browserJob) logRun(n int, cond condition, r browserRun) {
	j.logf("%s %-16s app FCP %s LCP %s TTI %s / repeat %s, filter p50 %s p95 %s (%d changes, %d without DOM change, %d late); baseline FCP %s LCP %s; plain page visible %s%s",
		runLabel(n), cond.Name, ms(r.AppFirst.FCP), ms(r.AppFirst.LCP), ms(r.AppFirst.TTI), ms(r.AppRepeat.TTI),
		ms(r.filterMedian()), ms(r.filterP95()), len(r.Filter.DOM), r.Filter.NoChange, r.Filter.Late,
		ms(r.BaseFirst.FCP), ms(r.BaseFirst.LCP), ms(r.PlainFirst.Visible), errorNote(r.Errors))
}

func runLabel(n int) string {
	if n == 0 {
		return "warm-up"
	}
	return fmt.Sprintf("run %d", n)
}

func errorNote(errs []string) string {
	if len(errs) == 0 {
		return ""
	}
	return fmt.Sprintf("; ERRORS: %v", errs)
}

// ms formats milliseconds for logs and tables.
func ms(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.2f ms", v)
}
