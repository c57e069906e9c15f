package data

import (
	"slices"
	"strings"
	"testing"
)

// These tests pin the dataset to its sources: the seed's structure, its
// grades and formats, and the research sheet's "not found publicly" rows.

func shipped(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Load(Shipped(), today)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestSeedStructureIsCovered(t *testing.T) {
	ds := shipped(t)
	kinds := []GlanceKind{GlanceVisible, GlanceUseful, GlanceNotVisible, GlanceBestUse}
	if len(ds.Meta.AtAGlance) != 4 {
		t.Fatalf("%d at-a-glance items, the seed has 4", len(ds.Meta.AtAGlance))
	}
	for i, g := range ds.Meta.AtAGlance {
		if g.Kind != kinds[i] {
			t.Errorf("at-a-glance %d is %q, want %q", i, g.Kind, kinds[i])
		}
	}
	for section, n := range map[string]int{"api": 4, "playbook": 9, "considerations": 6} {
		if got := len(ds.CategoriesIn(section)); got != n {
			t.Errorf("section %q has %d categories, the seed has %d", section, got, n)
		}
	}
	if len(ds.Meta.PeerPortals) != 3 {
		t.Errorf("%d peer portals, the seed lists 3", len(ds.Meta.PeerPortals))
	}
	if !ds.Meta.LegalReview.Required || ds.Meta.StaleAfterDays != 180 {
		t.Errorf("legal review %v, stale after %d days", ds.Meta.LegalReview.Required, ds.Meta.StaleAfterDays)
	}
}

func TestSeedSourcesAndDates(t *testing.T) {
	ds := shipped(t)
	want := map[string]string{ // title fragment → date, as the seed cites them
		"press release":           "2024-10-28",
		"Developer Portal (video": "2025-01-18",
		"API Playbook (PDF)":      Undated,
		"whitepaper":              "2025-11",
		"Platforms and Data":      Undated,
		"Citi Implementations":    Undated,
	}
	for fragment, date := range want {
		if !slices.ContainsFunc(ds.Sources, func(s Source) bool {
			return strings.Contains(s.Title, fragment) && s.Date == date
		}) {
			t.Errorf("no source %q dated %s", fragment, date)
		}
	}
	if !slices.ContainsFunc(ds.Sources, func(s Source) bool { return s.Date == "2021-04-12" }) {
		t.Error("the Apr 12, 2021 press release is missing")
	}
}

func TestCitiCellsKeepTheSeedsGradesAndFormats(t *testing.T) {
	ds := shipped(t)
	cases := []struct {
		category string
		conf     Confidence
		formats  []string
	}{
		{"balances", High, nil},
		{"payment-status", High, nil},
		{"fx", Medium, nil},
		{"payment-initiation", Medium, nil},
		{"pb-authentication", High, []string{"OAuth 2.0"}},
		{"pb-balance-inquiry", Medium, []string{"camt.052"}},
		{"pb-payment-initiation", Medium, []string{"pain.001.001.03"}},
		{"pb-payment-status", Medium, []string{"pain.002.001.03"}},
		{"pb-statements", Medium, []string{"MT940"}},
		{"pb-direct-debit", High, []string{"pain.008.001.02"}},
		{"pb-swift-gpi", Low, nil},
		{"pb-user-management", Medium, nil},
		{"pb-cutoffs-holidays", Medium, nil},
	}
	for _, tc := range cases {
		c := ds.Cell("citi", tc.category)
		if c.Confidence != tc.conf {
			t.Errorf("citi %s confidence %s, the seed says %s", tc.category, c.Confidence, tc.conf)
		}
		for _, f := range tc.formats {
			if !slices.Contains(c.Formats, f) {
				t.Errorf("citi %s formats %v lack %s", tc.category, c.Formats, f)
			}
		}
	}
	if r := ds.Cell("citi", "pb-direct-debit").Regions; !strings.Contains(r, "Australia") || !strings.Contains(r, "Singapore") || !strings.Contains(r, "Hong Kong") {
		t.Errorf("citi direct debit regions %q", r)
	}
	if c := ds.Cell("citi", "commercial"); c.Confidence != High || c.Label != Analyst {
		t.Errorf("citi commercial: %s %s, the seed says High, analyst interpretation", c.Confidence, c.Label)
	}
	if c := ds.Cell("citi", "implementation-steps"); c.Label != SourcedAnalyst {
		t.Errorf("citi implementation steps label %s", c.Label)
	}
}

// TestNothingIsInvented checks that absences are said plainly: what the
// research could not find is "not visible", in words a reader can see.
func TestNothingIsInvented(t *testing.T) {
	ds := shipped(t)
	for _, cat := range []string{"pb-user-management", "pb-cutoffs-holidays", "status-page", "commercial"} {
		if s := ds.Cell("jpm", cat).Status; s != NotVisible {
			t.Errorf("jpm %s is %s; the research found no such feature publicly", cat, s)
		}
	}
	for _, cat := range ds.CategoriesIn("jpm-only") {
		c := ds.Cell("citi", cat.ID)
		if c.Status != NotVisible || c.Label != NotInSources {
			t.Errorf("citi %s: %s/%s, want not-visible / not in sources", cat.ID, c.Status, c.Label)
		}
	}
	for _, cat := range ds.CategoriesIn("citi-only") {
		c := ds.Cell("jpm", cat.ID)
		if c.Status != NotVisible || c.Label != NotInSources {
			t.Errorf("jpm %s: %s/%s, want not-visible / not in sources", cat.ID, c.Status, c.Label)
		}
	}
	for _, c := range ds.Cells {
		if c.Status != NotVisible || c.Label == Analyst {
			continue
		}
		text := strings.ToLower(c.Enables + " " + c.Evidence)
		if !strings.Contains(text, "not found publicly") && !strings.Contains(text, "not in the public sources used here") {
			t.Errorf("%s %s is not visible but does not say so plainly: %q", c.Bank, c.Category, c.Enables)
		}
	}
}

// TestFinanceAITechIsNotEvidence: the project's own site must not be cited
// as an independent source.
func TestFinanceAITechIsNotEvidence(t *testing.T) {
	for _, s := range shipped(t).Sources {
		if strings.Contains(strings.ToLower(s.URL), "financeai.tech") {
			t.Errorf("source %s cites the project's own site", s.ID)
		}
	}
}
