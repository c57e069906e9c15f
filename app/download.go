package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/chart"
	"citijpm/compare"
)

// The exports are generated here, in the browser, from the embedded
// dataset: they work offline and always match what the page shows.

// The files are built by compare and chart, which the server's
// /comparison.csv, /comparison.json and /overview.svg call too: a file
// fetched by URL is the one saved here.

func (c *Comparison) downloadCSV(filtered bool) {
	body, err := compare.CSVFile(c.ix, c.exportResult(filtered), c.today)
	if err != nil {
		app.Log("CSV export failed:", err)
		return
	}
	saveFile(compare.ExportName(c.ix.DS, filtered, "csv"), "text/csv;charset=utf-8", body)
}

func (c *Comparison) downloadJSON(filtered bool) {
	body, err := compare.JSONFile(c.ix, c.exportResult(filtered))
	if err != nil {
		app.Log("JSON export failed:", err)
		return
	}
	saveFile(compare.ExportName(c.ix.DS, filtered, "json"), "application/json", body)
}

// exportResult is the current view, or every category for every bank.
func (c *Comparison) exportResult(filtered bool) compare.Result {
	if filtered {
		return c.shown
	}
	return c.ix.Filter(compare.Filters{}, c.today)
}

// saveFile hands bytes to the browser as a download.
func saveFile(name, mime string, body []byte) {
	if app.IsServer {
		return
	}
	win := app.Window()
	buf := win.Get("Uint8Array").New(len(body))
	app.CopyBytesToJS(buf, body)
	blob := win.Get("Blob").New([]any{buf}, map[string]any{"type": mime})
	url := win.Get("URL").Call("createObjectURL", blob)
	a := document().Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("rel", "noopener")
	document().Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// Revoke later: the download may not have started yet.
	win.Call("setTimeout", app.FuncOf(func(app.Value, []app.Value) any {
		win.Get("URL").Call("revokeObjectURL", url)
		return nil
	}), 60000)
}

func (c *Comparison) renderDownloads() app.UI {
	button := func(id, text string, f func()) app.UI {
		return app.Button().Type("button").Class("button button-quiet").ID(id).Text(text).
			OnClick(func(ctx app.Context, e app.Event) { f() })
	}
	view := "this view (" + plural(c.shown.Count, "category", "categories") + ")"
	all := "everything (" + plural(c.shown.Total, "category", "categories") + ")"
	return app.Details().Class("downloads").ID("downloads").Body(
		app.Summary().Class("button button-quiet").Text("Download data"),
		app.Div().Class("download-panel").Body(
			app.P().Class("meta").Text("Generated on this device from the embedded dataset (version "+c.ix.DS.Meta.Version+"); works offline."),
			button("dl-csv-view", "CSV — "+view, func() { c.downloadCSV(true) }),
			button("dl-json-view", "JSON — "+view, func() { c.downloadJSON(true) }),
			button("dl-csv-all", "CSV — "+all, func() { c.downloadCSV(false) }),
			button("dl-json-all", "JSON — "+all, func() { c.downloadJSON(false) }),
		),
	)
}

// pngScale renders PNGs at twice the drawing's size, sharp enough for slides.
const pngScale = 2

// standaloneSVG is the overview as a file (see chart.File).
func (c *Comparison) standaloneSVG() string {
	return chart.File(c.ix.DS, c.st.Filters, compare.NewMatrix(c.shown))
}

func (c *Comparison) imageName(ext string) string {
	return compare.OverviewName(c.ix.DS, !c.st.Filters.IsZero(), ext)
}

func (c *Comparison) downloadSVG() {
	saveFile(c.imageName("svg"), "image/svg+xml", []byte(c.standaloneSVG()))
}

// downloadPNG draws the standalone SVG on a canvas at twice its size and
// saves the canvas as PNG, all in the browser.
func (c *Comparison) downloadPNG() {
	if app.IsServer {
		return
	}
	name := c.imageName("png")
	win := app.Window()
	svg := []byte(c.standaloneSVG())
	buf := win.Get("Uint8Array").New(len(svg))
	app.CopyBytesToJS(buf, svg)
	blob := win.Get("Blob").New([]any{buf}, map[string]any{"type": "image/svg+xml"})
	url := win.Get("URL").Call("createObjectURL", blob)
	img := win.Get("Image").New()
	var onload, onblob app.Func
	onload = app.FuncOf(func(app.Value, []app.Value) any {
		defer onload.Release()
		w, h := img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int()
		canvas := document().Call("createElement", "canvas")
		canvas.Set("width", w*pngScale)
		canvas.Set("height", h*pngScale)
		g := canvas.Call("getContext", "2d")
		g.Call("scale", pngScale, pngScale)
		g.Call("drawImage", img, 0, 0, w, h)
		win.Get("URL").Call("revokeObjectURL", url)
		onblob = app.FuncOf(func(_ app.Value, args []app.Value) any {
			defer onblob.Release()
			png := args[0]
			if !png.Truthy() {
				app.Log("PNG export failed: the canvas gave no image")
				return nil
			}
			href := win.Get("URL").Call("createObjectURL", png)
			a := document().Call("createElement", "a")
			a.Set("href", href)
			a.Set("download", name)
			document().Get("body").Call("appendChild", a)
			a.Call("click")
			a.Call("remove")
			return nil
		})
		canvas.Call("toBlob", onblob, "image/png")
		return nil
	})
	img.Set("onload", onload)
	img.Set("src", url)
}
