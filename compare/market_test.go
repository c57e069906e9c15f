package compare

import (
	"slices"
	"strings"
	"testing"

	"citijpm/data"
)

// The market tests use the third-bank fixture, whose markets are:
//
//	jpm balances                  US
//	jpm region-differences        NA, EMEA, APAC, US
//	examplebank sandbox-testing   EU, GB
//	examplebank api-reference     global
//	examplebank webhook-replay    NZ (a market only the fixture names)
//
// and every other cell states no market.

func TestMarketFilter(t *testing.T) {
	ds, ix := thirdBank(t)
	cases := []struct {
		query    string
		cards    []string
		unstated int
	}{
		// A country: named, through a group holding it, or global.
		{"market=au", []string{"region-differences", "api-reference"}, 19},
		{"market=nz", []string{"region-differences", "api-reference", "webhook-replay"}, 19}, // NZ is in APAC
		{"market=us", []string{"balances", "region-differences", "api-reference"}, 19},
		// A group: named, through a member or an overlapping group, or global.
		{"market=emea", []string{"region-differences", "sandbox-testing", "api-reference"}, 19},
		{"market=global", []string{"api-reference"}, 19},
		// Other filters still apply, to the shown and the unstated alike.
		{"market=au&bank=examplebank", []string{"api-reference"}, 5},
		{"market=au&status=documented", []string{"region-differences"}, 7},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			st, notices := parse(t, ds, tc.query)
			if len(notices) > 0 {
				t.Fatalf("notices %v", notices)
			}
			res := ix.Filter(st.Filters, today)
			if got := res.CategoryIDs(); !slices.Equal(got, tc.cards) {
				t.Errorf("cards %v, want %v", got, tc.cards)
			}
			if len(res.Unstated) != tc.unstated {
				t.Errorf("%d cells state no market, want %d", len(res.Unstated), tc.unstated)
			}
			for _, card := range res.Cards() {
				for _, cv := range card.Cells {
					if cv.Match && !cv.Market.Shown() {
						t.Errorf("%s %s matches with market %v", cv.Bank.ID, card.Category.ID, cv.Market)
					}
				}
			}
			for _, u := range res.Unstated {
				if len(u.Cell.Markets) != 0 {
					t.Errorf("%s %s names markets but is listed as stating none", u.Bank.ID, u.Category.ID)
				}
			}
		})
	}
}

func TestMarketOf(t *testing.T) {
	ds, _ := thirdBank(t)
	cases := []struct {
		bank, category, market string
		want                   MarketMatch
		note                   string
	}{
		{"jpm", "region-differences", "US", MarketNamed, "Names United States"},
		{"jpm", "region-differences", "AU", MarketViaGroup, "Via Asia-Pacific (APAC)"},
		{"jpm", "region-differences", "GB", MarketViaGroup, "Via Europe, Middle East and Africa (EMEA)"},
		{"examplebank", "sandbox-testing", "DE", MarketViaGroup, "Via European Union (EU)"},
		{"examplebank", "api-reference", "SG", MarketGlobal, "Stated as global"},
		{"jpm", "balances", "SG", MarketOther, "Names other markets only"},
		{"citi", "balances", "SG", MarketUnstated, "States no market"},
		{"citi", "balances", "", NoMarketFilter, ""},
	}
	for _, tc := range cases {
		c := ds.Cell(tc.bank, tc.category)
		if got := MarketOf(ds, c, tc.market); got != tc.want {
			t.Errorf("MarketOf(%s %s, %q) = %v, want %v", tc.bank, tc.category, tc.market, got, tc.want)
		}
		if got := MarketNote(ds, c, tc.market); got != tc.note {
			t.Errorf("MarketNote(%s %s, %q) = %q, want %q", tc.bank, tc.category, tc.market, got, tc.note)
		}
	}
}

func TestMarketURLState(t *testing.T) {
	ds, _ := thirdBank(t)
	st, notices := parse(t, ds, "market=AU")
	if st.Market != "AU" || len(notices) != 0 {
		t.Fatalf("market=AU: %q %v", st.Market, notices)
	}
	if got := st.Values(ds).Encode(); got != "market=au" {
		t.Errorf("canonical URL %q", got)
	}
	if st.Filters.IsZero() {
		t.Error("a market filter is a filter")
	}
	for _, bad := range []string{"market=xx", "market=australia", "market=%3Cb%3E"} {
		st, notices := parse(t, ds, bad+"&bank=jpm")
		if st.Market != "" || len(notices) != 1 || notices[0].Param != ParamMarket || notices[0].Reason != "unknown market" {
			t.Errorf("%s: market %q, notices %v", bad, st.Market, notices)
		}
		if !slices.Equal(st.Banks, []string{"jpm"}) {
			t.Errorf("%s: the rest of the query was lost", bad)
		}
	}
	if _, notices := parse(t, ds, "market=au&market=nz"); len(notices) != 1 {
		t.Errorf("repeated market: %v", notices)
	}
	active := State{Filters: Filters{Market: "APAC"}}.Active(ds)
	if len(active) != 1 || active[0].Label != "Market: Asia-Pacific (APAC)" || active[0].Without.Market != "" {
		t.Errorf("active %+v", active)
	}
}

