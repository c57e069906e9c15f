package app

import (
	"fmt"
	"maps"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
)

// Comparison is the root component: it owns the state (filters in the URL,
// which rows are open, what the browser reports) and renders the widget
// from it. Parts that own no state are components of their own files.
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

	// open holds the rows a reader opened or closed by hand; the others
	// follow the density (detailed opens them all).
	open     map[string]bool
	printing bool // print media: every row open

	// takeover is how much of the page is live so far, after the browser
	// took over the prerendered page (see grow).
	takeover takeover

	// preMount holds what the reader set in the prerendered form before the
	// WebAssembly took over, and preRendered the filters the server put in
	// it: if they differ, the reader's changes win once, so nothing is lost.
	preMount    url.Values
	preRendered string

	searchSeq   int    // debounces URL writes while typing
	interactive bool   // the WebAssembly app has taken over the page
	initURL     string // the URL OnInit read, which the first OnNav need not read again

	online       bool   // the browser reports a network connection
	updateReady  bool   // a new version is cached; a reload shows it
	installable  bool   // the browser offers to install the app
	keyHelp      bool   // presenter mode's key help is open
	embedDialog  bool   // the "embed this view" dialog is open
	exportErr    string // why the last download failed, for the reader
	overviewOpen bool   // the overview graphic is open
	sourcesOpen  bool   // the full list of sources is open
	drawn        drawings
	drawSeq      int // debounces overview redraws

	listeners releases // browser callbacks to free on dismount
}

// updateCheckInterval is how often a long-lived tab asks whether a new
// version was deployed (go-app only checks on navigation otherwise).
const updateCheckInterval = 10 * time.Minute

// OnInit reads the view from the URL and what the server prerendered.
func (c *Comparison) OnInit() {
	c.today = time.Now()
	c.preMount, c.preRendered = prerenderedForm()
	c.online = browserOnline()
	if app.IsClient && c.ix != nil {
		// Render the URL's view from the first frame: OnNav comes after
		// the first render, which would otherwise draw everything twice.
		c.drawn.narrowScreen = app.Window().Call("matchMedia", narrowScreen).Get("matches").Bool()
		u := app.Window().URL()
		c.readURL(u)
		c.initURL = u.String()
		c.takeover = newTakeover(adoptPrerendered(c.isEmbed(), c.viewKey()), c.isEmbed())
	}
}

// OnNav reads the filter state from the URL, on the server and in the browser.
// The first one in the browser comes right after the first render, for the
// URL OnInit read: it renders again only if the reader changed the
// prerendered filters meanwhile. Go-app renders after OnNav in the task of
// the first mount, which must stay short.
func (c *Comparison) OnNav(ctx app.Context) {
	dropPendingURL()
	u := ctx.Page().URL()
	drawn := app.IsClient && u.String() == c.initURL
	c.initURL = ""
	if !drawn {
		c.readURL(u)
	}
	if !c.keepPrerenderedChanges(ctx) && drawn {
		ctx.PreventUpdate()
	}
}

// keepPrerenderedChanges applies what the reader set in the prerendered
// form before the app took over, and reports whether there was anything.
func (c *Comparison) keepPrerenderedChanges(ctx app.Context) bool {
	if c.preMount == nil {
		return false
	}
	typed := c.preMount
	c.preMount = nil
	renderedQuery, _ := url.ParseQuery(c.preRendered)
	rendered, _ := compare.ParseQuery(renderedQuery, c.ix.DS)
	return c.applyFormEdits(ctx, typed, rendered.Filters, false)
}

// applyFormEdits applies the filters a reader set in a form the app did
// not draw (the prerendered one, or its adopted copy) when they differ
// from base, the filters that form first showed; push makes a history
// entry of them. It reports whether there were any.
func (c *Comparison) applyFormEdits(ctx app.Context, typed url.Values, base compare.Filters, push bool) bool {
	st, _ := compare.ParseQuery(typed, c.ix.DS)
	if st.Filters.Same(base, c.ix.DS) {
		return false
	}
	c.setFilters(ctx, st.Filters, push)
	return true
}

// OnMount starts what follows the browser, then builds the remaining rows.
// Go-app renders after OnMount, in the task of the first mount, which must
// stay short: what it sets shows instead with the first part grow makes
// live, in a task of its own, unless nothing is left to build.
func (c *Comparison) OnMount(ctx app.Context) {
	c.followBrowser(ctx)
	c.scheduleUpdateCheck(ctx)
	c.reportHeight()
	c.interactive = true
	c.installable = ctx.IsAppInstallable()
	c.online = browserOnline()
	c.openFromHash(ctx)
	if c.st.Present {
		ctx.Defer(func(app.Context) { focusByID("presenter") })
	}
	if !c.builtAll() {
		ctx.PreventUpdate()
	}
	c.grow(ctx)
}

