package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"citijpm/compare"
	"citijpm/data"
)

// allowDownloads saves the page's downloads into a fresh directory.
func allowDownloads(t *testing.T, b *browser) string {
	t.Helper()
	dir := t.TempDir()
	b.run(t, cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir).WithEventsEnabled(true))
	return dir
}

// waitDownload waits for a complete file in dir and returns its bytes.
func waitDownload(t *testing.T, dir, name string) []byte {
	t.Helper()
	path := filepath.Join(dir, name)
	// Chromium writes a download under a temporary .crdownload name and
	// renames it when complete: the final name means the whole file.
	var b []byte
	if !poll(20*time.Second, func() bool {
		if partial, _ := filepath.Glob(filepath.Join(dir, "*.crdownload")); len(partial) > 0 {
			return false
		}
		var err error
		b, err = os.ReadFile(path)
		return err == nil && len(b) > 0
	}) {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("download %s did not arrive; the directory has %v", name, entries)
	}
	return b
}

func clickDownload(t *testing.T, b *browser, id string) {
	t.Helper()
	b.run(t, chromedp.Evaluate(`document.getElementById('downloads').open = true`, nil),
		chromedp.Click("#"+id, chromedp.ByQuery))
}

// TestDownloadsMatchGo: the CSV and JSON the browser generates are byte
// for byte what the Go exporter writes for the same view, online and with
// the server gone.
func TestDownloadsMatchGo(t *testing.T) {
	ds, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	dir := allowDownloads(t, b)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api&conf=high"))
	b.waitInteractive(t)
	b.waitServiceWorker(t)

	today := time.Now()
	filtered := compare.Filters{Sections: []string{"api"}, MinConf: data.High}
	var want bytes.Buffer
	want.WriteString("\ufeff")
	if err := compare.WriteCSV(&want, ix, ix.Filter(filtered, today), today); err != nil {
		t.Fatal(err)
	}
	clickDownload(t, b, "dl-csv-view")
	name := compare.ExportName(ds, true, "csv")
	if got := waitDownload(t, dir, name); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("browser CSV differs from Go's:\n got %q\nwant %q", got, want.Bytes())
	}
	if rows := strings.Count(want.String(), "\n"); rows != 1+2*ix.Filter(filtered, today).Count {
		t.Errorf("CSV has %d lines for %d cards × 2 banks", rows, ix.Filter(filtered, today).Count)
	}

	srv.Stop(t)
	b.run(t, chromedp.Reload())
	b.waitInteractive(t)
	var all bytes.Buffer
	if err := compare.WriteJSON(&all, ix, ix.Filter(compare.Filters{}, today)); err != nil {
		t.Fatal(err)
	}
	clickDownload(t, b, "dl-json-all")
	if got := waitDownload(t, dir, compare.ExportName(ds, false, "json")); !bytes.Equal(got, all.Bytes()) {
		t.Errorf("offline JSON differs from Go's (%d vs %d bytes)", len(got), all.Len())
	}
	clickDownload(t, b, "dl-csv-all")
	full := waitDownload(t, dir, compare.ExportName(ds, false, "csv"))
	if n := strings.Count(string(full), "\n"); n != 1+len(ds.Cells) {
		t.Errorf("offline full CSV has %d lines, want %d", n, 1+len(ds.Cells))
	}
}

// TestTableView switches to the table: a real table with caption, column
// and row headers, one row per category shown, following the filters.
func TestTableView(t *testing.T) {
	ds, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?status=partial"))
	b.waitInteractive(t)
	b.run(t, chromedp.Click("#view-table", chromedp.ByQuery))
	b.waitFor(t, "table view", `!!document.querySelector('#table-view table')`)
	if q := currentQuery(t, b); q.Get("view") != "table" {
		t.Errorf("view not in the URL: %v", q)
	}
	f := compare.Filters{Statuses: []data.Status{data.Partial}}
	res := ix.Filter(f, time.Now())
	table := compare.NewTable(ds, res, f, time.Now())
	var got struct {
		Caption string
		Cols    []string
		Rows    []string
		Cards   int
	}
	b.eval(t, `({
		caption: document.querySelector('#table-view caption').textContent,
		cols: Array.from(document.querySelectorAll('#table-view thead th[scope=col]')).map(th => th.textContent),
		rows: Array.from(document.querySelectorAll('#table-view tbody tr[data-category] th[scope=row]')).map(th => th.closest('tr').dataset.category),
		cards: Array.from(document.querySelectorAll('.card')).filter(c => c.checkVisibility()).length,
	})`, &got)
	if got.Caption != table.Caption {
		t.Errorf("caption %q, want %q", got.Caption, table.Caption)
	}
	if strings.Join(got.Cols, "|") != strings.Join(table.Columns, "|") {
		t.Errorf("columns %v, want %v", got.Cols, table.Columns)
	}
	if strings.Join(got.Rows, ",") != strings.Join(res.CategoryIDs(), ",") {
		t.Errorf("rows %v, want %v", got.Rows, res.CategoryIDs())
	}
	if got.Cards != 0 {
		t.Errorf("%d cards visible in the table view", got.Cards)
	}
	b.run(t, chromedp.Reload())
	b.waitInteractive(t)
	b.waitFor(t, "table view after reload", `!!document.querySelector('#table-view table')`)
	b.run(t, chromedp.Click("#view-cards", chromedp.ByQuery))
	b.waitFor(t, "cards back", `!document.querySelector('#table-view') && Array.from(document.querySelectorAll('.card')).some(c => c.checkVisibility())`)
	b.requireNoErrors(t)
}

