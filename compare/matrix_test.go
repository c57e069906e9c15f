package compare

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"citijpm/data"
)

// matrixOf filters the dataset with a URL query and lays out the result.
func matrixOf(t *testing.T, ds *data.Dataset, raw string) (Result, Matrix) {
	t.Helper()
	st, notices := parse(t, ds, raw)
	if len(notices) > 0 {
		t.Fatalf("query %q: notices %v", raw, notices)
	}
	res := NewIndex(ds).Filter(st.Filters, today)
	return res, NewMatrix(res)
}

func matrixRowIDs(m Matrix) (sections, rows []string) {
	for _, s := range m.Sections {
		sections = append(sections, s.Section.ID)
		for _, r := range s.Rows {
			rows = append(rows, r.Category.ID)
		}
	}
	return sections, rows
}

func TestMatrixRowOrder(t *testing.T) {
	ds, _ := shipped(t)
	var allSections, allRows []string
	for _, s := range ds.Sections {
		allSections = append(allSections, s.ID)
		for _, c := range ds.CategoriesIn(s.ID) {
			allRows = append(allRows, c.ID)
		}
	}
	cases := []struct {
		query        string
		wantSections []string
		wantRows     []string // nil: the result's own order
	}{
		{"", allSections, allRows},
		// The query lists sections out of order; the dataset order wins.
		{"section=playbook,api", []string{"api", "playbook"}, append(idsIn(ds, "api"), idsIn(ds, "playbook")...)},
		{"section=considerations&bank=jpm", []string{"considerations"}, idsIn(ds, "considerations")},
		{"q=camt", nil, nil},
		{"diff=1&conf=high", nil, nil},
	}
	for _, tc := range cases {
		t.Run("?"+tc.query, func(t *testing.T) {
			res, m := matrixOf(t, ds, tc.query)
			sections, rows := matrixRowIDs(m)
			if !reflect.DeepEqual(rows, res.CategoryIDs()) {
				t.Errorf("rows %v\nwant the result's order %v", rows, res.CategoryIDs())
			}
			if m.RowCount() != res.Count || len(rows) == 0 {
				t.Errorf("RowCount %d, result has %d cards", m.RowCount(), res.Count)
			}
			if tc.wantSections != nil && !reflect.DeepEqual(sections, tc.wantSections) {
				t.Errorf("sections %v, want %v", sections, tc.wantSections)
			}
			if tc.wantRows != nil && !reflect.DeepEqual(rows, tc.wantRows) {
				t.Errorf("rows %v, want %v", rows, tc.wantRows)
			}
			for _, s := range m.Sections {
				for _, r := range s.Rows {
					if r.Category.Section != s.Section.ID {
						t.Errorf("row %s sits under section %s", r.Category.ID, s.Section.ID)
					}
					if len(r.Cells) != len(m.Banks) {
						t.Fatalf("row %s has %d cells for %d banks", r.Category.ID, len(r.Cells), len(m.Banks))
					}
					for i, c := range r.Cells {
						if c.Bank != m.Banks[i] || c.Cell == nil || c.Cell.Bank != c.Bank.ID || c.Cell.Category != r.Category.ID {
							t.Errorf("row %s cell %d is not bank %s's cell", r.Category.ID, i, m.Banks[i].ID)
						}
					}
				}
			}
		})
	}
}

