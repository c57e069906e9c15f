package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
)

// The overview is the graphic-first picture of the whole comparison: a
// matrix of status glyphs and per-bank summary bars (package chart), drawn
// as inline SVG from the filtered result. It is prerendered like the rest of
// the page. Two layouts exist, wide and narrow: the server draws both and
// CSS shows the one that fits (it cannot know the screen's width, and a
// wide drawing scaled down to a phone would be illegible); the browser
// draws only the one its screen shows.

// Matrix layouts and their id prefixes (cell ids are <prefix>-<bank>-<category>).
const (
	matrixWide        = "mx"
	matrixNarrow      = "mxn"
	matrixSlide       = "mxp"
	matrixWideWidth   = 720
	matrixNarrowWidth = 340
	// narrowScreen must match the media query in app.css that swaps the two.
	narrowScreen = "(max-width: 36rem)"
)

// overviewKeys move between matrix cells, or open the cell's card.
var overviewKeys = map[string]bool{"ArrowUp": true, "ArrowDown": true, "ArrowLeft": true,
	"ArrowRight": true, "Home": true, "End": true, "Enter": true, " ": true}

// drawings holds the matrix SVGs of the current result, drawn once per
// filter change rather than on every render.
type drawings struct {
	wide, narrow, slide string
	narrowScreen        bool              // the browser's screen matches narrowScreen
	memo                map[string]string // recent drawings by layout and filters
}

// matrixSVG draws the matrix of shown in one layout.
func matrixSVG(ds *data.Dataset, shown compare.Result, id string, width int) string {
	return chart.Matrix(compare.NewMatrix(shown), chart.Options{
		ID:     id,
		Title:  ds.Meta.Title,
		Width:  width,
		Source: ds.Source,
	})
}

// redraw draws the layout the overview shows for shown, the result of
// filters, when it is open; a closed overview draws nothing. Recent
// drawings are kept: readers go back and forth between a few views.
func (d *drawings) redraw(ds *data.Dataset, shown compare.Result, filters compare.Filters, open bool) {
	d.wide, d.narrow, d.slide = "", "", ""
	if !open {
		return
	}
	key := compare.State{Filters: filters}.Values(ds).Encode()
	if !d.narrowScreen {
		d.wide = d.drawing(ds, shown, key, matrixWide, matrixWideWidth)
	} else {
		d.narrow = d.drawing(ds, shown, key, matrixNarrow, matrixNarrowWidth)
	}
}

// drawingsKept bounds the memo of drawings: each is about 125 KB.
const drawingsKept = 12

func (d *drawings) drawing(ds *data.Dataset, shown compare.Result, filters, id string, width int) string {
	key := id + " " + filters
	if svg, ok := d.memo[key]; ok {
		return svg
	}
	svg := matrixSVG(ds, shown, id, width)
	if d.memo == nil || len(d.memo) >= drawingsKept {
		d.memo = map[string]string{}
	}
	d.memo[key] = svg
	return svg
}

// slideOf is the presenter's overview slide of shown, drawn when first
// shown.
func (d *drawings) slideOf(ds *data.Dataset, shown compare.Result) string {
	if d.slide == "" {
		d.slide = matrixSVG(ds, shown, matrixSlide, matrixWideWidth)
	}
	return d.slide
}

// redraw draws the overview for the current view (see drawings.redraw).
func (c *Comparison) redraw() { c.drawn.redraw(c.ix.DS, c.shown, c.st.Filters, c.overviewOpen) }

// watchScreen redraws when the screen crosses the narrow/wide breakpoint.
func (c *Comparison) watchScreen(ctx app.Context) {
	if app.IsServer {
		return
	}
	mq := app.Window().Call("matchMedia", narrowScreen)
	c.listeners.add(listen(ctx, mq, "change", nil, func(ctx app.Context, e app.Value) {
		c.drawn.narrowScreen = e.Get("matches").Bool()
		c.redraw()
	}))
}

