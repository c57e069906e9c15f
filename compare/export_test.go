package compare

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/goccy/go-json"

	"citijpm/data"
)

// wantHeader is spelled out, not taken from CSVHeader, so that renaming or
// reordering a column is a deliberate change to this test too.
var wantHeader = []string{
	"section_id", "section", "category_id", "category", "bank_id", "bank",
	"status", "status_label", "confidence", "confidence_note", "label",
	"enables", "formats", "regions", "evidence", "caveat",
	"last_verified", "stale", "sources", "dataset_version",
	"markets", "offerings", "searched", "market_match",
}

// readCSV writes res as CSV and parses it back into header and rows keyed
// by column name.
func readCSV(t *testing.T, ix *Index, res Result, day time.Time) (header []string, rows []map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, ix, res, day); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("not valid CSV: %v", err)
	}
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, v := range r {
			row[records[0][i]] = v
		}
		rows = append(rows, row)
	}
	return records[0], rows
}

func find(t *testing.T, rows []map[string]string, bank, category string) map[string]string {
	t.Helper()
	for _, r := range rows {
		if r["bank_id"] == bank && r["category_id"] == category {
			return r
		}
	}
	t.Fatalf("no row for %s × %s", bank, category)
	return nil
}

func TestWriteCSVWholeDataset(t *testing.T) {
	ds, ix := thirdBank(t)
	header, rows := readCSV(t, ix, ix.Filter(Filters{}, fixtureToday), fixtureToday)
	if !slices.Equal(header, wantHeader) {
		t.Fatalf("header\n got %q\nwant %q", header, wantHeader)
	}
	if len(rows) != len(ds.Categories)*len(ds.Banks) {
		t.Fatalf("%d rows, want %d", len(rows), len(ds.Categories)*len(ds.Banks))
	}
	// Display order: every category, each with the banks in dataset order.
	if r := rows[0]; r["category_id"] != "balances" || r["bank_id"] != "citi" || rows[1]["bank_id"] != "jpm" {
		t.Errorf("first rows %v / %v", r, rows[1])
	}
	for _, r := range rows {
		if r["dataset_version"] != ds.Meta.Version {
			t.Fatalf("dataset_version %q", r["dataset_version"])
		}
	}

	citi := find(t, rows, "citi", "balances")
	want := map[string]string{
		"section_id": "api", "section": "Publicly visible API categories",
		"category_id": "balances", "category": "Balances / account information",
		"bank_id": "citi", "bank": "Citi",
		"status": "documented", "status_label": "Documented",
		"confidence": "High", "confidence_note": "", "label": "Sourced summary",
		"formats": "camt.052", "regions": "", "caveat": "",
		"last_verified": "2026-04-02", "stale": "yes",
		"markets": "", "offerings": "", "searched": "", "market_match": "",
	}
	for k, v := range want {
		if citi[k] != v {
			t.Errorf("citi × balances %s = %q, want %q", k, citi[k], v)
		}
	}
	// A source with no URL has no URL part.
	if s := citi["sources"]; !strings.HasPrefix(s, "Citi press release — Citi, 2024-10-28 | CitiConnect® Developer Portal (video page) — Citi, 2025-01-18 | ") ||
		strings.Count(s, " | ") != 5 || strings.Contains(s, "<") {
		t.Errorf("citi sources %q", s)
	}

	jpm := find(t, rows, "jpm", "payment-status")
	if jpm["formats"] != "JSON; Callbacks (webhooks)" || jpm["stale"] != "no" {
		t.Errorf("jpm × payment-status formats %q stale %q", jpm["formats"], jpm["stale"])
	}
	if s := jpm["sources"]; s != "Global Payments 2: Callbacks — J.P. Morgan, undated <https://developer.payments.jpmorgan.com/docs/treasury/global-payments/capabilities/global-payments-2/callbacks> | "+
		"Payment Status Track-n-Trace With GPI — J.P. Morgan, undated <https://developer.payments.jpmorgan.com/docs/treasury/payment-status-track-n-trace-with-gpi/doc>" {
		t.Errorf("jpm sources %q", s)
	}
}

// staleCategories counts the categories of a section with a cell due for
// re-verification, so the expectation follows the data's dates.
func staleCategories(ds *data.Dataset, section string) int {
	n := 0
	for _, cat := range ds.CategoriesIn(section) {
		for _, b := range ds.Banks {
			if c := ds.Cell(b.ID, cat.ID); c != nil && IsStale(c, ds.Meta.StaleAfterDays, today) {
				n++
				break
			}
		}
	}
	return n
}

