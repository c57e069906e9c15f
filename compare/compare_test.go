package compare

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"citijpm/data"
	"citijpm/internal/testclock"
)

// today is the test clock: the day of the shipped data's newest
// verification (see internal/testclock), so re-verifying a cell never
// breaks a test.
var today = testclock.Today(data.Shipped())

func shipped(t testing.TB) (*data.Dataset, *Index) {
	t.Helper()
	ds, err := data.Load(data.Shipped(), today)
	if err != nil {
		t.Fatal(err)
	}
	return ds, NewIndex(ds)
}

func parse(t *testing.T, ds *data.Dataset, raw string) (State, []Notice) {
	t.Helper()
	q, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	return ParseQuery(q, ds)
}

func TestParseQuery(t *testing.T) {
	ds, _ := shipped(t)
	cases := []struct {
		raw     string
		want    State
		notices []string // params mentioned by notices
	}{
		{"", State{}, nil},
		{"section=api&conf=high&q=camt", State{Filters: Filters{Sections: []string{"api"}, MinConf: data.High, Query: "camt"}}, nil},
		{"bank=jpm&status=partial,not-visible", State{Filters: Filters{Banks: []string{"jpm"}, Statuses: []data.Status{data.Partial, data.NotVisible}}}, nil},
		{"bank=citi&bank=jpm", State{Filters: Filters{Banks: []string{"citi", "jpm"}}}, nil}, // a plain form submit
		{"bank=CITI,citi", State{Filters: Filters{Banks: []string{"citi"}}}, nil},
		{"label=analyst&diff=1&stale", State{Filters: Filters{Label: AnalystOnly, DiffOnly: true, Stale: true}}, nil},
		{"view=table&present=1&slide=3&theme=dark&embed=1", State{View: View{Table: true, Present: true, Slide: 3, Theme: "dark", Embed: true}}, nil},
		{"q=%20%20two%20%20%20words%20", State{Filters: Filters{Query: "two words"}}, nil},
		{"conf=&section=&q=", State{}, nil}, // empty form fields mean no filter
		{"conf=banana", State{}, []string{"conf"}},
		{"section=nope,api", State{Filters: Filters{Sections: []string{"api"}}}, []string{"section"}},
		{"status=maybe", State{}, []string{"status"}},
		{"label=rumour&diff=perhaps", State{}, []string{"diff", "label"}},
		{"slide=0&theme=neon&view=list", State{}, []string{"slide", "theme", "view"}},
		{"density=DETAILED", State{View: View{Density: "detailed"}}, nil},
		{"density=huge&bank=citi", State{Filters: Filters{Banks: []string{"citi"}}}, []string{"density"}},
		{"utm_source=x", State{}, []string{"utm_source"}},
		{"q=a&q=b", State{Filters: Filters{Query: "a"}}, []string{"q"}},
		{"wasm=false", State{}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			got, notices := parse(t, ds, tc.raw)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("state\n got %+v\nwant %+v", got, tc.want)
			}
			var params []string
			for _, n := range notices {
				params = append(params, n.Param)
				if n.String() == "" || n.Reason == "" {
					t.Errorf("notice without words: %+v", n)
				}
			}
			if !slices.Equal(params, tc.notices) {
				t.Errorf("notices for %v, want %v (%v)", params, tc.notices, notices)
			}
		})
	}
}

func TestLongQueryIsCut(t *testing.T) {
	ds, _ := shipped(t)
	st, _ := parse(t, ds, "q="+strings.Repeat("é", 500))
	if n := len([]rune(st.Query)); n != maxQueryLen {
		t.Errorf("query of %d runes kept, want %d", n, maxQueryLen)
	}
}

func TestValuesAreCanonical(t *testing.T) {
	ds, _ := shipped(t)
	st := State{Filters: Filters{
		Banks:    []string{"jpm", "citi"}, // all banks: no parameter
		Sections: []string{"playbook", "api"},
		Statuses: []data.Status{data.NotVisible, data.Documented},
		MinConf:  data.Low, // the lowest minimum is no filter
		Query:    "camt",
	}}
	got := st.Values(ds).Encode()
	want := "q=camt&section=api%2Cplaybook&status=documented%2Cnot-visible"
	if got != want {
		t.Errorf("Values = %s, want %s", got, want)
	}
}