func TestMarketOptions(t *testing.T) {
	ds, _ := thirdBank(t)
	var got []string
	for _, o := range MarketOptions(ds) {
		got = append(got, o.Param+"="+o.Label)
	}
	want := []string{"global=Global", "apac=Asia-Pacific (APAC)", "emea=Europe, Middle East and Africa (EMEA)",
		"eu=European Union (EU)", "na=North America (NA)",
		"nz=New Zealand (NZ)", "gb=United Kingdom (GB)", "us=United States (US)"}
	if !slices.Equal(got, want) {
		t.Errorf("options\n got %v\nwant %v", got, want)
	}
}

func TestMarketExplanation(t *testing.T) {
	_, ix := thirdBank(t)
	if got := MarketExplanation(ix.Filter(Filters{}, today)); got != "" {
		t.Errorf("no market filter, explanation %q", got)
	}
	got := MarketExplanation(ix.Filter(Filters{Market: "AU"}, today))
	for _, want := range []string{"Australia (AU)", "a regional group that includes it", "global", "19 cells", "state no market", "not counted as documented for Australia, nor ruled out"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q: %q", want, got)
		}
	}
	one := ix.Filter(Filters{Market: "AU", Banks: []string{"examplebank"}, Statuses: []data.Status{data.Documented}}, today)
	if got := MarketExplanation(one); len(one.Unstated) != 1 || !strings.Contains(got, "1 cell (Example Bank") {
		t.Errorf("one unstated cell: %d, %q", len(one.Unstated), got)
	}
}

// TestMarketFollowsIntoViews: exports, the table and the matrix follow the
// market filter and say which shown cells state no market.
func TestMarketFollowsIntoViews(t *testing.T) {
	ds, ix := thirdBank(t)
	st, _ := parse(t, ds, "market=au")
	res := ix.Filter(st.Filters, today)

	_, rows := readCSV(t, ix, res, today)
	if len(rows) != len(res.Banks)*res.Count {
		t.Fatalf("%d rows for %d cards", len(rows), res.Count)
	}
	if r := find(t, rows, "jpm", "region-differences"); r["market_match"] != "Via Asia-Pacific (APAC)" || r["markets"] != "NA; EMEA; APAC; US" {
		t.Errorf("jpm region-differences market %q / %q", r["market_match"], r["markets"])
	}
	if r := find(t, rows, "citi", "region-differences"); r["market_match"] != "States no market" {
		t.Errorf("citi region-differences market %q", r["market_match"])
	}

	sub := loadExport(t, exportJSON(t, ix, res))
	if got := sub.Categories; len(got) != 2 {
		t.Errorf("JSON export holds %d categories, want the 2 cards", len(got))
	}
	var codes []string
	for _, m := range sub.Markets {
		codes = append(codes, m.Code)
	}
	// Named by the kept cells, with the kept groups' members.
	if want := []string{"global", "APAC", "EMEA", "NA", "AU", "DE", "GB", "NZ", "SG", "US"}; !slices.Equal(codes, want) {
		t.Errorf("exported markets %v, want %v", codes, want)
	}

	table := NewTable(ds, res, st.Filters, today)
	if !strings.Contains(table.Caption, "Market: Australia (AU)") {
		t.Errorf("caption %q", table.Caption)
	}
	for _, g := range table.Groups {
		for _, r := range g.Rows {
			for _, c := range r.Cells {
				if c.MarketNote == "" {
					t.Errorf("%s %s: no market note under a market filter", c.Bank.ID, r.Category.ID)
				}
			}
		}
	}

	m := NewMatrix(res)
	unstated := 0
	for _, s := range m.Sections {
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if c.Market == MarketUnstated {
					unstated++
					if !strings.HasSuffix(c.Name, ", states no market") {
						t.Errorf("matrix name %q", c.Name)
					}
				}
			}
		}
	}
	if unstated == 0 {
		t.Error("the matrix marks no cell as stating no market")
	}
}
