package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Taking over the prerendered page. go-app replaces the server's markup
// with its own when it mounts, creating every element through calls from
// Go to JavaScript: the first screen alone held the main thread for one
// task of about 300 ms on a phone. Instead, the first mount adopts what
// the reader can see as the server wrote it (app.Raw: the browser parses
// the markup natively, in about a millisecond), and the live components
// replace it a section or a few rows per task (Comparison.grow), each task
// short enough to keep the page responsive. Nothing moves: the adopted
// markup is the prerendered page's own.
//
// Only the page's own sections are adopted, read back from the DOM the
// server's escaped markup built: no other text reaches app.Raw.

// adopted holds the prerendered markup still shown in place of live
// components, by name: the page's sections (adoptFilters, ...), the rows
// (rowKey) and the parts of the page's end (restKey).
type adopted map[string]string

// The sections adopted whole, in the order they come alive: the filters
// first, as a reader reaches for them soonest; the parts that depend on the
// dataset alone (no control, no state) last.
const (
	adoptFilters    = "filters"
	adoptToolbar    = "toolbar"
	adoptResultsBar = "results-bar"
	adoptStamps     = "stamps"
	adoptHeader     = "header"
	adoptFooter     = "footer"
)

const rowPrefix = "row:"

var adoptedSections = []struct{ name, selector string }{
	{adoptFilters, "#main > .filters-fold, #main > .embed-filters"},
	{adoptToolbar, "#main > .toolbar"},
	{adoptResultsBar, "#main > .results-bar"},
	{adoptStamps, ".page-content > #stamps"},
	{adoptHeader, ".page-content > header.masthead"},
	{adoptFooter, ".page-content > footer.page-footer"},
}

func rowKey(category string) string { return rowPrefix + category }
func restKey(i int) string          { return "rest:" + strconv.Itoa(i) }

// adoptPrerendered reads the sections of the prerendered page a reader can
// see (or has scrolled past): the page's sections, the rows down to the
// bottom of the screen (all of them in the embed, whose frame is sized to
// its content and must not shrink) and, when they are on screen, the parts
// after the rows. It returns nil on the server, and when there is nothing
// to adopt: a navigation inside the app, or a page rendered for another
// view than view (see Comparison.viewKey), such as the offline cache's
// copy of the start page served for a link with filters.
func adoptPrerendered(embed bool, view string) adopted {
	if app.IsServer {
		return nil
	}
	doc := app.Window().Get("document")
	page := doc.Call("querySelector", "#widget")
	if !page.Truthy() || page.Call("getAttribute", "data-view").String() != view {
		return nil
	}
	a := adopted{}
	// What is on screen is measured first, before anything changes the
	// page (form state, classes, removals): a measure after a change makes
	// the browser lay the page out again, and this page is long.
	bottom := app.Window().Get("innerHeight").Float()
	onScreen := func(el app.Value) bool {
		return embed || el.Call("getBoundingClientRect").Get("top").Float() < bottom
	}
	var rows []app.Value
	all := doc.Call("querySelectorAll", "#results article.card")
	for i := 0; i < all.Length(); i++ {
		row := all.Index(i)
		if !row.Get("hidden").Bool() && !onScreen(row) {
			break // rows below the screen are built later, in order
		}
		rows = append(rows, row)
	}
	restShown := map[int]app.Value{}
	if len(rows) == all.Length() {
		rest := doc.Call("querySelectorAll", "#main > .page-rest > *")
		for i := 0; i < rest.Length(); i++ {
			if part := rest.Index(i); onScreen(part) {
				restShown[i] = part
			}
		}
	}
	for _, s := range adoptedSections {
		if el := doc.Call("querySelector", s.selector); el.Truthy() {
			keepFormState(el)
			a[s.name] = el.Get("outerHTML").String()
		}
	}
	// A closed evidence panel's body stays out of the copies: the live row
	// builds it only when opened. It is taken out of the prerendered page
	// itself, which the first mount replaces anyway: copying each row whole
	// first cost more than the rest of the takeover in the embed.
	closed := doc.Call("querySelectorAll", "#results details:not([open]) > .evidence-body")
	for i := 0; i < closed.Length(); i++ {
		closed.Index(i).Call("remove")
	}
	for _, row := range rows {
		// Marked before it is copied, so that the adopted copy and the
		// row built later both keep it (see .card-first-screen in app.css).
		row.Get("classList").Call("add", firstScreenClass)
		a[rowKey(row.Get("dataset").Get("category").String())] = row.Get("outerHTML").String()
	}
	for i, part := range restShown {
		a[restKey(i)] = part.Get("outerHTML").String()
	}
	return a
}

// keepFormState writes what the reader set in el's controls (typed text,
// ticked boxes, chosen options) into their attributes, which are what a
// copy of the markup carries, so the adopted filters show the reader's
// choices, not the server's.
func keepFormState(el app.Value) {
	controls := el.Call("querySelectorAll", "input, option")
	for i := 0; i < controls.Length(); i++ {
		c := controls.Index(i)
		switch {
		case c.Get("tagName").String() == "OPTION":
			c.Call("toggleAttribute", "selected", c.Get("selected").Bool())
		case c.Get("type").String() == "checkbox" || c.Get("type").String() == "radio":
			c.Call("toggleAttribute", "checked", c.Get("checked").Bool())
		default:
			c.Call("setAttribute", "value", c.Get("value").String())
		}
	}
}

// firstScreenClass marks the rows adopted from the first screen: the
// stylesheet never skips drawing them, so that none changes height, even
// for a frame, when its live row replaces it.
const firstScreenClass = "card-first-screen"

// firstScreen lists the categories whose rows were adopted.
func (a adopted) firstScreen() map[string]bool {
	rows := map[string]bool{}
	for key := range a {
		if category, ok := strings.CutPrefix(key, rowPrefix); ok {
			rows[category] = true
		}
	}
	return rows
}

// or shows the adopted markup of name while there is some, else live.
func (a adopted) or(name string, live func() app.UI) app.UI {
	if html, ok := a[name]; ok {
		return app.Raw(html)
	}
	return live()
}

// hasSections reports whether a section is still adopted (rows and the
// page's end are live once Comparison.rows and restLive cover them).
func (a adopted) hasSections() bool { return a.nextSection() != "" }

// nextSection names the next adopted section to make live; "" when none
// is left.
func (a adopted) nextSection() string {
	for _, s := range adoptedSections {
		if _, ok := a[s.name]; ok {
			return s.name
		}
	}
	return ""
}
