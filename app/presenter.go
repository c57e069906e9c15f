package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// Presenter mode shows one category per slide, full screen, driven by the
// keyboard, touch or buttons. The slide number lives in the URL so a
// presenter can reload or share a slide.

// slideCount is the number of slides for the current filters: the
// overview graphic, then one per category.
func (c *Comparison) slideCount() int { return 1 + c.shown.Count }

// slide returns the current 1-based slide, kept within range.
func (c *Comparison) slide() int {
	n := c.slideCount()
	switch {
	case c.st.Slide < 1:
		return 1
	case c.st.Slide > n:
		return n
	}
	return c.st.Slide
}

func (c *Comparison) enterPresenter(ctx app.Context) {
	if c.st.Present {
		return
	}
	c.st.Present, c.st.Slide, c.keyHelp = true, 1, false
	writeURL(c.st.Values(c.ix.DS), true)
	requestFullscreen()
	ctx.Defer(func(app.Context) { focusByID("presenter") })
}

func (c *Comparison) leavePresenter(ctx app.Context) {
	if !c.st.Present {
		return
	}
	c.st.Present, c.st.Slide, c.keyHelp = false, 0, false
	writeURL(c.st.Values(c.ix.DS), true)
	exitFullscreen()
	ctx.Defer(func(app.Context) { focusByID("present-button") })
}

// goTo moves to slide n (clamped) and records it in the URL.
func (c *Comparison) goTo(n int) {
	if last := c.slideCount(); n > last {
		n = last
	}
	if n < 1 {
		n = 1
	}
	if n == c.slide() && c.st.Slide != 0 {
		return
	}
	c.st.Slide = n
	writeURL(c.st.Values(c.ix.DS), false)
}

// presenterKey handles a key pressed in presenter mode; it reports whether
// the key was used, so the browser's default (scrolling) can be prevented.
func (c *Comparison) presenterKey(ctx app.Context, key string) {
	switch key {
	case "ArrowRight", "PageDown", " ", "Spacebar":
		c.goTo(c.slide() + 1)
	case "ArrowLeft", "PageUp":
		c.goTo(c.slide() - 1)
	case "Home":
		c.goTo(1)
	case "End":
		c.goTo(c.slideCount())
	case "?":
		c.keyHelp = !c.keyHelp
	case "Escape", "Esc":
		if c.keyHelp {
			c.keyHelp = false
			return
		}
		c.leavePresenter(ctx)
	}
}

// presenterKeys are the keys presenter mode takes over from the page.
var presenterKeys = map[string]bool{
	"ArrowRight": true, "ArrowLeft": true, "PageDown": true, "PageUp": true,
	" ": true, "Spacebar": true, "Home": true, "End": true, "?": true, "Escape": true, "Esc": true,
}

// swipeThreshold is how far (px) a touch must travel to change slide.
const swipeThreshold = 50

func (c *Comparison) onTouchStart(ctx app.Context, e app.Event) {
	if t := e.Get("changedTouches").Index(0); t.Truthy() {
		c.touchX = t.Get("clientX").Float()
	}
}

func (c *Comparison) onTouchEnd(ctx app.Context, e app.Event) {
	t := e.Get("changedTouches").Index(0)
	if !t.Truthy() {
		return
	}
	switch dx := t.Get("clientX").Float() - c.touchX; {
	case dx <= -swipeThreshold:
		c.goTo(c.slide() + 1)
	case dx >= swipeThreshold:
		c.goTo(c.slide() - 1)
	}
}

func (c *Comparison) renderPresenter() app.UI {
	cards := c.shown.Cards()
	n, i := c.slideCount(), c.slide()
	counter := fmt.Sprintf("%d / %d", i, n)
	return app.Div().ID("presenter").Class("presenter").
		Role("dialog").Aria("modal", "true").Aria("labelledby", "slide-title").
		TabIndex(-1).
		On("touchstart", c.onTouchStart).
		On("touchend", c.onTouchEnd).
		Body(
			app.Div().Class("slide-bar").Body(
				app.Span().Class("slide-counter").ID("slide-counter").Aria("live", "polite").Text(counter),
				app.Button().Type("button").Class("button-link").ID("slide-help").
					Aria("expanded", fmt.Sprint(c.keyHelp)).
					Text("Keys (?)").
					OnClick(func(ctx app.Context, e app.Event) { c.keyHelp = !c.keyHelp }),
				app.Button().Type("button").Class("button").ID("slide-close").
					Text("Leave (Esc)").
					OnClick(func(ctx app.Context, e app.Event) { c.leavePresenter(ctx) }),
			),
			app.If(i == 1, func() app.UI { return c.overviewSlide() }).
				Else(func() app.UI { return slideView(c.ix.DS, cards[i-2]) }),
			app.Div().Class("slide-nav").Body(
				disabled(app.Button().Type("button").Class("button").ID("slide-prev"), i <= 1).
					Aria("label", "Previous slide").Text("←").
					OnClick(func(ctx app.Context, e app.Event) { c.goTo(c.slide() - 1) }),
				disabled(app.Button().Type("button").Class("button").ID("slide-next"), i >= n).
					Aria("label", "Next slide").Text("→").
					OnClick(func(ctx app.Context, e app.Event) { c.goTo(c.slide() + 1) }),
			),
			app.If(c.keyHelp, keyHelp),
		)
}

