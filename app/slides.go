package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// presenter draws presenter mode: the overview slide, then one slide per
// category, with its counter, buttons and key help. The slide number and
// whether the help shows are the page's state (they live in the URL and
// follow the keyboard); where a swipe started is the presenter's own.
type presenter struct {
	app.Compo

	ICards    []compare.Card
	ISlide    int // 1-based, within range
	IKeyHelp  bool
	IOverview string // the overview slide's drawing, when it shows

	ds     *data.Dataset
	do     presenterActions // set once, at creation
	touchX float64          // where a swipe started
}

// presenterActions are what the presenter's controls ask of the page.
type presenterActions struct {
	goTo  func(ctx app.Context, slide int)
	leave func(app.Context)
	help  func(app.Context)
}

func newPresenter(ds *data.Dataset, do presenterActions) *presenter {
	return &presenter{ds: ds, do: do}
}

func (p *presenter) Cards(v []compare.Card) *presenter { p.ICards = v; return p }
func (p *presenter) Slide(v int) *presenter            { p.ISlide = v; return p }
func (p *presenter) KeyHelp(v bool) *presenter         { p.IKeyHelp = v; return p }
func (p *presenter) Overview(svg string) *presenter    { p.IOverview = svg; return p }

// swipeThreshold is how far (px) a touch must travel to change slide.
const swipeThreshold = 50

func (p *presenter) onTouchStart(ctx app.Context, e app.Event) {
	if t := e.Get("changedTouches").Index(0); t.Truthy() {
		p.touchX = t.Get("clientX").Float()
	}
}

func (p *presenter) onTouchEnd(ctx app.Context, e app.Event) {
	t := e.Get("changedTouches").Index(0)
	if !t.Truthy() {
		return
	}
	switch dx := t.Get("clientX").Float() - p.touchX; {
	case dx <= -swipeThreshold:
		p.do.goTo(ctx, p.ISlide+1)
	case dx >= swipeThreshold:
		p.do.goTo(ctx, p.ISlide-1)
	}
}

func (p *presenter) Render() app.UI {
	n, i := 1+len(p.ICards), p.ISlide
	return app.Div().ID("presenter").Class("presenter").
		Role("dialog").Aria("modal", "true").Aria("labelledby", "slide-title").
		TabIndex(-1).
		On("touchstart", p.onTouchStart).
		On("touchend", p.onTouchEnd).
		Body(
			app.Div().Class("slide-bar").Body(
				app.Span().Class("slide-counter").ID("slide-counter").Aria("live", "polite").Text(fmt.Sprintf("%d / %d", i, n)),
				app.Button().Type("button").Class("button-link").ID("slide-help").
					Aria("expanded", fmt.Sprint(p.IKeyHelp)).
					Text("Keys (?)").
					OnClick(func(ctx app.Context, e app.Event) { p.do.help(ctx) }),
				app.Button().Type("button").Class("button").ID("slide-close").
					Text("Leave (Esc)").
					OnClick(func(ctx app.Context, e app.Event) { p.do.leave(ctx) }),
			),
			app.If(i <= 1 || i > n, func() app.UI { return p.overviewSlide() }).
				Else(func() app.UI { return slideView(p.ds, p.ICards[i-2]) }),
			app.Div().Class("slide-nav").Body(
				disabled(app.Button().Type("button").Class("button").ID("slide-prev"), i <= 1).
					Aria("label", "Previous slide").Text("←").
					OnClick(func(ctx app.Context, e app.Event) { p.do.goTo(ctx, p.ISlide-1) }),
				disabled(app.Button().Type("button").Class("button").ID("slide-next"), i >= n).
					Aria("label", "Next slide").Text("→").
					OnClick(func(ctx app.Context, e app.Event) { p.do.goTo(ctx, p.ISlide+1) }),
			),
			app.If(p.IKeyHelp, keyHelp),
		)
}

// overviewSlide opens a presentation with the whole picture.
func (p *presenter) overviewSlide() app.UI {
	return app.Div().Class("slide slide-overview").DataSet("category", "overview").Body(
		app.P().Class("slide-section").Text(p.ds.Meta.Title),
		app.H2().ID("slide-title").Text("The comparison at a glance"),
		app.If(len(p.ICards) == 0, func() app.UI {
			return app.P().Text("No category matches the current filters: leave presenter mode and change them to show slides.")
		}),
		app.Div().Class("matrix matrix-slide").Body(app.If(p.IOverview != "", func() app.UI { return app.Raw(p.IOverview) })),
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
