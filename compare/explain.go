package compare

import (
	"fmt"
	"strings"
	"time"

	"citijpm/data"
)

// ActiveFilter is one filter in effect, described for a reader, with the
// same filters minus that one.
type ActiveFilter struct {
	Param   string
	Label   string // e.g. `Status: Partial`
	Without Filters
}

// Active lists the filters in effect, in the order the filter bar shows them.
func (f Filters) Active(ds *data.Dataset) []ActiveFilter {
	var out []ActiveFilter
	add := func(param, label string, clear func(*Filters)) {
		w := f
		clear(&w)
		out = append(out, ActiveFilter{Param: param, Label: label, Without: w})
	}
	if len(f.Banks) > 0 && len(f.Banks) < len(ds.Banks) {
		names := make([]string, 0, len(f.Banks))
		for _, id := range f.Banks {
			if b := ds.Bank(id); b != nil {
				names = append(names, b.ShortName)
			}
		}
		add(ParamBank, "Bank: "+strings.Join(names, ", "), func(w *Filters) { w.Banks = nil })
	}
	if len(f.Sections) > 0 && len(f.Sections) < len(ds.Sections) {
		names := make([]string, 0, len(f.Sections))
		for _, id := range f.Sections {
			if s := ds.Section(id); s != nil {
				names = append(names, s.Title)
			}
		}
		add(ParamSection, "Section: "+strings.Join(names, ", "), func(w *Filters) { w.Sections = nil })
	}
	if len(f.Statuses) > 0 && len(f.Statuses) < len(data.Statuses) {
		names := make([]string, 0, len(f.Statuses))
		for _, s := range f.Statuses {
			names = append(names, s.Title())
		}
		add(ParamStatus, "Status: "+strings.Join(names, ", "), func(w *Filters) { w.Statuses = nil })
	}
	if f.MinConf == data.High || f.MinConf == data.Medium {
		add(ParamConf, fmt.Sprintf("Confidence: %s or higher", f.MinConf), func(w *Filters) { w.MinConf = "" })
	}
	if f.Label != AnyLabel {
		add(ParamLabel, "Label: "+f.Label.Title(), func(w *Filters) { w.Label = AnyLabel })
	}
	if m := ds.Market(f.Market); m != nil {
		add(ParamMarket, "Market: "+MarketLabel(m), func(w *Filters) { w.Market = "" })
	}
	if f.Query != "" {
		add(ParamQuery, fmt.Sprintf("Search: “%s”", f.Query), func(w *Filters) { w.Query = "" })
	}
	if f.DiffOnly {
		add(ParamDiff, "Only where the banks differ", func(w *Filters) { w.DiffOnly = false })
	}
	if f.Stale {
		add(ParamStale, "Only cells to re-verify", func(w *Filters) { w.Stale = false })
	}
	return out
}

// Culprit is a filter that, removed alone, would bring cards back.
type Culprit struct {
	ActiveFilter
	Count int
}

// Explain says, for an empty result, which single filters hide everything:
// each active filter with the number of cards its removal would show.
func (ix *Index) Explain(f Filters, today time.Time) []Culprit {
	var out []Culprit
	for _, a := range f.Active(ix.DS) {
		if n := ix.Filter(a.Without, today).Count; n > 0 {
			out = append(out, Culprit{ActiveFilter: a, Count: n})
		}
	}
	return out
}
