package main

import (
	"math"
	"strings"
	"testing"
)

// The parts of a Lighthouse 12.8 JSON report the bench reads, as Lighthouse
// wrote them for this app (other fields trimmed).
const lighthouseJSON = `{
  "lighthouseVersion": "12.8.2",
  "runWarnings": [],
  "categories": {
    "performance": {"id": "performance", "title": "Performance", "score": 0.57},
    "accessibility": {"id": "accessibility", "title": "Accessibility", "score": 1},
    "best-practices": {"id": "best-practices", "title": "Best Practices", "score": 0.96,
      "auditRefs": [{"id": "errors-in-console", "weight": 1}, {"id": "is-on-https", "weight": 5}, {"id": "redirects-http", "weight": 0}]},
    "seo": {"id": "seo", "title": "SEO", "score": 1, "auditRefs": [{"id": "document-title", "weight": 1}]}
  },
  "audits": {
    "total-blocking-time": {"id": "total-blocking-time", "score": 0, "numericValue": 5062.7438, "numericUnit": "millisecond", "displayValue": "5,060 ms"},
    "first-contentful-paint": {"id": "first-contentful-paint", "score": 0.99, "numericValue": 1070.5124, "numericUnit": "millisecond"},
    "largest-contentful-paint": {"id": "largest-contentful-paint", "score": 1, "numericValue": 1258.5124, "numericUnit": "millisecond"},
    "errors-in-console": {"id": "errors-in-console", "score": 0},
    "is-on-https": {"id": "is-on-https", "score": 1},
    "redirects-http": {"id": "redirects-http", "score": 0},
    "document-title": {"id": "document-title", "score": 1},
    "cumulative-layout-shift": {"id": "cumulative-layout-shift", "score": 1, "numericValue": 0.0001687668468523428, "numericUnit": "unitless"}
  }
}`

func TestParseLighthouse(t *testing.T) {
	l, err := parseLighthouse([]byte(lighthouseJSON))
	if err != nil {
		t.Fatal(err)
	}
	// Scores are whole numbers out of 100, as Lighthouse shows them
	// (0.57 × 100 is 56.99… in floating point).
	if l.Version != "12.8.2" || l.Performance != 57 || l.Accessibility != 100 || l.BestPractices != 96 || l.SEO != 100 {
		t.Errorf("scores %+v", l)
	}
	if math.Abs(l.TBT-5062.7438) > 1e-9 || math.Abs(l.FCP-1070.5124) > 1e-9 || math.Abs(l.LCP-1258.5124) > 1e-9 ||
		math.Abs(l.CLS-0.0001687668468523428) > 1e-15 {
		t.Errorf("timings %+v", l)
	}
	// Only weighted audits count: redirects-http (weight 0) failing on
	// plain HTTP is not why a score drops.
	if len(l.Failing) != 1 || l.Failing[0] != "best-practices/errors-in-console" {
		t.Errorf("failing audits %v, want [best-practices/errors-in-console]", l.Failing)
	}
}

func TestParseLighthouseMissingCategory(t *testing.T) {
	// A category Lighthouse could not score has "score": null.
	js := strings.Replace(lighthouseJSON, `"score": 0.96`, `"score": null`, 1)
	l, err := parseLighthouse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(l.BestPractices) || l.Performance != 57 {
		t.Errorf("got %+v, want best practices NaN and the rest read", l)
	}
	if _, err := l.MarshalJSON(); err != nil {
		t.Errorf("a run with a missing score does not encode: %v", err)
	}
}

func TestParseLighthouseErrors(t *testing.T) {
	for name, js := range map[string]string{
		"runtime error": `{"lighthouseVersion": "12.8.2", "runtimeError": {"code": "NO_FCP", "message": "The page did not paint any content."},
			"categories": {"performance": {"score": null}}, "audits": {}}`,
		"not a report":   `{"hello": "world"}`,
		"no performance": `{"lighthouseVersion": "12.8.2", "categories": {"seo": {"score": 1}}, "audits": {}}`,
		"not JSON":       `<html>`,
	} {
		if _, err := parseLighthouse([]byte(js)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	_, err := parseLighthouse([]byte(`{"lighthouseVersion": "12.8.2", "runtimeError": {"code": "NO_FCP", "message": "The page did not paint any content."}}`))
	if err == nil || !strings.Contains(err.Error(), "NO_FCP") {
		t.Errorf("runtime error not reported: %v", err)
	}
}
