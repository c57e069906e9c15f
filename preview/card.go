package preview

import (
	"fmt"
	"image/color"
	"strings"

	"citijpm/compare"
	"citijpm/data"
)

// Card sizes: what Open Graph and Twitter's large summary card expect.
const (
	CardWidth  = 1200
	CardHeight = 630
)

// CardInput is what a link preview shows: the view's title lines and its
// matrix, drawn large enough to read in a chat thumbnail.
type CardInput struct {
	Title       string
	FiltersLine string // chart.FiltersLine
	Verified    string // e.g. "Last verified Nov 24, 2026"
	Site        string // the product name, bottom right
	Matrix      compare.Matrix
}

// Palette of the light theme (see chart's stylesheet).
var (
	ink      = color.NRGBA{0x1b, 0x1f, 0x24, 0xff}
	muted    = color.NRGBA{0x4a, 0x55, 0x63, 0xff}
	rule     = color.NRGBA{0xc9, 0xd1, 0xdb, 0xff}
	brand    = color.NRGBA{0x12, 0x35, 0x5b, 0xff}
	white    = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	statusOf = map[data.Status]color.NRGBA{
		data.Documented: {0x1a, 0x6b, 0x3c, 0xff},
		data.Partial:    {0x7a, 0x52, 0x00, 0xff},
		data.NotVisible: {0x5b, 0x64, 0x70, 0xff},
	}
)

// CardPNG draws the 1200×630 link preview of a view: title, filters, how
// many categories are shown and where the banks differ, one status bar per
// bank with its counts in words, and the last-verified date.
func CardPNG(in CardInput) ([]byte, error) {
	if err := loadFonts(); err != nil {
		return nil, err
	}
	c := newCanvas(CardWidth, CardHeight, 1)
	c.fill(path{rect(0, 0, CardWidth, CardHeight)}, white)
	c.fill(path{rect(0, 0, CardWidth, 14)}, brand)

	const pad = 56.0
	w := CardWidth - 2*pad
	y := 40.0
	for _, line := range c.wrap(in.Title, 46, true, w, 2) {
		y += 54
		c.text(pad, y, 46, true, ink, start, line)
	}
	y += 14
	for _, line := range c.wrap(in.FiltersLine, 27, false, w, 1) {
		y += 34
		c.text(pad, y, 27, false, muted, start, line)
	}
	m := in.Matrix
	y += 40
	c.text(pad, y, 27, true, ink, start, Counts(m))

	footer := CardHeight - 44.0
	// The bank rows share what is left between the summary line and the footer.
	rows := max(len(m.Summary), 1)
	rowH := min((footer-40-y)/float64(rows), 110)
	nameSize := min(28, rowH*0.3)
	barH := min(30, rowH*0.28)
	for _, s := range m.Summary {
		top := y + 18
		c.text(pad, top+nameSize, nameSize, true, ink, start, s.Bank.Name)
		c.text(CardWidth-pad, top+nameSize, nameSize*0.85, false, muted, end, statusCounts(s))
		if !dots(c, pad, top+nameSize+10, w, barH, m, s.Bank.ID) {
			bar(c, pad, top+nameSize+10, w, barH, s)
		}
		y += rowH
	}

	c.fill(strokeLine(pad, footer-30, CardWidth-pad, footer-30, 1.5), rule)
	c.text(pad, footer, 24, true, ink, start, in.Verified)
	c.text(CardWidth-pad, footer, 24, false, muted, end, in.Site)
	return encodePNG(c.img)
}

// dots draws a bank's row of the matrix in miniature: one status glyph per
// category shown, in the overview's order, so the banks' rows line up and
// their differences show. It reports false when the glyphs would be too
// small to tell apart, and the caller draws a bar instead.
func dots(c *canvas, x, y, w, h float64, m compare.Matrix, bank string) bool {
	n := m.RowCount()
	if n == 0 {
		return true
	}
	step := min(w/float64(n), h*1.5)
	r := min(h/2, step*0.38)
	if r < 4 {
		return false
	}
	i := 0
	for _, sec := range m.Sections {
		for _, row := range sec.Rows {
			cx, cy := x+step*(float64(i)+0.5), y+h/2
			i++
			for _, cell := range row.Cells {
				if cell.Bank.ID != bank || cell.Cell == nil {
					continue
				}
				col := statusOf[cell.Cell.Status]
				switch cell.Cell.Status {
				case data.Documented:
					c.fill(path{circle(cx, cy, r)}, col)
				case data.Partial:
					c.fill(strokeCircle(cx, cy, r, 2), col)
					c.fill(path{halfCircle(cx, cy, r)}, col)
				default:
					c.fill(strokeCircle(cx, cy, r, 2), col)
				}
			}
		}
	}
	return true
}

// halfCircle is the left half of a circle, as in ◐.
func halfCircle(cx, cy, r float64) []point {
	return append([]point{{cx, cy - r}}, arc(point{cx, cy - r}, point{cx, cy + r}, r, false, false)...)
}

// bar is a bank's statuses as one stacked bar: solid, half and outline
// segments, like the ● ◐ ○ glyphs, so it never rests on colour alone.
func bar(c *canvas, x, y, w, h float64, s compare.BankSummary) {
	c.fill(strokeRect(x, y, w, h, 1.5), rule)
	if s.Total == 0 {
		return
	}
	for i, st := range data.Statuses {
		n := s.ByStatus[st]
		if n == 0 {
			continue
		}
		sw := w * float64(n) / float64(s.Total)
		col := statusOf[st]
		switch i {
		case 0:
			c.fill(path{rect(x, y, sw, h)}, col)
		case 1:
			c.fill(strokeRect(x+1.5, y+1.5, sw-3, h-3, 3), col)
			c.fill(path{rect(x, y+h/2, sw, h/2)}, col)
		default:
			c.fill(strokeRect(x+1.5, y+1.5, sw-3, h-3, 3), col)
		}
		x += sw
	}
}

func statusCounts(s compare.BankSummary) string {
	parts := make([]string, len(data.Statuses))
	for i, st := range data.Statuses {
		parts[i] = fmt.Sprintf("%d %s", s.ByStatus[st], strings.ToLower(st.Title()))
	}
	return strings.Join(parts, " · ")
}

// Counts says in words how much of the comparison a view shows, as the
// link preview's text does too.
func Counts(m compare.Matrix) string {
	n := m.RowCount()
	switch {
	case n == 0:
		return "No categories match the filters"
	case len(m.Banks) < 2:
		return plural(n, "category", "categories") + " shown"
	}
	return fmt.Sprintf("%s shown; the banks differ on %d", plural(n, "category", "categories"), m.DifferCount())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
