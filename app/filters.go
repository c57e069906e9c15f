package app

import (
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

// filterBar is the filter form. It is a GET form, so that without
// WebAssembly pressing Enter in the search box still filters (the server
// prerenders the result). The filters are the page's state: the bar shows
// them and reports changes, a history entry for each discrete choice.
type filterBar struct {
	app.Compo

	// IFilters leaves out the search query in the browser, where the box
	// keeps its own value (see searchBox): a keystroke then redraws the
	// rows, not every control of the bar. IHasQuery is what the bar itself
	// needs of it, for "Clear filters".
	IFilters  compare.Filters
	IHasQuery bool

	ds    *data.Dataset
	query string // the search query when the bar was created, for OnMount
	// onChange asks the page to apply a change to its filters as they are
	// when it runs: not to values captured at render time (go-app keeps the
	// first handler it was given for an element), nor to the bar's own copy,
	// which a quick second change would find stale. Set once, at creation.
	onChange func(ctx app.Context, change func(*compare.Filters))
	onSearch func(ctx app.Context, query string) // set once, at creation
	// markets are the market filter's choices, listed once: they depend on
	// the dataset alone, and the mounted bar keeps them.
	markets []compare.MarketOption
}

func newFilterBar(ds *data.Dataset) *filterBar { return &filterBar{ds: ds} }

func (b *filterBar) Filters(f compare.Filters) *filterBar {
	b.query, b.IHasQuery = f.Query, f.Query != ""
	if app.IsClient {
		f.Query = ""
	}
	b.IFilters = f
	return b
}

// OnChange receives each change to apply to the page's filters as they are
// when it runs: two quick changes (a box, then a select) made before the
// bar is drawn again must both count.
func (b *filterBar) OnChange(f func(app.Context, func(*compare.Filters))) *filterBar {
	b.onChange = f
	return b
}

func (b *filterBar) OnSearch(f func(app.Context, string)) *filterBar {
	b.onSearch = f
	return b
}

// OnMount shows the query in the search box, which the browser's renders
// leave alone (see searchBox): the bar mounts after the page's takeover,
// in place of the prerendered one, and whatever the reader had searched
// for must still be there. Nothing go-app draws changes, so it keeps go-app
// from rendering the whole page again after it (OnMount is dispatched, and
// a dispatch renders the component and every component around it).
func (b *filterBar) OnMount(ctx app.Context) {
	syncSearchBox(b.query)
	ctx.PreventUpdate()
}

func (b *filterBar) Render() app.UI {
	ds, f := b.ds, b.IFilters
	return app.Form().ID("filters").Class("filters").Role("search").
		Aria("label", "Filter the comparison").
		Method("get").
		DataSet("rendered", attrText(compare.State{Filters: f}.Values(ds).Encode())).
		OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
		Body(
			app.Div().Class("filter filter-search").Body(
				app.Label().For("f-q").Text("Search all cells"),
				searchBox(f.Query).
					Placeholder("e.g. camt, OAuth, webhook").
					AutoComplete(false).
					OnInput(func(ctx app.Context, e app.Event) { b.onSearch(ctx, ctx.JSSrc().Get("value").String()) }),
			),
			checkGroup("Banks", "f-bank", compare.ParamBank, bankOptions(ds), f.Banks,
				func(ctx app.Context, ids []string) { b.onChange(ctx, func(f *compare.Filters) { f.Banks = ids }) }),
			b.sectionSelect(),
			b.marketSelect(),
			checkGroup("Status", "f-status", compare.ParamStatus, statusOptions(), data.StatusIDs(f.Statuses),
				func(ctx app.Context, ids []string) {
					b.onChange(ctx, func(f *compare.Filters) {
						f.Statuses = nil
						for _, id := range ids {
							f.Statuses = append(f.Statuses, data.Status(id))
						}
					})
				}),
			newSelectControl("f-conf", compare.ParamConf, "Minimum confidence").
				Options(confOptions()).
				Selected(strings.ToLower(string(f.MinConf))).
				OnChange(func(ctx app.Context, v string) {
					b.onChange(ctx, func(f *compare.Filters) { f.MinConf = data.ParseConfidence(v) })
				}),
			newSelectControl("f-label", compare.ParamLabel, "Label").
				Options(labelOptions()).
				Selected(string(f.Label)).
				OnChange(func(ctx app.Context, v string) {
					b.onChange(ctx, func(f *compare.Filters) { f.Label = compare.LabelFilter(v) })
				}),
			app.Div().Class("filter filter-toggles").Body(
				toggle("f-diff", compare.ParamDiff, "Only where the banks differ", f.DiffOnly,
					func(ctx app.Context, on bool) { b.onChange(ctx, func(f *compare.Filters) { f.DiffOnly = on }) }),
				toggle("f-stale", compare.ParamStale, "Only cells to re-verify", f.Stale,
					func(ctx app.Context, on bool) { b.onChange(ctx, func(f *compare.Filters) { f.Stale = on }) }),
			),
			app.Div().Class("filter-summary").Body(
				disabled(app.Button().Type("button").ID("f-clear").Class("button"), f.IsZero() && !b.IHasQuery).
					Text("Clear filters").
					OnClick(func(ctx app.Context, e app.Event) {
						b.onChange(ctx, func(f *compare.Filters) { *f = compare.Filters{} })
					}),
			),
		)
}

// searchBox is the search input. Its value is written only in the
// prerendered HTML: in the browser, re-rendering it on each keystroke could
// overwrite characters typed meanwhile, so the app sets it only when the
// query changes from elsewhere (see syncSearchBox).
func searchBox(query string) app.HTMLInput {
	in := app.Input().Type("search").ID("f-q").Name(compare.ParamQuery)
	if app.IsServer {
		in = in.Value(attrText(query))
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

func (b *filterBar) sectionSelect() app.UI {
	ds, f := b.ds, b.IFilters
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
		opts = append(opts, option{current, data.Plural(len(f.Sections), "section", "sections") + " (from the link)"})
	}
	return newSelectControl("f-section", compare.ParamSection, "Section").
		Options(opts).
		Selected(current).
		OnChange(func(ctx app.Context, v string) {
			b.onChange(ctx, func(f *compare.Filters) {
				f.Sections = nil
				if v != "" {
					f.Sections = strings.Split(v, ",")
				}
			})
		})
}

// marketSelect chooses a market: what is documented for it (see
// compare.MarketOf). The markets are those the cells name, so the control
// appears only for a dataset that names some.
func (b *filterBar) marketSelect() app.UI {
	if b.markets == nil {
		b.markets = compare.MarketOptions(b.ds)
	}
	markets := b.markets
	if len(markets) == 0 {
		return nil
	}
	opts := []option{{"", "Any market"}}
	for _, m := range markets {
		opts = append(opts, option{m.Param, m.Label})
	}
	return newSelectControl("f-market", compare.ParamMarket, "Market").
		Options(opts).
		Selected(strings.ToLower(b.IFilters.Market)).
		OnChange(func(ctx app.Context, v string) {
			b.onChange(ctx, func(f *compare.Filters) {
				f.Market = ""
				for _, m := range markets {
					if m.Param == v {
						f.Market = m.Code
					}
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

func toggle(id, name, label string, on bool, onChange func(app.Context, bool)) app.UI {
	return app.Label().Class("check").For(id).Body(
		checked(app.Input().Type("checkbox").ID(id).Name(name).Value("1"), on).
			OnChange(func(ctx app.Context, e app.Event) { onChange(ctx, !on) }, app.EventScope(on)),
		app.Span().Text(label),
	)
}
