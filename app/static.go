package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/data"
)

// Parts of the page that depend on the dataset alone are components: go-app
// compares their fields on every render of the page and, finding them
// unchanged, neither renders nor diffs them again. Filtering stays cheap.

type headerView struct {
	app.Compo
	DS *data.Dataset
}

func (v *headerView) Render() app.UI { return pageHeader(v.DS) }

// stampsView is the stamps line alone, for the embed.
type stampsView struct {
	app.Compo
	DS *data.Dataset
}

func (v *stampsView) Render() app.UI { return stamps(v.DS) }

type glanceView struct {
	app.Compo
	DS *data.Dataset
}

func (v *glanceView) Render() app.UI { return glance(v.DS) }

type legendView struct{ app.Compo }

func (v *legendView) Render() app.UI { return legend() }

type peersView struct {
	app.Compo
	DS *data.Dataset
}

func (v *peersView) Render() app.UI {
	if ui := peerPortals(v.DS); ui != nil {
		return ui
	}
	return app.Div().Hidden(true)
}

type footerView struct {
	app.Compo
	DS    *data.Dataset
	Embed bool
}

func (v *footerView) Render() app.UI { return pageFooter(v.DS, v.Embed) }
