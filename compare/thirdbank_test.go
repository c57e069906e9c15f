package compare

import (
	"bytes"
	"encoding/csv"
	"os"
	"reflect"
	"slices"
	"testing"

	"citijpm/data"
	"citijpm/internal/testclock"
)

// The fixture under testdata/thirdbank adds a fictitious third bank and a
// fixture-only category. Nothing in this package knows about either: these
// tests prove the model is driven by the data alone.
const thirdBankDir = "../testdata/thirdbank"

// fixtureToday is the fixture's own clock: its newest verification day.
var fixtureToday = testclock.Today(os.DirFS(thirdBankDir))

func thirdBank(t testing.TB) (*data.Dataset, *Index) {
	t.Helper()
	ds, err := data.Load(os.DirFS(thirdBankDir), fixtureToday)
	if err != nil {
		t.Fatal(err)
	}
	return ds, NewIndex(ds)
}

// The fixture's statuses (citi, jpm, examplebank), in display order:
//
//	balances            documented   documented   documented
//	payment-status      documented   documented   partial
//	fx                  partial      documented   not-visible
//	commercial          not-visible  not-visible  not-visible
//	region-differences  partial      documented   partial
//	sandbox-testing     partial      documented   documented
//	api-reference       partial      documented   partial
//	webhook-replay      not-visible  not-visible  documented
//
// Stale on 2026-11-24 (180 days): citi balances, payment-status, commercial,
// region-differences (2026-04-02); examplebank payment-status, fx,
// region-differences, api-reference (2025-03-01).
var thirdBankOrder = []string{"balances", "payment-status", "fx", "commercial", "region-differences", "sandbox-testing", "api-reference", "webhook-replay"}

func TestThirdBankFilter(t *testing.T) {
	ds, ix := thirdBank(t)
	cases := []struct {
		query string
		banks []string
		cards []string
	}{
		{"", []string{"citi", "jpm", "examplebank"}, thirdBankOrder},
		// With three banks a card differs when any status differs...
		{"diff=1", []string{"citi", "jpm", "examplebank"}, []string{"payment-status", "fx", "region-differences", "sandbox-testing", "api-reference", "webhook-replay"}},
		// ...so dropping the third bank changes the answer.
		{"bank=citi,jpm&diff=1", []string{"citi", "jpm"}, []string{"fx", "region-differences", "sandbox-testing", "api-reference"}},
		{"bank=examplebank,jpm&diff=1", []string{"jpm", "examplebank"}, []string{"payment-status", "fx", "region-differences", "api-reference", "webhook-replay"}},
		{"bank=examplebank&diff=1", []string{"examplebank"}, nil}, // one bank never differs
		{"bank=examplebank&status=not-visible", []string{"examplebank"}, []string{"fx", "commercial"}},
		{"status=not-visible", []string{"citi", "jpm", "examplebank"}, []string{"fx", "commercial", "webhook-replay"}},
		{"bank=examplebank&conf=high", []string{"examplebank"}, []string{"balances", "sandbox-testing", "webhook-replay"}},
		{"bank=examplebank&stale=1", []string{"examplebank"}, []string{"payment-status", "fx", "region-differences", "api-reference"}},
		{"section=portal&label=unsourced", []string{"citi", "jpm", "examplebank"}, []string{"webhook-replay"}},
		{"q=sandboxium", []string{"citi", "jpm", "examplebank"}, []string{"sandbox-testing"}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			st, notices := parse(t, ds, tc.query)
			if len(notices) > 0 {
				t.Fatalf("notices: %v", notices)
			}
			res := ix.Filter(st.Filters, fixtureToday)
			var banks []string
			for _, b := range res.Banks {
				banks = append(banks, b.ID)
			}
			if !slices.Equal(banks, tc.banks) {
				t.Errorf("banks %v, want %v", banks, tc.banks)
			}
			if got := res.CategoryIDs(); !slices.Equal(got, tc.cards) {
				t.Errorf("cards %v, want %v", got, tc.cards)
			}
			if res.Total != 8 || res.Count != len(tc.cards) {
				t.Errorf("count %d of %d", res.Count, res.Total)
			}
			for _, card := range res.Cards() {
				if len(card.Cells) != len(tc.banks) {
					t.Errorf("%s: %d cells, want one per shown bank", card.Category.ID, len(card.Cells))
				}
			}
		})
	}
}