// overviewSlide opens a presentation with the whole picture.
func (c *Comparison) overviewSlide() app.UI {
	return app.Div().Class("slide slide-overview").DataSet("category", "overview").Body(
		app.P().Class("slide-section").Text(c.ix.DS.Meta.Title),
		app.H2().ID("slide-title").Text("The comparison at a glance"),
		app.If(c.shown.Count == 0, func() app.UI {
			return app.P().Text("No category matches the current filters: leave presenter mode and change them to show slides.")
		}),
		app.Div().Class("matrix matrix-slide").Body(app.Raw(c.slideSVG())),
	)
}

func slideView(ds *data.Dataset, card compare.Card) app.UI {
	cat := card.Category
	return app.Div().Class("slide").DataSet("category", cat.ID).Body(
		app.P().Class("slide-section").Text(sectionTitle(ds, cat.Section)),
		app.H2().ID("slide-title").Text(cat.Name),
		app.P().Class("slide-desc").Text(cat.Description),
		app.Div().Class("slide-cells").Body(app.Range(card.Cells).Slice(func(i int) app.UI {
			cv := card.Cells[i]
			cell := cv.Cell
			return app.Section().Class("slide-cell", "cell-"+string(cell.Status)).
				DataSet("bank", cv.Bank.ID).
				Aria("label", cv.Bank.Name).
				Body(
					app.H3().Text(cv.Bank.Name),
					app.P().Class("slide-badges").Body(statusBadge(cell.Status), app.Text(" "), confidenceBadge(cell.Confidence)),
					app.P().Class("slide-enables").Text(cell.Enables),
					app.If(len(cell.Formats) > 0, func() app.UI {
						return app.Ul().Class("chips").Body(app.Range(cell.Formats).Slice(func(j int) app.UI {
							return app.Li().Class("chip").Text(cell.Formats[j])
						}))
					}),
					app.P().Class("slide-label").Text(cell.Label.Title()+" · last verified "+readableDate(cell.LastVerified)),
					sourcesLine(ds, cell),
				)
		})),
	)
}

func keyHelp() app.UI {
	keys := [][2]string{
		{"→  PageDown  Space", "next slide"},
		{"←  PageUp", "previous slide"},
		{"Home / End", "first / last slide"},
		{"Swipe left / right", "next / previous (touch)"},
		{"?", "show or hide these keys"},
		{"Esc", "leave presenter mode"},
	}
	return app.Div().Class("key-help").ID("key-help").Role("note").Aria("label", "Presenter keys").Body(
		app.H3().Text("Presenter keys"),
		app.Dl().Body(app.Range(keys).Slice(func(i int) app.UI {
			return app.Div().Body(app.Dt().Body(app.Kbd().Text(keys[i][0])), app.Dd().Text(keys[i][1]))
		})),
	)
}

// sourcesLine condenses a cell's sources to one line for a slide: the full
// list is in the page.
func sourcesLine(ds *data.Dataset, c *data.Cell) app.UI {
	if len(c.Sources) == 0 {
		return app.P().Class("slide-sources").Text("Sources: none in the public material used here.")
	}
	names := make([]string, 0, len(c.Sources))
	for _, id := range c.Sources {
		if s := ds.Source(id); s != nil {
			names = append(names, s.Publisher+", "+readableDate(s.Date))
			continue
		}
		names = append(names, id)
	}
	return app.P().Class("slide-sources").Text("Sources: " + strings.Join(names, " · "))
}

func sectionTitle(ds *data.Dataset, id string) string {
	if s := ds.Section(id); s != nil {
		return s.Title
	}
	return id
}