// renderOverview is the whole comparison as one picture, for a download or
// a slide. The rows above carry the same facts, so the picture is drawn
// only when a reader opens it.
func (c *Comparison) renderOverview() app.UI {
	return opened(app.Details().Class("overview").ID("overview"), c.overviewOpen).
		On("toggle", c.onOverviewToggle).
		Body(
			app.Summary().ID("overview-title").Class("overview-summary").Text("Overview graphic (download as SVG or PNG)"),
			app.If(c.overviewOpen, func() app.UI {
				return app.Div().Class("overview-body").Body(
					app.P().Class("meta").Text("One glyph per bank and category: ● documented, ◐ partial, ○ not visible publicly; the bars beside each glyph show confidence (3 High, 2 Medium, 1 Low). ≠ marks rows where the banks differ. Select a glyph to open its evidence."),
					&matrixView{Wide: c.drawn.wide, Narrow: c.drawn.narrow, open: c.openCard},
					app.Div().Class("overview-actions").Body(
						app.Button().Type("button").Class("button button-quiet").ID("dl-svg").
							Text("Download SVG").
							OnClick(func(ctx app.Context, e app.Event) { c.download(ctx, formatSVG, true) }),
						app.Button().Type("button").Class("button button-quiet").ID("dl-png").
							Text("Download PNG").
							OnClick(func(ctx app.Context, e app.Event) { c.download(ctx, formatPNG, true) }),
					),
				)
			}),
		)
}

func (c *Comparison) onOverviewToggle(ctx app.Context, e app.Event) {
	open := ctx.JSSrc().Get("open").Bool()
	if open == c.overviewOpen {
		return
	}
	c.overviewOpen = open
	c.redraw()
}

// matrixView shows the drawings and handles pointer and keyboard on them.
// Hover, focus and arrow keys are handled in the browser's own callbacks
// and touch only the drawing and its tooltip: no render of the page.
type matrixView struct {
	app.Compo

	Wide, Narrow string

	open func(app.Context, string) // opens a category's card; set once, at creation

	listeners releases
}

func (v *matrixView) Render() app.UI {
	return app.Div().ID("matrix").Class("matrix").Body(
		app.Div().Class("matrix-wide").Body(app.If(v.Wide != "", func() app.UI { return app.Raw(v.Wide) })),
		app.Div().Class("matrix-narrow").Body(app.If(v.Narrow != "", func() app.UI { return app.Raw(v.Narrow) })),
	)
}

// OnMount wires pointer and keyboard handling. The SVG is raw markup, so
// its events are handled by delegation on the wrapper, once it is in the
// document.
func (v *matrixView) OnMount(ctx app.Context) {
	ctx.Dispatch(func(ctx app.Context) { v.watch(ctx) })
}

// OnDismount frees the browser callbacks: the view goes when the overview
// closes.
func (v *matrixView) OnDismount() { v.listeners.releaseAll() }

func (v *matrixView) watch(ctx app.Context) {
	wrap := app.Window().GetElementByID("matrix")
	if !wrap.Truthy() {
		return
	}
	cellOf := func(e app.Value) app.Value {
		t := e.Get("target")
		if !t.Truthy() || !t.Get("closest").Truthy() {
			return app.Null()
		}
		return t.Call("closest", ".mx-cell")
	}
	show := func(e app.Value) bool {
		if cell := cellOf(e); cell.Truthy() {
			showTip(cell)
		}
		return false
	}
	hide := func(app.Value) bool { hideTip(); return false }
	l := &v.listeners
	l.add(listen(ctx, wrap, "focusin", show, nil))
	l.add(listen(ctx, wrap, "mouseover", show, nil))
	l.add(listen(ctx, wrap, "mouseleave", hide, nil))
	l.add(listen(ctx, wrap, "focusout", hide, nil))
	l.add(listen(ctx, wrap, "click", func(e app.Value) bool { return cellOf(e).Truthy() }, func(ctx app.Context, e app.Value) {
		v.open(ctx, cellOf(e).Get("dataset").Get("category").String())
	}))
	l.add(listen(ctx, wrap, "keydown", func(e app.Value) bool {
		key := e.Get("key").String()
		cell := cellOf(e)
		if !overviewKeys[key] || !cell.Truthy() || hasModifier(e) {
			return false
		}
		e.Call("preventDefault")
		if key == "Enter" || key == " " {
			return true // opening the card changes the page: a render
		}
		moveInMatrix(cell, key)
		return false
	}, func(ctx app.Context, e app.Value) {
		v.open(ctx, cellOf(e).Get("dataset").Get("category").String())
	}))
}