func TestThirdBankSearchMatchesOnlyItsCell(t *testing.T) {
	ds, ix := thirdBank(t)
	st, _ := parse(t, ds, "q=sandboxium")
	cards := ix.Filter(st.Filters, fixtureToday).Cards()
	if len(cards) != 1 {
		t.Fatalf("%d cards", len(cards))
	}
	var match []bool
	for _, cv := range cards[0].Cells {
		match = append(match, cv.Match)
	}
	if !slices.Equal(match, []bool{false, false, true}) {
		t.Errorf("match %v, want only examplebank", match)
	}
}

func TestThirdBankQueryRoundTrip(t *testing.T) {
	ds, _ := thirdBank(t)
	cases := []struct {
		raw, want string
		banks     []string
		notices   int
	}{
		{"bank=examplebank", "bank=examplebank", []string{"examplebank"}, 0},
		{"bank=examplebank,citi", "bank=citi%2Cexamplebank", []string{"examplebank", "citi"}, 0},
		{"bank=citi,jpm,examplebank", "", []string{"citi", "jpm", "examplebank"}, 0}, // all banks is no filter
		{"bank=examplebank&diff=1&section=portal", "bank=examplebank&diff=1&section=portal", []string{"examplebank"}, 0},
		{"bank=nope,ExampleBank", "bank=examplebank", []string{"examplebank"}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			st, notices := parse(t, ds, tc.raw)
			if len(notices) != tc.notices {
				t.Errorf("notices %v, want %d", notices, tc.notices)
			}
			if !slices.Equal(st.Banks, tc.banks) {
				t.Errorf("banks %v, want %v", st.Banks, tc.banks)
			}
			enc := st.Values(ds).Encode()
			if enc != tc.want {
				t.Errorf("Values %q, want %q", enc, tc.want)
			}
			back, notices := parse(t, ds, enc)
			if len(notices) > 0 || !back.Filters.Same(st.Filters, ds) {
				t.Errorf("round trip: %+v %v", back, notices)
			}
		})
	}
	st, _ := parse(t, ds, "bank=examplebank")
	if a := st.Filters.Active(ds); len(a) != 1 || a[0].Label != "Bank: Example Bank" {
		t.Errorf("active %+v", a)
	}
}

func TestThirdBankCSV(t *testing.T) {
	ds, ix := thirdBank(t)
	cases := []struct {
		query   string
		rows    int // data rows
		perBank map[string]int
	}{
		{"", 24, map[string]int{"citi": 8, "jpm": 8, "examplebank": 8}},
		{"bank=examplebank,jpm&section=portal", 6, map[string]int{"jpm": 3, "examplebank": 3}},
		{"bank=examplebank&stale=1", 4, map[string]int{"examplebank": 4}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			st, _ := parse(t, ds, tc.query)
			res := ix.Filter(st.Filters, fixtureToday)
			var buf bytes.Buffer
			if err := WriteCSV(&buf, ix, res, fixtureToday); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows)-1 != tc.rows || tc.rows != len(res.Banks)*res.Count {
				t.Fatalf("%d data rows, want %d (= %d banks × %d cards)", len(rows)-1, tc.rows, len(res.Banks), res.Count)
			}
			perBank := map[string]int{}
			for _, r := range rows[1:] {
				perBank[r[4]]++
				if r[19] != "fixture-2026-11-24" {
					t.Errorf("dataset_version %q", r[19])
				}
			}
			if !reflect.DeepEqual(perBank, tc.perBank) {
				t.Errorf("rows per bank %v, want %v", perBank, tc.perBank)
			}
		})
	}
}

