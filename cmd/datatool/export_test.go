package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-json"

	"citijpm/data"
)

func TestExportCSV(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		rows     int // data rows
		banks    string
		stderr   []string
		noStderr bool
	}{
		{name: "whole dataset", args: nil, rows: 24, banks: "citi,jpm,examplebank", noStderr: true},
		{name: "query", args: []string{"-query", "bank=examplebank,jpm&section=portal"}, rows: 6, banks: "jpm,examplebank", noStderr: true},
		{name: "pasted URL", args: []string{"-query", "https://widget.example/embed/?section=api&bank=examplebank#top"}, rows: 3, banks: "examplebank", noStderr: true},
		{name: "leading ?", args: []string{"-query", "?stale=1&bank=citi"}, rows: 4, banks: "citi", noStderr: true},
		{
			name:   "ignored parameters are listed",
			args:   []string{"-query", "bogus=1&conf=extreme&bank=examplebank"},
			rows:   8,
			banks:  "examplebank",
			stderr: []string{`datatool export: Ignored "bogus": not a known parameter.`, "datatool export: Ignored conf=extreme: expected high, medium or low."},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"export", "-dir", fixtureDir, "-format", "csv"}, tc.args...)
			status, out, errOut := runTool(t, args...)
			if status != 0 {
				t.Fatalf("status %d: %s", status, errOut)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if rows[0][0] != "section_id" || len(rows)-1 != tc.rows {
				t.Fatalf("header %q, %d rows, want %d", rows[0], len(rows)-1, tc.rows)
			}
			var banks []string
			for _, r := range rows[1:] {
				if !strings.Contains(","+strings.Join(banks, ",")+",", ","+r[4]+",") {
					banks = append(banks, r[4])
				}
			}
			if got := strings.Join(banks, ","); got != tc.banks {
				t.Errorf("banks %s, want %s", got, tc.banks)
			}
			if tc.noStderr && errOut != "" {
				t.Errorf("stderr %q", errOut)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
		})
	}
}

func TestExportJSONToStdout(t *testing.T) {
	status, out, errOut := runTool(t, "export", "-dir", fixtureDir, "--format", "json", "-query", "bank=examplebank")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var ds data.Dataset
	var problems data.Problems
	if !data.Decode("stdout", []byte(out), &ds, &problems) {
		t.Fatal(problems)
	}
	if problems := data.Validate(&ds, today); len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	if len(ds.Banks) != 1 || ds.Banks[0].ID != "examplebank" || len(ds.Cells) != 8 || len(ds.Sources) != 3 {
		t.Errorf("banks %v, %d cells, %d sources", ds.Banks, len(ds.Cells), len(ds.Sources))
	}
}

func TestExportToFile(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		file string // under dir
	}{
		{[]string{"-o", filepath.Join(dir, "out.csv")}, "out.csv"},
		{[]string{"-o", dir}, "citi-jpm-comparison-fixture-2026-11-24.csv"},
		{[]string{"-o", dir, "-format", "json", "-query", "diff=1"}, "citi-jpm-comparison-fixture-2026-11-24-filtered.json"},
		// A view parameter does not filter.
		{[]string{"-o", dir, "-format", "json", "-query", "view=table"}, "citi-jpm-comparison-fixture-2026-11-24.json"},
	}
	for _, tc := range cases {
		status, out, errOut := runTool(t, append([]string{"export", "-dir", fixtureDir}, tc.args...)...)
		path := filepath.Join(dir, tc.file)
		if status != 0 || out != "" || !strings.HasPrefix(errOut, "wrote "+path+":") {
			t.Errorf("%v: status %d, stdout %q, stderr %q", tc.args, status, out, errOut)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(path, ".json") != json.Valid(b) || len(b) == 0 {
			t.Errorf("%s: %d bytes, not the expected format", path, len(b))
		}
	}
}

func TestExportErrors(t *testing.T) {
	cases := []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"-format", "xml"}, 2, `-format "xml"`},
		{[]string{"section=api"}, 2, "quote the -query value"},
		{[]string{"-dir", t.TempDir()}, 1, "problem(s)"},
		{[]string{"-o", filepath.Join(t.TempDir(), "missing", "out.csv")}, 1, "no such file"},
	}
	for _, tc := range cases {
		args := append([]string{"export", "-dir", fixtureDir}, tc.args...)
		status, out, errOut := runTool(t, args...)
		if status != tc.status || out != "" || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("%v: status %d, stdout %q, stderr %q", tc.args, status, out, errOut)
		}
	}
	status, _, errOut := runTool(t, "export", "-help")
	if status != 0 || !strings.Contains(errOut, "-query") || !strings.Contains(errOut, "-format") {
		t.Errorf("-help: %d %s", status, errOut)
	}
}