// showTip shows the evidence tooltip, filled from the cell's own <title>,
// beside the cell. The tooltip is plain DOM outside go-app's tree, so it
// costs no render.
func showTip(cell app.Value) {
	title := cell.Call("querySelector", "title")
	box := app.Window().GetElementByID("overview")
	if !title.Truthy() || !box.Truthy() {
		return
	}
	tip := app.Window().GetElementByID("mx-tip")
	if !tip.Truthy() {
		tip = document().Call("createElement", "div")
		tip.Set("id", "mx-tip")
		tip.Set("className", "mx-tip")
		tip.Call("setAttribute", "role", "tooltip")
		box.Call("appendChild", tip)
	}
	tip.Set("textContent", "")
	for i, line := range strings.Split(title.Get("textContent").String(), "\n") {
		tag := "p"
		if i == 0 {
			tag = "strong"
		}
		el := document().Call("createElement", tag)
		el.Set("textContent", line)
		tip.Call("appendChild", el)
	}
	tip.Set("hidden", false)
	r := cell.Call("getBoundingClientRect")
	b := box.Call("getBoundingClientRect")
	left := r.Get("right").Float() - b.Get("left").Float() + 8
	if limit := b.Get("width").Float() - tip.Get("offsetWidth").Float() - 4; left > limit {
		left = max(0, r.Get("left").Float()-b.Get("left").Float()-tip.Get("offsetWidth").Float()-8)
	}
	top := r.Get("bottom").Float() - b.Get("top").Float() + 6
	// Positions are set through the CSSOM, which the page's CSP allows (a
	// style attribute would not be).
	style := tip.Get("style")
	style.Set("left", strconv.Itoa(int(left))+"px")
	style.Set("top", strconv.Itoa(int(top))+"px")
}

func hideTip() {
	if tip := app.Window().GetElementByID("mx-tip"); tip.Truthy() {
		tip.Set("hidden", true)
	}
}

// moveInMatrix moves focus to the neighbouring cell (roving tabindex):
// up/down along the bank's column, left/right along the category's row,
// Home/End to the row's ends. The drawing's own cell order is the map.
func moveInMatrix(cell app.Value, key string) {
	svg := cell.Call("closest", "svg")
	ds := cell.Get("dataset")
	var line app.Value // the cells the key moves along
	switch key {
	case "ArrowUp", "ArrowDown":
		line = svg.Call("querySelectorAll", `.mx-cell[data-bank="`+ds.Get("bank").String()+`"]`)
	default:
		line = svg.Call("querySelectorAll", `.mx-cell[data-category="`+ds.Get("category").String()+`"]`)
	}
	n, at := line.Length(), -1
	for i := 0; i < n; i++ {
		if line.Index(i).Equal(cell) {
			at = i
		}
	}
	if at < 0 {
		return
	}
	next := at
	switch key {
	case "ArrowUp", "ArrowLeft":
		next = max(at-1, 0)
	case "ArrowDown", "ArrowRight":
		next = min(at+1, n-1)
	case "Home":
		next = 0
	case "End":
		next = n - 1
	}
	target := line.Index(next)
	cell.Call("setAttribute", "tabindex", "-1")
	target.Call("setAttribute", "tabindex", "0")
	target.Call("focus")
}

// openCard opens a category's row, scrolls to it, focuses and highlights it.
func (c *Comparison) openCard(ctx app.Context, category string) {
	if c.st.Table {
		c.st.Table = false
		writeURL(c.st.Values(c.ix.DS), true)
	}
	c.setOpen(category, true)
	c.buildAll()
	ctx.Defer(func(app.Context) {
		el := app.Window().GetElementByID(cardID(category))
		if !el.Truthy() {
			return
		}
		el.Call("scrollIntoView", map[string]any{"block": "start"})
		el.Call("focus", map[string]any{"preventScroll": true})
		el.Get("classList").Call("add", "card-highlight")
		afterJS(2500, func() { el.Get("classList").Call("remove", "card-highlight") })
	})
}
