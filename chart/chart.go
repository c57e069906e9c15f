// Package chart draws the comparison matrix as SVG text: a glyph per bank ×
// category under section headings, and per-bank summary bars. It is plain Go
// with no drawing library and no DOM, so the server can prerender it, the
// WASM app can redraw it and the data tool can write it to a file.
//
// Inline output carries no style attribute and no <style> element (the page's
// Content-Security-Policy forbids inline styles): shapes paint with
// currentColor and the page stylesheet colours them through class names, so
// without any stylesheet the graphic is still legible in the text colour.
package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"citijpm/compare"
	"citijpm/data"
)

// Options says where the graphic goes and what it carries.
type Options struct {
	// ID is the root element's id; other ids derive from it, and each cell's
	// id is ID-<bank>-<category>. Default "mx".
	ID string
	// Standalone adds what a file needs to stand on its own: xmlns, an
	// embedded light-theme stylesheet, a white background, and the title,
	// filters and provenance lines drawn into the image.
	Standalone  bool
	Title       string // default: the bank names
	FiltersLine string // e.g. "Filters: All categories"; see FiltersLine
	Provenance  string // see Provenance
	// Width is the layout width in pixels: default 720, at least 320.
	Width int
	// Source looks up a cell's sources for its tooltip; nil shows their ids.
	Source func(id string) *data.Source
}

// Layout widths in pixels: below MinWidth (a small phone) rows stop being
// legible, so narrower requests are drawn at MinWidth.
const (
	DefaultWidth = 720
	MinWidth     = 320
)

// Text widths are estimated as charWidth × font size per character, a
// generous average for sans-serif text, since the server cannot measure real
// fonts.
const (
	charWidth  = 0.6
	glyphR     = 7.0
	minLabelW  = 90.0 // category names get at least this much room
	fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
)

// Matrix renders m as one complete <svg> element. The same input always gives
// the same bytes.
func Matrix(m compare.Matrix, opt Options) string {
	if opt.ID == "" {
		opt.ID = "mx"
	}
	if opt.Width == 0 {
		opt.Width = DefaultWidth
	}
	opt.Width = max(opt.Width, MinWidth)
	if opt.Title == "" {
		opt.Title = defaultTitle(m)
	}
	d := newDrawing(m, opt)
	body := d.draw()

	var b strings.Builder
	b.WriteString("<svg")
	if opt.Standalone {
		attrs(&b, "xmlns", "http://www.w3.org/2000/svg")
	}
	// Inline, the cells are focusable, and an img's children are hidden from
	// assistive technology (axe: nested-interactive), so the root is a group
	// there; a file has nothing to focus and is one image.
	role := "group"
	if opt.Standalone {
		role = "img"
	}
	attrs(&b, "id", opt.ID, "class", "mx", "role", role,
		"aria-labelledby", opt.ID+"-title "+opt.ID+"-desc",
		"viewBox", "0 0 "+num(d.w)+" "+num(d.y), "width", num(d.w), "height", num(d.y),
		"font-family", fontFamily, "fill", "currentColor")
	b.WriteString(">")
	b.WriteString(`<title id="` + esc(opt.ID) + `-title">` + esc(opt.Title) + "</title>")
	b.WriteString(`<desc id="` + esc(opt.ID) + `-desc">` + esc(describe(m)) + "</desc>")
	if opt.Standalone {
		b.WriteString("<style>" + stylesheet + "</style>")
		b.WriteString(`<rect class="mx-bg" width="` + num(d.w) + `" height="` + num(d.y) + `" fill="#ffffff"/>`)
	}
	b.WriteString(body)
	b.WriteString("</svg>")
	return b.String()
}

func defaultTitle(m compare.Matrix) string {
	names := make([]string, len(m.Banks))
	for i, b := range m.Banks {
		names[i] = b.ShortName
	}
	return strings.Join(names, " vs ") + ": payments API visibility"
}

