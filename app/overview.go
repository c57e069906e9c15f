package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/chart"
	"citijpm/compare"
)

// The overview is the graphic-first picture of the whole comparison: a
// matrix of status glyphs and per-bank summary bars (package chart), drawn
// as inline SVG from the filtered result. It is prerendered like the rest of
// the page. Two layouts are drawn, wide and narrow, and CSS shows the one
// that fits: the server cannot know the screen's width, and a wide drawing
// scaled down to a phone would be illegible.

// Matrix layouts and their id prefixes (cell ids are <prefix>-<bank>-<category>).
const (
	matrixWide       = "mx"
	matrixNarrow     = "mxn"
	matrixSlide      = "mxp"
	matrixWideWidth  = 720
	matrixNarrowSize = 340
)

// overviewKeys move between matrix cells, or open the cell's card.
var overviewKeys = map[string]bool{"ArrowUp": true, "ArrowDown": true, "ArrowLeft": true,
	"ArrowRight": true, "Home": true, "End": true, "Enter": true, " ": true}

func (c *Comparison) matrixSVG(id string, width int) string {
	return chart.Matrix(compare.NewMatrix(c.shown), chart.Options{
		ID:     id,
		Title:  c.ix.DS.Meta.Title,
		Width:  width,
		Source: c.ix.DS.Source,
	})
}

func (c *Comparison) renderOverview() app.UI {
	return app.Section().Class("overview").ID("overview").Aria("labelledby", "overview-title").Body(
		app.H2().ID("overview-title").Text("The whole comparison at a glance"),
		app.P().Class("meta").Text("One glyph per bank and category: ● documented, ◐ partial, ○ not visible publicly; the bars beside each glyph show confidence (3 High, 2 Medium, 1 Low). ≠ marks rows where the banks differ. Select a glyph to open its card."),
		app.Div().ID("matrix").Class("matrix").Body(
			app.Div().Class("matrix-wide").Body(app.Raw(c.matrixSVG(matrixWide, matrixWideWidth))),
			app.Div().Class("matrix-narrow").Body(app.Raw(c.matrixSVG(matrixNarrow, matrixNarrowSize))),
		),
		c.renderTooltip(),
		app.Div().Class("overview-actions").Body(
			app.Button().Type("button").Class("button button-quiet").ID("dl-svg").
				Text("Download SVG").
				OnClick(func(ctx app.Context, e app.Event) { c.downloadSVG() }),
			app.Button().Type("button").Class("button button-quiet").ID("dl-png").
				Text("Download PNG").
				OnClick(func(ctx app.Context, e app.Event) { c.downloadPNG() }),
		),
	)
}

func (c *Comparison) renderTooltip() app.UI {
	lines := strings.Split(c.tipText, "\n")
	return hidden(app.Div().ID("mx-tip").Class("mx-tip").Role("tooltip"), c.tipText == "").Body(
		app.Range(lines).Slice(func(i int) app.UI {
			if i == 0 {
				return app.Strong().Text(lines[i])
			}
			return app.P().Text(lines[i])
		}),
	)
}

// watchMatrix wires the matrix's pointer and keyboard behaviour. The SVG is
// raw markup, so its events are handled by delegation on the wrapper.
func (c *Comparison) watchMatrix(ctx app.Context) {
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
	show := func(ctx app.Context, e app.Value) {
		if cell := cellOf(e); cell.Truthy() {
			c.showTip(ctx, cell)
		}
	}
	listen(ctx, wrap, "focusin", nil, show)
	listen(ctx, wrap, "mouseover", nil, show)
	listen(ctx, wrap, "mouseleave", nil, func(ctx app.Context, _ app.Value) { c.tipText = "" })
	listen(ctx, wrap, "focusout", nil, func(ctx app.Context, _ app.Value) { c.tipText = "" })
	listen(ctx, wrap, "click", nil, func(ctx app.Context, e app.Value) {
		if cell := cellOf(e); cell.Truthy() {
			c.openCard(ctx, cell.Get("dataset").Get("category").String())
		}
	})
	listen(ctx, wrap, "keydown", func(e app.Value) bool {
		if !overviewKeys[e.Get("key").String()] || !cellOf(e).Truthy() || hasModifier(e) {
			return false
		}
		e.Call("preventDefault")
		return true
	}, func(ctx app.Context, e app.Value) {
		cell := cellOf(e)
		switch key := e.Get("key").String(); key {
		case "Enter", " ":
			c.openCard(ctx, cell.Get("dataset").Get("category").String())
		default:
			c.moveInMatrix(cell, key)
		}
	})
}

