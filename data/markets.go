package data

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// countryCode is the shape of an ISO 3166-1 alpha-2 code; groups use
// upper-case letters too (EU, APAC, EMEA). Whether a two-letter code is
// really assigned is checked by datatool, which can afford the ISO table.
// Compiled on first use (see idPattern).
var (
	countryCode = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z]{2}$`) })
	groupCode   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z]{2,6}$`) })
)

// Market returns the market with the given code (any case), or nil.
func (ds *Dataset) Market(code string) *Market {
	for i := range ds.Markets {
		if strings.EqualFold(ds.Markets[i].Code, code) {
			return &ds.Markets[i]
		}
	}
	return nil
}

// Offering returns the offering with the given id, or nil.
func (ds *Dataset) Offering(id string) *Offering {
	for i := range ds.Offerings {
		if ds.Offerings[i].ID == id {
			return &ds.Offerings[i]
		}
	}
	return nil
}

// Covers reports whether market m, named by a cell, speaks for market
// code: the same market, a group holding the country, a country inside the
// group asked for, two groups that share a country, or global.
func (ds *Dataset) Covers(m *Market, code string) bool {
	want := ds.Market(code)
	if m == nil || want == nil {
		return false
	}
	if m.Kind == Global || m == want {
		return true
	}
	for _, a := range m.countries() {
		if slices.Contains(want.countries(), a) {
			return true
		}
	}
	return false
}

// countries is the market's own code for a country, its members for a
// group, and nothing for global (which Covers treats apart).
func (m *Market) countries() []string {
	switch m.Kind {
	case Country:
		return []string{m.Code}
	case MarketGroup:
		return m.Members
	}
	return nil
}

func (v *validator) markets() {
	r := v.in(marketsFile)
	seen := map[string]bool{}
	for i, m := range v.ds.Markets {
		at := fmt.Sprintf("$[%d]", i)
		switch key := strings.ToUpper(m.Code); {
		case m.Code == "":
			r.add(at+".code", "required code is empty")
		case seen[key]:
			r.add(at+".code", "duplicate market code %q", m.Code)
		default:
			seen[key] = true
		}
		required(r, at+".name", m.Name)
		oneOf(r, at+".kind", m.Kind, MarketKinds)
		switch m.Kind {
		case Country:
			if !countryCode().MatchString(m.Code) {
				r.add(at+".code", "%q is not an ISO 3166-1 alpha-2 code (two upper-case letters)", m.Code)
			}
		case MarketGroup:
			if !groupCode().MatchString(m.Code) {
				r.add(at+".code", "group code %q must be 2 to 6 upper-case letters", m.Code)
			}
			if len(m.Members) == 0 {
				r.add(at+".members", "a group must list its member countries")
			}
		case Global:
			if m.Code != "global" {
				r.add(at+".code", "the global market's code must be \"global\", found %q", m.Code)
			}
		}
		if m.Kind != MarketGroup && len(m.Members) > 0 {
			r.add(at+".members", "only a group has members")
		}
		for j, code := range m.Members {
			if c := v.ds.Market(code); c == nil || c.Kind != Country {
				r.add(fmt.Sprintf("%s.members[%d]", at, j), "%q is not a country in this file", code)
			}
		}
	}
}

func (v *validator) offerings() {
	r := v.in(offeringsFile)
	seen := map[string]bool{}
	for i, o := range v.ds.Offerings {
		at := fmt.Sprintf("$[%d]", i)
		id(r, at+".id", o.ID, seen)
		if !v.hasBank(o.Bank) {
			r.add(at+".bank", "unknown bank %q", o.Bank)
		}
		required(r, at+".name", o.Name)
		required(r, at+".description", o.Description)
	}
}

func (v *validator) cellMarkets(r reporter, at string, c Cell) {
	seen := map[string]bool{}
	for j, code := range c.Markets {
		mat := fmt.Sprintf("%s.markets[%d]", at, j)
		m := v.ds.Market(code)
		switch {
		case m == nil:
			r.add(mat, "unknown market %q (known: %s)", code, v.marketCodes())
		case m.Code != code:
			r.add(mat, "write market %q as %q", code, m.Code)
		case seen[code]:
			r.add(mat, "market %q is named twice", code)
		}
		seen[code] = true
	}
}

func (v *validator) cellOfferings(r reporter, at string, c Cell) {
	seen := map[string]bool{}
	for j, id := range c.Offerings {
		oat := fmt.Sprintf("%s.offerings[%d]", at, j)
		o := v.ds.Offering(id)
		switch {
		case o == nil:
			r.add(oat, "unknown offering %q", id)
		case o.Bank != c.Bank:
			r.add(oat, "offering %q belongs to bank %q, not %q", id, o.Bank, c.Bank)
		case seen[id]:
			r.add(oat, "offering %q is named twice", id)
		}
		seen[id] = true
	}
	// A bank that lists offerings has more than one product to tell apart;
	// each of its cells must say which one its facts belong to.
	if len(c.Offerings) == 0 && slices.ContainsFunc(v.ds.Offerings, func(o Offering) bool { return o.Bank == c.Bank }) {
		r.add(at+".offerings", "bank %q lists offerings; name the one(s) this cell's facts belong to", c.Bank)
	}
}

func (v *validator) marketCodes() string {
	codes := make([]string, len(v.ds.Markets))
	for i, m := range v.ds.Markets {
		codes[i] = m.Code
	}
	if len(codes) == 0 {
		return "none; add markets.json"
	}
	return strings.Join(codes, ", ")
}