// describe is the text alternative of the whole graphic: the counts a sighted
// reader takes from the summary bars.
func describe(m compare.Matrix) string {
	n := m.RowCount()
	parts := []string{fmt.Sprintf("%s shown; the banks differ on %d.", data.Plural(n, "category", "categories"), m.DifferCount())}
	for _, s := range m.Summary {
		parts = append(parts, fmt.Sprintf("%s: %d documented, %d partial, %d not visible publicly; %d High, %d Medium, %d Low confidence.",
			s.Bank.Name, s.ByStatus[data.Documented], s.ByStatus[data.Partial], s.ByStatus[data.NotVisible],
			s.ByConfidence[data.High], s.ByConfidence[data.Medium], s.ByConfidence[data.Low]))
	}
	return strings.Join(parts, " ")
}

// drawing lays the graphic out top to bottom; y is the running baseline.
type drawing struct {
	m   compare.Matrix
	opt Options
	b   strings.Builder

	w, pad, y   float64
	fs, lineH   float64 // body text
	small       float64 // legend, counts, footer
	labelX      float64 // category names start here
	labelW      float64
	colX0, colW float64 // first bank column's left edge; column width
	tabbed      bool    // the first cell has taken tabindex 0
}

func newDrawing(m compare.Matrix, opt Options) *drawing {
	d := &drawing{m: m, opt: opt, w: float64(opt.Width), pad: 16, fs: 13, small: 11.5}
	if d.w < 480 {
		d.pad, d.fs, d.small = 8, 12, 11
	}
	d.lineH = math.Round(d.fs * 1.25)
	// A column fits a glyph, its meter and the stale mark (41 px, and 47
	// with the hit area's margins), and
	// the longest word of a bank's name on one header line.
	d.colW = min(max((d.w-2*d.pad)*0.15, 52), 110)
	for _, b := range m.Banks {
		for _, word := range strings.Fields(b.ShortName) {
			d.colW = max(d.colW, min(textWidth(word, d.fs)/0.9+8, 76))
		}
	}
	d.labelX = d.pad + 16 // room for the "≠" mark
	// Many banks on a narrow screen: squeeze the columns before the names.
	if n := float64(len(m.Banks)); n > 0 && d.w-d.pad-d.colW*n-6-d.labelX < minLabelW {
		d.colW = max((d.w-d.pad-6-d.labelX-minLabelW)/n, 47)
	}
	d.colX0 = d.w - d.pad - d.colW*float64(len(m.Banks))
	d.labelW = d.colX0 - 6 - d.labelX
	return d
}

func (d *drawing) draw() string {
	d.y = d.pad
	if d.opt.Standalone {
		d.paragraph(d.opt.Title, d.pad, d.w-2*d.pad, 17, "mx-heading", true, 0)
		d.y += 4
		if d.opt.FiltersLine != "" {
			d.paragraph(d.opt.FiltersLine, d.pad, d.w-2*d.pad, d.fs, "mx-filters", false, 0)
		}
		d.y += 6
	}
	d.legend()
	d.header()
	if d.m.RowCount() == 0 {
		d.y += 8
		d.paragraph("No categories match the filters.", d.pad, d.w-2*d.pad, d.fs, "mx-muted", false, 0)
	}
	for _, s := range d.m.Sections {
		d.section(s)
	}
	d.summary()
	if d.opt.Standalone && d.opt.Provenance != "" {
		d.y += 14
		d.rule(d.y)
		d.y += 4
		d.paragraph(d.opt.Provenance, d.pad, d.w-2*d.pad, d.small, "mx-provenance", false, 0)
	}
	d.y = math.Ceil(d.y + d.pad)
	return d.b.String()
}

// paragraph writes wrapped text from the current position and moves below
// it. With maxLines > 0 the text is cut with "…" and kept whole in a <title>.
func (d *drawing) paragraph(s string, x, maxW, fs float64, class string, bold bool, maxLines int) {
	lines, cut := wrap(s, maxW, fs, bold, maxLines)
	if cut {
		d.b.WriteString("<g><title>" + esc(s) + "</title>")
	}
	for _, line := range lines {
		d.y += math.Round(fs * 1.3)
		d.text(x, d.y, fs, class, "", bold, line)
	}
	if cut {
		d.b.WriteString("</g>")
	}
	d.y += math.Round(fs * 0.3)
}

