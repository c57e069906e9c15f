package compare

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"citijpm/data"
)

func TestNewTableWholeDataset(t *testing.T) {
	ds, ix := thirdBank(t)
	res := ix.Filter(Filters{}, fixtureToday)
	tbl := NewTable(ds, res, Filters{}, fixtureToday)

	if want := "Citi vs J.P. Morgan vs Example Bank: all 8 categories"; tbl.Caption != want {
		t.Errorf("caption %q, want %q", tbl.Caption, want)
	}
	if want := []string{"Category", "Citi", "J.P. Morgan", "Example Bank"}; !slices.Equal(tbl.Columns, want) {
		t.Errorf("columns %q, want %q", tbl.Columns, want)
	}
	if len(tbl.Groups) != len(ds.Sections) {
		t.Fatalf("%d groups, want %d", len(tbl.Groups), len(ds.Sections))
	}
	var ids []string
	for gi, g := range tbl.Groups {
		if g.Section != res.Groups[gi].Section {
			t.Errorf("group %d is section %s", gi, g.Section.ID)
		}
		for ri, r := range g.Rows {
			ids = append(ids, r.Category.ID)
			card := res.Groups[gi].Cards[ri]
			if r.Differ != card.Differ || len(r.Cells) != len(tbl.Columns)-1 {
				t.Errorf("%s: differ %v, %d cells", r.Category.ID, r.Differ, len(r.Cells))
			}
			for ci, c := range r.Cells {
				if c.Bank != res.Banks[ci] || c.Cell != ds.Cell(c.Bank.ID, r.Category.ID) || c.Match != card.Cells[ci].Match {
					t.Errorf("%s cell %d is %s × %s", r.Category.ID, ci, c.Bank.ID, c.Cell.Category)
				}
			}
		}
	}
	if !slices.Equal(ids, res.CategoryIDs()) {
		t.Errorf("rows %v, want display order %v", ids, res.CategoryIDs())
	}

	row := tbl.Groups[0].Rows[0] // balances
	cases := []struct {
		cell    TableCell
		summary string
		stale   bool
	}{
		{row.Cells[0], "Documented · High confidence · Sourced summary", true}, // Citi, 2026-04-02
		{row.Cells[1], "Documented · High confidence · Sourced summary", false},
		{row.Cells[2], "Documented · High confidence · Sourced summary", false}, // Example Bank, 2026-10-15
	}
	for _, tc := range cases {
		if tc.cell.Summary != tc.summary || tc.cell.Stale != tc.stale {
			t.Errorf("%s: %q stale %v, want %q stale %v", tc.cell.Bank.ID, tc.cell.Summary, tc.cell.Stale, tc.summary, tc.stale)
		}
	}
}

func TestNewTableCaption(t *testing.T) {
	ds, ix := shipped(t)
	cases := []struct {
		query string
		want  string // %d is the number of cards shown, {total} of categories
	}{
		{"", "Citi vs J.P. Morgan: all {total} categories"},
		{"view=table", "Citi vs J.P. Morgan: all {total} categories"}, // a view, not a filter
		{"section=api&conf=high", "Citi vs J.P. Morgan: %d of {total} categories, filtered by Section: Publicly visible API categories; Confidence: High or higher"},
		{"bank=jpm&q=camt", "J.P. Morgan: %d of {total} categories, filtered by Bank: J.P. Morgan; Search: “camt”"},
		{"diff=1&stale=1&label=analyst", "Citi vs J.P. Morgan: %d of {total} categories, filtered by Label: Analyst interpretation (incl. mixed); Only where the banks differ; Only cells to re-verify"},
		{"status=not-visible,partial", "Citi vs J.P. Morgan: %d of {total} categories, filtered by Status: Partial, Not visible publicly"},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			st, _ := parse(t, ds, tc.query)
			res := ix.Filter(st.Filters, today)
			want := strings.ReplaceAll(tc.want, "{total}", strconv.Itoa(len(ds.Categories)))
			if st.Filters.Active(ds) != nil {
				want = fmt.Sprintf(want, res.Count)
			}
			if got := NewTable(ds, res, st.Filters, today).Caption; got != want {
				t.Errorf("caption\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestNewTableEmpty(t *testing.T) {
	ds, ix := shipped(t)
	f := Filters{Query: "no-such-words-anywhere"}
	tbl := NewTable(ds, ix.Filter(f, today), f, today)
	if len(tbl.Groups) != 0 || len(tbl.Columns) != 3 {
		t.Errorf("%d groups, columns %q", len(tbl.Groups), tbl.Columns)
	}
	if want := fmt.Sprintf("Citi vs J.P. Morgan: 0 of %d categories, filtered by Search: “no-such-words-anywhere”", len(ds.Categories)); tbl.Caption != want {
		t.Errorf("caption %q", tbl.Caption)
	}
}

func TestCaptionSingular(t *testing.T) {
	ds, _ := shipped(t)
	res := Result{Banks: []*data.Bank{ds.Bank("citi")}, Count: 1, Total: 1}
	if got := caption(ds, res, Filters{}); got != "Citi: all 1 category" {
		t.Errorf("caption %q", got)
	}
}

func TestCellSummary(t *testing.T) {
	cases := []struct {
		cell data.Cell
		want string
	}{
		{data.Cell{Status: data.Documented, Confidence: data.High, Label: data.Sourced}, "Documented · High confidence · Sourced summary"},
		{data.Cell{Status: data.Partial, Confidence: data.Medium, Label: data.SourcedAnalyst}, "Partial · Medium confidence · Sourced summary + analyst interpretation"},
		{data.Cell{Status: data.NotVisible, Confidence: data.Low, Label: data.NotInSources}, "Not visible publicly · Low confidence · Not in the public sources used here"},
		{data.Cell{Status: data.NotVisible, Confidence: data.Medium, Label: data.Analyst}, "Not visible publicly · Medium confidence · Analyst interpretation"},
	}
	for _, tc := range cases {
		if got := CellSummary(&tc.cell); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
