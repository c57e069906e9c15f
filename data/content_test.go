package data

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests pin the shipped dataset to its sources: the structure of
// financeAI.tech's Citi page the comparison starts from, its grades and
// formats, the research notes' findings, and the rules that make a cell fit
// to publish. Logic tests belong elsewhere and use fixtures.

// contentDay is the day the shipped content was last checked; loading it
// then keeps "in the future" and staleness independent of the clock.
var contentDay = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// notFound is the standard wording of a cell that reports something as not
// found in public.
const notFound = "Not found publicly — validate during onboarding."

func shipped(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Load(Shipped(), contentDay)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestStartingPageStructureIsCovered(t *testing.T) {
	ds := shipped(t)
	kinds := []GlanceKind{GlanceVisible, GlanceUseful, GlanceNotVisible, GlanceBestUse}
	if len(ds.Meta.AtAGlance) != 4 {
		t.Fatalf("%d at-a-glance items, the starting page has 4", len(ds.Meta.AtAGlance))
	}
	for i, g := range ds.Meta.AtAGlance {
		if g.Kind != kinds[i] {
			t.Errorf("at-a-glance %d is %q, want %q", i, g.Kind, kinds[i])
		}
	}
	for section, n := range map[string]int{"api": 4, "playbook": 9, "considerations": 6} {
		if got := len(ds.CategoriesIn(section)); got != n {
			t.Errorf("section %q has %d categories, the starting page has %d", section, got, n)
		}
	}
	if len(ds.Meta.PeerPortals) != 3 || ds.Meta.PeerIntro == "" {
		t.Errorf("%d peer portals (want 3) with intro %q", len(ds.Meta.PeerPortals), ds.Meta.PeerIntro)
	}
	if !ds.Meta.LegalReview.Required || ds.Meta.StaleAfterDays != 180 {
		t.Errorf("legal review %v, stale after %d days", ds.Meta.LegalReview.Required, ds.Meta.StaleAfterDays)
	}
}

func TestStartingPageSourcesAndDates(t *testing.T) {
	ds := shipped(t)
	want := map[string]string{ // title fragment → date, as the starting page cites them
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

func TestCitiCellsKeepTheStartingPagesGradesAndFormats(t *testing.T) {
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
			t.Errorf("citi %s confidence %s, the starting page says %s", tc.category, c.Confidence, tc.conf)
		}
		for _, f := range tc.formats {
			if !slices.Contains(c.Formats, f) {
				t.Errorf("citi %s formats %v lack %s", tc.category, c.Formats, f)
			}
		}
	}
	dd := ds.Cell("citi", "pb-direct-debit")
	if !slices.Equal(dd.Markets, []string{"AU", "SG", "HK"}) {
		t.Errorf("citi direct debit markets %v, the Playbook names Australia, Singapore and Hong Kong", dd.Markets)
	}
	if c := ds.Cell("citi", "implementation-steps"); c.Label != SourcedAnalyst {
		t.Errorf("citi implementation steps label %s", c.Label)
	}
}

// TestNoUnresearchedCell: every cell was researched. What was looked for and
// not found says so, and where it was looked for.
func TestNoUnresearchedCell(t *testing.T) {
	ds := shipped(t)
	for _, c := range ds.Cells {
		if c.Label == NotInSources {
			t.Errorf("%s %s is labelled %q: research it, or say where it was searched", c.Bank, c.Category, c.Label.Title())
		}
		if strings.Contains(strings.ToLower(c.Enables+c.Evidence), "not in the public sources used here") {
			t.Errorf("%s %s still reads as unresearched", c.Bank, c.Category)
		}
		if c.Label == SearchedNotFound && len(c.Searched) == 0 {
			t.Errorf("%s %s: searched, but not where", c.Bank, c.Category)
		}
	}
}

// TestStandardNotFoundWording: a reader meets the same words wherever
// nothing public was found.
func TestStandardNotFoundWording(t *testing.T) {
	for _, c := range shipped(t).Cells {
		if c.Status == NotVisible && !strings.HasPrefix(c.Enables, notFound) {
			t.Errorf("%s %s is not visible but does not open with %q: %q", c.Bank, c.Category, notFound, c.Enables)
		}
		if c.Status != NotVisible && c.Label == SearchedNotFound {
			t.Errorf("%s %s is labelled searched-not-found but is %s", c.Bank, c.Category, c.Status)
		}
	}
}

// internalWords are words of the team's own process that mean nothing to a
// reader, or describe a source in the team's terms instead of neutrally.
var internalWords = regexp.MustCompile(`(?i)\bseed\b|project's own|\bTODO\b|\bgap research\b`)

// TestNoInternalWordsReachReaders walks every string in the dataset (every
// one is shown to readers or exported) for internal words.
func TestNoInternalWordsReachReaders(t *testing.T) {
	walkStrings(reflect.ValueOf(*shipped(t)), "dataset", func(at, s string) {
		if w := internalWords.FindString(s); w != "" {
			t.Errorf("%s says %q: %q", at, w, s)
		}
	})
}

func walkStrings(v reflect.Value, at string, f func(at, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(at, v.String())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), at+"."+v.Type().Field(i).Name, f)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), at+"["+strconv.Itoa(i)+"]", f)
		}
	}
}

