package compare

import (
	"fmt"
	"slices"
	"strings"

	"citijpm/data"
)

// MarketMatch says how a cell relates to the market filter.
type MarketMatch int

const (
	// NoMarketFilter: no market is chosen.
	NoMarketFilter MarketMatch = iota
	// MarketNamed: the cell names the chosen market itself.
	MarketNamed
	// MarketViaGroup: the cell names a group that overlaps the chosen
	// market (APAC for Australia, or Australia for APAC).
	MarketViaGroup
	// MarketGlobal: the cell states global scope.
	MarketGlobal
	// MarketOther: the cell names only other markets.
	MarketOther
	// MarketUnstated: the cell's sources state no market at all.
	MarketUnstated
)

// Shown reports whether the match counts as documented for the market.
func (m MarketMatch) Shown() bool {
	return m == NoMarketFilter || m == MarketNamed || m == MarketViaGroup || m == MarketGlobal
}

// MarketOf says how cell c relates to the market with the given code; ""
// means no market filter.
func MarketOf(ds *data.Dataset, c *data.Cell, code string) MarketMatch {
	if code == "" {
		return NoMarketFilter
	}
	if len(c.Markets) == 0 {
		return MarketUnstated
	}
	best := MarketOther
	for _, name := range c.Markets {
		m := ds.Market(name)
		switch {
		case m == nil:
		case strings.EqualFold(m.Code, code):
			return MarketNamed
		case m.Kind == data.Global:
			best = min(best, MarketGlobal)
		case ds.Covers(m, code):
			best = min(best, MarketViaGroup)
		}
	}
	return best
}

// MarketNote says in words how a cell relates to the chosen market, e.g.
// "Via Asia-Pacific (APAC)"; it is empty without a market filter.
func MarketNote(ds *data.Dataset, c *data.Cell, code string) string {
	want := ds.Market(code)
	switch MarketOf(ds, c, code) {
	case MarketNamed:
		return "Names " + want.Name
	case MarketViaGroup:
		var via []string
		for _, name := range c.Markets {
			if m := ds.Market(name); m != nil && m.Kind != data.Global && !strings.EqualFold(m.Code, code) && ds.Covers(m, code) {
				via = append(via, MarketLabel(m))
			}
		}
		return "Via " + strings.Join(via, ", ")
	case MarketGlobal:
		return "Stated as global"
	case MarketOther:
		return "Names other markets only"
	case MarketUnstated:
		return "States no market"
	}
	return ""
}

// MarketLabel is how a market reads in a menu or a filter chip:
// "Australia (AU)", "Asia-Pacific (APAC)", "Global".
func MarketLabel(m *data.Market) string {
	if m.Kind == data.Global {
		return m.Name
	}
	return m.Name + " (" + m.Code + ")"
}

// MarketOption is one entry of the market control.
type MarketOption struct {
	Code  string // as in markets.json, e.g. "AU"
	Param string // the URL value, e.g. "au"
	Label string // e.g. "Australia (AU)"
	Kind  data.MarketKind
}

// MarketOptions lists the markets a reader can choose: every market that at
// least one cell names, global first, then groups in dataset order, then
// countries by name. A market no cell names is left out, since choosing it
// would only ever show cells through groups or global scope.
func MarketOptions(ds *data.Dataset) []MarketOption {
	named := map[string]bool{}
	for _, c := range ds.Cells {
		for _, m := range c.Markets {
			named[strings.ToUpper(m)] = true
		}
	}
	var opts []MarketOption
	for _, kind := range data.MarketKinds {
		var group []MarketOption
		for i := range ds.Markets {
			m := &ds.Markets[i]
			if m.Kind == kind && named[strings.ToUpper(m.Code)] {
				group = append(group, MarketOption{Code: m.Code, Param: strings.ToLower(m.Code), Label: MarketLabel(m), Kind: m.Kind})
			}
		}
		if kind == data.Country {
			slices.SortStableFunc(group, func(a, b MarketOption) int { return strings.Compare(a.Label, b.Label) })
		}
		opts = append(opts, group...)
	}
	// Global sorts first whatever order MarketKinds gives.
	slices.SortStableFunc(opts, func(a, b MarketOption) int {
		return rank(a.Kind) - rank(b.Kind)
	})
	return opts
}

func rank(k data.MarketKind) int {
	switch k {
	case data.Global:
		return 0
	case data.MarketGroup:
		return 1
	}
	return 2
}

// CellRef points at one bank's cell in one category.
type CellRef struct {
	Bank     *data.Bank
	Category *data.Category
	Cell     *data.Cell
}

// MarketExplanation says in plain words what a market filter shows and
// what it leaves aside: which cells count as documented for the market, and
// how many cells that pass the other filters state no market at all, so
// they are neither counted in nor silently dropped. It is empty when res was
// not filtered by market.
func MarketExplanation(res Result) string {
	if res.Market == nil {
		return ""
	}
	m := res.Market
	var shown string
	switch m.Kind {
	case data.Global:
		shown = "Shown: cells whose sources state global scope."
	case data.MarketGroup:
		shown = fmt.Sprintf("Shown: cells whose sources name %s, one of its countries, a group sharing a country with it, or global scope.", MarketLabel(m))
	default:
		shown = fmt.Sprintf("Shown: cells whose sources name %s, a regional group that includes it, or global scope.", MarketLabel(m))
	}
	switch n := len(res.Unstated); n {
	case 0:
		return shown + " Every other cell that passes the filters names its markets."
	case 1:
		return shown + fmt.Sprintf(" 1 cell (%s) passes the other filters but states no market; it is not counted as documented for %s, nor ruled out. Confirm with the bank.", refName(res.Unstated[0]), m.Name)
	default:
		return shown + fmt.Sprintf(" %d cells pass the other filters but state no market; they are not counted as documented for %s, nor ruled out. Confirm them with the bank.", n, m.Name)
	}
}

func refName(r CellRef) string { return r.Bank.ShortName + ": " + r.Category.Name }
