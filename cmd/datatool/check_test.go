package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"citijpm/internal/testclock"
)

// today is the fixture's clock: the day of its newest verification.
var today = testclock.Today(os.DirFS(fixtureDir))

// runTool runs the tool as on the day the dataset it is given (-dir) was
// last verified, so a data edit never breaks a test; the fixture's day
// when there is no readable dataset.
func runTool(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	now := today
	if i := slices.Index(args, "-dir"); i >= 0 && i+1 < len(args) {
		if day, err := testclock.Read(os.DirFS(args[i+1])); err == nil {
			now = day
		}
	}
	var out, errOut bytes.Buffer
	status = run(args, env{stdout: &out, stderr: &errOut, now: now})
	return status, out.String(), errOut.String()
}

func TestCheckShippedDataset(t *testing.T) {
	status, out, errOut := runTool(t, "check", "-dir", "../../data/dataset")
	if status != 0 || !strings.Contains(out, "OK") {
		t.Fatalf("status %d\n%s%s", status, out, errOut)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	src := "../../data/dataset"
	for _, name := range []string{"meta.json", "banks.json", "sources.json", "sections.json", "categories.json", "markets.json", "offerings.json", "cells/citi.json", "cells/jpm.json"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "cells/jpm.json" {
			b = bytes.Replace(b, []byte(`"confidence": "High"`), []byte(`"confidence": "Certain"`), 2)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	status, out, _ := runTool(t, "check", "-dir", dir)
	if status != 1 {
		t.Fatalf("status %d, want 1", status)
	}
	if n := strings.Count(out, `cells/jpm.json: $[`); n != 2 || !strings.Contains(out, `"Certain" is not one of High, Medium, Low`) {
		t.Errorf("want 2 located problems, got:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	if status, _, errOut := runTool(t); status != 2 || !strings.Contains(errOut, "check") {
		t.Errorf("no args: %d %s", status, errOut)
	}
	if status, _, _ := runTool(t, "nope"); status != 2 {
		t.Errorf("unknown command: %d", status)
	}
	if status, _, errOut := runTool(t, "check", "-help"); status != 0 || !strings.Contains(errOut, "-dir") {
		t.Errorf("check -help: %d %s", status, errOut)
	}
}

// TestCheckValidatesMarketCodes: an unknown market on a cell and a country
// code ISO does not assign are both reported with file, JSON path and reason.
func TestCheckValidatesMarketCodes(t *testing.T) {
	dir := t.TempDir()
	src := "../../data/dataset"
	for _, name := range []string{"meta.json", "banks.json", "sources.json", "sections.json", "categories.json", "markets.json", "offerings.json", "cells/citi.json", "cells/jpm.json"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, name)
		b, _ := os.ReadFile(p)
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %s", name, old)
		}
		os.WriteFile(p, bytes.ReplaceAll(b, []byte(old), []byte(new)), 0o644)
	}

	write("cells/citi.json", `"AU",`, `"XA",`)
	status, out, _ := runTool(t, "check", "-dir", dir)
	if status != 1 || !strings.Contains(out, `cells/citi.json: $[`) || !strings.Contains(out, `].markets[0]: unknown market "XA"`) {
		t.Errorf("unknown cell market: status %d\n%s", status, out)
	}

	write("cells/citi.json", `"XA",`, `"AU",`)
	write("markets.json", `"UA"`, `"UK"`) // the country and the EMEA group's member
	write("cells/citi.json", `"UA"`, `"UK"`)
	status, out, _ = runTool(t, "check", "-dir", dir)
	if status != 1 || !strings.Contains(out, `markets.json: $[`) || !strings.Contains(out, `"UK" is not an assigned ISO 3166-1 alpha-2 country code`) {
		t.Errorf("unassigned country code: status %d\n%s", status, out)
	}
}

func TestISOCountry(t *testing.T) {
	for _, c := range []string{"AU", "GB", "US", "HK", "UA"} {
		if !isISOCountry(c) {
			t.Errorf("%s rejected", c)
		}
	}
	for _, c := range []string{"UK", "EU", "au", "AUS", "036", "XA", "ZZ", ""} {
		if isISOCountry(c) {
			t.Errorf("%s accepted", c)
		}
	}
}
