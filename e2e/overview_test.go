package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"citijpm/compare"
	"citijpm/data"
)

// TestOverviewPrerenderedAndCounted: the overview graphic is drawn when a
// reader opens it (the rows carry the same facts in the server's HTML), and
// for several filter combinations its cells and summary counts are exactly
// Go's view model.
func TestOverviewPrerenderedAndCounted(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	_, html := httpGet(t, srv.URL+"/?section=playbook")
	for _, want := range []string{`id="overview"`, `class="cell-summary`, `data-status="documented"`} {
		if !strings.Contains(html, want) {
			t.Errorf("prerendered page lacks %s", want)
		}
	}

	b := newBrowser(t, 1280, 900)
	for _, raw := range []string{"", "section=playbook", "bank=jpm&status=partial,not-visible", "conf=high&diff=1", "q=camt"} {
		t.Run("query "+raw, func(t *testing.T) {
			b.run(t, chromedp.Navigate(srv.URL+"/?"+raw))
			b.waitInteractive(t)
			openOverview(t, b)
			q, _ := url.ParseQuery(raw)
			st, _ := compare.ParseQuery(q, ix.DS)
			m := compare.NewMatrix(ix.Filter(st.Filters, time.Now()))
			var cells []string
			b.eval(t, `Array.from(document.querySelectorAll('#mx .mx-cell')).map(c => c.dataset.bank + '/' + c.dataset.category + '/' + c.dataset.status)`, &cells)
			var want []string
			for _, s := range m.Sections {
				for _, r := range s.Rows {
					for _, c := range r.Cells {
						want = append(want, c.Bank.ID+"/"+r.Category.ID+"/"+string(c.Cell.Status))
					}
				}
			}
			if strings.Join(cells, " ") != strings.Join(want, " ") {
				t.Errorf("matrix cells\n got %v\nwant %v", cells, want)
			}
			for _, sum := range m.Summary {
				keys := map[string]int{}
				for _, s := range data.Statuses {
					keys[string(s)] = sum.ByStatus[s]
				}
				for _, c := range data.Confidences {
					keys[string(c)] = sum.ByConfidence[c]
				}
				for key, n := range keys {
					var text string
					b.eval(t, fmt.Sprintf(`(document.querySelector('#mx .mx-count[data-bank=%q][data-key=%q]') || {}).textContent || ''`, sum.Bank.ID, key), &text)
					if !strings.HasPrefix(text, strconv.Itoa(n)+" ") {
						t.Errorf("%s %s: the summary says %q, Go counts %d", sum.Bank.ID, key, text, n)
					}
				}
			}
		})
	}
	b.requireNoErrors(t)
}

// TestOverviewInteraction: a tooltip on focus, arrow keys between cells,
// Enter and click open the cell's card.
func TestOverviewInteraction(t *testing.T) {
	_, ix := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=api"))
	b.waitInteractive(t)
	openOverview(t, b)
	rows := ix.Filter(compare.Filters{Sections: []string{"api"}}, time.Now()).CategoryIDs()

	b.run(t, chromedp.Focus("#mx .mx-cell[tabindex='0']", chromedp.ByQuery))
	focused := func() string {
		var id string
		b.eval(t, `document.activeElement.id`, &id)
		return id
	}
	if got := focused(); got != "mx-citi-"+rows[0] {
		t.Fatalf("first cell %q", got)
	}
	b.waitFor(t, "tooltip on focus", `!document.getElementById('mx-tip').hidden && document.getElementById('mx-tip').textContent.includes('Last verified')`)
	var name string
	b.eval(t, `document.activeElement.getAttribute('aria-label')`, &name)
	if !strings.HasPrefix(name, "Citi — ") || !strings.Contains(name, "confidence") {
		t.Errorf("accessible name %q", name)
	}
	for _, step := range []struct{ key, want string }{
		{kb.ArrowDown, "mx-citi-" + rows[1]},
		{kb.ArrowRight, "mx-jpm-" + rows[1]},
		{kb.ArrowRight, "mx-jpm-" + rows[1]}, // the last column stays
		{kb.ArrowDown, "mx-jpm-" + rows[2]},
		{kb.ArrowLeft, "mx-citi-" + rows[2]},
		{kb.ArrowUp, "mx-citi-" + rows[1]},
		{kb.End, "mx-jpm-" + rows[1]},
		{kb.Home, "mx-citi-" + rows[1]},
	} {
		b.run(t, chromedp.KeyEvent(step.key))
		b.waitFor(t, "focus on "+step.want, `document.activeElement.id === `+jsString(step.want))
	}
	b.run(t, chromedp.KeyEvent(kb.Enter))
	b.waitFor(t, "card focused by Enter", `document.activeElement.id === 'card-`+rows[1]+`'`)

	b.run(t, chromedp.Click("#mx-jpm-"+rows[3], chromedp.ByQuery))
	b.waitFor(t, "card focused by click", `document.activeElement.id === 'card-`+rows[3]+`' && document.activeElement.classList.contains('card-highlight')`)
	b.requireNoErrors(t)
}

var (
	svgSize = regexp.MustCompile(`<svg[^>]* width="(\d+)" height="(\d+)"`)
	svgText = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)
)

// TestOverviewExports: the SVG file carries its provenance, and the PNG is
// a valid image at twice the drawing's size; both work offline.
func TestOverviewExports(t *testing.T) {
	ds, _ := dataset(t)
	srv := startServer(t)
	b := newBrowser(t, 1280, 900)
	dir := allowDownloads(t, b)
	b.run(t, chromedp.Navigate(srv.URL+"/?section=playbook&conf=medium"))
	b.waitInteractive(t)
	b.waitServiceWorker(t)
	srv.Stop(t)
	b.run(t, chromedp.Reload())
	b.waitInteractive(t)
	openOverview(t, b)

	b.run(t, chromedp.Click("#dl-svg", chromedp.ByQuery))
	name := strings.Replace(compare.ExportName(ds, true, "svg"), "comparison", "overview", 1)
	svg := string(waitDownload(t, dir, name))
	if !strings.Contains(svg, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("the SVG file has no xmlns")
	}
	// Long lines wrap onto several <text> elements: read them as one text.
	var words []string
	for _, m := range svgText.FindAllStringSubmatch(svg, -1) {
		words = append(words, m[1])
	}
	text := strings.Join(words, " ")
	for _, want := range []string{ds.Meta.Title[:20], "Filters: ", "Section: ", "Confidence: Medium or higher",
		"Last verified", "Sources:", "legal review"} {
		if !strings.Contains(text, want) {
			t.Errorf("the SVG file lacks %q; its text:\n%s", want, text)
		}
	}
	m := svgSize.FindStringSubmatch(svg)
	if m == nil {
		t.Fatal("the SVG file has no width and height")
	}
	w, _ := strconv.Atoi(m[1])
	h, _ := strconv.Atoi(m[2])

	b.run(t, chromedp.Click("#dl-png", chromedp.ByQuery))
	raw := waitDownload(t, dir, strings.Replace(name, ".svg", ".png", 1))
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	if got := img.Bounds().Size(); got != (image.Point{2 * w, 2 * h}) {
		t.Errorf("PNG is %v, want %dx%d (2× the drawing)", got, 2*w, 2*h)
	}
	// Not blank: the drawing put dark text on the white background.
	dark := 0
	for y := 0; y < img.Bounds().Dy(); y += 7 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			if r, g, bb, _ := img.At(x, y).RGBA(); r+g+bb < 3*0x4000 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Errorf("the PNG looks blank (%d dark samples)", dark)
	}
}