func TestStateRoundTrips(t *testing.T) {
	ds, _ := shipped(t)
	for _, raw := range []string{
		"", "bank=jpm", "section=considerations,portal&conf=medium", "status=partial&label=unsourced",
		"q=oauth+mtls&diff=1&stale=1", "view=table&theme=light", "present=1&slide=7", "embed=1&bank=citi", "density=compact&embed=1",
	} {
		st, notices := parse(t, ds, raw)
		if len(notices) > 0 {
			t.Fatalf("%s: %v", raw, notices)
		}
		back, notices := ParseQuery(st.Values(ds), ds)
		if len(notices) > 0 || !reflect.DeepEqual(st, back) {
			t.Errorf("%s: round trip gave %+v, want %+v (%v)", raw, back, st, notices)
		}
	}
}

func ids(r Result) []string { return r.CategoryIDs() }

// where lists, in display order, the categories in which a cell of one of
// the banks (every bank when none is given) satisfies keep: what a filter
// must show, worked out from the data rather than pinned, so the tests
// hold whatever an analyst changes in the content.
func where(ds *data.Dataset, banks []string, keep func(c *data.Cell) bool) []string {
	var out []string
	for _, sec := range ds.Sections {
		for _, cat := range ds.CategoriesIn(sec.ID) {
			if slices.ContainsFunc(ds.Banks, func(b data.Bank) bool {
				c := ds.Cell(b.ID, cat.ID)
				return (len(banks) == 0 || slices.Contains(banks, b.ID)) && c != nil && keep(c)
			}) {
				out = append(out, cat.ID)
			}
		}
	}
	return out
}

func TestFilter(t *testing.T) {
	ds, ix := shipped(t)
	all := ix.Filter(Filters{}, today)
	if all.Count != len(ds.Categories) || all.Total != len(ds.Categories) {
		t.Fatalf("no filter shows %d of %d", all.Count, len(ds.Categories))
	}
	// Every card keeps dataset order, grouped by section.
	var order []string
	for _, c := range ds.Categories {
		order = append(order, c.ID)
	}
	if !slices.Equal(ids(all), order) {
		t.Errorf("order %v", ids(all))
	}

	t.Run("bank", func(t *testing.T) {
		r := ix.Filter(Filters{Banks: []string{"jpm"}}, today)
		for _, card := range r.Cards() {
			if len(card.Cells) != 1 || card.Cells[0].Bank.ID != "jpm" || card.Differ {
				t.Fatalf("card %s shows %d cells", card.Category.ID, len(card.Cells))
			}
		}
	})
	t.Run("section", func(t *testing.T) {
		r := ix.Filter(Filters{Sections: []string{"playbook"}}, today)
		if r.Count != len(ds.CategoriesIn("playbook")) || len(r.Groups) != 1 || r.Groups[0].Section.ID != "playbook" {
			t.Errorf("playbook: %d cards in %d groups", r.Count, len(r.Groups))
		}
	})
	t.Run("status keeps cards where any shown bank matches", func(t *testing.T) {
		r := ix.Filter(Filters{Statuses: []data.Status{data.NotVisible}}, today)
		for _, card := range r.Cards() {
			if !slices.ContainsFunc(card.Cells, func(c CellView) bool { return c.Match && c.Cell.Status == data.NotVisible }) {
				t.Errorf("card %s has no not-visible cell", card.Category.ID)
			}
		}
		if want := where(ds, nil, func(c *data.Cell) bool { return c.Status == data.NotVisible }); !slices.Equal(ids(r), want) {
			t.Errorf("not-visible cards %v, want %v", ids(r), want)
		}
	})
	t.Run("minimum confidence", func(t *testing.T) {
		r := ix.Filter(Filters{MinConf: data.High, Banks: []string{"citi"}}, today)
		for _, card := range r.Cards() {
			if card.Cells[0].Cell.Confidence != data.High {
				t.Errorf("%s is %s", card.Category.ID, card.Cells[0].Cell.Confidence)
			}
		}
		if want := where(ds, []string{"citi"}, func(c *data.Cell) bool { return c.Confidence == data.High }); !slices.Equal(ids(r), want) {
			t.Errorf("High or higher: %v, want %v", ids(r), want)
		}
	})
	t.Run("label", func(t *testing.T) {
		r := ix.Filter(Filters{Label: AnalystOnly, Banks: []string{"citi"}}, today)
		if want := where(ds, []string{"citi"}, func(c *data.Cell) bool { return c.Label.HasInterpretation() }); !slices.Equal(ids(r), want) {
			t.Errorf("analyst filter %v, want %v", ids(r), want)
		}
	})
	t.Run("search is case-insensitive and needs every word", func(t *testing.T) {
		// The words come from the data: a cell's first format, in capitals,
		// and its category's name.
		i := slices.IndexFunc(ds.Cells, func(c data.Cell) bool { return len(c.Formats) > 0 })
		if i < 0 {
			t.Fatal("no cell lists a format")
		}
		cell := ds.Cells[i]
		format, name := cell.Formats[0], ds.Category(cell.Category).Name
		one := ix.Filter(Filters{Query: strings.ToUpper(format)}, today)
		if !slices.Contains(ids(one), cell.Category) {
			t.Errorf("%q: %v lacks %s", strings.ToUpper(format), ids(one), cell.Category)
		}
		both := ix.Filter(Filters{Query: format + " " + strings.Fields(name)[0]}, today)
		if !slices.Contains(ids(both), cell.Category) || both.Count > one.Count {
			t.Errorf("%q and a word of its category: %v, %q alone %v", format, ids(both), format, ids(one))
		}
		if n := ix.Filter(Filters{Query: "zzzz-nothing"}, today).Count; n != 0 {
			t.Errorf("nonsense matched %d", n)
		}
		// Category names are searchable too.
		if !slices.Contains(ids(ix.Filter(Filters{Query: name}, today)), cell.Category) {
			t.Errorf("category name %q not searched", name)
		}
	})
	t.Run("only where the banks differ", func(t *testing.T) {
		r := ix.Filter(Filters{DiffOnly: true}, today)
		for _, card := range r.Cards() {
			if card.Cells[0].Cell.Status == card.Cells[1].Cell.Status {
				t.Errorf("%s shown as different", card.Category.ID)
			}
		}
		if r.Count == 0 || r.Count == all.Count {
			t.Errorf("differ shows %d of %d", r.Count, all.Count)
		}
		if n := ix.Filter(Filters{DiffOnly: true, Banks: []string{"citi"}}, today).Count; n != 0 {
			t.Errorf("one bank cannot differ from itself, got %d", n)
		}
	})
	t.Run("stale", func(t *testing.T) {
		r := ix.Filter(Filters{Stale: true}, today)
		for _, card := range r.Cards() {
			if !slices.ContainsFunc(card.Cells, func(c CellView) bool { return c.Match && c.Stale }) {
				t.Errorf("%s has no stale cell", card.Category.ID)
			}
		}
		// Which cards are stale depends on the dates in the data: the
		// fixture pins them. Its Citi cells were verified on 2026-04-02,
		// 236 days before its day.
		_, fixture := thirdBank(t)
		two := Filters{Stale: true, Banks: []string{"citi", "jpm"}}
		if got := ids(fixture.Filter(two, fixtureToday)); !slices.Equal(got, []string{"balances", "payment-status", "commercial", "region-differences"}) {
			t.Errorf("stale %v", got)
		}
		if n := fixture.Filter(two, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)).Count; n != 0 {
			t.Errorf("%d stale cards a month after verification", n)
		}
	})
}

