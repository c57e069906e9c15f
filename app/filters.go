package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// searchURLDelay is how long typing must pause before the search is written
// to the URL; the cards themselves update on every keystroke.
const searchURLDelay = 400 * time.Millisecond

// renderFilters draws the filter bar. It is a GET form, so that without
// WebAssembly pressing Enter in the search box still filters (the server
// prerenders the result).
func (c *Comparison) renderFilters() app.UI {
	ds, f := c.ix.DS, c.st.Filters
	return app.Form().ID("filters").Class("filters").Role("search").
		Aria("label", "Filter the comparison").
		Method("get").
		DataSet("rendered", compare.State{Filters: f}.Values(ds).Encode()).
		OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
		Body(
			app.Div().Class("filter filter-search").Body(
				app.Label().For("f-q").Text("Search all cells"),
				searchBox(f.Query).
					Placeholder("e.g. camt, OAuth, webhook").
					AutoComplete(false).
					OnInput(c.onSearch),
			),
			checkGroup("Banks", "f-bank", compare.ParamBank, bankOptions(ds), f.Banks,
				func(ctx app.Context, ids []string) { c.update(ctx, func(f *compare.Filters) { f.Banks = ids }) }),
			c.sectionSelect(),
			checkGroup("Status", "f-status", compare.ParamStatus, statusOptions(), statusIDs(f.Statuses),
				func(ctx app.Context, ids []string) {
					c.update(ctx, func(f *compare.Filters) {
						f.Statuses = nil
						for _, id := range ids {
							f.Statuses = append(f.Statuses, data.Status(id))
						}
					})
				}),
			selectFilter("f-conf", compare.ParamConf, "Minimum confidence", confOptions(), strings.ToLower(string(f.MinConf)),
				func(ctx app.Context, v string) {
					c.update(ctx, func(f *compare.Filters) { f.MinConf = confidenceFromValue(v) })
				}),
			selectFilter("f-label", compare.ParamLabel, "Label", labelOptions(), string(f.Label),
				func(ctx app.Context, v string) {
					c.update(ctx, func(f *compare.Filters) { f.Label = compare.LabelFilter(v) })
				}),
			app.Div().Class("filter filter-toggles").Body(
				toggle("f-diff", compare.ParamDiff, "Only where the banks differ", f.DiffOnly,
					func(ctx app.Context, on bool) { c.update(ctx, func(f *compare.Filters) { f.DiffOnly = on }) }),
				toggle("f-stale", compare.ParamStale, "Only cells to re-verify", f.Stale,
					func(ctx app.Context, on bool) { c.update(ctx, func(f *compare.Filters) { f.Stale = on }) }),
			),
			app.Div().Class("filter-summary").Body(
				disabled(app.Button().Type("button").ID("f-clear").Class("button"), f.IsZero()).
					Text("Clear filters").
					OnClick(func(ctx app.Context, e app.Event) { c.setFilters(ctx, compare.Filters{}, true) }),
			),
		)
}

// foldFilters puts the filter bar in a disclosure that a phone shows
// closed, so the rows come first; on a wide screen the stylesheet keeps it
// open and hides its summary.
func (c *Comparison) foldFilters(filters app.UI) app.UI {
	return app.Details().Class("fold filters-fold").ID("filters-fold").Body(
		app.Summary().Class("button button-quiet").Text(c.filtersSummary()),
		filters,
	)
}

// filtersSummary names the filter disclosure with the active filter count.
func (c *Comparison) filtersSummary() string {
	if active := len(c.st.Filters.Active(c.ix.DS)); active > 0 {
		return fmt.Sprintf("Filters · %d active", active)
	}
	return "Filters"
}

// update changes the filters from a discrete control: a history entry each.
func (c *Comparison) update(ctx app.Context, change func(*compare.Filters)) {
	f := c.st.Filters
	change(&f)
	c.setFilters(ctx, f, true)
}

func confidenceFromValue(v string) data.Confidence {
	for _, k := range data.Confidences {
		if strings.EqualFold(v, string(k)) {
			return k
		}
	}
	return ""
}

// searchBox is the search input. Its value is written only in the
// prerendered HTML: in the browser, re-rendering it on each keystroke could
// overwrite characters typed meanwhile, so the app sets it only when the
// query changes from elsewhere (see syncSearchBox).
func searchBox(query string) app.HTMLInput {
	in := app.Input().Type("search").ID("f-q").Name(compare.ParamQuery)
	if app.IsServer {
		in = in.Value(query)
	}
	return in
}

// syncSearchBox shows query in the search box when it changed from
// elsewhere than typing: a link, back/forward, "Clear filters".
func syncSearchBox(query string) {
	if app.IsServer {
		return
	}
	if el := app.Window().GetElementByID("f-q"); el.Truthy() && el.Get("value").String() != query {
		el.Set("value", query)
	}
}