func TestWriteCSVFiltered(t *testing.T) {
	ds, ix := shipped(t)
	cases := []struct {
		query string
		rows  int
		banks []string // bank_id of the first rows, in order
		cats  []string // category_id of the rows, when short enough to list
	}{
		{"bank=jpm&section=api", 4, []string{"jpm"}, []string{"balances", "payment-status", "fx", "payment-initiation"}},
		// Every shown bank's cell is a row, matching the filters or not.
		{"section=considerations&stale=1", 2 * staleCategories(ds, "considerations"), []string{"citi", "jpm"}, nil},
		{"q=no-such-words-anywhere", 0, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			st, _ := parse(t, ds, tc.query)
			res := ix.Filter(st.Filters, today)
			header, rows := readCSV(t, ix, res, today)
			if !slices.Equal(header, wantHeader) {
				t.Errorf("header %q", header)
			}
			if len(rows) != tc.rows || len(rows) != len(res.Banks)*res.Count {
				t.Fatalf("%d rows, want %d", len(rows), tc.rows)
			}
			for i, r := range rows {
				if i < len(tc.banks) && r["bank_id"] != tc.banks[i] {
					t.Errorf("row %d bank %q, want %q", i, r["bank_id"], tc.banks[i])
				}
			}
			if tc.cats != nil {
				var cats []string
				for _, r := range rows {
					cats = append(cats, r["category_id"])
				}
				if !slices.Equal(cats, tc.cats) {
					t.Errorf("categories %v, want %v", cats, tc.cats)
				}
			}
		})
	}
}

func TestWriteCSVStaleColumn(t *testing.T) {
	_, ix := thirdBank(t)
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// The fixture's Citi balances cell was last verified on 2026-04-02;
	// the dataset allows 180 days.
	cases := []struct {
		on   string
		want string
	}{
		{"2026-04-03", "no"},
		{"2026-09-29", "no"}, // exactly 180 days
		{"2026-09-30", "yes"},
		{"2026-11-24", "yes"},
	}
	res := ix.Filter(Filters{Banks: []string{"citi"}, Sections: []string{"api"}}, fixtureToday)
	for _, tc := range cases {
		_, rows := readCSV(t, ix, res, day(tc.on))
		if got := find(t, rows, "citi", "balances")["stale"]; got != tc.want {
			t.Errorf("on %s stale = %q, want %q", tc.on, got, tc.want)
		}
	}
}

func TestWriteCSVEscapesAndDefuses(t *testing.T) {
	ds, ix := thirdBank(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, ix, ix.Filter(Filters{}, today), today); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.Contains(raw, `"Status lookups are described, ""webhooks"" are not.`+"\n"+`Second line`) {
		t.Error("a cell with a comma, quotes and a newline is not quoted")
	}
	_, rows := readCSV(t, ix, ix.Filter(Filters{}, today), today)
	cases := []struct {
		category, column string
		want             func(*data.Cell) string
	}{
		// Text survives the round trip exactly...
		{"payment-status", "evidence", func(c *data.Cell) string { return c.Evidence }},
		// ...except that a would-be formula gets a leading quote.
		{"fx", "caveat", func(c *data.Cell) string { return "'" + c.Caveat }},
		{"sandbox-testing", "regions", func(c *data.Cell) string { return "'" + c.Regions }},
		{"api-reference", "regions", func(c *data.Cell) string { return "'" + c.Regions }},
		{"webhook-replay", "evidence", func(c *data.Cell) string { return "'" + c.Evidence }},
	}
	for _, tc := range cases {
		c := ds.Cell("examplebank", tc.category)
		if got, want := find(t, rows, "examplebank", tc.category)[tc.column], tc.want(c); got != want {
			t.Errorf("%s %s = %q, want %q", tc.category, tc.column, got, want)
		}
	}
	if !strings.HasPrefix(ds.Cell("examplebank", "fx").Caveat, "=") {
		t.Fatal("the fixture no longer has a formula to defuse")
	}
}