func TestIsStale(t *testing.T) {
	c := &data.Cell{LastVerified: "2026-04-02"}
	if IsStale(c, 180, time.Date(2026, 9, 29, 0, 0, 0, 0, time.UTC)) { // 180 days
		t.Error("stale on day 180")
	}
	if !IsStale(c, 180, time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)) { // 181 days
		t.Error("fresh on day 181")
	}
	if !IsStale(&data.Cell{LastVerified: "garbage"}, 180, today) {
		t.Error("an unreadable date must count as stale")
	}
}

func TestExplain(t *testing.T) {
	ds, ix := shipped(t)
	f := Filters{Sections: []string{"portal"}, Banks: []string{"jpm"}, Label: AnalystOnly}
	if n := ix.Filter(f, today).Count; n != 0 {
		t.Fatalf("premise: %d cards", n)
	}
	culprits := ix.Explain(f, today)
	var params []string
	for _, c := range culprits {
		params = append(params, c.Param)
		if c.Count != ix.Filter(c.Without, today).Count || c.Count == 0 {
			t.Errorf("%s: count %d", c.Param, c.Count)
		}
	}
	if !slices.Equal(params, []string{ParamBank, ParamSection, ParamLabel}) {
		t.Errorf("culprits %v", params)
	}
	if got := len(Filters{}.Active(ds)); got != 0 {
		t.Errorf("no filter, %d active", got)
	}
}

func BenchmarkFilterSearch(b *testing.B) {
	_, ix := shipped(b)
	f := Filters{Query: "payment status", MinConf: data.Medium}
	for b.Loop() {
		ix.Filter(f, today)
	}
}
