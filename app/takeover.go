package app

import "math"

// takeover is how much of the page the browser has made live since it
// took over the prerendered page: the sections still shown as adopted
// markup (see adopt.go), the rows built so far (rows the filters hide are
// built along and counted) and the parts of the page's end built so far.
// Comparison.grow advances it a part per task; a reader who asks for the
// whole page (expand all, print, a link to a cell) builds it all at once.
// The server renders every part, whatever this says.
type takeover struct {
	adopted adopted
	// firstScreen holds the categories whose rows the first screen
	// showed (see firstScreenClass).
	firstScreen map[string]bool
	rows        int
	restLive    int
}

// firstRows is how many rows the browser builds when it takes over with
// nothing prerendered to adopt: more than a tall screen shows.
// rowsPerChunk are added per task after that, each task short enough to
// keep the page responsive.
const (
	firstRows    = 8
	rowsPerChunk = 2
)

// newTakeover starts from what was adopted. With nothing adopted (a
// navigation inside the app, a page prerendered for another view), the
// first screen's rows are built at once; the compact embed, sized by its
// frame, is built whole, so that it never grows under the reader.
func newTakeover(a adopted, embed bool) takeover {
	t := takeover{adopted: a, firstScreen: a.firstScreen()}
	switch {
	case a != nil:
	case embed:
		t.rows = math.MaxInt
	default:
		t.rows = firstRows
	}
	return t
}

// rowsDone reports whether every one of total rows is built.
func (t *takeover) rowsDone(total int) bool { return t.rows >= total }

// done reports whether the whole page is live: every section, every one
// of total rows and, but in the embed, which has none, the page's end.
func (t *takeover) done(total int, embed bool) bool {
	restDone := t.restLive >= restParts || embed
	return t.rowsDone(total) && restDone && !t.adopted.hasSections()
}

// advance makes the next part live: an adopted section, whose name it
// returns, else the next chunk of rows, else the next part of the page's
// end. Once all is live it forgets what was adopted.
func (t *takeover) advance(total int, embed bool) (section string) {
	switch section = t.adopted.nextSection(); {
	case section != "":
		delete(t.adopted, section)
	case !t.rowsDone(total):
		t.rows += rowsPerChunk
	default:
		t.restLive++
	}
	if t.done(total, embed) {
		t.adopted = nil
	}
	return section
}

// buildAll makes every part live at once.
func (t *takeover) buildAll(total int) {
	t.rows = max(t.rows, total)
	t.restLive = restParts
	t.adopted = nil
}