// TestLegalReviewWording pins the neutral wordings agreed for legal review.
func TestLegalReviewWording(t *testing.T) {
	ds := shipped(t)
	if s := ds.Section("jpm-only"); !strings.Contains(s.Title, "outside the Citi Playbook examples") {
		t.Errorf("jpm-only section title %q reads as a verdict on Citi", s.Title)
	}
	banned := []string{"no Citi counterpart", "only make uptime claims", "resubmitting is safe", "stated product by product"}
	walkStrings(reflect.ValueOf(*ds), "dataset", func(at, s string) {
		for _, b := range banned {
			if strings.Contains(s, b) {
				t.Errorf("%s still says %q", at, b)
			}
		}
	})
	for _, c := range ds.Cells {
		if c.Confidence == High && c.Label == Analyst {
			t.Errorf("%s %s is an analyst reading graded High; High means stated word for word", c.Bank, c.Category)
		}
	}
}

// TestConfidenceScale applies the one scale: press alone supports at most
// "partial" with Low confidence; third parties alone never reach High.
func TestConfidenceScale(t *testing.T) {
	ds := shipped(t)
	for _, c := range ds.Cells {
		if len(c.Sources) == 0 {
			continue
		}
		press, thirdParty := true, true
		for _, id := range c.Sources {
			k := ds.Source(id).Kind
			press = press && k == "news"
			thirdParty = thirdParty && (k == "news" || k == "third-party")
		}
		if press && (c.Confidence != Low || c.Status == Documented) {
			t.Errorf("%s %s rests on press alone but is %s / %s", c.Bank, c.Category, c.Status, c.Confidence)
		}
		if thirdParty && c.Confidence == High {
			t.Errorf("%s %s rests on third parties alone but is graded High", c.Bank, c.Category)
		}
	}
}

// TestOfferingsAreNamed: a Citi cell resting on Spring by Citi, Citi
// Handlowy, the Retail Developer Hub or Citi Token Services says so, so it
// never reads as CitiConnect-wide scope.
func TestOfferingsAreNamed(t *testing.T) {
	ds := shipped(t)
	bySourcePrefix := map[string]string{
		"spring-":            "spring-by-citi",
		"citi-handlowy":      "citi-handlowy",
		"citi-devhub":        "citi-retail-dev-hub",
		"press-citi-token":   "citi-token-services",
		"press-spring-by-ci": "spring-by-citi",
	}
	for _, c := range ds.Cells {
		if c.Bank != "citi" {
			continue
		}
		for _, id := range c.Sources {
			for prefix, offering := range bySourcePrefix {
				if strings.HasPrefix(id, prefix) && !slices.Contains(c.Offerings, offering) {
					t.Errorf("citi %s cites %s but does not name offering %q", c.Category, id, offering)
				}
			}
		}
	}
}

// TestDatesMeanWhatTheySay: the headline date is the newest check, each
// bank's date its oldest cell; cells the research re-confirmed carry the
// re-check date.
func TestDatesMeanWhatTheySay(t *testing.T) {
	ds := shipped(t)
	newest := ""
	for _, c := range ds.Cells {
		newest = max(newest, c.LastVerified)
	}
	if ds.Meta.LastVerified != newest {
		t.Errorf("headline date %s, newest cell %s", ds.Meta.LastVerified, newest)
	}
	for _, b := range ds.Banks {
		oldest := "9999"
		for _, c := range ds.Cells {
			if c.Bank == b.ID {
				oldest = min(oldest, c.LastVerified)
			}
		}
		if b.LastVerified != oldest {
			t.Errorf("bank %s dated %s, its oldest cell %s", b.ID, b.LastVerified, oldest)
		}
	}
	for _, cat := range []string{"pb-balance-inquiry", "pb-payment-status", "region-differences"} {
		if d := ds.Cell("citi", cat).LastVerified; d != "2026-11-30" {
			t.Errorf("citi %s re-confirmed on 2026-11-30 but dated %s", cat, d)
		}
	}
	if ds.Meta.DatesNote == "" || !strings.Contains(ds.Meta.Method, "stored copies") || !strings.Contains(ds.Meta.Method, "financeAI.tech") {
		t.Errorf("meta needs a dates note and a method note naming stored copies and financeAI.tech: %q", ds.Meta.Method)
	}
}

// TestMarketsComeFromTheRegionsNote: a cell names markets only where its
// free-text regions note words them.
func TestMarketsComeFromTheRegionsNote(t *testing.T) {
	ds := shipped(t)
	for _, c := range ds.Cells {
		if len(c.Markets) > 0 && strings.TrimSpace(c.Regions) == "" {
			t.Errorf("%s %s names markets %v without a regions note", c.Bank, c.Category, c.Markets)
		}
	}
	if r := ds.Cell("citi", "region-differences"); strings.Contains(r.Regions, "NAM") {
		t.Errorf("citi region differences lists related links as scope: %q", r.Regions)
	}
}

// TestFinanceAITechIsNotEvidence: the page the Citi column starts from must
// not be cited as an independent source.
func TestFinanceAITechIsNotEvidence(t *testing.T) {
	for _, s := range shipped(t).Sources {
		if strings.Contains(strings.ToLower(s.URL), "financeai.tech") {
			t.Errorf("source %s cites financeai.tech", s.ID)
		}
	}
}