// showTip fills the evidence tooltip from the cell's own <title> and
// places it beside the cell.
func (c *Comparison) showTip(ctx app.Context, cell app.Value) {
	title := cell.Call("querySelector", "title")
	if !title.Truthy() {
		return
	}
	c.tipText = title.Get("textContent").String()
	ctx.Defer(func(app.Context) {
		tip := app.Window().GetElementByID("mx-tip")
		wrap := app.Window().GetElementByID("overview")
		if !tip.Truthy() || !wrap.Truthy() {
			return
		}
		r := cell.Call("getBoundingClientRect")
		box := wrap.Call("getBoundingClientRect")
		left := r.Get("right").Float() - box.Get("left").Float() + 8
		if limit := box.Get("width").Float() - tip.Get("offsetWidth").Float() - 4; left > limit {
			left = max(0, r.Get("left").Float()-box.Get("left").Float()-tip.Get("offsetWidth").Float()-8)
		}
		top := r.Get("bottom").Float() - box.Get("top").Float() + 6
		// Positions are set through the CSSOM, which the page's CSP allows
		// (a style attribute would not be).
		style := tip.Get("style")
		style.Set("left", strconv.Itoa(int(left))+"px")
		style.Set("top", strconv.Itoa(int(top))+"px")
	})
}

// moveInMatrix moves focus to the neighbouring cell (roving tabindex):
// up/down along rows, left/right across banks, Home/End to the row's ends.
func (c *Comparison) moveInMatrix(cell app.Value, key string) {
	ds := cell.Get("dataset")
	bank, category := ds.Get("bank").String(), ds.Get("category").String()
	svg := cell.Call("closest", "svg")
	prefix := svg.Get("id").String()
	var rows []string
	for _, card := range c.shown.Cards() {
		rows = append(rows, card.Category.ID)
	}
	banks := c.shown.Banks
	r, b := indexOf(rows, category), -1
	for i, x := range banks {
		if x.ID == bank {
			b = i
		}
	}
	if r < 0 || b < 0 {
		return
	}
	switch key {
	case "ArrowUp":
		r = max(r-1, 0)
	case "ArrowDown":
		r = min(r+1, len(rows)-1)
	case "ArrowLeft":
		b = max(b-1, 0)
	case "ArrowRight":
		b = min(b+1, len(banks)-1)
	case "Home":
		b = 0
	case "End":
		b = len(banks) - 1
	}
	next := app.Window().GetElementByID(prefix + "-" + banks[b].ID + "-" + rows[r])
	if !next.Truthy() {
		return
	}
	cell.Call("setAttribute", "tabindex", "-1")
	next.Call("setAttribute", "tabindex", "0")
	next.Call("focus")
}

// openCard scrolls to a category's card, focuses and highlights it.
func (c *Comparison) openCard(ctx app.Context, category string) {
	if c.st.Table {
		c.st.Table = false
		writeURL(c.st.Values(c.ix.DS), true)
	}
	ctx.Defer(func(app.Context) {
		el := app.Window().GetElementByID(cardID(category))
		if !el.Truthy() {
			return
		}
		el.Call("scrollIntoView", map[string]any{"block": "start"})
		el.Call("focus", map[string]any{"preventScroll": true})
		el.Get("classList").Call("add", "card-highlight")
		app.Window().Call("setTimeout", app.FuncOf(func(app.Value, []app.Value) any {
			el.Get("classList").Call("remove", "card-highlight")
			return nil
		}), 2500)
	})
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
