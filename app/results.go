package app

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/compare"
	"citijpm/data"
)

// resultsList lays out the comparison: every category's row in its
// section, those the filters leave out hidden rather than removed, so a
// filter change flips attributes instead of rebuilding rows. It builds rows
// until IRows of them show (the browser builds the rest a chunk at a time).
type resultsList struct {
	app.Compo

	IAll         compare.Result // every category, for the chosen banks
	IShown       compare.Result // the categories that pass the filters
	IBanks       []string       // the chosen banks; empty means all
	IOpen        map[string]bool
	IAllOpen     bool // rows not opened or closed by hand are open
	IDensity     string
	ISourceLinks bool
	IRows        int
	// IAdopted holds the prerendered markup of the rows not built yet that
	// the first screen shows (see adopt.go): shown as they are meanwhile.
	IAdopted adopted
	// IFirstScreen holds the categories whose rows were on the first screen
	// at takeover: drawn always (see .card-first-screen in app.css).
	IFirstScreen map[string]bool

	ds       *data.Dataset
	onToggle func(ctx app.Context, category string, open bool) // set once, at creation
	// lastShown is how each row looked when it last showed: a row the
	// filters hide keeps that look, so hiding it changes one attribute
	// and nothing inside it is drawn again (the mounted list keeps it).
	lastShown map[string]rowLook
}

// rowLook is what a row shows that depends on the filters.
type rowLook struct {
	slots  []cellSlot
	differ bool
	market string
}

func newResultsList(ds *data.Dataset) *resultsList { return &resultsList{ds: ds} }

func (l *resultsList) Results(all, shown compare.Result) *resultsList {
	l.IAll, l.IShown = all, shown
	return l
}

func (l *resultsList) Banks(ids []string) *resultsList { l.IBanks = ids; return l }

// Open sets the rows opened or closed by hand, and whether the others are
// open (density=detailed, print).
func (l *resultsList) Open(byHand map[string]bool, others bool) *resultsList {
	l.IOpen, l.IAllOpen = byHand, others
	return l
}

func (l *resultsList) Density(d string) *resultsList   { l.IDensity = d; return l }
func (l *resultsList) SourceLinks(v bool) *resultsList { l.ISourceLinks = v; return l }
func (l *resultsList) Rows(n int) *resultsList         { l.IRows = n; return l }
func (l *resultsList) Adopted(a adopted) *resultsList  { l.IAdopted = a; return l }

func (l *resultsList) FirstScreen(categories map[string]bool) *resultsList {
	l.IFirstScreen = categories
	return l
}

func (l *resultsList) OnToggle(f func(app.Context, string, bool)) *resultsList {
	l.onToggle = f
	return l
}

// listedGroup is a section with the rows built or adopted so far.
type listedGroup struct {
	group compare.Group
	cards []listedCard
	shown int // rows the filters leave in
}

// listedCard is a row: built, or its prerendered markup (adopted).
type listedCard struct {
	card    compare.Card
	adopted string
}

func (l *resultsList) Render() app.UI {
	visible := make(map[string]compare.Card, l.IShown.Count)
	for _, card := range l.IShown.Cards() {
		visible[card.Category.ID] = card
	}
	// Rows the filters hide count for nothing: IRows is about what shows.
	var groups []listedGroup
	built := 0
	more := true // rows remain to list
	for _, g := range l.IAll.Groups {
		lg := listedGroup{group: g}
		for _, card := range g.Cards {
			_, shown := visible[card.Category.ID]
			html, adopted := l.IAdopted[rowKey(card.Category.ID)]
			switch {
			case built < l.IRows:
				lg.cards = append(lg.cards, listedCard{card: card})
				if shown {
					built++
				}
			case adopted:
				lg.cards = append(lg.cards, listedCard{card: card, adopted: html})
			default:
				more = false
			}
			if !more {
				break
			}
			if shown {
				lg.shown++
			}
		}
		if len(lg.cards) > 0 {
			groups = append(groups, lg)
		}
		if !more {
			break
		}
	}
	return app.Div().Class("groups").Body(app.Range(groups).Slice(func(i int) app.UI {
		lg := groups[i]
		sec := lg.group.Section
		titleID := "section-" + sec.ID
		return hidden(app.Section().Class("group").ID("group-"+sec.ID).
			DataSet("section", sec.ID).
			Aria("labelledby", titleID), lg.shown == 0).
			Body(
				app.H2().ID(titleID).Text(sec.Title),
				app.P().Class("group-intro").Text(sec.Intro),
				app.Div().Class("cards").Body(app.Range(lg.cards).Slice(func(j int) app.UI {
					if lc := lg.cards[j]; lc.adopted != "" {
						return app.Raw(lc.adopted)
					}
					return l.row(lg.cards[j].card, visible)
				})),
				// The sources line closes a section: shown once all its rows
				// are, it never moves down as rows are built above it.
				app.If(sec.SourcesLine != "" && len(lg.cards) == len(lg.group.Cards), func() app.UI {
					return app.P().Class("group-sources").Text(sec.SourcesLine)
				}),
			)
	}))
}

// row places one category's row: every bank's cell, those of banks
// filtered out hidden, and the shown ones as the filters left them. A row
// the filters hide looks as it last showed.
func (l *resultsList) row(all compare.Card, visible map[string]compare.Card) *categoryRow {
	shown, ok := visible[all.Category.ID]
	look, seen := l.lastShown[all.Category.ID]
	if ok || !seen {
		look = l.look(all, shown, ok)
	}
	if ok && app.IsClient {
		if l.lastShown == nil {
			l.lastShown = map[string]rowLook{}
		}
		l.lastShown[all.Category.ID] = look
	}
	open, byHand := l.IOpen[all.Category.ID]
	if !byHand {
		open = l.IAllOpen
	}
	return newCategoryRow(l.ds, all.Category).
		Slots(look.slots).
		Market(look.market).
		FirstScreen(l.IFirstScreen[all.Category.ID]).
		Differ(look.differ).
		Hidden(!ok).
		Open(open).
		Density(l.IDensity).
		SourceLinks(l.ISourceLinks).
		OnToggle(l.toggled)
}

// look is how the row of all shows with the current filters: shown is its
// card in the filtered result, if ok.
func (l *resultsList) look(all, shown compare.Card, ok bool) rowLook {
	slots := make([]cellSlot, len(all.Cells))
	for i, cv := range all.Cells {
		slots[i] = cellSlot{Cell: cv, Hidden: true}
		for _, s := range shown.Cells {
			if s.Bank == cv.Bank {
				slots[i] = cellSlot{Cell: s}
			}
		}
		if !ok && (len(l.IBanks) == 0 || slices.Contains(l.IBanks, cv.Bank.ID)) {
			slots[i].Hidden = false // a hidden row keeps its chosen banks' cells
		}
	}
	market := ""
	if l.IShown.Market != nil {
		market = l.IShown.Market.Code
	}
	return rowLook{slots: slots, differ: shown.Differ, market: market}
}

func (l *resultsList) toggled(ctx app.Context, category string, open bool) {
	if l.onToggle != nil {
		l.onToggle(ctx, category, open)
	}
}