// TestTableFitsAPhone: on a phone the table view fits the screen's width,
// and no category name, status or confidence is broken in the middle of a
// word (the page lets a word break anywhere, which once squeezed the
// category column to a few letters: "Balanc/es / accoun/t").
func TestTableFitsAPhone(t *testing.T) {
	srv := startServer(t)
	b := newBrowser(t, 390, 844)
	b.run(t, chromedp.Navigate(srv.URL+"/?view=table"))
	b.waitInteractive(t)
	var got struct {
		Broken   []string
		Overflow int
	}
	b.eval(t, `(() => {
		const table = document.querySelector('#table-view table');
		const broken = [];
		for (const el of table.querySelectorAll('tbody th[scope=row], .table-summary')) {
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				for (const m of n.data.matchAll(/[^\s·]+/g)) {
					const r = document.createRange();
					r.setStart(n, m.index);
					r.setEnd(n, m.index + m[0].length);
					const lines = new Set([...r.getClientRects()].map(q => Math.round(q.top)));
					if (lines.size > 1) broken.push(m[0]);
				}
			}
		}
		return {broken: [...new Set(broken)], overflow: table.scrollWidth - document.getElementById('table-view').clientWidth};
	})()`, &got)
	if len(got.Broken) > 0 {
		t.Errorf("words broken across lines at 390 px: %q", got.Broken)
	}
	if got.Overflow > 0 {
		t.Errorf("the table is %d px wider than the screen's column", got.Overflow)
	}
}

// TestSourcesView lists every source with the cells citing it; a cell links
// to its source and the source back to the cell, even one the filters hide.
func TestSourcesView(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	// The list is built when opened; the server's HTML always holds it.
	b.waitFor(t, "sources section", `!!document.getElementById('sources-fold')`)
	b.run(t, chromedp.Click("#sources-fold > summary", chromedp.ByQuery))
	b.waitFor(t, "sources listed", `!!document.querySelector('#sources .source-entry')`)
	var n int
	b.eval(t, `document.querySelectorAll('#sources .source-entry').length`, &n)
	if n != len(ds.Sources) {
		t.Errorf("sources view lists %d sources, the dataset has %d", n, len(ds.Sources))
	}
	for _, s := range ds.Sources {
		var cites int
		b.eval(t, `document.querySelectorAll('#src-`+s.ID+` .cite-back').length`, &cites)
		want := 0
		for _, c := range ds.Cells {
			for _, id := range c.Sources {
				if id == s.ID {
					want++
				}
			}
		}
		if cites != want {
			t.Errorf("source %s lists %d citing cells, want %d", s.ID, cites, want)
		}
	}
	// Cell → source.
	b.run(t, chromedp.Click(`#ev-balances > summary`, chromedp.ByQuery))
	b.waitFor(t, "evidence open", `!!document.querySelector('#cell-jpm-balances .to-source')`)
	b.run(t, chromedp.Click(`#cell-jpm-balances .to-source`, chromedp.ByQuery))
	b.waitFor(t, "scrolled to the source", `location.hash.startsWith('#src-')`)

	// Source → a cell hidden by the section filter: the filters clear and
	// the cell gets focus.
	target := cellIDOf("citi", "pb-direct-debit")
	b.run(t, chromedp.Click(`#sources a.cite-back[data-cell="`+target+`"]`, chromedp.ByQuery))
	b.waitFor(t, "cited cell focused", `document.activeElement && document.activeElement.id === `+jsString(target))
	if q := currentQuery(t, b); q.Get("section") != "" {
		t.Errorf("filters still hide the cell: %v", q)
	}
	var about bool
	b.eval(t, `document.getElementById('about').textContent.includes('not an implementation scope')`, &about)
	if !about {
		t.Error("the About panel lacks the seed's framing")
	}
	b.requireNoErrors(t)
}

func cellIDOf(bank, category string) string { return "cell-" + bank + "-" + category }