// legend explains every mark the graphic uses, in words.
func (d *drawing) legend() {
	var items []flowItem
	for _, s := range data.Statuses {
		items = append(items, flowItem{text: s.Title(), iconW: 2 * glyphR, icon: func(x, cy float64) string {
			return `<g class="mx-` + string(s) + `">` + glyph(x+glyphR, cy, s) + "</g>"
		}})
	}
	for _, c := range data.Confidences {
		items = append(items, flowItem{text: string(c) + " confidence", iconW: meterW, icon: func(x, cy float64) string {
			return meter(x, cy+5, c.Rank())
		}})
	}
	items = append(items,
		flowItem{text: "Due for re-verification", iconW: 7, icon: func(x, cy float64) string { return staleMark(x+3.5, cy) }},
		flowItem{text: "Banks differ", iconW: 9, icon: func(x, cy float64) string {
			return `<text class="mx-differ-mark" x="` + num(x) + `" y="` + num(cy+4.5) + `" font-size="` + num(d.fs) + `" font-weight="bold">≠</text>`
		}})
	if d.anyDimmed() {
		items = append(items, flowItem{text: "Faded: outside the filters, shown for context"})
	}
	d.b.WriteString(`<g class="mx-legend">`)
	d.flow(items, d.pad, d.w-d.pad, d.small)
	d.b.WriteString("</g>")
	d.y += 6
}

func (d *drawing) anyDimmed() bool {
	for _, s := range d.m.Sections {
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if !c.Match {
					return true
				}
			}
		}
	}
	return false
}

// header names the bank columns, wrapped onto two lines where narrow and
// bottom-aligned on the header rule.
func (d *drawing) header() {
	names := make([][]string, len(d.m.Banks))
	cuts := make([]bool, len(d.m.Banks))
	rows := 1
	for i, b := range d.m.Banks {
		names[i], cuts[i] = wrap(b.ShortName, d.colW-4, d.fs, true, 2)
		rows = max(rows, len(names[i]))
	}
	top := d.y
	for i, b := range d.m.Banks {
		cx := d.colX0 + d.colW*(float64(i)+0.5)
		d.b.WriteString(`<g class="mx-bank" data-bank="` + esc(b.ID) + `">`)
		if cuts[i] {
			d.b.WriteString("<title>" + esc(b.Name) + "</title>")
		}
		for k, line := range names[i] {
			d.text(cx, top+d.lineH*float64(k+1+rows-len(names[i])), d.fs, "", "middle", true, line)
		}
		d.b.WriteString("</g>")
	}
	d.y = top + d.lineH*float64(rows) + 6
	d.rule(d.y)
}

// section draws a section heading and its rows.
func (d *drawing) section(s compare.MatrixSection) {
	d.y += 8
	d.b.WriteString(`<g class="mx-group" data-section="` + esc(s.Section.ID) + `">`)
	d.paragraph(s.Section.Title, d.pad, d.w-2*d.pad, d.fs, "mx-section", true, 3)
	d.y += 2
	d.rule(d.y)
	for _, r := range s.Rows {
		d.row(r)
	}
	d.b.WriteString("</g>")
}

func (d *drawing) row(r compare.MatrixRow) {
	lines, cut := wrap(r.Category.Name, d.labelW, d.fs, false, 2)
	top := d.y
	h := max(25, float64(len(lines))*d.lineH+8)
	mid := top + h/2
	class := "mx-row"
	if r.Differ {
		class += " mx-differ"
	}
	d.b.WriteString(`<g class="` + class + `" data-category="` + esc(r.Category.ID) + `">`)
	if r.Differ {
		d.b.WriteString(`<rect class="mx-differ-bg" x="` + num(d.pad) + `" y="` + num(top+1) + `" width="` + num(d.w-2*d.pad) +
			`" height="` + num(h-2) + `" rx="3" fill="currentColor" fill-opacity="0.09"/>`)
		d.b.WriteString(`<g class="mx-differ-mark" role="img" aria-label="Banks differ"><text x="` + num(d.pad+3) + `" y="` + num(mid+d.fs*0.35) +
			`" font-size="` + num(d.fs) + `" font-weight="bold">≠</text></g>`)
	}
	if cut {
		d.b.WriteString("<g><title>" + esc(r.Category.Name) + "</title>")
	}
	first := mid - float64(len(lines))*d.lineH/2
	for k, line := range lines {
		d.text(d.labelX, first+d.lineH*float64(k)+d.lineH/2+d.fs*0.35, d.fs, "mx-label", "", false, line)
	}
	if cut {
		d.b.WriteString("</g>")
	}
	for i, c := range r.Cells {
		d.cell(r, c, d.colX0+d.colW*float64(i), top, h)
	}
	d.b.WriteString("</g>")
	d.y = top + h
	d.line(d.pad, d.y, d.w-d.pad, d.y, "mx-rule", 0.6)
}

