package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/data"
)

// pageHeader shows the title and one line of summary; the stamps follow
// it as a sibling, so they can stay on screen after it scrolls away.
func pageHeader(ds *data.Dataset) app.UI {
	m := ds.Meta
	return app.Header().Class("masthead").Body(
		app.H1().ID("title").Text(m.Title),
		app.P().Class("summary").Text(m.Summary),
	)
}

// stamps is the one compact line a reader must always see with the
// comparison: when it was verified, how sure it is, and that it awaits
// legal review. The stylesheet keeps it on screen while the rows scroll;
// About & method explains each stamp.
func stamps(ds *data.Dataset) app.UI {
	m := ds.Meta
	return app.Aside().Class("stamps").ID("stamps").Aria("label", "Verification and review").Body(
		app.Span().Class("stamp").ID("stamp-verified").Body(
			app.Text("Last verified "),
			app.Time().DateTime(m.LastVerified).Text(readableDate(m.LastVerified)),
		),
		app.Span().Class("stamp").ID("stamp-confidence").Body(
			app.Text("Overall "),
			confidenceBadge(m.Confidence),
		),
		app.If(m.LegalReview.Required, func() app.UI {
			return app.Span().Class("stamp stamp-legal").ID("stamp-legal").Body(
				app.Strong().Text("Requires legal review: "),
				app.Text(m.LegalReview.Note),
			)
		}),
		app.A().Class("stamp-more").Href("#about").Text("About & method"),
	)
}

// bankLines names each bank's portal with its own date and confidence.
func bankLines(ds *data.Dataset) app.UI {
	return app.Ul().Class("bank-stamps").Body(app.Range(ds.Banks).Slice(func(i int) app.UI {
		b := ds.Banks[i]
		return app.Li().Body(
			app.Strong().Text(b.Name),
			app.Text(": "),
			externalLink(b.PortalURL, b.PortalName),
			app.Text(" · verified "+readableDate(b.LastVerified)+" · "),
			confidenceBadge(b.Confidence),
		)
	}))
}

// glance is the at-a-glance strip.
func glance(ds *data.Dataset) app.UI {
	items := ds.Meta.AtAGlance
	return app.Section().Class("glance").Aria("labelledby", "glance-title").Body(
		app.H2().ID("glance-title").Text("At a glance"),
		app.Ul().Class("glance-items").Body(app.Range(items).Slice(func(i int) app.UI {
			g := items[i]
			return app.Li().Class("glance-item", "glance-"+string(g.Kind)).Body(
				app.Span().Class("glance-tag").Text(g.Tag),
				app.H3().Text(g.Title),
				app.P().Text(g.Text),
			)
		})),
	)
}

// legend explains the status shapes and confidence bars.
func legend() app.UI {
	return app.Section().Class("legend").Aria("label", "Legend").Body(
		app.Dl().Body(
			app.Dt().Text("Status"),
			app.Range(data.Statuses).Slice(func(i int) app.UI {
				return app.Dd().Body(statusBadge(data.Statuses[i]))
			}),
			app.Dt().Text("Confidence"),
			app.Range(data.Confidences).Slice(func(i int) app.UI {
				return app.Dd().Body(confidenceBadge(data.Confidences[i]))
			}),
		),
	)
}

func peerPortals(ds *data.Dataset) app.UI {
	portals := ds.Meta.PeerPortals
	if len(portals) == 0 {
		return nil
	}
	return app.Section().Class("peers").Aria("labelledby", "peers-title").Body(
		app.H2().ID("peers-title").Text("Peer portals to compare"),
		app.If(ds.Meta.PeerIntro != "", func() app.UI { return app.P().Class("group-intro").Text(ds.Meta.PeerIntro) }),
		app.Ul().Body(app.Range(portals).Slice(func(i int) app.UI {
			p := portals[i]
			return app.Li().Class("peer").Body(
				app.H3().Body(app.If(p.URL != "", func() app.UI {
					return externalLink(p.URL, p.Name)
				}).Else(func() app.UI {
					return app.Text(p.Name)
				})),
				app.P().Text(p.Description),
				app.P().Class("meta").Body(
					app.If(p.Internal, func() app.UI { return app.Span().Text("Internal link · ") }),
					app.If(p.SourceDate != "", func() app.UI {
						return app.Span().Text("Source date: " + readableDate(p.SourceDate) + " · ")
					}),
					app.If(p.LastVerified != "", func() app.UI {
						return app.Span().Text("Last verified: " + readableDate(p.LastVerified) + " · ")
					}),
					app.If(p.Confidence != "", func() app.UI { return confidenceBadge(p.Confidence) }),
				),
			)
		})),
	)
}

func pageFooter(ds *data.Dataset, embed bool) app.UI {
	m := ds.Meta
	return app.Footer().Class("page-footer").Body(
		app.P().Class("provenance").Body(
			app.Text(m.Title+" · Last verified "+readableDate(m.LastVerified)+" · Dataset version "+m.Version),
			app.If(m.LegalReview.Required, func() app.UI {
				return app.Span().Class("legal").Text(" · Requires legal review: " + m.LegalReview.Note)
			}),
		),
		app.If(!embed, func() app.UI {
			return app.P().Class("framing-footer").Text("Public sources only. Where nothing public was found, the cell says so: validate during onboarding.")
		}),
		app.P().Class("app-version").Body(
			app.Text("App version "),
			app.Span().ID("app-version").Text(app.Getenv("GOAPP_VERSION")),
		),
	)
}

func statusBadge(s data.Status) app.UI {
	return app.Span().Class("status", "status-"+string(s)).Body(
		app.Span().Class("glyph").Aria("hidden", "true").Text(statusGlyph(s)),
		app.Text(" "+s.Title()),
	)
}

func confidenceBadge(c data.Confidence) app.UI {
	return app.Span().Class("confidence", "confidence-"+string(c)).Body(
		app.Span().Class("glyph").Aria("hidden", "true").Text(confidenceGlyph(c)),
		app.Text(" "+string(c)+" confidence"),
	)
}

// externalLink opens in a new tab without giving the target a handle on
// this page, and says so to screen readers.
func externalLink(href, text string) app.UI {
	return app.A().Href(href).Target("_blank").Rel("noopener noreferrer").Body(
		app.Text(text),
		app.Span().Class("visually-hidden").Text(" (opens in a new tab)"),
	)
}
