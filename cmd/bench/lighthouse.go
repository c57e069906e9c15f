package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// lighthouseDir holds the pinned npm package; `make deps-bench` installs it
// with npm ci.
var lighthouseDir = filepath.Join("cmd", "bench", "lighthouse")

// lighthouseCategories are the scores issue 11 sets targets for.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// lighthouseRun is one Lighthouse audit of one page, mobile defaults
// (a simulated mid-range phone on a slow 4G link). Scores are 0–100; NaN
// when Lighthouse could not score a category.
type lighthouseRun struct {
	Path          string  `json:"path"`
	Run           int     `json:"run"`
	Version       string  `json:"lighthouse_version"`
	Performance   float64 `json:"performance"`
	Accessibility float64 `json:"accessibility"`
	BestPractices float64 `json:"best_practices"`
	SEO           float64 `json:"seo"`
	TBT           float64 `json:"total_blocking_time_ms"`
	FCP           float64 `json:"first_contentful_paint_ms"`
	LCP           float64 `json:"largest_contentful_paint_ms"`
	CLS           float64 `json:"cumulative_layout_shift"` // the takeover must not move the page
	// Failing names the weighted audits of the accessibility, best
	// practices and SEO categories that did not pass, "category/audit",
	// so a score under 100 says why.
	Failing  []string `json:"failing_audits,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	Error    string   `json:"error,omitempty"`
}

// MarshalJSON writes figures not measured (NaN) as null.
func (l lighthouseRun) MarshalJSON() ([]byte, error) {
	type plain lighthouseRun
	return json.Marshal(struct {
		plain
		Performance   *float64 `json:"performance"`
		Accessibility *float64 `json:"accessibility"`
		BestPractices *float64 `json:"best_practices"`
		SEO           *float64 `json:"seo"`
		TBT           *float64 `json:"total_blocking_time_ms"`
		FCP           *float64 `json:"first_contentful_paint_ms"`
		LCP           *float64 `json:"largest_contentful_paint_ms"`
		CLS           *float64 `json:"cumulative_layout_shift"`
	}{plain(l), orNull(l.Performance), orNull(l.Accessibility), orNull(l.BestPractices), orNull(l.SEO),
		orNull(l.TBT), orNull(l.FCP), orNull(l.LCP), orNull(l.CLS)})
}

func newLighthouseRun() lighthouseRun {
	nan := math.NaN()
	return lighthouseRun{Performance: nan, Accessibility: nan, BestPractices: nan, SEO: nan, TBT: nan, FCP: nan, LCP: nan, CLS: nan}
}

// lighthouseReport is the part of Lighthouse's JSON report the bench reads.
type lighthouseReport struct {
	Version      string `json:"lighthouseVersion"`
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	RunWarnings []string `json:"runWarnings"`
	Categories  map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Score        *float64 `json:"score"`
		NumericValue *float64 `json:"numericValue"`
	} `json:"audits"`
}

// parseLighthouse reads a JSON report into a run. A runtime error (the
// page did not load, Chrome crashed) is an error: its scores mean nothing.
func parseLighthouse(data []byte) (lighthouseRun, error) {
	var rep lighthouseReport
	l := newLighthouseRun()
	if err := json.Unmarshal(data, &rep); err != nil {
		return l, fmt.Errorf("reading the Lighthouse report: %w", err)
	}
	if rep.Version == "" {
		return l, errors.New("not a Lighthouse report: no lighthouseVersion")
	}
	l.Version, l.Warnings = rep.Version, rep.RunWarnings
	if rep.RuntimeError != nil && rep.RuntimeError.Code != "" {
		return l, fmt.Errorf("lighthouse: %s: %s", rep.RuntimeError.Code, rep.RuntimeError.Message)
	}
	score := func(id string) float64 {
		if c, ok := rep.Categories[id]; ok && c.Score != nil {
			return math.Round(*c.Score * 100)
		}
		return math.NaN()
	}
	audit := func(id string) float64 {
		if a, ok := rep.Audits[id]; ok && a.NumericValue != nil {
			return *a.NumericValue
		}
		return math.NaN()
	}
	l.Performance, l.Accessibility = score("performance"), score("accessibility")
	l.BestPractices, l.SEO = score("best-practices"), score("seo")
	l.TBT = audit("total-blocking-time")
	l.FCP, l.LCP = audit("first-contentful-paint"), audit("largest-contentful-paint")
	l.CLS = audit("cumulative-layout-shift")
	for _, cat := range lighthouseCategories[1:] {
		for _, ref := range rep.Categories[cat].AuditRefs {
			if a, ok := rep.Audits[ref.ID]; ok && ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				l.Failing = append(l.Failing, cat+"/"+ref.ID)
			}
		}
	}
	if math.IsNaN(l.Performance) || math.IsNaN(l.TBT) {
		return l, errors.New("the Lighthouse report has no performance score or total blocking time")
	}
	return l, nil
}

// lighthouseBin is the pinned CLI, installed by `make deps-bench`.
func lighthouseBin(repo string) (string, error) {
	bin := filepath.Join(repo, lighthouseDir, "node_modules", ".bin", "lighthouse")
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("lighthouse not installed in %s: run make deps-bench (npm ci)", lighthouseDir)
	}
	return bin, nil
}

// runLighthouse audits url once with Debian's Chromium in a fresh profile,
// with the flags every Chromium on this machine needs (internal/chromium);
// Lighthouse adds its own and keeps its mobile defaults.
func runLighthouse(ctx context.Context, bin, chromiumPath, url, tmp string) (lighthouseRun, error) {
	profile, err := os.MkdirTemp("", "citijpm-bench-lighthouse-")
	if err != nil {
		return newLighthouseRun(), err
	}
	defer os.RemoveAll(profile)
	out := filepath.Join(tmp, "lighthouse.json")
	defer os.Remove(out)
	flags := strings.Join([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + profile,
	}, " ")
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, url,
		"--output=json", "--output-path="+out, "--quiet",
		"--only-categories="+strings.Join(lighthouseCategories, ","),
		"--chrome-flags="+flags)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromiumPath)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return newLighthouseRun(), fmt.Errorf("lighthouse %s: %w: %s", url, err, tail(string(msg), 2000))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return newLighthouseRun(), err
	}
	return parseLighthouse(data)
}

// lighthouseAll audits every shaped page, run after run, alternating the
// pages so a drift in the machine's load affects them alike. A failed
// audit is recorded and the others go on.
func lighthouseAll(ctx context.Context, bin, chromiumPath, origin, floorURL, tmp string, runs int, logf func(string, ...any)) []lighthouseRun {
	var out []lighthouseRun
	for n := 1; n <= runs; n++ {
		for _, p := range lighthousePages() {
			if ctx.Err() != nil {
				return out
			}
			url := origin + p
			if p == floorPage {
				url = floorURL
			}
			l, err := runLighthouse(ctx, bin, chromiumPath, url, tmp)
			l.Path, l.Run = p, n
			if err != nil {
				l.Error = err.Error()
				logf("lighthouse run %d %-7s FAILED: %v", n, p, err)
			} else {
				logf("lighthouse run %d %-7s performance %.0f, TBT %s, accessibility %.0f, best practices %.0f, SEO %.0f; not passed: %v",
					n, p, l.Performance, ms(l.TBT), l.Accessibility, l.BestPractices, l.SEO, l.Failing)
			}
			out = append(out, l)
		}
	}
	return out
}

// floorPage names the minimal go-app app (cmd/bench/floorapp) among the
// audited pages: what a go-app app costs before it does anything.
const floorPage = "minimal go-app app"

// lighthousePages are the widget's shaped pages, then the floor app.
func lighthousePages() []string {
	var pages []string
	for _, p := range shapedPages {
		pages = append(pages, p.Path)
	}
	return append(pages, floorPage)
}

// tail is the end of s, for error messages.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