func idsIn(ds *data.Dataset, section string) []string {
	var ids []string
	for _, c := range ds.CategoriesIn(section) {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestMatrixDifferFlags(t *testing.T) {
	ds, _ := shipped(t)
	_, all := matrixOf(t, ds, "")
	differ := 0
	for _, s := range all.Sections {
		for _, r := range s.Rows {
			// Worked out from the cells, not copied from the card.
			want := ds.Cell("citi", r.Category.ID).Status != ds.Cell("jpm", r.Category.ID).Status
			if r.Differ != want {
				t.Errorf("%s: Differ %v, want %v", r.Category.ID, r.Differ, want)
			}
			if want {
				differ++
			}
		}
	}
	if differ == 0 || differ == all.RowCount() {
		t.Fatalf("the shipped data should have rows that differ and rows that agree; %d of %d differ", differ, all.RowCount())
	}
	if all.DifferCount() != differ {
		t.Errorf("DifferCount %d, want %d", all.DifferCount(), differ)
	}
	_, only := matrixOf(t, ds, "diff=1")
	if only.RowCount() != differ || only.DifferCount() != differ {
		t.Errorf("diff=1: %d rows, %d differ; want %d", only.RowCount(), only.DifferCount(), differ)
	}
	// One bank alone never differs from itself.
	_, one := matrixOf(t, ds, "bank=citi")
	if one.DifferCount() != 0 || len(one.Banks) != 1 {
		t.Errorf("bank=citi: %d banks, %d rows differ", len(one.Banks), one.DifferCount())
	}
}

func TestMatrixCountsShipped(t *testing.T) {
	ds, _ := shipped(t)
	for _, query := range []string{"", "section=api,portal", "status=partial", "conf=high&label=sourced", "bank=jpm&q=json"} {
		t.Run("?"+query, func(t *testing.T) {
			res, m := matrixOf(t, ds, query)
			if len(m.Summary) != len(res.Banks) {
				t.Fatalf("%d summaries for %d banks", len(m.Summary), len(res.Banks))
			}
			for i, b := range res.Banks {
				// Count straight from the dataset over the shown categories:
				// every cell of a shown row counts, matching or not.
				status := map[data.Status]int{}
				conf := map[data.Confidence]int{}
				for _, id := range res.CategoryIDs() {
					c := ds.Cell(b.ID, id)
					status[c.Status]++
					conf[c.Confidence]++
				}
				s := m.Summary[i]
				if s.Bank != b || s.Total != res.Count {
					t.Errorf("%s: summary for %v with total %d, want %d", b.ID, s.Bank.ID, s.Total, res.Count)
				}
				for _, st := range data.Statuses {
					if s.ByStatus[st] != status[st] {
						t.Errorf("%s %s: %d, want %d", b.ID, st, s.ByStatus[st], status[st])
					}
				}
				for _, c := range data.Confidences {
					if s.ByConfidence[c] != conf[c] {
						t.Errorf("%s %s: %d, want %d", b.ID, c, s.ByConfidence[c], conf[c])
					}
				}
			}
		})
	}
}

func TestMatrixNames(t *testing.T) {
	ds, _ := thirdBank(t)
	_, m := matrixOf(t, ds, "")
	names := map[string]MatrixCell{}
	for _, s := range m.Sections {
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				names[c.Bank.ID+"/"+r.Category.ID] = c
			}
		}
	}
	cases := []struct {
		key, want string
		stale     bool
	}{
		{"jpm/balances", "J.P. Morgan — Balances / account information: documented, High confidence", false},
		// The fixture's Citi cells of Apr 2 are more than 180 days old on
		// its day, Nov 24.
		{"citi/balances", "Citi — Balances / account information: documented, High confidence, due for re-verification", true},
	}
	for _, tc := range cases {
		c := names[tc.key]
		if c.Name != tc.want || c.Stale != tc.stale || !c.Match {
			t.Errorf("%s: %q stale=%v match=%v, want %q stale=%v", tc.key, c.Name, c.Stale, c.Match, tc.want, tc.stale)
		}
	}
}

// TestMatrixHandBuilt covers what the shipped data cannot: a card whose cells
// come in another order than the banks, a missing cell, non-matching cells.
func TestMatrixHandBuilt(t *testing.T) {
	a := &data.Bank{ID: "a", Name: "Bank A"}
	b := &data.Bank{ID: "b", Name: "Bank B"}
	sec := &data.Section{ID: "s", Title: "S"}
	cat1 := &data.Category{ID: "one", Section: "s", Name: "One"}
	cat2 := &data.Category{ID: "two", Section: "s", Name: "Two"}
	cell := func(bank string, st data.Status, c data.Confidence) *data.Cell {
		return &data.Cell{Bank: bank, Status: st, Confidence: c}
	}
	a1, b1 := cell("a", data.Documented, data.High), cell("b", data.Partial, data.Low)
	a2 := cell("a", data.NotVisible, data.Low)
	res := Result{
		Banks: []*data.Bank{a, b},
		Groups: []Group{{Section: sec, Cards: []Card{
			{Category: cat1, Differ: true, Cells: []CellView{{Bank: b, Cell: b1, Match: false}, {Bank: a, Cell: a1, Match: true, Stale: true}}},
			{Category: cat2, Cells: []CellView{{Bank: a, Cell: a2, Match: true}}},
		}}},
		Count: 2,
	}
	m := NewMatrix(res)
	if len(m.Sections) != 1 || len(m.Sections[0].Rows) != 2 {
		t.Fatalf("layout: %+v", m.Sections)
	}
	r1, r2 := m.Sections[0].Rows[0], m.Sections[0].Rows[1]
	if r1.Cells[0].Cell != a1 || r1.Cells[1].Cell != b1 {
		t.Errorf("row one: cells not in bank order")
	}
	if !r1.Cells[0].Stale || !r1.Cells[0].Match || r1.Cells[1].Match {
		t.Errorf("row one: stale/match flags lost: %+v", r1.Cells)
	}
	if !r1.Differ || r2.Differ {
		t.Errorf("differ flags %v %v, want the cards' true false", r1.Differ, r2.Differ)
	}
	if r2.Cells[1].Cell != nil || r2.Cells[1].Bank != b || r2.Cells[1].Name != "Bank B — Two: no cell in the dataset" {
		t.Errorf("missing cell: %+v", r2.Cells[1])
	}
	want := []BankSummary{
		{Bank: a, Total: 2, ByStatus: map[data.Status]int{data.Documented: 1, data.NotVisible: 1}, ByConfidence: map[data.Confidence]int{data.High: 1, data.Low: 1}},
		{Bank: b, Total: 1, ByStatus: map[data.Status]int{data.Partial: 1}, ByConfidence: map[data.Confidence]int{data.Low: 1}},
	}
	if !reflect.DeepEqual(m.Summary, want) {
		t.Errorf("summary %+v\nwant %+v", m.Summary, want)
	}
	if empty := NewMatrix(Result{Banks: []*data.Bank{a}}); empty.RowCount() != 0 || empty.Summary[0].Total != 0 || empty.Summary[0].ByStatus == nil {
		t.Errorf("empty result: %+v", empty)
	}
}

