package app

import (
	"errors"

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
		c.exportFailed("CSV", err)
		return
	}
	c.exportErr = ""
	saveFile(compare.ExportName(c.ix.DS, filtered, "csv"), "text/csv;charset=utf-8", body)
}

func (c *Comparison) downloadJSON(filtered bool) {
	body, err := compare.JSONFile(c.ix, c.exportResult(filtered))
	if err != nil {
		c.exportFailed("JSON", err)
		return
	}
	c.exportErr = ""
	saveFile(compare.ExportName(c.ix.DS, filtered, "json"), "application/json", body)
}

// exportFailed tells the reader (and the console) that a download could
// not be made; nothing else on the page changes.
func (c *Comparison) exportFailed(format string, err error) {
	app.Log(format+" export failed:", err)
	c.exportErr = "The " + format + " download could not be made (" + err.Error() + "). The page itself is unaffected; try again, or use another format."
}

// renderExportError shows the last export failure, if any.
func (c *Comparison) renderExportError() app.UI {
	return app.Div().ID("export-error").Role("alert").Body(
		app.If(c.exportErr != "", func() app.UI {
			return app.P().Class("pill pill-error").Body(
				app.Text(c.exportErr+" "),
				app.Button().Type("button").Class("button-link").ID("export-error-dismiss").Text("Dismiss").
					OnClick(func(ctx app.Context, e app.Event) { c.exportErr = "" }),
			)
		}),
	)
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
	revokeLater(url)
}

// revokeLater frees a blob URL once its download has surely started.
func revokeLater(url app.Value) {
	afterJS(60000, func() { app.Window().Get("URL").Call("revokeObjectURL", url) })
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
// saves the canvas as PNG, all in the browser. Its callbacks run outside
// the UI goroutine: failures reach the page through ctx.Dispatch.
func (c *Comparison) downloadPNG(ctx app.Context) {
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
	fail := func(reason string) {
		ctx.Dispatch(func(ctx app.Context) { c.exportFailed("PNG", errors.New(reason)) })
	}
	var onload, onerror, onblob app.Func
	done := func() {
		img.Set("onload", nil)
		img.Set("onerror", nil)
		onload.Release()
		onerror.Release()
		win.Get("URL").Call("revokeObjectURL", url)
	}
	onerror = app.FuncOf(func(app.Value, []app.Value) any {
		done()
		fail("the browser could not read the drawing")
		return nil
	})
	onload = app.FuncOf(func(app.Value, []app.Value) any {
		w, h := img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int()
		canvas := document().Call("createElement", "canvas")
		canvas.Set("width", w*pngScale)
		canvas.Set("height", h*pngScale)
		g := canvas.Call("getContext", "2d")
		g.Call("scale", pngScale, pngScale)
		g.Call("drawImage", img, 0, 0, w, h)
		done()
		onblob = app.FuncOf(func(_ app.Value, args []app.Value) any {
			defer onblob.Release()
			png := args[0]
			if !png.Truthy() {
				fail("the canvas gave no image")
				return nil
			}
			href := win.Get("URL").Call("createObjectURL", png)
			a := document().Call("createElement", "a")
			a.Set("href", href)
			a.Set("download", name)
			document().Get("body").Call("appendChild", a)
			a.Call("click")
			a.Call("remove")
			revokeLater(href)
			ctx.Dispatch(func(ctx app.Context) { c.exportErr = "" })
			return nil
		})
		canvas.Call("toBlob", onblob, "image/png")
		return nil
	})
	img.Set("onload", onload)
	img.Set("onerror", onerror)
	img.Set("src", url)
}