// cell is one bank's glyph: status by shape, confidence by a 1–3 bar meter,
// a triangle when due for re-verification, all named for screen readers.
func (d *drawing) cell(r compare.MatrixRow, c compare.MatrixCell, x, top, h float64) {
	classes := []string{"mx-cell"}
	var extra []string
	if c.Cell == nil {
		classes = append(classes, "mx-missing")
	} else {
		classes = append(classes, "mx-"+string(c.Cell.Status), "mx-conf-"+string(c.Cell.Confidence))
		extra = append(extra, "data-status", string(c.Cell.Status), "data-confidence", string(c.Cell.Confidence))
	}
	if c.Stale {
		classes = append(classes, "mx-stale")
	}
	if !c.Match {
		classes = append(classes, "mx-nomatch")
		extra = append(extra, "opacity", "0.45")
	}
	d.b.WriteString("<g")
	head := []string{"id", d.opt.ID + "-" + c.Bank.ID + "-" + r.Category.ID, "class", strings.Join(classes, " "),
		"data-bank", c.Bank.ID, "data-category", r.Category.ID}
	if !d.opt.Standalone {
		// Roving focus: only the first cell is in the tab order; the page
		// moves it with the arrow keys.
		tab := "-1"
		if !d.tabbed {
			tab, d.tabbed = "0", true
		}
		head = append(head, "tabindex", tab)
	}
	head = append(head, "role", "img", "aria-label", c.Name)
	attrsTo(&d.b, append(head, extra...))
	d.b.WriteString("><title>" + esc(d.tooltip(c)) + "</title>")
	// The hit area makes the whole cell hoverable; the page stylesheet shows
	// its stroke as the focus and hover ring.
	d.b.WriteString(`<rect class="mx-hit" x="` + num(x+3) + `" y="` + num(top+3) + `" width="` + num(d.colW-6) + `" height="` + num(h-6) +
		`" rx="4" fill="currentColor" fill-opacity="0" stroke="currentColor" stroke-opacity="0" stroke-width="2"/>`)
	cx, cy := x+d.colW/2-3, top+h/2
	if c.Cell == nil {
		d.line(cx-glyphR, cy, cx+glyphR, cy, "", 1.5)
	} else {
		d.b.WriteString(glyph(cx, cy, c.Cell.Status))
		d.b.WriteString(meter(cx+glyphR+4, cy+5, c.Cell.Confidence.Rank()))
	}
	if c.Stale {
		d.b.WriteString(staleMark(cx-glyphR-7, cy-3))
	}
	d.b.WriteString("</g>")
}

// tooltip is the evidence a hover or focus shows: name, sources, date.
func (d *drawing) tooltip(c compare.MatrixCell) string {
	if c.Cell == nil {
		return c.Name
	}
	lines := []string{c.Name, c.Cell.Label.Title()}
	var titles []string
	for _, id := range c.Cell.Sources {
		t := id
		if d.opt.Source != nil {
			if s := d.opt.Source(id); s != nil {
				t = s.Title
			}
		}
		titles = append(titles, t)
	}
	if len(titles) == 0 {
		lines = append(lines, "Sources: none in the public material used here")
	} else {
		lines = append(lines, "Sources: "+strings.Join(titles, "; "))
	}
	verified := "Last verified " + data.ReadableDate(c.Cell.LastVerified)
	if c.Stale {
		verified += " — due for re-verification"
	}
	lines = append(lines, verified)
	if !c.Match {
		lines = append(lines, "Outside the current filters; shown for context")
	}
	return strings.Join(lines, "\n")
}