// thirdBankDataset writes the shipped dataset plus a bank "examplebank" to a
// temporary directory in the layout of data/dataset and loads it back, so the
// third bank goes through the same decoding and validation as real data. The
// example bank's cells cycle through the statuses (by category index mod 3)
// and the confidences (by index / 3 mod 3).
func thirdBankDataset(t *testing.T) *data.Dataset {
	t.Helper()
	ds, _ := shipped(t)
	bank := data.Bank{
		ID: "examplebank", Name: "Example Bank", ShortName: "Example Bank",
		PortalName: "Example Bank Developer Portal", PortalURL: "https://developer.example.com/",
		LastVerified: "2026-11-01", Confidence: data.Medium,
	}
	var cells []data.Cell
	for i, cat := range ds.Categories {
		cells = append(cells, data.Cell{
			Bank: bank.ID, Category: cat.ID,
			Status:       data.Statuses[i%3],
			Confidence:   data.Confidences[(i/3)%3],
			Enables:      "Example capability.",
			Evidence:     "Example evidence.",
			Formats:      []string{},
			Sources:      []string{},
			Label:        data.NotInSources,
			LastVerified: "2026-11-01",
		})
	}
	byBank := map[string][]data.Cell{bank.ID: cells}
	for _, c := range ds.Cells {
		byBank[c.Bank] = append(byBank[c.Bank], c)
	}
	dir := t.TempDir()
	files := map[string]any{
		"meta.json":       ds.Meta,
		"banks.json":      append(append([]data.Bank{}, ds.Banks...), bank),
		"sources.json":    ds.Sources,
		"sections.json":   ds.Sections,
		"categories.json": ds.Categories,
		"markets.json":    ds.Markets,
		"offerings.json":  ds.Offerings,
	}
	for id, cs := range byBank {
		files["cells/"+id+".json"] = cs
	}
	for name, v := range files {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	three, err := data.Load(os.DirFS(dir), today)
	if err != nil {
		t.Fatalf("third-bank dataset: %v", err)
	}
	return three
}

func TestMatrixThirdBank(t *testing.T) {
	ds := thirdBankDataset(t)
	_, m := matrixOf(t, ds, "")
	var ids []string
	for _, b := range m.Banks {
		ids = append(ids, b.ID)
	}
	if want := []string{"citi", "jpm", "examplebank"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("banks %v, want %v", ids, want)
	}
	n := len(ds.Categories) // 43 in the shipped data
	third := m.Summary[2]
	// Index i mod 3 picks the status: indices 0, 3, 6, ... are documented.
	wantStatus := map[data.Status]int{data.Documented: (n + 2) / 3, data.Partial: (n + 1) / 3, data.NotVisible: n / 3}
	if third.Total != n || !reflect.DeepEqual(third.ByStatus, wantStatus) {
		t.Errorf("example bank: total %d statuses %v, want %d %v", third.Total, third.ByStatus, n, wantStatus)
	}
	wantConf := map[data.Confidence]int{}
	for i := 0; i < n; i++ {
		wantConf[data.Confidences[(i/3)%3]]++
	}
	if !reflect.DeepEqual(third.ByConfidence, wantConf) {
		t.Errorf("example bank confidences %v, want %v", third.ByConfidence, wantConf)
	}
	i := 0
	for _, s := range m.Sections {
		for _, r := range s.Rows {
			if len(r.Cells) != 3 || r.Cells[2].Cell == nil || r.Cells[2].Cell.Status != data.Statuses[indexOf(ds, r.Category.ID)%3] {
				t.Fatalf("%s: third column wrong: %+v", r.Category.ID, r.Cells)
			}
			a, b, c := r.Cells[0].Cell.Status, r.Cells[1].Cell.Status, r.Cells[2].Cell.Status
			if want := a != b || b != c; r.Differ != want {
				t.Errorf("%s: Differ %v with %s/%s/%s", r.Category.ID, r.Differ, a, b, c)
			}
			i++
		}
	}
	if i != n {
		t.Errorf("%d rows, want %d", i, n)
	}

	// Choosing two of the three banks compares only those two.
	_, two := matrixOf(t, ds, "bank=citi,examplebank")
	if len(two.Banks) != 2 || two.Banks[1].ID != "examplebank" || len(two.Sections[0].Rows[0].Cells) != 2 {
		t.Fatalf("bank=citi,examplebank: %d banks", len(two.Banks))
	}
	for _, s := range two.Sections {
		for _, r := range s.Rows {
			if want := r.Cells[0].Cell.Status != r.Cells[1].Cell.Status; r.Differ != want {
				t.Errorf("two banks, %s: Differ %v, want %v", r.Category.ID, r.Differ, want)
			}
		}
	}
}

func indexOf(ds *data.Dataset, category string) int {
	for i, c := range ds.Categories {
		if c.ID == category {
			return i
		}
	}
	return -1
}