// OnDismount frees every browser callback the page registered.
func (c *Comparison) OnDismount() { c.listeners.releaseAll() }

// followBrowser listens to the browser: back and forward (go-app skips URLs
// it believes it is on, and the filters write entries it does not know),
// the keyboard, the network, full screen, print and links to a cell.
func (c *Comparison) followBrowser(ctx app.Context) {
	if app.IsServer {
		return
	}
	l := &c.listeners
	l.add(onPopState(ctx, func(ctx app.Context) {
		dropPendingURL()
		c.readURL(app.Window().URL())
	}))
	l.add(listen(ctx, document(), "keydown", c.claimKey, func(ctx app.Context, e app.Value) {
		c.onKey(ctx, e.Get("key").String())
	}))
	l.add(listen(ctx, app.Window(), "online", nil, func(ctx app.Context, _ app.Value) {
		c.online = true
		app.TryUpdate()
	}))
	l.add(listen(ctx, app.Window(), "offline", nil, func(ctx app.Context, _ app.Value) { c.online = false }))
	// Leaving full screen (Esc is taken by the browser there) leaves the
	// presentation too, so the two never disagree.
	l.add(listen(ctx, document(), "fullscreenchange", nil, func(ctx app.Context, _ app.Value) {
		if !isFullscreen() {
			c.leavePresenter(ctx)
		}
	}))
	l.add(listen(ctx, app.Window(), "hashchange", nil, func(ctx app.Context, _ app.Value) { c.openFromHash(ctx) }))
	// Print shows every row's evidence, as the prerendered page does.
	print := app.Window().Call("matchMedia", "print")
	l.add(listen(ctx, print, "change", nil, func(ctx app.Context, e app.Value) { c.setPrinting(ctx, e.Get("matches").Bool()) }))
	l.add(listen(ctx, app.Window(), "beforeprint", nil, func(ctx app.Context, _ app.Value) { c.setPrinting(ctx, true) }))
	l.add(listen(ctx, app.Window(), "afterprint", nil, func(ctx app.Context, _ app.Value) { c.setPrinting(ctx, false) }))
	if print.Get("matches").Bool() {
		c.setPrinting(ctx, true)
	}
	c.watchScreen(ctx)
}

func (c *Comparison) setPrinting(ctx app.Context, on bool) {
	c.printing = on
	if on {
		c.buildAll()
	}
}

// grow makes the next part of the page live in a task of its own: the
// adopted sections one by one, then the rows a chunk at a time, then the
// parts of the page's end, until the whole page is live. Each part waits
// for the one before to be drawn, then for the browser to have had its
// main thread back (a Go timer would not do: when a part takes longer to
// draw than the timer, Go runs the next part in the same task).
func (c *Comparison) grow(ctx app.Context) {
	if c.builtAll() {
		// The search text, in a task of its own, ahead of a first search
		// (here, so that a page a reader had built at once gets it too),
		// and the collector's usual pace (see gcpace.go).
		ctx.Async(func() {
			YieldToBrowser()
			c.ix.PrepareSearch()
			restoreGCPace()
		})
		return
	}
	ctx.Async(func() {
		YieldToBrowser()
		ctx.Dispatch(func(ctx app.Context) {
			c.growStep(ctx)
			// Defer runs once this dispatch's render is done.
			ctx.Defer(c.grow)
		})
	})
}

// growStep makes the next part live.
func (c *Comparison) growStep(ctx app.Context) {
	if c.builtAll() {
		return // a reader's request built everything meanwhile (buildAll)
	}
	if c.takeover.advance(len(c.all.Cards()), c.isEmbed()) == adoptFilters {
		c.keepAdoptedFilters(ctx)
	}
	if c.builtAll() {
		ctx.Defer(func(ctx app.Context) { scrollToHash() })
	}
}

// viewKey names the view the state shows: its URL query, canonical, after
// a "?" so that the default view's is not empty (go-app leaves out an
// empty attribute).
func (c *Comparison) viewKey() string { return "?" + c.st.Values(c.ix.DS).Encode() }

