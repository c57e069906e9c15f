package app

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
)

// The exports are generated here, in the browser, from the embedded
// dataset: they work offline and always match what the page shows.

// The files are built by compare and chart, which the server's
// /comparison.csv, /comparison.json and /overview.svg call too: a file
// fetched by URL is the one saved here.

// Download formats: the data of the view or of everything (CSV, JSON),
// the overview of the view (SVG, PNG).
const (
	formatCSV  = "CSV"
	formatJSON = "JSON"
	formatSVG  = "SVG"
	formatPNG  = "PNG"
)

// download makes a file of the page's data in format and hands it to the
// browser; filtered chooses the current view over every category (the
// overview is always the view's). A failure is shown on the page
// (exportDone), which nothing else changes.
func (c *Comparison) download(ctx app.Context, format string, filtered bool) {
	res := c.shown
	if !filtered {
		res = c.ix.Filter(compare.Filters{}, c.today)
	}
	var (
		f   exportFile
		err error
	)
	switch format {
	case formatCSV:
		f.body, err = compare.CSVFile(c.ix, res, c.today)
		f.name, f.mime = compare.ExportName(c.ix.DS, filtered, "csv"), "text/csv;charset=utf-8"
	case formatJSON:
		f.body, err = compare.JSONFile(c.ix, res)
		f.name, f.mime = compare.ExportName(c.ix.DS, filtered, "json"), "application/json"
	case formatSVG, formatPNG:
		f = overviewFile(c.ix.DS, c.st.Filters, c.shown)
	}
	if format == formatPNG {
		name := compare.OverviewName(c.ix.DS, !c.st.Filters.IsZero(), "png")
		savePNG(f, name, func(err error) {
			ctx.Dispatch(func(ctx app.Context) { c.exportDone(format, err) })
		})
		return
	}
	c.exportDone(format, err)
	if err == nil {
		saveFile(f)
	}
}

// exportDone records how the last download went: the reason it failed,
// for the reader (and the console), or nothing.
func (c *Comparison) exportDone(format string, err error) {
	if err == nil {
		c.exportErr = ""
		return
	}
	app.Log(format+" export failed:", err)
	c.exportErr = "The " + format + " download could not be made (" + err.Error() + "). The page itself is unaffected; try again, or use another format."
}

// exportFile is a download: its file name, media type and bytes.
type exportFile struct {
	name, mime string
	body       []byte
}

// overviewFile is the overview of the view as a standalone SVG file (see
// chart.File); its PNG is drawn from it, with the same name.
func overviewFile(ds *data.Dataset, filters compare.Filters, shown compare.Result) exportFile {
	return exportFile{
		name: compare.OverviewName(ds, !filters.IsZero(), "svg"),
		mime: "image/svg+xml",
		body: []byte(chart.File(ds, filters, compare.NewMatrix(shown))),
	}
}

// saveFile hands a file to the browser as a download.
func saveFile(f exportFile) {
	if app.IsServer {
		return
	}
	url := blobURL(f)
	a := document().Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", f.name)
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

// blobURL holds f's bytes in the browser, at a URL of its own.
func blobURL(f exportFile) app.Value {
	win := app.Window()
	buf := win.Get("Uint8Array").New(len(f.body))
	app.CopyBytesToJS(buf, f.body)
	blob := win.Get("Blob").New([]any{buf}, map[string]any{"type": f.mime})
	return win.Get("URL").Call("createObjectURL", blob)
}

// savePNG draws the SVG file svg on a canvas at twice its size and saves
// the canvas as the PNG file name, all in the browser. It runs in the browser's
// callbacks, outside the UI goroutine, and ends by calling done with the
// reason it failed, or nil.
func savePNG(svg exportFile, name string, done func(error)) {
	if app.IsServer {
		return
	}
	win := app.Window()
	url := blobURL(svg)
	img := win.Get("Image").New()
	var onload, onerror, onblob app.Func
	release := func() {
		img.Set("onload", nil)
		img.Set("onerror", nil)
		onload.Release()
		onerror.Release()
		win.Get("URL").Call("revokeObjectURL", url)
	}
	onerror = app.FuncOf(func(app.Value, []app.Value) any {
		release()
		done(errors.New("the browser could not read the drawing"))
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
		release()
		onblob = app.FuncOf(func(_ app.Value, args []app.Value) any {
			defer onblob.Release()
			png := args[0]
			if !png.Truthy() {
				done(errors.New("the canvas gave no image"))
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
			done(nil)
			return nil
		})
		canvas.Call("toBlob", onblob, "image/png")
		return nil
	})
	img.Set("onload", onload)
	img.Set("onerror", onerror)
	img.Set("src", url)
}
