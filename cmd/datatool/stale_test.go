package main

import (
	"citijpm/compare"
	"citijpm/data"
	"citijpm/internal/testclock"
	"fmt"
	"os"
	"strings"
	"testing"
)

const fixtureDir = "../../testdata/thirdbank"

type staleCase struct {
	name   string
	args   []string
	status int
	out    string // whole stdout, when set
	has    []string
	rows   int // data rows in the table; -1 when not checked
}

func TestStale(t *testing.T) {
	cases := []staleCase{
		{
			name: "default age from the dataset",
			args: []string{"-dir", fixtureDir},
			out: `8 of 24 cells last verified more than 180 days before 2026-11-24:

BANK         CATEGORY            LAST VERIFIED  AGE (DAYS)
examplebank  payment-status      2025-03-01     633
examplebank  fx                  2025-03-01     633
examplebank  region-differences  2025-03-01     633
examplebank  api-reference       2025-03-01     633
citi         balances            2026-04-02     236
citi         payment-status      2026-04-02     236
citi         commercial          2026-04-02     236
citi         region-differences  2026-04-02     236

Re-check each against its sources, then update its lastVerified date.
`,
			rows: 8,
		},
		{name: "weeks", args: []string{"-dir", fixtureDir, "--older-than", "90w"}, has: []string{"more than 630 days"}, rows: 4},
		{name: "months", args: []string{"-dir", fixtureDir, "-older-than", "21m"}, has: []string{"more than 630 days"}, rows: 4},
		{name: "days", args: []string{"-dir", fixtureDir, "-older-than", "236d"}, rows: 4},
		{name: "plain number", args: []string{"-dir", fixtureDir, "-older-than", "235"}, rows: 8},
		{name: "zero lists all but today's", args: []string{"-dir", fixtureDir, "-older-than", "0"}, rows: 12},
		{
			name: "none",
			args: []string{"-dir", fixtureDir, "-older-than", "633d"},
			out:  "no cells to re-verify: none last verified more than 633 days before 2026-11-24\n",
			rows: 0,
		},
		{
			// Dates after -today are fresh, and still valid: validation
			// uses the real clock.
			name: "earlier today",
			args: []string{"-dir", fixtureDir, "-today", "2026-04-03"},
			has:  []string{"before 2026-04-03", "examplebank  fx"},
			rows: 4,
		},
		shippedCase(t),
		{name: "bad age", args: []string{"-dir", fixtureDir, "-older-than", "1y"}, status: 2, rows: -1},
		{name: "negative age", args: []string{"-dir", fixtureDir, "-older-than", "-5d"}, status: 2, rows: -1},
		{name: "bad today", args: []string{"-dir", fixtureDir, "-today", "2026-13-01"}, status: 2, rows: -1},
		{name: "invalid dataset", args: []string{"-dir", t.TempDir()}, status: 1, rows: -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, out, errOut := runTool(t, append([]string{"stale"}, tc.args...)...)
			if status != tc.status {
				t.Fatalf("status %d, want %d\n%s%s", status, tc.status, out, errOut)
			}
			if tc.status != 0 {
				if out != "" || errOut == "" {
					t.Errorf("a failure must say why on stderr only: %q %q", out, errOut)
				}
				return
			}
			if tc.out != "" && out != tc.out {
				t.Errorf("stdout\n%s\nwant\n%s", out, tc.out)
			}
			for _, h := range tc.has {
				if !strings.Contains(out, h) {
					t.Errorf("stdout lacks %q:\n%s", h, out)
				}
			}
			rows := 0
			if strings.Contains(out, "BANK ") {
				table, _, _ := strings.Cut(strings.SplitN(out, "BANK ", 2)[1], "\n\n")
				rows = strings.Count(table, "\n") // one per row after the header
			} else if !strings.HasPrefix(out, "no cells to re-verify") {
				t.Errorf("neither a table nor \"no cells to re-verify\":\n%s", out)
			}
			if rows != tc.rows {
				t.Errorf("%d rows, want %d:\n%s", rows, tc.rows, out)
			}
		})
	}
}

func TestStaleHelp(t *testing.T) {
	status, _, errOut := runTool(t, "stale", "-help")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"-older-than", "26w", "6m", "-today", "-dir"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("help lacks %q:\n%s", want, errOut)
		}
	}
}

func TestParseAge(t *testing.T) {
	good := map[string]int{"180": 180, "180d": 180, "26w": 182, "6m": 180, " 6M ": 180, "0": 0, "1w": 7}
	for in, want := range good {
		if got, err := parseAge(in); err != nil || got != want {
			t.Errorf("parseAge(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "-1", "1y", "1.5w", "6 m", "abc", "9999999"} {
		if _, err := parseAge(in); err == nil {
			t.Errorf("parseAge(%q) accepted", in)
		}
	}
}

// shippedCase runs stale on the shipped data, as on the day it was last
// verified. Which cells are stale is the data's business (it changes with
// every re-verification); the tool must list exactly those.
func shippedCase(t *testing.T) staleCase {
	const dir = "../../data/dataset"
	today := testclock.Today(os.DirFS(dir))
	ds, err := data.Load(os.DirFS(dir), today)
	if err != nil {
		t.Fatal(err)
	}
	stale := 0
	for _, c := range ds.Cells {
		if compare.IsStale(&c, ds.Meta.StaleAfterDays, today) {
			stale++
		}
	}
	tc := staleCase{name: "shipped data", args: []string{"-dir", dir}, rows: stale}
	if stale > 0 {
		tc.has = []string{fmt.Sprintf("%d of %d cells", stale, len(ds.Cells))}
	}
	return tc
}