// keepAdoptedFilters applies what a reader changed in the adopted copy of
// the filters (see adopt.go) before the live filter bar replaces it: the
// copy shows the filters as they are, so any difference is the reader's.
func (c *Comparison) keepAdoptedFilters(ctx app.Context) {
	if typed, _ := prerenderedForm(); typed != nil {
		c.applyFormEdits(ctx, typed, c.st.Filters, true)
	}
}

// buildAll makes the whole page live at once, for a reader who asked for
// all of it (expand all, print, a link to a cell or a source).
func (c *Comparison) buildAll() { c.takeover.buildAll(len(c.all.Cards())) }

// builtAll reports whether the whole page is live (always on the server).
func (c *Comparison) builtAll() bool {
	return app.IsServer || c.takeover.done(len(c.all.Cards()), c.isEmbed())
}

// openFromHash opens the row a link points at (#cell-<bank>-<category> or
// #card-<category>) and brings it into view.
func (c *Comparison) openFromHash(ctx app.Context) {
	if app.IsServer {
		return
	}
	hash := strings.TrimPrefix(app.Window().Get("location").Get("hash").String(), "#")
	if strings.HasPrefix(hash, "src-") {
		c.sourcesOpen = true
		c.buildAll()
		ctx.Defer(func(app.Context) { scrollToHash() })
		return
	}
	for _, card := range c.all.Cards() {
		cat := card.Category.ID
		target := ""
		if hash == cardID(cat) {
			target = hash
		}
		for _, cv := range card.Cells {
			if hash == cellID(cv.Bank.ID, cat) {
				target = hash
			}
		}
		if target != "" {
			c.buildAll()
			c.setOpen(cat, true)
			ctx.Defer(func(app.Context) { focusAndScroll(target) })
			return
		}
	}
}

func (c *Comparison) onSourcesToggle(ctx app.Context, open bool) { c.sourcesOpen = open }

// setOpen records a row opened or closed by hand. The map is replaced,
// not changed in place: components see a change only in a new value.
func (c *Comparison) setOpen(category string, open bool) {
	next := make(map[string]bool, len(c.open)+1)
	maps.Copy(next, c.open)
	next[category] = open
	c.open = next
}

// onRowToggle follows a reader opening or closing one row.
func (c *Comparison) onRowToggle(ctx app.Context, category string, open bool) {
	c.setOpen(category, open)
}

// setDensity opens or closes every row and records it in the URL.
func (c *Comparison) setDensity(d string) {
	c.open = nil
	c.st.Density = d
	c.buildAll()
	writeURL(c.st.Values(c.ix.DS), false)
}

// density is the row layout: the URL's, else compact in the embed.
func (c *Comparison) density() string {
	if c.st.Density == "" && c.isEmbed() {
		return "compact"
	}
	return c.st.Density
}