// onSearch filters at once and writes the URL once typing pauses.
func (c *Comparison) onSearch(ctx app.Context, e app.Event) {
	f := c.st.Filters
	f.Query = ctx.JSSrc().Get("value").String()
	c.st.Filters = f
	c.refilter()
	c.redrawSoon(ctx)
	c.searchSeq++
	seq := c.searchSeq
	ctx.After(searchURLDelay, func(ctx app.Context) {
		if seq == c.searchSeq {
			writeURL(c.st.Values(c.ix.DS), false)
		}
	})
}

func (c *Comparison) sectionSelect() app.UI {
	ds, f := c.ix.DS, c.st.Filters
	opts := []option{{"", "All sections"}}
	for _, s := range ds.Sections {
		opts = append(opts, option{s.ID, s.Title})
	}
	current := ""
	switch len(f.Sections) {
	case 0:
	case 1:
		current = f.Sections[0]
	default:
		// Only a shared link can pick several sections; show that honestly.
		current = strings.Join(f.Sections, ",")
		opts = append(opts, option{current, plural(len(f.Sections), "section", "sections") + " (from the link)"})
	}
	return selectFilter("f-section", compare.ParamSection, "Section", opts, current,
		func(ctx app.Context, v string) {
			c.update(ctx, func(f *compare.Filters) {
				f.Sections = nil
				if v != "" {
					f.Sections = strings.Split(v, ",")
				}
			})
		})
}

type option struct{ value, text string }

func bankOptions(ds *data.Dataset) []option {
	out := make([]option, len(ds.Banks))
	for i, b := range ds.Banks {
		out[i] = option{b.ID, b.ShortName}
	}
	return out
}

func statusOptions() []option {
	out := make([]option, len(data.Statuses))
	for i, s := range data.Statuses {
		out[i] = option{string(s), statusGlyph(s) + " " + s.Title()}
	}
	return out
}

func confOptions() []option {
	return []option{{"", "Any confidence"}, {"medium", "Medium or higher"}, {"high", "High only"}}
}

func labelOptions() []option {
	opts := []option{{"", compare.AnyLabel.Title()}}
	for _, l := range compare.LabelFilters {
		opts = append(opts, option{string(l), l.Title()})
	}
	return opts
}

func statusIDs(ss []data.Status) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// checkGroup is a fieldset of checkboxes where checked means shown. An
// empty selection means "all", so every box is then checked, and the last
// checked box cannot be unchecked: hiding everything is never a choice.
func checkGroup(legend, idPrefix, name string, opts []option, selected []string, onChange func(app.Context, []string)) app.UI {
	isChecked := func(v string) bool { return len(selected) == 0 || slices.Contains(selected, v) }
	count := 0
	for _, o := range opts {
		if isChecked(o.value) {
			count++
		}
	}
	return app.FieldSet().Class("filter filter-checks").ID(idPrefix).Body(
		app.Legend().Text(legend),
		app.Range(opts).Slice(func(i int) app.UI {
			o := opts[i]
			id := idPrefix + "-" + o.value
			on := isChecked(o.value)
			return app.Label().Class("check").For(id).Body(
				disabled(checked(app.Input().Type("checkbox").ID(id).Name(name).Value(o.value), on), app.IsClient && on && count == 1).
					// go-app keeps a handler while its code is the same, whatever it
					// captured: the scope rebinds it when the selection changes.
					OnChange(func(ctx app.Context, e app.Event) {
						// Flip the state, not read the box: a render still
						// pending from a quick earlier change may have reset it.
						var next []string
						for _, p := range opts {
							isOn := isChecked(p.value)
							if p.value == o.value {
								isOn = !on
							}
							if isOn {
								next = append(next, p.value)
							}
						}
						if len(next) == len(opts) {
							next = nil
						}
						onChange(ctx, next)
					}, app.EventScope(strings.Join(selected, ","))),
				app.Span().Text(o.text),
			)
		}),
	)
}

func selectFilter(id, name, label string, opts []option, current string, onChange func(app.Context, string)) app.UI {
	return app.Div().Class("filter").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).Name(name).
			OnChange(func(ctx app.Context, e app.Event) { onChange(ctx, ctx.JSSrc().Get("value").String()) }).
			Body(app.Range(opts).Slice(func(i int) app.UI {
				return selected(app.Option().Value(opts[i].value), opts[i].value == current).Text(opts[i].text)
			})),
	)
}

func toggle(id, name, label string, on bool, onChange func(app.Context, bool)) app.UI {
	return app.Label().Class("check").For(id).Body(
		checked(app.Input().Type("checkbox").ID(id).Name(name).Value("1"), on).
			OnChange(func(ctx app.Context, e app.Event) { onChange(ctx, !on) }, app.EventScope(on)),
		app.Span().Text(label),
	)
}
