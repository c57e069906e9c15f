package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// The baseline is the app's own prerendered page with everything that makes
// it an app taken out: what a plain server-rendered site of the same
// content, styled the same, would send.
var (
	scriptElement = regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script\s*>`)
	loaderAside   = regexp.MustCompile(`(?is)<aside\b[^>]*\bid\s*=\s*["']?app-wasm-loader\b[^>]*>.*?</aside\s*>`)
	linkElement   = regexp.MustCompile(`(?is)<link\b[^>]*>`)
	relAttr       = regexp.MustCompile(`(?is)\brel\s*=\s*["']?([^"'>]+)`)
	styleElement  = regexp.MustCompile(`(?is)<style\b[^>]*>.*?</style\s*>`)
)

// baselineName is where the baseline is written under -web, so the same
// server serves it at /web/baseline.html; plainName is the same text with
// no stylesheet at all, the floor issue 11 measures content-visible time
// against on a slow link.
const (
	baselineName = "baseline.html"
	plainName    = "baseline-plain.html"
)

// stripped says what stripBaseline took out, for the report.
type stripped struct {
	Scripts int  `json:"scripts"`
	Loader  bool `json:"loader"`
	Links   int  `json:"links"`
	// Taken out of the plain page only.
	Stylesheets int `json:"plain_stylesheets"`
}

// stripBaseline removes every <script> element, go-app's loader
// (<aside id="app-wasm-loader">) and the links that only an app uses
// (manifest, preloads). Stylesheets and icons stay, so the baseline looks
// like the app's first paint would without JavaScript.
func stripBaseline(page string) (string, stripped) {
	var s stripped
	page = scriptElement.ReplaceAllStringFunc(page, func(string) string { s.Scripts++; return "" })
	page = loaderAside.ReplaceAllStringFunc(page, func(string) string { s.Loader = true; return "" })
	page = linkElement.ReplaceAllStringFunc(page, func(link string) string {
		m := relAttr.FindStringSubmatch(link)
		if m == nil {
			return link
		}
		for _, rel := range strings.Fields(strings.ToLower(m[1])) {
			switch rel {
			case "manifest", "preload", "modulepreload", "prefetch", "serviceworker":
				s.Links++
				return ""
			}
		}
		return link
	})
	return page, s
}

// stripStylesheets removes <link rel="stylesheet"> and <style> elements
// and counts them: what is left is plain HTML the browser styles itself.
func stripStylesheets(page string) (string, int) {
	n := 0
	page = styleElement.ReplaceAllStringFunc(page, func(string) string { n++; return "" })
	page = linkElement.ReplaceAllStringFunc(page, func(link string) string {
		if m := relAttr.FindStringSubmatch(link); m != nil {
			for _, rel := range strings.Fields(strings.ToLower(m[1])) {
				if rel == "stylesheet" {
					n++
					return ""
				}
			}
		}
		return link
	})
	return page, n
}

// writeBaseline fetches the app's prerendered page from the running server
// and writes the baseline, and its plain version, beside the app's assets.
func writeBaseline(pageURL, webDir string) (stripped, error) {
	res, err := http.Get(pageURL)
	if err != nil {
		return stripped{}, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return stripped{}, fmt.Errorf("GET %s: %s", pageURL, res.Status)
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return stripped{}, err
	}
	page, s := stripBaseline(string(body))
	if s.Scripts == 0 {
		return s, fmt.Errorf("the page at %s has no <script>: is it the app's page?", pageURL)
	}
	if err := os.WriteFile(filepath.Join(webDir, baselineName), []byte(page), 0o644); err != nil {
		return s, err
	}
	plain, n := stripStylesheets(page)
	s.Stylesheets = n
	return s, os.WriteFile(filepath.Join(webDir, plainName), []byte(plain), 0o644)
}
