package data

import (
	"strings"
	"testing"
)

// TestMarketOfferingAndSearchRules breaks one market, offering or search
// rule at a time and requires a problem naming file, JSON path and reason.
func TestMarketOfferingAndSearchRules(t *testing.T) {
	cases := []struct {
		name, file string
		change     func(v any) any
		wantFile   string
		wantPath   string
		wantReason string
	}{
		{"unknown market", "cells/citi.json", func(v any) any { item(v, 0)["markets"] = []any{"XX"}; return v },
			"cells/citi.json", "$[0].markets[0]", `unknown market "XX" (known: global, APAC`},
		{"market in the wrong case", "cells/citi.json", func(v any) any { item(v, 0)["markets"] = []any{"au"}; return v },
			"cells/citi.json", "$[0].markets[0]", `write market "au" as "AU"`},
		{"market named twice", "cells/jpm.json", func(v any) any { item(v, 0)["markets"] = []any{"US", "US"}; return v },
			"cells/jpm.json", "$[0].markets[1]", `named twice`},
		{"country code not ISO-shaped", "markets.json", func(v any) any {
			a := v.([]any)
			return append(a, map[string]any{"code": "Aus", "name": "Australia again", "kind": "country"})
		}, "markets.json", ".code", "not an ISO 3166-1 alpha-2 code"},
		{"group member unknown", "markets.json", func(v any) any {
			for _, m := range v.([]any) {
				if m.(map[string]any)["code"] == "APAC" {
					m.(map[string]any)["members"] = []any{"AU", "ZZ"}
				}
			}
			return v
		}, "markets.json", ".members[1]", `"ZZ" is not a country in this file`},
		{"group without members", "markets.json", func(v any) any {
			for _, m := range v.([]any) {
				if m.(map[string]any)["code"] == "EU" {
					delete(m.(map[string]any), "members")
				}
			}
			return v
		}, "markets.json", ".members", "must list its member countries"},
		{"market kind outside its set", "markets.json", func(v any) any { item(v, 0)["kind"] = "planet"; return v },
			"markets.json", "$[0].kind", `"planet" is not one of country, group, global`},
		{"duplicate market code", "markets.json", func(v any) any {
			a := v.([]any)
			return append(a, map[string]any{"code": "au", "name": "Australia", "kind": "country"})
		}, "markets.json", ".code", `duplicate market code "au"`},
		{"unknown offering", "cells/citi.json", func(v any) any { item(v, 0)["offerings"] = []any{"citi-moon"}; return v },
			"cells/citi.json", "$[0].offerings[0]", `unknown offering "citi-moon"`},
		{"offering of another bank", "cells/jpm.json", func(v any) any { item(v, 0)["offerings"] = []any{"citiconnect"}; return v },
			"cells/jpm.json", "$[0].offerings[0]", `belongs to bank "citi", not "jpm"`},
		{"cell of a bank with offerings names none", "cells/citi.json", func(v any) any { delete(item(v, 0), "offerings"); return v },
			"cells/citi.json", "$[0].offerings", `bank "citi" lists offerings`},
		{"offering with unknown bank", "offerings.json", func(v any) any { item(v, 0)["bank"] = "hsbc"; return v },
			"offerings.json", "$[0].bank", `unknown bank "hsbc"`},
		{"searched label on a visible cell", "cells/jpm.json", func(v any) any {
			c := item(v, 0)
			c["label"], c["searched"] = "searched", []any{"somewhere"}
			return v
		}, "cells/jpm.json", "$[0].status", `must be "not-visible"`},
		{"searched label without places", "cells/jpm.json", func(v any) any {
			c := item(v, 0)
			c["label"], c["status"] = "searched", "not-visible"
			delete(c, "searched")
			return v
		}, "cells/jpm.json", "$[0].searched", "must say where it was looked for"},
		{"empty searched place", "cells/jpm.json", func(v any) any { item(v, 0)["searched"] = []any{" "}; return v },
			"cells/jpm.json", "$[0].searched[0]", "required text is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := shippedCopy(t)
			edit(t, m, tc.file, tc.change)
			_, err := Load(m, today)
			problems, ok := err.(Problems)
			if !ok {
				t.Fatalf("Load error = %v (%T), want Problems", err, err)
			}
			for _, p := range problems {
				if p.File == tc.wantFile && strings.Contains(p.Path, tc.wantPath) && strings.Contains(p.Reason, tc.wantReason) {
					return
				}
			}
			t.Errorf("no problem %s %s %q among:\n%v", tc.wantFile, tc.wantPath, tc.wantReason, err)
		})
	}
}

// TestMarketsAndOfferingsAreOptionalFiles: a dataset that names no market
// or offering needs neither file.
func TestMarketsAndOfferingsAreOptionalFiles(t *testing.T) {
	m := shippedCopy(t)
	delete(m, "markets.json")
	delete(m, "offerings.json")
	for _, f := range []string{"cells/citi.json", "cells/jpm.json"} {
		edit(t, m, f, func(v any) any {
			for _, c := range v.([]any) {
				delete(c.(map[string]any), "markets")
				delete(c.(map[string]any), "offerings")
			}
			return v
		})
	}
	if _, err := Load(m, today); err != nil {
		t.Fatal(err)
	}
}

func TestCovers(t *testing.T) {
	ds := &Dataset{Markets: []Market{
		{Code: "global", Name: "Global", Kind: Global},
		{Code: "APAC", Name: "Asia-Pacific", Kind: MarketGroup, Members: []string{"AU", "SG"}},
		{Code: "EMEA", Name: "EMEA", Kind: MarketGroup, Members: []string{"DE", "GB"}},
		{Code: "EU", Name: "EU", Kind: MarketGroup, Members: []string{"DE"}},
		{Code: "AU", Name: "Australia", Kind: Country},
		{Code: "SG", Name: "Singapore", Kind: Country},
		{Code: "DE", Name: "Germany", Kind: Country},
		{Code: "GB", Name: "United Kingdom", Kind: Country},
	}}
	cases := []struct {
		named, asked string
		want         bool
	}{
		{"AU", "au", true},      // the same country, any case
		{"APAC", "AU", true},    // a group holding the country
		{"AU", "APAC", true},    // a country inside the group asked for
		{"EU", "EMEA", true},    // groups sharing a country
		{"global", "SG", true},  // global speaks for every market
		{"SG", "AU", false},     // another country
		{"EMEA", "AU", false},   // a group without the country
		{"GB", "EU", false},     // a country outside the group
		{"AU", "global", false}, // a country is not the world
		{"AU", "XX", false},     // unknown market asked for
	}
	for _, tc := range cases {
		if got := ds.Covers(ds.Market(tc.named), tc.asked); got != tc.want {
			t.Errorf("Covers(%s, %s) = %v, want %v", tc.named, tc.asked, got, tc.want)
		}
	}
}