func (c *Comparison) scheduleUpdateCheck(ctx app.Context) {
	ctx.After(updateCheckInterval, func(ctx app.Context) {
		ctx.PreventUpdate() // go-app reports an update itself (OnAppUpdate)
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
	density := c.st.Density
	c.st, c.notices = compare.ParseQuery(u.Query(), c.ix.DS)
	if c.st.Density != density {
		c.open = nil
	}
	c.refilter()
	c.drawSeq++ // a pending delayed redraw would draw the same
	c.redraw()
	syncSearchBox(c.st.Query)
}

// refilter recomputes the rows for the current filters.
func (c *Comparison) refilter() {
	if c.all.Total == 0 {
		// Every bank and category: the rows' places, whatever the filters.
		c.all = c.ix.Filter(compare.Filters{}, c.today)
	}
	c.shown = c.ix.Filter(c.st.Filters, c.today)
}

// redrawDelay lets the overview graphic follow filter changes a moment
// after the rows: drawing and parsing the SVG is the costliest part of an
// update, and while a reader types or clicks through filters, the rows
// are what they watch.
const redrawDelay = 150 * time.Millisecond

// redrawSoon redraws the overview once changes pause. A closed overview
// only forgets its drawings, at once: waking the page later for nothing
// would render every component again, in the middle of the reader's next
// change.
func (c *Comparison) redrawSoon(ctx app.Context) {
	c.drawSeq++
	if !c.overviewOpen {
		c.redraw()
		return
	}
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
	c.applyFilters(ctx, f)
	writeURL(c.st.Values(c.ix.DS), push)
}

// changeFilters applies a reader's change in the filter bar, a history
// entry of its own, written once the change is on screen (see
// writeURLAfterPaint): the filter bar is where changes come quickly.
func (c *Comparison) changeFilters(ctx app.Context, f compare.Filters) {
	c.applyFilters(ctx, f)
	writeURLAfterPaint(ctx, c.st.Values(c.ix.DS), true)
}

func (c *Comparison) applyFilters(ctx app.Context, f compare.Filters) {
	c.st.Filters = f
	c.refilter()
	c.redrawSoon(ctx)
	syncSearchBox(f.Query)
}

// filtersSummary names the filter disclosure for the current filters.
func (c *Comparison) filtersSummary() string {
	return filtersLabel(len(c.st.Filters.Active(c.ix.DS)))
}

// renderFilters places the filter bar with the current filters.
func (c *Comparison) renderFilters() app.UI {
	return newFilterBar(c.ix.DS).
		Filters(c.st.Filters).
		OnChange(func(ctx app.Context, change func(*compare.Filters)) {
			f := c.st.Filters
			change(&f)
			c.changeFilters(ctx, f)
		}).
		OnSearch(c.onSearch)
}

// onSearch filters at once and writes the URL once typing pauses.
func (c *Comparison) onSearch(ctx app.Context, query string) {
	f := c.st.Filters
	f.Query = query
	c.st.Filters = f
	c.refilter()
	c.redrawSoon(ctx)
	c.searchSeq++
	seq := c.searchSeq
	ctx.After(searchURLDelay, func(ctx app.Context) {
		ctx.PreventUpdate() // the address changes, not the page
		if seq == c.searchSeq {
			writeURL(c.st.Values(c.ix.DS), false)
		}
	})
}

// foldFilters puts the filter bar in a disclosure named summary that a
// phone shows closed, so the rows come first; on a wide screen the
// stylesheet keeps it open and hides its summary.
func foldFilters(summary string, filters app.UI) app.UI {
	return app.Details().Class("fold filters-fold").ID("filters-fold").Body(
		app.Summary().Class("button button-quiet").Text(summary),
		filters,
	)
}

// filtersLabel names the filter disclosure with the active filter count.
func filtersLabel(active int) string {
	if active > 0 {
		return fmt.Sprintf("Filters · %d active", active)
	}
	return "Filters"
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
	if c.interactive && !c.takeover.adopted.hasSections() {
		// Lets tests and scripts know the app has taken over and every
		// control is live (the adopted sections come alive just after the
		// mount, see grow).
		ready = "interactive"
	}
	built := ""
	if app.IsClient && c.builtAll() {
		built = "all" // the whole page is live (it comes in parts after takeover)
	}
	page := app.Div().Class(classes...).ID("widget").DataSet("state", ready).DataSet("built", built).DataSet("theme", themeAttr(c.st))
	if app.IsServer {
		// The view the page shows, for the browser's takeover to check
		// that it adopts what it would build (a page from the offline
		// cache may show another view than its URL's).
		page = page.DataSet("view", attrText(c.viewKey()))
	}
	// Slides and dialogs are modal: everything behind them is inert, out of
	// reach of the keyboard and of assistive technology.
	content := app.Div().Class("page-content")
	if c.st.Present || c.embedDialog {
		content = content.Attr("inert", true)
	}
	if embed {
		return page.Body(
			content.Body(
				c.takeover.adopted.or(adoptStamps, func() app.UI { return &stampsView{DS: ds} }),
				newStatusBar().Online(c.online).UpdateReady(c.updateReady),
				app.Main().ID("main").Body(
					app.H1().Class("visually-hidden").Text(ds.Meta.Title),
					newNotices(func() { c.notices = nil }).Notices(c.notices),
					c.takeover.adopted.or(adoptFilters, func() app.UI { return embedFilters(c.filtersSummary(), c.renderFilters()) }),
					app.P().Class("embed-legend").Text("● documented · ◐ partial · ○ not visible publicly · ▮▮▮ confidence"),
					c.takeover.adopted.or(adoptResultsBar, c.renderResultsBar),
					c.renderResults(),
					fullViewLink(c.st, c.ix.DS),
				),
				c.takeover.adopted.or(adoptFooter, func() app.UI { return &footerView{DS: ds, Embed: true} }),
			),
			app.If(c.st.Present, func() app.UI { return c.renderPresenter() }),
		)
	}
	return page.Body(
		content.Body(
			app.A().Class("skip-link").Href("#results").Text("Skip to the comparison"),
			c.takeover.adopted.or(adoptHeader, func() app.UI { return &headerView{DS: ds} }),
			c.takeover.adopted.or(adoptStamps, func() app.UI { return &stampsView{DS: ds} }),
			newStatusBar().Online(c.online).UpdateReady(c.updateReady),
			app.Main().ID("main").Body(
				c.takeover.adopted.or(adoptToolbar, c.renderToolbar),
				newNotices(func() { c.notices = nil }).Notices(c.notices),
				newExportError(func(app.Context) { c.exportErr = "" }).Message(c.exportErr),
				c.takeover.adopted.or(adoptFilters, func() app.UI { return foldFilters(c.filtersSummary(), c.renderFilters()) }),
				c.takeover.adopted.or(adoptResultsBar, c.renderResultsBar),
				app.If(c.st.Table, func() app.UI { return c.renderTable() }),
				hidden(app.Div().Class("cards-view"), c.st.Table).Body(c.renderResults()),
				c.renderOverview(),
				c.renderRest(),
			),
			c.takeover.adopted.or(adoptFooter, func() app.UI { return &footerView{DS: ds} }),
		),
		app.If(c.st.Present, func() app.UI { return c.renderPresenter() }),
		app.If(c.embedDialog, func() app.UI { return c.renderEmbedDialog() }),
	)
}

// restParts is how many parts renderRest lays out.
const restParts = 5

// renderRest lays out the page's end: what the rows say at a glance, the
// legend, the peer portals, the sources and About & method. The browser
// builds them one per task after the rows (restLive so far), showing
// meanwhile those it adopted from the prerendered page.
func (c *Comparison) renderRest() app.UI {
	ds := c.ix.DS
	parts := []func() app.UI{
		func() app.UI { return &glanceView{DS: ds} },
		func() app.UI { return &legendView{} },
		func() app.UI { return &peersView{DS: ds} },
		func() app.UI {
			return &sourcesView{DS: ds, IOpen: c.sourcesOpen || c.printing, reveal: c.revealCell, onToggle: c.onSourcesToggle}
		},
		func() app.UI { return &aboutView{DS: ds} },
	}
	var shown []app.UI
	for i, part := range parts {
		if app.IsClient && i >= c.takeover.restLive {
			html, ok := c.takeover.adopted[restKey(i)]
			if !ok {
				break
			}
			shown = append(shown, app.Raw(html))
			continue
		}
		shown = append(shown, part())
	}
	return app.Div().Class("page-rest").Body(shown...)
}

func errText(err error) string {
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

// renderResultsBar places the results bar with the current view.
func (c *Comparison) renderResultsBar() app.UI {
	note := ""
	if c.shown.Market != nil {
		note = compare.MarketExplanation(c.shown)
	}
	return newResultsBar(c.setDensity).Counts(c.shown.Count, c.shown.Total).MarketNote(note)
}

// renderResults lays out the rows with the current state; the browser
// builds those the takeover reached so far.
func (c *Comparison) renderResults() app.UI {
	density := c.density()
	layout := "density-summary"
	if density != "" {
		layout = "density-" + density
	}
	rows := c.takeover.rows
	if app.IsServer {
		rows = len(c.all.Cards())
	}
	byHand := c.open
	if c.printing {
		byHand = nil // print shows every row
	}
	return app.Div().ID("results").Class("results", layout).TabIndex(-1).Body(
		app.If(c.shown.Count == 0, func() app.UI {
			return newEmptyView(c.removeFilter).Culprits(c.ix.Explain(c.st.Filters, c.today))
		}),
		newResultsList(c.ix.DS).
			Results(c.all, c.shown).
			Banks(c.st.Banks).
			Open(byHand, c.printing || c.st.Density == "detailed").
			Density(density).
			SourceLinks(!c.isEmbed()).
			Rows(rows).
			Adopted(c.takeover.adopted).
			FirstScreen(c.takeover.firstScreen).
			OnToggle(c.onRowToggle),
	)
}

// removeFilter drops the active filter of param, as the filters are now.
func (c *Comparison) removeFilter(ctx app.Context, param string) {
	for _, a := range c.st.Filters.Active(c.ix.DS) {
		if a.Param == param {
			c.setFilters(ctx, a.Without, true)
			return
		}
	}
}

// scrollToHash brings the link's target into view once it exists (the
// rows and sections below the first screen are built after takeover).
func scrollToHash() {
	if app.IsServer {
		return
	}
	hash := strings.TrimPrefix(app.Window().Get("location").Get("hash").String(), "#")
	if hash == "" || strings.HasPrefix(hash, "cell-") || strings.HasPrefix(hash, "card-") {
		return
	}
	if el := app.Window().GetElementByID(hash); el.Truthy() {
		el.Call("scrollIntoView", map[string]any{"block": "start"})
	}
}