// summary draws, per bank, a stacked bar of statuses and one of confidence,
// each with its counts written out.
func (d *drawing) summary() {
	d.y += 14
	n := d.m.RowCount()
	d.b.WriteString(`<g class="mx-summary">`)
	d.paragraph(fmt.Sprintf("Summary of the %s shown", data.Plural(n, "category", "categories")), d.pad, d.w-2*d.pad, d.fs, "mx-summary-title", true, 0)
	for _, s := range d.m.Summary {
		d.y += 4
		d.b.WriteString(`<g class="mx-summary-bank" data-bank="` + esc(s.Bank.ID) + `">`)
		d.paragraph(s.Bank.Name, d.pad, d.w-2*d.pad, d.fs, "mx-summary-name", true, 0)
		var status, conf []segment
		for i, st := range data.Statuses {
			status = append(status, segment{key: string(st), class: "mx-" + string(st), count: s.ByStatus[st], fill: 2 - i,
				label: strings.ToLower(st.Title())})
		}
		for i, c := range data.Confidences {
			conf = append(conf, segment{key: string(c), class: "mx-conf-" + string(c), count: s.ByConfidence[c], fill: 2 - i,
				label: string(c)})
		}
		d.bar(s, status, "Status")
		d.bar(s, conf, "Confidence")
		d.b.WriteString("</g>")
	}
	d.b.WriteString("</g>")
}

// segment is one part of a stacked bar. fill is its shape: 2 solid, 1 half,
// 0 outline, matching the ● ◐ ○ glyphs so the bar never rests on colour.
type segment struct {
	key, class, label string
	count, fill       int
}

const barH = 12.0

func (d *drawing) bar(s compare.BankSummary, segs []segment, caption string) {
	d.y += 8
	x0, width := d.pad, d.w-2*d.pad
	d.b.WriteString(`<rect class="mx-track" x="` + num(x0) + `" y="` + num(d.y) + `" width="` + num(width) + `" height="` + num(barH) +
		`" fill="none" stroke="currentColor" stroke-width="1"/>`)
	x := x0
	for _, seg := range segs {
		if seg.count == 0 || s.Total == 0 {
			continue
		}
		w := width * float64(seg.count) / float64(s.Total)
		d.b.WriteString(`<g class="mx-seg ` + seg.class + `" data-bank="` + esc(s.Bank.ID) + `" data-key="` + esc(seg.key) + `">`)
		d.b.WriteString("<title>" + esc(fmt.Sprintf("%s: %d %s", s.Bank.Name, seg.count, countLabel(caption, seg.label))) + "</title>")
		d.b.WriteString(swatch(x, d.y, w, barH, seg.fill))
		d.b.WriteString("</g>")
		x += w
	}
	d.y += barH
	items := []flowItem{{text: caption + ":", class: "mx-muted"}}
	for _, seg := range segs {
		items = append(items, flowItem{
			text:  fmt.Sprintf("%d %s", seg.count, seg.label),
			class: "mx-count",
			attrs: []string{"data-bank", s.Bank.ID, "data-key", seg.key},
			iconW: 10,
			icon: func(x, cy float64) string {
				return `<g class="mx-swatch ` + seg.class + `">` + swatch(x, cy-5, 10, 10, seg.fill) + "</g>"
			},
		})
	}
	d.flow(items, d.pad, d.w-d.pad, d.small)
}

func countLabel(caption, label string) string {
	if caption == "Confidence" {
		return label + " confidence"
	}
	return label
}

// flowItem is an icon and a label laid out like words in a paragraph.
type flowItem struct {
	text, class string
	attrs       []string
	iconW       float64
	icon        func(x, cy float64) string
}

// flow lays items left to right from x0, wrapping before maxX.
func (d *drawing) flow(items []flowItem, x0, maxX, fs float64) {
	lineH := math.Round(fs * 1.6)
	d.y += lineH
	x := x0
	for _, it := range items {
		w := textWidth(it.text, fs)
		if it.icon != nil {
			w += it.iconW + 4
		}
		if x > x0 && x+w > maxX {
			x = x0
			d.y += lineH
		}
		tx := x
		if it.icon != nil {
			d.b.WriteString(it.icon(x, d.y-fs*0.35))
			tx += it.iconW + 4
		}
		d.text(tx, d.y, fs, it.class, "", false, it.text, it.attrs...)
		x += w + 14
	}
	d.y += math.Round(fs * 0.4)
}

