package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"citijpm/compare"
	"citijpm/data"
	"citijpm/internal/testclock"
)

// today is the test clock: the day of the shipped data's newest
// verification (see internal/testclock), so re-verifying a cell never
// breaks a test.
var today = testclock.Today(data.Shipped())

func shipped(t testing.TB) *data.Dataset {
	t.Helper()
	ds, err := data.Load(data.Shipped(), today)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// filtered returns the shipped dataset's result for a URL query.
func filtered(t testing.TB, ds *data.Dataset, query string) compare.Result {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	st, notices := compare.ParseQuery(q, ds)
	if len(notices) > 0 {
		t.Fatalf("%q: %v", query, notices)
	}
	return compare.NewIndex(ds).Filter(st.Filters, today)
}

// withThirdBank adds a bank whose statuses cycle by row (documented, partial,
// not visible, ...) and confidences by every third row.
func withThirdBank(res compare.Result) compare.Result {
	return withBanks(res, "examplebank")
}

// withBanks adds a bank per id, each with the cells withThirdBank describes.
func withBanks(res compare.Result, ids ...string) compare.Result {
	out := compare.Result{Banks: slices.Clone(res.Banks), Count: res.Count, Total: res.Total}
	var extra []*data.Bank
	for _, id := range ids {
		b := &data.Bank{ID: id, Name: "Example Bank", ShortName: "Example Bank", LastVerified: "2026-11-01"}
		extra = append(extra, b)
		out.Banks = append(out.Banks, b)
	}
	i := 0
	for _, g := range res.Groups {
		ng := compare.Group{Section: g.Section}
		for _, c := range g.Cards {
			card := compare.Card{Category: c.Category, Cells: slices.Clone(c.Cells)}
			for _, b := range extra {
				cell := &data.Cell{Bank: b.ID, Category: c.Category.ID, Status: data.Statuses[i%3],
					Confidence: data.Confidences[(i/3)%3], Label: data.NotInSources, LastVerified: "2026-11-01"}
				card.Cells = append(card.Cells, compare.CellView{Bank: b, Cell: cell, Match: true})
			}
			for _, cv := range card.Cells {
				card.Differ = card.Differ || cv.Cell.Status != card.Cells[0].Cell.Status
			}
			ng.Cards = append(ng.Cards, card)
			i++
		}
		out.Groups = append(out.Groups, ng)
	}
	return out
}

// node is a parsed XML element, enough to inspect the output.
type node struct {
	name     string
	attr     map[string]string
	text     string // direct character data
	children []*node
}

// parse decodes the SVG strictly; any XML error fails the test.
func parse(t *testing.T, s string) *node {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var root *node
	var stack []*node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatal("more than one root element")
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil || root.name != "svg" {
		t.Fatalf("root is not <svg>: %.80s", s)
	}
	return root
}

func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(n *node) {
		if keep(n) {
			out = append(out, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

func (n *node) hasClass(c string) bool { return slices.Contains(strings.Fields(n.attr["class"]), c) }

func byClass(c string) func(*node) bool { return func(n *node) bool { return n.hasClass(c) } }

func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// joined is the text of the elements, one space apart, as a reader reads
// wrapped lines.
func joined(ns []*node) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, n.text)
	}
	return strings.Join(parts, " ")
}

func viewBoxWidth(t *testing.T, root *node) float64 {
	t.Helper()
	f := strings.Fields(root.attr["viewBox"])
	if len(f) != 4 || f[0] != "0" || f[1] != "0" {
		t.Fatalf("viewBox %q", root.attr["viewBox"])
	}
	w, err := strconv.ParseFloat(f[2], 64)
	if err != nil {
		t.Fatal(err)
	}
	if root.attr["width"] != f[2] || root.attr["height"] != f[3] {
		t.Errorf("width/height %s/%s disagree with viewBox %q", root.attr["width"], root.attr["height"], root.attr["viewBox"])
	}
	return w
}

var queries = []string{"", "section=api&conf=high", "status=partial", "diff=1&bank=citi,jpm", "bank=jpm&q=json"}

func TestMatrixCells(t *testing.T) {
	ds := shipped(t)
	for _, standalone := range []bool{false, true} {
		for _, q := range queries {
			t.Run(fmt.Sprintf("standalone=%v/?%s", standalone, q), func(t *testing.T) {
				m := compare.NewMatrix(filtered(t, ds, q))
				root := parse(t, Matrix(m, Options{Standalone: standalone, Source: ds.Source}))
				cells := root.all(byClass("mx-cell"))
				if want := len(m.Banks) * m.RowCount(); len(cells) != want || want == 0 {
					t.Fatalf("%d cells, want %d", len(cells), want)
				}
				byID := map[string]*node{}
				for _, c := range cells {
					byID[c.attr["id"]] = c
				}
				first := true
				for _, s := range m.Sections {
					for _, r := range s.Rows {
						for _, mc := range r.Cells {
							id := "mx-" + mc.Bank.ID + "-" + r.Category.ID
							g := byID[id]
							if g == nil {
								t.Fatalf("no cell %s", id)
							}
							checkCell(t, ds, g, mc, r.Category.ID)
							tab, hasTab := g.attr["tabindex"]
							switch {
							case standalone && hasTab:
								t.Errorf("%s: tabindex in a file", id)
							case !standalone && first && tab != "0":
								t.Errorf("%s: first cell has tabindex %q, want 0", id, tab)
							case !standalone && !first && tab != "-1":
								t.Errorf("%s: tabindex %q, want -1", id, tab)
							}
							first = false
						}
					}
				}
			})
		}
	}
}

func checkCell(t *testing.T, ds *data.Dataset, g *node, mc compare.MatrixCell, category string) {
	t.Helper()
	id := g.attr["id"]
	for _, c := range []string{"mx-" + string(mc.Cell.Status), "mx-conf-" + string(mc.Cell.Confidence)} {
		if !g.hasClass(c) {
			t.Errorf("%s: class %q lacks %s", id, g.attr["class"], c)
		}
	}
	if g.hasClass("mx-stale") != mc.Stale || g.hasClass("mx-nomatch") == mc.Match {
		t.Errorf("%s: class %q, stale %v match %v", id, g.attr["class"], mc.Stale, mc.Match)
	}
	if g.attr["role"] != "img" || g.attr["aria-label"] != mc.Name || g.attr["data-bank"] != mc.Bank.ID || g.attr["data-category"] != category {
		t.Errorf("%s: attributes %v, want name %q", id, g.attr, mc.Name)
	}
	title := g.child("title")
	if title == nil || !strings.HasPrefix(title.text, mc.Name+"\n") ||
		!strings.Contains(title.text, "Last verified "+data.ReadableDate(mc.Cell.LastVerified)) {
		t.Fatalf("%s: tooltip %+v", id, title)
	}
	for _, src := range mc.Cell.Sources {
		if !strings.Contains(title.text, ds.Source(src).Title) {
			t.Errorf("%s: tooltip lacks source %q", id, ds.Source(src).Title)
		}
	}
	// The status is drawn as a shape: a filled, half-filled or empty circle.
	circle := g.all(func(n *node) bool { return n.name == "circle" })
	paths := g.all(func(n *node) bool { return n.name == "path" && !n.hasClass("mx-stale-mark") })
	if len(circle) != 1 {
		t.Fatalf("%s: %d circles", id, len(circle))
	}
	wantFill, wantPaths := map[data.Status]string{data.Documented: "currentColor", data.Partial: "none", data.NotVisible: "none"}[mc.Cell.Status], 0
	if mc.Cell.Status == data.Partial {
		wantPaths = 1
	}
	if circle[0].attr["fill"] != wantFill || len(paths) != wantPaths {
		t.Errorf("%s: %s glyph has fill %q and %d half-fills", id, mc.Cell.Status, circle[0].attr["fill"], len(paths))
	}
	// Confidence is a meter with as many filled bars as its rank.
	filled := 0
	for _, m := range g.all(byClass("mx-meter")) {
		for _, bar := range m.children {
			if bar.attr["fill"] == "currentColor" {
				filled++
			}
		}
	}
	if filled != mc.Cell.Confidence.Rank() {
		t.Errorf("%s: %d filled bars for %s confidence", id, filled, mc.Cell.Confidence)
	}
	if marks := len(g.all(byClass("mx-stale-mark"))); (marks == 1) != mc.Stale {
		t.Errorf("%s: %d stale marks, stale %v", id, marks, mc.Stale)
	}
}

func TestMatrixSummaryCounts(t *testing.T) {
	ds := shipped(t)
	for _, q := range queries {
		t.Run("?"+q, func(t *testing.T) {
			m := compare.NewMatrix(filtered(t, ds, q))
			root := parse(t, Matrix(m, Options{}))
			got := map[string]int{}
			for _, n := range root.all(byClass("mx-count")) {
				num, _, _ := strings.Cut(n.text, " ")
				v, err := strconv.Atoi(num)
				if err != nil {
					t.Fatalf("count text %q", n.text)
				}
				got[n.attr["data-bank"]+"/"+n.attr["data-key"]] = v
			}
			want := map[string]int{}
			for _, s := range m.Summary {
				for _, st := range data.Statuses {
					want[s.Bank.ID+"/"+string(st)] = s.ByStatus[st]
				}
				for _, c := range data.Confidences {
					want[s.Bank.ID+"/"+string(c)] = s.ByConfidence[c]
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("counts written %v\nwant %v", got, want)
			}
			// The description says the same for assistive technology.
			desc := root.child("desc").text
			for _, s := range m.Summary {
				part := fmt.Sprintf("%s: %d documented, %d partial, %d not visible publicly; %d High,",
					s.Bank.Name, s.ByStatus[data.Documented], s.ByStatus[data.Partial], s.ByStatus[data.NotVisible], s.ByConfidence[data.High])
				if !strings.Contains(desc, part) {
					t.Errorf("desc %q lacks %q", desc, part)
				}
			}
			// Bar segments are as wide as their share, and never drawn empty.
			for _, seg := range root.all(byClass("mx-seg")) {
				key := seg.attr["data-bank"] + "/" + seg.attr["data-key"]
				if want[key] == 0 {
					t.Errorf("segment drawn for a zero count: %s", key)
				}
			}
		})
	}
}

func TestMatrixModes(t *testing.T) {
	ds := shipped(t)
	st, _ := compare.ParseQuery(url.Values{"section": {"api"}, "conf": {"high"}}, ds)
	m := compare.NewMatrix(compare.NewIndex(ds).Filter(st.Filters, today))
	opt := Options{
		Title:       ds.Meta.Title,
		FiltersLine: FiltersLine(ds, st.Filters),
		Provenance:  Provenance(ds, m),
		Source:      ds.Source,
	}

	inline := Matrix(m, opt)
	if strings.Contains(inline, "style=") || strings.Contains(inline, "<style") {
		t.Error("inline SVG has a style attribute or element; the page CSP forbids them")
	}
	root := parse(t, inline)
	if _, ok := root.attr["xmlns"]; ok || strings.Contains(inline, "xmlns") {
		t.Error("inline SVG declares xmlns")
	}
	if root.attr["role"] != "group" || root.attr["aria-labelledby"] != "mx-title mx-desc" || root.attr["id"] != "mx" {
		t.Errorf("inline root %v", root.attr)
	}
	if len(root.all(byClass("mx-provenance"))) > 0 || len(root.all(byClass("mx-filters"))) > 0 || len(root.all(byClass("mx-bg"))) > 0 {
		t.Error("inline SVG draws the file-only lines; the page shows them itself")
	}

	opt.Standalone = true
	file := Matrix(m, opt)
	root = parse(t, file)
	if !strings.HasPrefix(file, `<svg xmlns="http://www.w3.org/2000/svg"`) || root.child("style") == nil || root.attr["role"] != "img" {
		t.Errorf("standalone root %v, style %v", root.attr, root.child("style") != nil)
	}
	if root.child("title").text != ds.Meta.Title || root.child("title").attr["id"] != "mx-title" || root.child("desc").attr["id"] != "mx-desc" {
		t.Errorf("title %+v", root.child("title"))
	}
	for _, tc := range []struct{ class, want string }{
		{"mx-heading", ds.Meta.Title},
		{"mx-filters", "Filters: Section: Publicly visible API categories; Confidence: High or higher"},
		{"mx-provenance", opt.Provenance},
	} {
		if got := joined(root.all(byClass(tc.class))); got != tc.want {
			t.Errorf("%s lines read %q, want %q", tc.class, got, tc.want)
		}
	}
	for _, want := range []string{"Last verified " + data.ReadableDate(ds.Meta.LastVerified), "Sources: ", "requires legal review"} {
		if !strings.Contains(opt.Provenance, want) {
			t.Errorf("provenance %q lacks %q", opt.Provenance, want)
		}
	}
	bg := root.all(byClass("mx-bg"))
	if len(bg) != 1 || bg[0].attr["fill"] != "#ffffff" {
		t.Errorf("standalone background %v", bg)
	}

	opt.ID = "overview"
	root = parse(t, Matrix(m, opt))
	if root.attr["id"] != "overview" || root.attr["aria-labelledby"] != "overview-title overview-desc" ||
		len(root.all(func(n *node) bool { return n.attr["id"] == "overview-jpm-balances" })) != 1 {
		t.Errorf("ID option not applied: %v", root.attr)
	}
}

// TestMatrixFits estimates every text's width as 0.6 × font size per
// character and requires it inside the viewBox, for widths down to 320 and
// for two and three banks.
func TestMatrixFits(t *testing.T) {
	ds := shipped(t)
	all := filtered(t, ds, "")
	matrices := map[string]compare.Matrix{
		"two banks":   compare.NewMatrix(all),
		"three banks": compare.NewMatrix(withThirdBank(all)),
		"one bank":    compare.NewMatrix(filtered(t, ds, "bank=jpm")),
		"short names": compare.NewMatrix(shortNames(withThirdBank(all))),
		"five banks":  compare.NewMatrix(withBanks(all, "x1", "x2", "x3")),
	}
	for name, m := range matrices {
		for _, width := range []int{0, 100, 320, 375, 480, 720, 1400} {
			t.Run(fmt.Sprintf("%s/%d", name, width), func(t *testing.T) {
				opt := Options{Standalone: true, Width: width, Title: ds.Meta.Title, FiltersLine: "Filters: All categories", Provenance: Provenance(ds, m)}
				root := parse(t, Matrix(m, opt))
				w := viewBoxWidth(t, root)
				if want := float64(max(cmpOr(width, DefaultWidth), MinWidth)); w != want {
					t.Fatalf("viewBox width %v, want %v", w, want)
				}
				texts := root.all(func(n *node) bool { return n.name == "text" })
				for _, n := range texts {
					x, _ := strconv.ParseFloat(n.attr["x"], 64)
					fs, err := strconv.ParseFloat(n.attr["font-size"], 64)
					if err != nil {
						t.Fatalf("text %q has no font-size", n.text)
					}
					est := 0.6 * fs * float64(utf8.RuneCountInString(n.text))
					left := x
					switch n.attr["text-anchor"] {
					case "middle":
						left = x - est/2
					case "end":
						left = x - est
					}
					if left < 0 || left+est > w {
						t.Errorf("text %q spans %.1f–%.1f outside 0–%v", n.text, left, left+est, w)
					}
				}
				for _, r := range root.all(func(n *node) bool { return n.name == "rect" }) {
					x, _ := strconv.ParseFloat(r.attr["x"], 64)
					rw, _ := strconv.ParseFloat(r.attr["width"], 64)
					if x < 0 || x+rw > w+0.05 {
						t.Errorf("rect %v outside the viewBox", r.attr)
					}
				}
				// A cell's marks stay inside its own column.
				for _, c := range root.all(byClass("mx-cell")) {
					hit := c.child("rect")
					lo, _ := strconv.ParseFloat(hit.attr["x"], 64)
					hw, _ := strconv.ParseFloat(hit.attr["width"], 64)
					for _, x := range markXs(c) {
						if x < lo || x > lo+hw {
							t.Errorf("cell %s: a mark at x=%v leaves its column %v–%v", c.attr["id"], x, lo, lo+hw)
						}
					}
				}
				// A category name too long for two lines is cut with "…" and
				// kept whole in a <title>.
				for _, l := range root.all(byClass("mx-label")) {
					if strings.HasSuffix(l.text, "…") {
						found := false
						for _, g := range root.all(func(n *node) bool { return n.name == "g" && n.child("title") != nil }) {
							if slices.Contains(g.children, l) {
								found = true
							}
						}
						if !found {
							t.Errorf("abbreviated %q has no <title> with the full name", l.text)
						}
					}
				}
			})
		}
	}
}

// shortNames renames the banks "A", "B", ..., so that columns are as narrow
// as the glyphs allow.
func shortNames(res compare.Result) compare.Result {
	renamed := map[*data.Bank]*data.Bank{}
	for i, b := range res.Banks {
		c := *b
		c.ShortName = string(rune('A' + i))
		renamed[b] = &c
		res.Banks[i] = &c
	}
	for _, g := range res.Groups {
		for _, card := range g.Cards {
			for i := range card.Cells {
				card.Cells[i].Bank = renamed[card.Cells[i].Bank]
			}
		}
	}
	return res
}

// markXs lists the horizontal extremes of a cell's circles, meter bars and
// stale triangle.
func markXs(cell *node) []float64 {
	f := func(n *node, k string) float64 { v, _ := strconv.ParseFloat(n.attr[k], 64); return v }
	var xs []float64
	for _, n := range cell.all(func(*node) bool { return true }) {
		switch {
		case n.name == "circle":
			xs = append(xs, f(n, "cx")-f(n, "r"), f(n, "cx")+f(n, "r"))
		case n.name == "rect" && !n.hasClass("mx-hit"):
			xs = append(xs, f(n, "x"), f(n, "x")+f(n, "width"))
		case n.hasClass("mx-stale-mark"):
			nums := strings.FieldsFunc(n.attr["d"], func(r rune) bool { return strings.ContainsRune("MLZ ", r) })
			for i := 0; i < len(nums); i += 2 {
				x, _ := strconv.ParseFloat(nums[i], 64)
				xs = append(xs, x)
			}
		}
	}
	return xs
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func TestMatrixThirdBank(t *testing.T) {
	ds := shipped(t)
	m := compare.NewMatrix(withThirdBank(filtered(t, ds, "")))
	for _, width := range []int{320, 720} {
		root := parse(t, Matrix(m, Options{Width: width}))
		var banks []string
		for _, g := range root.all(byClass("mx-bank")) {
			banks = append(banks, g.attr["data-bank"])
		}
		if want := []string{"citi", "jpm", "examplebank"}; !slices.Equal(banks, want) {
			t.Fatalf("width %d: header columns %v, want %v", width, banks, want)
		}
		// Each row's three cells sit in three distinct, ordered columns.
		for _, row := range root.all(byClass("mx-row")) {
			cells := row.all(byClass("mx-cell"))
			if len(cells) != 3 {
				t.Fatalf("row %s: %d cells", row.attr["data-category"], len(cells))
			}
			var xs []float64
			for _, c := range cells {
				x, _ := strconv.ParseFloat(c.child("rect").attr["x"], 64)
				xs = append(xs, x)
			}
			if !(xs[0] < xs[1] && xs[1] < xs[2]) {
				t.Errorf("row %s: columns at %v", row.attr["data-category"], xs)
			}
			if row.hasClass("mx-differ") != (len(row.all(byClass("mx-differ-mark"))) == 1) {
				t.Errorf("row %s: differ class and mark disagree", row.attr["data-category"])
			}
		}
		got := map[string]string{}
		for _, n := range root.all(byClass("mx-count")) {
			if n.attr["data-bank"] == "examplebank" {
				got[n.attr["data-key"]] = n.text
			}
		}
		// 44 rows: indices 0, 3, ..., 42 are documented (15), 1, 4, ..., 43
		// partial (15), the rest not visible (14).
		if got["documented"] != "15 documented" || got["partial"] != "15 partial" || got["not-visible"] != "14 not visible publicly" {
			t.Errorf("width %d: example bank counts %v", width, got)
		}
	}
}

func TestMatrixDiffersAndDims(t *testing.T) {
	ds := shipped(t)
	m := compare.NewMatrix(filtered(t, ds, "status=partial"))
	root := parse(t, Matrix(m, Options{}))
	rows := root.all(byClass("mx-row"))
	if len(rows) != m.RowCount() {
		t.Fatalf("%d rows drawn, want %d", len(rows), m.RowCount())
	}
	i := 0
	for _, s := range m.Sections {
		for _, r := range s.Rows {
			g := rows[i]
			i++
			if g.attr["data-category"] != r.Category.ID {
				t.Errorf("row %d is %s, want %s", i, g.attr["data-category"], r.Category.ID)
			}
			if g.hasClass("mx-differ") != r.Differ || (len(g.all(byClass("mx-differ-mark"))) == 1) != r.Differ {
				t.Errorf("%s: differ %v not marked", r.Category.ID, r.Differ)
			}
		}
	}
	dimmed := root.all(byClass("mx-nomatch"))
	if len(dimmed) == 0 {
		t.Fatal("status=partial shows non-partial cells for context; none is dimmed")
	}
	for _, g := range dimmed {
		if g.hasClass("mx-partial") || g.attr["opacity"] == "" {
			t.Errorf("%s dimmed wrongly: %v", g.attr["id"], g.attr)
		}
	}
	if !strings.Contains(joined(root.all(byClass("mx-legend"))[0].all(func(n *node) bool { return n.name == "text" })), "Faded") {
		t.Error("the legend does not explain faded cells")
	}
}

func TestMatrixEscapesAndEdgeCases(t *testing.T) {
	bank := &data.Bank{ID: "a", Name: `A & "B" <Bank>`, ShortName: `A&B`}
	sec := &data.Section{ID: "s", Title: "Section <one> & 'two'"}
	long := strings.Repeat("Supercalifragilisticexpialidocious ", 4)
	cats := []*data.Category{
		{ID: "x", Section: "s", Name: `Cards <beta> & "more"`},
		{ID: "y", Section: "s", Name: long},
	}
	res := compare.Result{Banks: []*data.Bank{bank}, Count: 2, Groups: []compare.Group{{Section: sec}}}
	for _, c := range cats {
		cell := &data.Cell{Bank: "a", Category: c.ID, Status: data.Partial, Confidence: data.Low, LastVerified: "2026-01-05", Sources: []string{"s&1"}}
		res.Groups[0].Cards = append(res.Groups[0].Cards, compare.Card{Category: c, Cells: []compare.CellView{{Bank: bank, Cell: cell, Match: true}}})
	}
	m := compare.NewMatrix(res)
	out := Matrix(m, Options{Width: 320, Title: "T < & >"})
	root := parse(t, out)
	if root.child("title").text != "T < & >" {
		t.Errorf("title %q", root.child("title").text)
	}
	if got := joined(root.all(byClass("mx-section"))); got != sec.Title {
		t.Errorf("section heading %q", got)
	}
	cell := root.all(func(n *node) bool { return n.attr["id"] == "mx-a-x" })
	if len(cell) != 1 || cell[0].attr["aria-label"] != `A & "B" <Bank> — Cards <beta> & "more": partial, Low confidence` ||
		!strings.Contains(cell[0].child("title").text, "Sources: s&1") {
		t.Fatalf("escaped cell %v", cell)
	}
	// A name far too long for two lines is cut, with the whole name kept.
	var labels []string
	for _, l := range root.all(byClass("mx-label")) {
		labels = append(labels, l.text)
	}
	if len(labels) != 1+2 || !strings.HasSuffix(labels[2], "…") {
		t.Errorf("labels %q", labels)
	}
	if !strings.Contains(out, "<g><title>"+strings.TrimSpace(long)) {
		t.Error("the cut name is not kept in a <title>")
	}

	// No rows at all still makes a valid, explained graphic.
	empty := parse(t, Matrix(compare.NewMatrix(compare.Result{Banks: []*data.Bank{bank}}), Options{}))
	if len(empty.all(byClass("mx-cell"))) != 0 || !strings.Contains(joined(empty.all(byClass("mx-muted"))), "No categories match") {
		t.Error("empty matrix not explained")
	}
}

var numberAttrs = regexp.MustCompile(` (x|y|x1|y1|x2|y2|cx|cy|r|rx|width|height|font-size|stroke-width)="([^"]*)"`)
var oneDecimal = regexp.MustCompile(`^-?\d+(\.\d)?$`)
var pathNumbers = regexp.MustCompile(` d="([^"]*)"`)

func TestMatrixDeterministicAndRounded(t *testing.T) {
	ds := shipped(t)
	m := compare.NewMatrix(withThirdBank(filtered(t, ds, "")))
	for _, width := range []int{320, 333, 720, 977} {
		opt := Options{Standalone: true, Width: width, Provenance: Provenance(ds, m), Source: ds.Source}
		a, b := Matrix(m, opt), Matrix(compare.NewMatrix(withThirdBank(filtered(t, ds, ""))), opt)
		if a != b {
			t.Fatalf("width %d: two renderings differ", width)
		}
		for _, match := range numberAttrs.FindAllStringSubmatch(a, -1) {
			if !oneDecimal.MatchString(match[2]) {
				t.Errorf("width %d: %s=%q has more than one decimal", width, match[1], match[2])
			}
		}
		for _, match := range pathNumbers.FindAllStringSubmatch(a, -1) {
			for _, f := range strings.FieldsFunc(match[1], func(r rune) bool { return strings.ContainsRune("MALZ ", r) }) {
				if !oneDecimal.MatchString(f) {
					t.Errorf("width %d: path number %q in %q", width, f, match[1])
				}
			}
		}
	}
}

func TestWrap(t *testing.T) {
	// At font size 10 a character is 6 px wide: 60 px hold 10 characters.
	cases := []struct {
		s        string
		maxLines int
		want     []string
		cut      bool
	}{
		{"Direct Debit", 2, []string{"Direct", "Debit"}, false},
		{"SWIFT gpi", 2, []string{"SWIFT gpi"}, false},
		{"  spaced   out  ", 0, []string{"spaced out"}, false},
		{"one two three four five six", 2, []string{"one two", "three fou…"}, true},
		{"one two three four five six", 0, []string{"one two", "three four", "five six"}, false},
		{"abcdefghijklmnopqrstuvwxyz", 0, []string{"abcdefghij", "klmnopqrst", "uvwxyz"}, false},
		{"abcdefghijklmnopqrstuvwxyz", 1, []string{"abcdefghi…"}, true},
		{"Sources: a, b, c, d", 1, []string{"Sources…"}, true}, // punctuation before "…" goes
		{"ééééééééééé", 0, []string{"éééééééééé", "é"}, false}, // runes, not bytes
		{"", 2, nil, false},
	}
	for _, tc := range cases {
		got, cut := wrap(tc.s, 60, 10, false, tc.maxLines)
		if !slices.Equal(got, tc.want) || cut != tc.cut {
			t.Errorf("wrap(%q, %d) = %q %v, want %q %v", tc.s, tc.maxLines, got, cut, tc.want, tc.cut)
		}
		for _, l := range got {
			if textWidth(l, 10) > 60 {
				t.Errorf("wrap(%q): line %q is wider than 60", tc.s, l)
			}
		}
	}
	// Bold text gets less room: 54 px, 9 characters.
	if got, _ := wrap("abcdefghij", 60, 10, true, 0); !slices.Equal(got, []string{"abcdefghi", "j"}) {
		t.Errorf("bold wrap %q", got)
	}
}

func TestEsc(t *testing.T) {
	cases := map[string]string{
		`a < b & "c" > 'd'`: "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;",
		"line\nbreak\ttab":  "line&#xA;break&#x9;tab",
		"bell\x07 nul\x00":  "bell\uFFFD nul\uFFFD", // not allowed in XML at all
		"bad \xff byte":     "bad \uFFFD byte",
		"J.P. Morgan — ●◐○": "J.P. Morgan — ●◐○",
	}
	for in, want := range cases {
		got := esc(in)
		if got != want {
			t.Errorf("esc(%q) = %q, want %q", in, got, want)
		}
		// What esc writes, an XML parser reads back as the (cleaned) text.
		var back struct {
			A    string `xml:"a,attr"`
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(`<t a="`+got+`">`+got+`</t>`), &back); err != nil || back.A != back.Text || !utf8.ValidString(back.Text) {
			t.Errorf("esc(%q) does not read back: %v, %q, %q", in, err, back.A, back.Text)
		}
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", -0.04: "0", 1.25: "1.3", 12.04: "12", -3.46: "-3.5", 720: "720", 0.1 + 0.2: "0.3"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestFiltersLineAndProvenance(t *testing.T) {
	ds := shipped(t)
	for _, tc := range []struct{ query, want string }{
		{"", "Filters: All categories"},
		{"bank=citi,jpm&conf=low", "Filters: All categories"}, // the defaults, spelled out
		{"section=api&conf=high", "Filters: Section: Publicly visible API categories; Confidence: High or higher"},
		{"bank=jpm&diff=1&q=camt", "Filters: Bank: J.P. Morgan; Search: “camt”; Only where the banks differ"},
	} {
		q, _ := url.ParseQuery(tc.query)
		st, _ := compare.ParseQuery(q, ds)
		if got := FiltersLine(ds, st.Filters); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.query, got, tc.want)
		}
	}

	all := compare.NewMatrix(filtered(t, ds, ""))
	p := Provenance(ds, all)
	// The dates are the data's: the dataset's, then each bank's.
	want := fmt.Sprintf("Last verified %s (Citi %s; J.P. Morgan %s) · Sources: %d public sources cited by the cells shown, from J.P. Morgan, API Evangelist (third party), Citi, ",
		data.ReadableDate(ds.Meta.LastVerified), data.ReadableDate(ds.Bank("citi").LastVerified),
		data.ReadableDate(ds.Bank("jpm").LastVerified), len(ds.Sources))
	if !strings.HasPrefix(p, want) || !strings.HasSuffix(p, " · Comparative wording requires legal review before publication") {
		t.Errorf("provenance %q\nwant prefix %q", p, want)
	}
	// A narrower view cites fewer sources, and says so.
	jpm := Provenance(ds, compare.NewMatrix(filtered(t, ds, "bank=jpm&section=api")))
	if strings.Contains(jpm, "Citi") || !strings.Contains(jpm, "(J.P. Morgan "+data.ReadableDate(ds.Bank("jpm").LastVerified)+")") || strings.Contains(jpm, fmt.Sprintf("%d public", len(ds.Sources))) {
		t.Errorf("jpm/api provenance %q", jpm)
	}
}
