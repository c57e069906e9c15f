package app

import (
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// Comparison is the root component: it owns the filter state, keeps it in
// the URL query and renders the whole widget from it.
type Comparison struct {
	app.Compo

	embed bool // served on the /embed route: compact, no page chrome

	ix      *compare.Index
	loadErr error
	today   time.Time

	st      compare.State
	notices []compare.Notice
	all     compare.Result // every category, for the chosen banks
	shown   compare.Result // the categories that pass the filters

	// preMount holds what the reader set in the prerendered form before the
	// WebAssembly took over, and preRendered the filters the server put in
	// it: if they differ, the reader's changes win once, so nothing is lost.
	preMount    url.Values
	preRendered string

	searchSeq   int  // debounces URL writes while typing
	interactive bool // the WebAssembly app has taken over the page

	online      bool    // the browser reports a network connection
	updateReady bool    // a new version is cached; a reload shows it
	installable bool    // the browser offers to install the app
	keyHelp     bool    // presenter mode's key help is open
	touchX      float64 // where a presenter swipe started
	embedDialog bool    // the "embed this view" dialog is open
	copied      string  // id of the snippet last copied
	drawn       drawings
	drawSeq     int // debounces overview redraws
}

// updateCheckInterval is how often a long-lived tab asks whether a new
// version was deployed (go-app only checks on navigation otherwise).
const updateCheckInterval = 10 * time.Minute

// OnInit loads the embedded dataset (decoded once per process).
func (c *Comparison) OnInit() {
	c.ix, c.loadErr = sharedIndex()
	c.today = time.Now()
	c.preMount, c.preRendered = prerenderedForm()
	c.online = browserOnline()
	if app.IsClient && c.ix != nil {
		// Render the URL's view from the first frame: OnNav comes after
		// the first render, which would otherwise draw everything twice.
		c.drawn.narrowScreen = app.Window().Call("matchMedia", narrowScreen).Get("matches").Bool()
		c.readURL(app.Window().URL())
	}
}

// OnNav reads the filter state from the URL, on the server and in the browser.
func (c *Comparison) OnNav(ctx app.Context) {
	c.readURL(ctx.Page().URL())
	if c.preMount != nil {
		typed, _ := compare.ParseQuery(c.preMount, c.ix.DS)
		renderedQuery, _ := url.ParseQuery(c.preRendered)
		rendered, _ := compare.ParseQuery(renderedQuery, c.ix.DS)
		c.preMount = nil
		if !typed.Filters.Same(rendered.Filters, c.ix.DS) {
			c.setFilters(ctx, typed.Filters, false)
		}
	}
}

// OnMount follows the browser's back and forward buttons. go-app handles
// popstate too, but skips URLs it believes it is already on, and the filters
// write history entries it does not know about.
func (c *Comparison) OnMount(ctx app.Context) {
	onPopState(ctx, func(ctx app.Context) {
		c.readURL(app.Window().URL())
	})
	listen(ctx, document(), "keydown", c.claimKey, func(ctx app.Context, e app.Value) {
		c.onKey(ctx, e.Get("key").String())
	})
	listen(ctx, app.Window(), "online", nil, func(ctx app.Context, _ app.Value) {
		c.online = true
		app.TryUpdate()
	})
	listen(ctx, app.Window(), "offline", nil, func(ctx app.Context, _ app.Value) { c.online = false })
	// Leaving full screen (Esc is taken by the browser there) leaves the
	// presentation too, so the two never disagree.
	listen(ctx, document(), "fullscreenchange", nil, func(ctx app.Context, _ app.Value) {
		if !isFullscreen() {
			c.leavePresenter(ctx)
		}
	})
	c.scheduleUpdateCheck(ctx)
	c.reportHeight()
	c.watchScreen(ctx)
	ctx.Dispatch(func(ctx app.Context) {
		c.interactive = true
		c.installable = ctx.IsAppInstallable()
		c.online = browserOnline()
		if c.st.Present {
			focusByID("presenter")
		}
	})
}

func (c *Comparison) scheduleUpdateCheck(ctx app.Context) {
	ctx.After(updateCheckInterval, func(ctx app.Context) {
		app.TryUpdate()
		c.scheduleUpdateCheck(ctx)
	})
}

// claimKey runs inside the browser's keydown callback: it prevents the
// default action (scrolling) of the keys the app uses, and says whether the
// key is the app's at all.
func (c *Comparison) claimKey(e app.Value) bool {
	key := e.Get("key").String()
	if hasModifier(e) {
		return false
	}
	if c.st.Present {
		if presenterKeys[key] {
			e.Call("preventDefault")
			return true
		}
		return false
	}
	if c.embedDialog {
		return key == "Escape" || key == "Esc"
	}
	return key == "p" && !typingIn(e) && !c.isEmbed()
}

func (c *Comparison) onKey(ctx app.Context, key string) {
	if c.embedDialog {
		c.closeEmbedDialog(ctx)
		return
	}
	if c.st.Present {
		c.presenterKey(ctx, key)
		return
	}
	if key == "p" {
		c.enterPresenter(ctx)
	}
}

func (c *Comparison) readURL(u *url.URL) {
	if c.ix == nil {
		return
	}
	c.st, c.notices = compare.ParseQuery(u.Query(), c.ix.DS)
	c.refilter()
	c.drawSeq++ // a pending delayed redraw would draw the same
	c.redraw()
	syncSearchBox(c.st.Query)
}

// refilter recomputes the cards for the current filters.
func (c *Comparison) refilter() {
	if c.all.Total == 0 {
		// Every bank and category: the cards' places, whatever the filters.
		c.all = c.ix.Filter(compare.Filters{}, c.today)
	}
	c.shown = c.ix.Filter(c.st.Filters, c.today)
}

// redrawDelay lets the overview graphic follow filter changes a moment
// after the cards: drawing and parsing the SVG is the costliest part of an
// update, and while a reader types or clicks through filters, the cards
// are what they watch.
const redrawDelay = 150 * time.Millisecond

// redrawSoon redraws the overview once changes pause.
func (c *Comparison) redrawSoon(ctx app.Context) {
	c.drawSeq++
	seq := c.drawSeq
	ctx.After(redrawDelay, func(ctx app.Context) {
		if seq == c.drawSeq {
			c.redraw()
		}
	})
}

// setFilters applies new filters and records them in the URL. A push makes a
// history entry (discrete choices); otherwise the entry is replaced.
func (c *Comparison) setFilters(ctx app.Context, f compare.Filters, push bool) {
	c.st.Filters = f
	c.refilter()
	c.redrawSoon(ctx)
	syncSearchBox(f.Query)
	writeURL(c.st.Values(c.ix.DS), push)
}

// Render draws the page, or a plain error if the dataset failed to load.
func (c *Comparison) Render() app.UI {
	if c.ix == nil {
		return app.Main().Class("page").Body(
			app.H1().Text("The comparison could not be loaded"),
			app.Pre().Class("load-error").Text(errText(c.loadErr)),
		)
	}
	ds := c.ix.DS
	embed := c.isEmbed()
	classes := []string{"page"}
	if embed {
		classes = append(classes, "embed")
	}
	ready := ""
	if c.interactive {
		ready = "interactive" // lets tests and scripts know the app has taken over
	}
	page := app.Div().Class(classes...).ID("widget").DataSet("state", ready).DataSet("theme", themeAttr(c.st))
	// Slides and dialogs are modal: everything behind them is inert, out of
	// reach of the keyboard and of assistive technology.
	content := app.Div().Class("page-content")
	if c.st.Present || c.embedDialog {
		content = content.Attr("inert", true)
	}
	if embed {
		return page.Body(
			content.Body(
				c.renderStatusBar(),
				app.Main().ID("main").Body(
					app.H1().Class("visually-hidden").Text(ds.Meta.Title),
					c.renderNotices(),
					c.embedFilters(c.renderFilters()),
					c.renderResults(),
					c.fullViewLink(),
				),
				&footerView{DS: ds, Embed: true},
			),
			app.If(c.st.Present, func() app.UI { return c.renderPresenter() }),
		)
	}
	return page.Body(
		content.Body(
			app.A().Class("skip-link").Href("#results").Text("Skip to the comparison"),
			&headerView{DS: ds},
			c.renderStatusBar(),
			app.Main().ID("main").Body(
				c.renderToolbar(),
				c.renderNotices(),
				c.renderOverview(),
				&glanceView{DS: ds},
				&legendView{},
				c.renderFilters(),
				app.If(c.st.Table, func() app.UI { return c.renderTable() }),
				hidden(app.Div().Class("cards-view"), c.st.Table).Body(c.renderResults()),
				&peersView{DS: ds},
				&sourcesView{DS: ds, reveal: c.revealCell},
				&aboutView{DS: ds},
			),
			&footerView{DS: ds},
		),
		app.If(c.st.Present, func() app.UI { return c.renderPresenter() }),
		app.If(c.embedDialog, func() app.UI { return c.renderEmbedDialog() }),
	)
}

func errText(err error) string {
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

func (c *Comparison) renderNotices() app.UI {
	if len(c.notices) == 0 {
		return app.Div().ID("notices").Class("notices").Hidden(true)
	}
	return app.Div().ID("notices").Class("notices").Role("status").Body(
		app.P().Class("notices-title").Text("Part of this link was not understood and was ignored:"),
		app.Ul().Body(app.Range(c.notices).Slice(func(i int) app.UI {
			return app.Li().Class("notice").Text(c.notices[i].String())
		})),
		app.Button().Type("button").ID("notices-dismiss").Class("button-link").
			Text("Dismiss").
			OnClick(func(ctx app.Context, e app.Event) { c.notices = nil }),
	)
}

func (c *Comparison) renderResults() app.UI {
	visible := make(map[string]compare.Card, c.shown.Count)
	for _, card := range c.shown.Cards() {
		visible[card.Category.ID] = card
	}
	return app.Div().ID("results").Class("results").TabIndex(-1).Body(
		app.If(c.shown.Count == 0, func() app.UI { return c.renderEmpty() }),
		app.Range(c.all.Groups).Slice(func(i int) app.UI {
			g := c.all.Groups[i]
			count := 0
			for _, card := range g.Cards {
				if _, ok := visible[card.Category.ID]; ok {
					count++
				}
			}
			titleID := "section-" + g.Section.ID
			return hidden(app.Section().Class("group").ID("group-"+g.Section.ID).
				DataSet("section", g.Section.ID).
				Aria("labelledby", titleID), count == 0).
				Body(
					app.H2().ID(titleID).Text(g.Section.Title),
					app.P().Class("group-intro").Text(g.Section.Intro),
					app.Div().Class("cards").Body(app.Range(g.Cards).Slice(func(j int) app.UI {
						return c.cardFor(g.Cards[j], visible)
					})),
					app.If(g.Section.SourcesLine != "", func() app.UI {
						return app.P().Class("group-sources").Text(g.Section.SourcesLine)
					}),
				)
		}),
	)
}

// cardFor places one category's card: every bank's cell, those of banks
// filtered out hidden, and the shown ones as the filters left them.
func (c *Comparison) cardFor(all compare.Card, visible map[string]compare.Card) *cardView {
	shown, ok := visible[all.Category.ID]
	slots := make([]cellSlot, len(all.Cells))
	for i, cv := range all.Cells {
		slots[i] = cellSlot{Cell: cv, Hidden: true}
		for _, s := range shown.Cells {
			if s.Bank == cv.Bank {
				slots[i] = cellSlot{Cell: s}
			}
		}
		if !ok && (len(c.st.Banks) == 0 || slices.Contains(c.st.Banks, cv.Bank.ID)) {
			slots[i].Hidden = false // a hidden card keeps its chosen banks' cells
		}
	}
	return &cardView{Category: all.Category, Slots: slots, Differ: shown.Differ, Hidden: !ok, SourceLinks: !c.isEmbed()}
}

func (c *Comparison) renderEmpty() app.UI {
	culprits := c.ix.Explain(c.st.Filters, c.today)
	return app.Div().ID("empty").Class("empty").Body(
		app.H2().Text("No category matches these filters"),
		app.If(len(culprits) > 0, func() app.UI {
			return app.Div().Body(
				app.P().Text("These filters each hide everything on their own:"),
				app.Ul().Body(app.Range(culprits).Slice(func(i int) app.UI {
					k := culprits[i]
					return app.Li().Body(
						app.Button().Type("button").Class("button-link").
							DataSet("param", k.Param).
							Text("Remove “"+k.Label+"”").
							OnClick(func(ctx app.Context, e app.Event) { c.removeFilter(ctx, k.Param) }),
						app.Text(" → "+plural(k.Count, "category", "categories")),
					)
				})),
			)
		}).Else(func() app.UI {
			return app.P().Text("Several filters together hide everything; clear them to start again.")
		}),
	)
}

// removeFilter drops one active filter, as the state is now: a handler
// must not use values captured at render time, since go-app keeps the
// first handler it was given for a button.
func (c *Comparison) removeFilter(ctx app.Context, param string) {
	for _, a := range c.st.Filters.Active(c.ix.DS) {
		if a.Param == param {
			c.setFilters(ctx, a.Without, true)
			return
		}
	}
}

// The dataset, decoded and indexed once per process (or WASM instance).
var (
	indexOnce sync.Once
	index     *compare.Index
	indexErr  error
)

// sharedIndex decodes the embedded dataset once and indexes it for search.
func sharedIndex() (*compare.Index, error) {
	indexOnce.Do(func() {
		ds, err := data.Default()
		if err != nil {
			indexErr = err
			return
		}
		index = compare.NewIndex(ds)
	})
	return index, indexErr
}
