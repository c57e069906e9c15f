package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// selectControl is one labelled choice of the filter bar (section, market,
// confidence, label). As a component of its own it is drawn again only
// when its options or its choice change: a click on a checkbox no longer
// redraws every market and section.
type selectControl struct {
	app.Compo

	IID       string
	IName     string
	ILabel    string
	IOptions  []option
	ISelected string

	onChange func(ctx app.Context, value string) // set once, at creation
}

func newSelectControl(id, name, label string) *selectControl {
	return &selectControl{IID: id, IName: name, ILabel: label}
}

func (s *selectControl) Options(o []option) *selectControl { s.IOptions = o; return s }
func (s *selectControl) Selected(v string) *selectControl  { s.ISelected = v; return s }

// OnChange receives the value the reader chose.
func (s *selectControl) OnChange(f func(ctx app.Context, value string)) *selectControl {
	s.onChange = f
	return s
}

func (s *selectControl) Render() app.UI {
	return app.Div().Class("filter").Body(
		app.Label().For(s.IID).Text(s.ILabel),
		app.Select().ID(s.IID).Name(s.IName).
			OnChange(s.changed).
			Body(app.Range(s.IOptions).Slice(func(i int) app.UI {
				o := s.IOptions[i]
				return selected(app.Option().Value(o.value), o.value == s.ISelected).Text(o.text)
			})),
	)
}

func (s *selectControl) changed(ctx app.Context, e app.Event) {
	if s.onChange != nil {
		s.onChange(ctx, ctx.JSSrc().Get("value").String())
	}
}