func TestDefuse(t *testing.T) {
	cases := map[string]string{
		"=1+2":         "'=1+2",
		"+44 20":       "'+44 20",
		"-1":           "'-1",
		"@SUM(A1)":     "'@SUM(A1)",
		"\t=cmd":       "'\t=cmd",
		"\r=cmd":       "'\r=cmd",
		"":             "",
		"a=b":          "a=b",
		"2026-04-02":   "2026-04-02",
		"'=quoted":     "'=quoted",
		" =spaced":     " =spaced",
		"camt.052":     "camt.052",
		"€100 = price": "€100 = price",
	}
	for in, want := range cases {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// exportJSON runs WriteJSON and checks it is deterministic.
func exportJSON(t *testing.T, ix *Index, res Result) []byte {
	t.Helper()
	var a, b bytes.Buffer
	if err := WriteJSON(&a, ix, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, ix, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two exports of the same result differ")
	}
	return a.Bytes()
}

// loadExport splits an exported file back into a dataset directory (one
// cells file per bank) and loads it with every rule of data.Load.
func loadExport(t *testing.T, b []byte) *data.Dataset {
	t.Helper()
	var whole data.Dataset
	var problems data.Problems
	if !data.Decode("export.json", b, &whole, &problems) {
		t.Fatalf("export does not decode: %v", problems)
	}
	fsys := fstest.MapFS{}
	put := func(name string, v any) {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	put("meta.json", whole.Meta)
	put("banks.json", whole.Banks)
	put("sources.json", whole.Sources)
	put("sections.json", whole.Sections)
	put("categories.json", whole.Categories)
	put("markets.json", whole.Markets)
	put("offerings.json", whole.Offerings)
	for _, bank := range whole.Banks {
		var cells []data.Cell
		for _, c := range whole.Cells {
			if c.Bank == bank.ID {
				cells = append(cells, c)
			}
		}
		put("cells/"+bank.ID+".json", cells)
	}
	ds, err := data.Load(fsys, today)
	if err != nil {
		t.Fatalf("export does not load back: %v", err)
	}
	return ds
}

// public is the part of a dataset its files hold. A list a file leaves
// out reads as empty, as an export writes it.
func public(ds *data.Dataset) data.Dataset {
	cells := slices.Clone(ds.Cells)
	for i := range cells {
		if cells[i].Formats == nil {
			cells[i].Formats = []string{}
		}
		if cells[i].Sources == nil {
			cells[i].Sources = []string{}
		}
	}
	return data.Dataset{Meta: ds.Meta, Banks: ds.Banks, Sources: ds.Sources,
		Sections: ds.Sections, Categories: ds.Categories, Cells: cells,
		Markets: orEmpty(ds.Markets), Offerings: orEmpty(ds.Offerings)}
}

func sourceIDs(ds *data.Dataset) []string {
	var ids []string
	for _, s := range ds.Sources {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestWriteJSONWholeDatasetRoundTrip(t *testing.T) {
	ds, ix := shipped(t)
	b := exportJSON(t, ix, ix.Filter(Filters{}, today))

	back := loadExport(t, b)
	if !reflect.DeepEqual(public(back), public(ds)) {
		t.Error("the full export does not load back to the shipped dataset")
	}
	// Decoded as one file, it passes the same rules.
	var whole data.Dataset
	var problems data.Problems
	data.Decode("export.json", b, &whole, &problems)
	if problems = append(problems, data.Validate(&whole, today)...); len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	// Exporting what was loaded gives the same bytes.
	ix2 := NewIndex(back)
	if again := exportJSON(t, ix2, ix2.Filter(Filters{}, today)); !bytes.Equal(again, b) {
		t.Error("export → load → export is not stable")
	}
	s := string(b)
	for _, want := range []string{"{\n  \"meta\": {\n    \"title\": ", `"APIs & connectivity comparison page"`, "\n  \"cells\": [\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("export lacks %q", want)
		}
	}
}

func TestWriteJSONFiltered(t *testing.T) {
	ds, ix := shipped(t)
	cases := []struct {
		query      string
		banks      []string
		categories int
	}{
		{"bank=jpm&section=api", []string{"jpm"}, 4},
		{"bank=citi&section=citi-only,playbook", []string{"citi"}, 16},
		{"section=playbook&conf=high", []string{"citi", "jpm"}, -1},
		{"q=camt&diff=1", []string{"citi", "jpm"}, -1},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			st, _ := parse(t, ds, tc.query)
			res := ix.Filter(st.Filters, today)
			sub := loadExport(t, exportJSON(t, ix, res)) // validates, or fails

			var banks []string
			for _, b := range sub.Banks {
				banks = append(banks, b.ID)
			}
			if !slices.Equal(banks, tc.banks) {
				t.Errorf("banks %v, want %v", banks, tc.banks)
			}
			var cats []string
			for _, c := range sub.Categories {
				cats = append(cats, c.ID)
			}
			if !slices.Equal(cats, res.CategoryIDs()) || tc.categories >= 0 && len(cats) != tc.categories {
				t.Errorf("categories %v, want the %d cards %v", cats, tc.categories, res.CategoryIDs())
			}
			if len(sub.Sections) != len(res.Groups) || len(sub.Cells) != len(banks)*len(cats) {
				t.Errorf("%d sections, %d cells", len(sub.Sections), len(sub.Cells))
			}
			// Exactly the sources the exported cells cite, in dataset order.
			cited := map[string]bool{}
			for _, c := range sub.Cells {
				for _, id := range c.Sources {
					cited[id] = true
				}
			}
			var want []string
			for _, s := range ds.Sources {
				if cited[s.ID] {
					want = append(want, s.ID)
				}
			}
			if got := sourceIDs(sub); !slices.Equal(got, want) {
				t.Errorf("sources %v, want %v", got, want)
			}
			for _, g := range sub.Meta.AtAGlance {
				if g.Bank != "" && !slices.Contains(banks, g.Bank) {
					t.Errorf("tile %q points at bank %q, not exported", g.Title, g.Bank)
				}
			}
			if len(sub.Meta.AtAGlance) != len(ds.Meta.AtAGlance) {
				t.Errorf("%d tiles, want all %d", len(sub.Meta.AtAGlance), len(ds.Meta.AtAGlance))
			}
		})
	}
}

func TestWriteJSONEmptyResultHasArrays(t *testing.T) {
	ds, ix := shipped(t)
	st, _ := parse(t, ds, "q=no-such-words-anywhere")
	s := string(exportJSON(t, ix, ix.Filter(st.Filters, today)))
	for _, want := range []string{`"sources": []`, `"sections": []`, `"categories": []`, `"cells": []`} {
		if !strings.Contains(s, want) {
			t.Errorf("empty export lacks %s:\n%.300s", want, s)
		}
	}
	if strings.Contains(s, "null") {
		t.Error("empty export has a null, which the decoder rejects")
	}
}

func TestExportName(t *testing.T) {
	cases := []struct {
		version  string
		filtered bool
		ext      string
		want     string
	}{
		{"2026-11-24", false, "csv", "citi-jpm-comparison-2026-11-24.csv"},
		{"2026-11-24", true, "json", "citi-jpm-comparison-2026-11-24-filtered.json"},
		{"2026-11-24", false, ".CSV", "citi-jpm-comparison-2026-11-24.csv"},
		{"v1.2 / Nov 2026", false, "csv", "citi-jpm-comparison-v1-2-nov-2026.csv"},
		{"../../etc/passwd", true, "csv", "citi-jpm-comparison-etc-passwd-filtered.csv"},
		{`a\b:c*d?"e<f>|g`, false, "json", "citi-jpm-comparison-a-b-c-d-e-f-g.json"},
		{"Ünïcode—2026", false, "csv", "citi-jpm-comparison-n-code-2026.csv"},
		{"", false, "csv", "citi-jpm-comparison.csv"},
		{"2026-11-24", false, "", "citi-jpm-comparison-2026-11-24"},
		{strings.Repeat("a", 200), false, "csv", "citi-jpm-comparison-" + strings.Repeat("a", 64) + ".csv"},
	}
	for _, tc := range cases {
		ds := &data.Dataset{Meta: data.Meta{Version: tc.version}}
		if got := ExportName(ds, tc.filtered, tc.ext); got != tc.want {
			t.Errorf("ExportName(%q, %v, %q) = %q, want %q", tc.version, tc.filtered, tc.ext, got, tc.want)
		}
	}
}

func ExampleExportName() {
	ds := &data.Dataset{Meta: data.Meta{Version: "2026-11-24"}}
	fmt.Println(ExportName(ds, false, "csv"))
	fmt.Println(ExportName(ds, true, "json"))
	// Output:
	// citi-jpm-comparison-2026-11-24.csv
	// citi-jpm-comparison-2026-11-24-filtered.json
}