func TestThirdBankJSON(t *testing.T) {
	ds, ix := thirdBank(t)

	// Two fixture cells leave out "formats" or "sources"; the export must
	// write [] for them, which loadExport's decoder requires.
	if ds.Cell("examplebank", "commercial").Formats != nil || ds.Cell("examplebank", "region-differences").Sources != nil {
		t.Fatal("the fixture no longer leaves out a list")
	}
	full := exportJSON(t, ix, ix.Filter(Filters{}, fixtureToday))
	back := loadExport(t, full)
	if !reflect.DeepEqual(public(back), public(ds)) {
		t.Error("the full export does not load back to the same dataset")
	}

	st, _ := parse(t, ds, "bank=examplebank")
	sub := loadExport(t, exportJSON(t, ix, ix.Filter(st.Filters, fixtureToday)))
	if len(sub.Banks) != 1 || sub.Banks[0].ID != "examplebank" || len(sub.Cells) != 8 || len(sub.Categories) != 8 {
		t.Errorf("banks %v, %d cells, %d categories", sub.Banks, len(sub.Cells), len(sub.Categories))
	}
	if got := sourceIDs(sub); !slices.Equal(got, []string{"example-dev-hub", "example-press", "example-openapi"}) {
		t.Errorf("sources %v", got)
	}
	var tileBanks []string
	for _, g := range sub.Meta.AtAGlance {
		tileBanks = append(tileBanks, g.Bank)
	}
	if !slices.Equal(tileBanks, []string{"", "examplebank", ""}) {
		t.Errorf("at-a-glance banks %q: a tile about a bank left out must lose its reference", tileBanks)
	}
}

func TestThirdBankTable(t *testing.T) {
	ds, ix := thirdBank(t)
	tbl := NewTable(ds, ix.Filter(Filters{}, fixtureToday), Filters{}, fixtureToday)
	if want := []string{"Category", "Citi", "J.P. Morgan", "Example Bank"}; !slices.Equal(tbl.Columns, want) {
		t.Errorf("columns %q, want %q", tbl.Columns, want)
	}
	if want := "Citi vs J.P. Morgan vs Example Bank: all 8 categories"; tbl.Caption != want {
		t.Errorf("caption %q, want %q", tbl.Caption, want)
	}
	var rows []int
	stale := 0
	for _, g := range tbl.Groups {
		rows = append(rows, len(g.Rows))
		for _, r := range g.Rows {
			if len(r.Cells) != 3 {
				t.Errorf("%s: %d cells", r.Category.ID, len(r.Cells))
			}
			for _, c := range r.Cells {
				if c.Stale {
					stale++
				}
			}
		}
	}
	if !slices.Equal(rows, []int{3, 2, 3}) || stale != 8 {
		t.Errorf("rows per section %v, stale cells %d", rows, stale)
	}

	st, _ := parse(t, ds, "bank=examplebank&diff=1")
	tbl = NewTable(ds, ix.Filter(st.Filters, fixtureToday), st.Filters, fixtureToday)
	want := "Example Bank: 0 of 8 categories, filtered by Bank: Example Bank; Only where the banks differ"
	if tbl.Caption != want || len(tbl.Groups) != 0 || !slices.Equal(tbl.Columns, []string{"Category", "Example Bank"}) {
		t.Errorf("caption %q (want %q), %d groups, columns %q", tbl.Caption, want, len(tbl.Groups), tbl.Columns)
	}
}

func TestThirdBankExportName(t *testing.T) {
	ds, _ := thirdBank(t)
	if got := ExportName(ds, true, "csv"); got != "citi-jpm-comparison-fixture-2026-11-24-filtered.csv" {
		t.Errorf("ExportName %q", got)
	}
}