// text writes one line of text; extra holds more attribute name/value pairs.
func (d *drawing) text(x, y, fs float64, class, anchor string, bold bool, s string, extra ...string) {
	d.b.WriteString("<text")
	kv := []string{"x", num(x), "y", num(y), "font-size", num(fs)}
	if class != "" {
		kv = append(kv, "class", class)
	}
	if anchor != "" {
		kv = append(kv, "text-anchor", anchor)
	}
	if bold {
		kv = append(kv, "font-weight", "bold")
	}
	attrsTo(&d.b, append(kv, extra...))
	d.b.WriteString(">" + esc(s) + "</text>")
}

func (d *drawing) rule(y float64) { d.line(d.pad, y, d.w-d.pad, y, "mx-rule", 1) }

func (d *drawing) line(x1, y1, x2, y2 float64, class string, width float64) {
	d.b.WriteString("<line")
	if class != "" {
		attrs(&d.b, "class", class)
	}
	attrs(&d.b, "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2), "stroke", "currentColor", "stroke-width", num(width))
	d.b.WriteString("/>")
}

// glyph draws a status by shape: ● documented, ◐ partial, ○ not visible.
func glyph(cx, cy float64, s data.Status) string {
	circle := func(fill string) string {
		return `<circle class="mx-glyph" cx="` + num(cx) + `" cy="` + num(cy) + `" r="` + num(glyphR) +
			`" fill="` + fill + `" stroke="currentColor" stroke-width="1.6"/>`
	}
	switch s {
	case data.Documented:
		return circle("currentColor")
	case data.Partial:
		// The left half filled, as in ◐.
		return circle("none") + `<path d="M` + num(cx) + " " + num(cy-glyphR) + "A" + num(glyphR) + " " + num(glyphR) + " 0 0 0 " +
			num(cx) + " " + num(cy+glyphR) + `Z" fill="currentColor"/>`
	}
	return circle("none")
}

const meterW = 12.0

// meter draws confidence as three rising bars, rank of them filled, with its
// bottom at y.
func meter(x, y float64, rank int) string {
	var b strings.Builder
	b.WriteString(`<g class="mx-meter">`)
	for i := range 3 {
		h := 4 + 3*float64(i)
		fill := `fill="currentColor"`
		if i >= rank {
			fill = `fill="none" stroke="currentColor" stroke-width="0.8"`
		}
		b.WriteString(`<rect x="` + num(x+4.5*float64(i)) + `" y="` + num(y-h) + `" width="3" height="` + num(h) + `" ` + fill + "/>")
	}
	b.WriteString("</g>")
	return b.String()
}

// staleMark is a small triangle centred on (cx, cy).
func staleMark(cx, cy float64) string {
	return `<path class="mx-stale-mark" d="M` + num(cx) + " " + num(cy-3.5) + "L" + num(cx+3.5) + " " + num(cy+3) + "L" + num(cx-3.5) + " " + num(cy+3) +
		`Z" fill="currentColor"/>`
}

// swatch is a bar segment or legend square: 2 solid, 1 lower half filled,
// 0 outline only.
func swatch(x, y, w, h float64, fill int) string {
	const sw = 1.5
	outline := `<rect x="` + num(x+sw/2) + `" y="` + num(y+sw/2) + `" width="` + num(max(w-sw, 0)) + `" height="` + num(h-sw) +
		`" fill="none" stroke="currentColor" stroke-width="` + num(sw) + `"/>`
	switch fill {
	case 2:
		return `<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) + `" fill="currentColor"/>`
	case 1:
		return outline + `<rect x="` + num(x) + `" y="` + num(y+h/2) + `" width="` + num(w) + `" height="` + num(h/2) + `" fill="currentColor"/>`
	}
	return outline
}

// Standalone draws the matrix of a filtered view as a file of its own: the
// title, the filters in effect, the last-verified date and the source line
// travel with it, so a picture taken out of context still says where it
// comes from. The widget's downloads and datatool svg both draw it here.
func Standalone(ds *data.Dataset, f compare.Filters, m compare.Matrix, width int) string {
	return Matrix(m, Options{
		ID:          FileID,
		Standalone:  true,
		Title:       ds.Meta.Title,
		FiltersLine: FiltersLine(ds, f),
		Provenance:  Provenance(ds, m),
		Width:       width,
		Source:      ds.Source,
	})
}

// Provenance is the line a picture taken out of context must still carry:
// when the data was checked, what it rests on, and the legal-review stamp.
func Provenance(ds *data.Dataset, m compare.Matrix) string {
	var banks []string
	for _, b := range m.Banks {
		banks = append(banks, b.ShortName+" "+data.ReadableDate(b.LastVerified))
	}
	parts := []string{"Last verified " + data.ReadableDate(ds.Meta.LastVerified) + " (" + strings.Join(banks, "; ") + ")"}

	cited := map[string]bool{}
	byPublisher := map[string]int{}
	for _, s := range m.Sections {
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if c.Cell == nil {
					continue
				}
				for _, id := range c.Cell.Sources {
					if src := ds.Source(id); src != nil && !cited[id] {
						cited[id] = true
						byPublisher[src.Publisher]++
					}
				}
			}
		}
	}
	publishers := make([]string, 0, len(byPublisher))
	for p := range byPublisher {
		publishers = append(publishers, p)
	}
	// Most cited first; ties by name, so the line is stable.
	slices.SortFunc(publishers, func(a, b string) int {
		return cmp.Or(cmp.Compare(byPublisher[b], byPublisher[a]), cmp.Compare(a, b))
	})
	if len(cited) > 0 {
		parts = append(parts, fmt.Sprintf("Sources: %s cited by the cells shown, from %s",
			data.Plural(len(cited), "public source", "public sources"), strings.Join(publishers, ", ")))
	} else {
		parts = append(parts, "Sources: none cited by the cells shown")
	}
	if ds.Meta.LegalReview.Required {
		parts = append(parts, cmp.Or(strings.TrimSuffix(ds.Meta.LegalReview.Note, "."), "Requires legal review"))
	}
	return strings.Join(parts, " · ")
}

