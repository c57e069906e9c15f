package main

import (
	"fmt"

	"golang.org/x/text/language"

	"citijpm/data"
)

// marketProblems checks what data.Validate leaves to datatool: that every
// country in the market list is an assigned ISO 3166-1 alpha-2 code. The ISO
// table lives in golang.org/x/text, which the WebAssembly build need not
// carry, so the check runs here rather than on every page load.
func marketProblems(ds *data.Dataset) data.Problems {
	var ps data.Problems
	for i, m := range ds.Markets {
		if m.Kind != data.Country {
			continue
		}
		if !isISOCountry(m.Code) {
			ps = append(ps, data.Problem{File: "markets.json", Path: fmt.Sprintf("$[%d].code", i),
				Reason: fmt.Sprintf("%q is not an assigned ISO 3166-1 alpha-2 country code", m.Code)})
		}
	}
	return ps
}

func isISOCountry(code string) bool {
	if len(code) != 2 {
		return false
	}
	r, err := language.ParseRegion(code)
	// ParseRegion also accepts numeric and three-letter codes, and maps
	// reserved or deprecated ones (UK, for GB); only a canonical two-letter
	// country code round-trips.
	return err == nil && r.IsCountry() && r.Canonicalize().String() == code
}