// FiltersLine names the filters in effect as the filter bar does.
func FiltersLine(ds *data.Dataset, f compare.Filters) string {
	active := f.Active(ds)
	if len(active) == 0 {
		return "Filters: All categories"
	}
	labels := make([]string, len(active))
	for i, a := range active {
		labels[i] = a.Label
	}
	return "Filters: " + strings.Join(labels, "; ")
}

// wrap breaks s into lines no wider than maxW at font size fs, on spaces, and
// splits a word longer than a line. With maxLines > 0 extra text is dropped,
// the last line ends in "…" and cut is true. Bold text gets a tenth more
// room, as it runs wider than the estimate.
func wrap(s string, maxW, fs float64, bold bool, maxLines int) (lines []string, cut bool) {
	if bold {
		maxW *= 0.9
	}
	limit := max(int(maxW/(charWidth*fs)), 2)
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			lines = append(lines, string(cur))
			cur = nil
		}
	}
	for _, word := range strings.Fields(s) {
		w := []rune(word)
		for len(w) > limit {
			flush()
			lines = append(lines, string(w[:limit]))
			w = w[limit:]
		}
		switch {
		case len(cur) == 0:
			cur = w
		case len(cur)+1+len(w) <= limit:
			cur = append(append(cur, ' '), w...)
		default:
			flush()
			cur = w
		}
	}
	flush()
	if maxLines <= 0 || len(lines) <= maxLines {
		return lines, false
	}
	last := []rune(lines[maxLines-1])
	if len(last)+1 > limit {
		last = last[:limit-1]
	}
	return append(lines[:maxLines-1], strings.TrimRight(string(last), " ,;:·—-")+"…"), true
}

// textWidth estimates the rendered width of s at font size fs.
func textWidth(s string, fs float64) float64 {
	return charWidth * fs * float64(utf8.RuneCountInString(s))
}

// num formats a coordinate with at most one decimal.
func num(v float64) string {
	r := math.Round(v*10) / 10
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// esc makes s safe as XML text or attribute value. It is written here, not
// taken from encoding/xml, to keep that package out of the WASM binary.
func esc(s string) string {
	// Characters XML cannot hold at all, and invalid UTF-8, become U+FFFD.
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return utf8.RuneError
		}
		return r
	}, s)
	return escaper.Replace(s)
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;",
	"\n", "&#xA;", "\r", "&#xD;", "\t", "&#x9;")

// attrs writes name="value" pairs, escaping the values.
func attrs(b *strings.Builder, kv ...string) { attrsTo(b, kv) }

func attrsTo(b *strings.Builder, kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(" " + kv[i] + `="` + esc(kv[i+1]) + `"`)
	}
}
