package preview

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
)

// The three-bank fixture: nothing here knows its banks or categories.
const fixtureDir = "../testdata/thirdbank"

func fixture(t testing.TB) (*data.Dataset, *compare.Index) {
	t.Helper()
	ds, err := data.Load(os.DirFS(fixtureDir), time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return ds, compare.NewIndex(ds)
}

func fixtureMatrix(t testing.TB, f compare.Filters) (*data.Dataset, compare.Matrix) {
	ds, ix := fixture(t)
	return ds, compare.NewMatrix(ix.Filter(f, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)))
}

func decode(t *testing.T, raw []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// dark counts pixels in r clearly darker than the white ground.
func dark(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

// near counts pixels in img within a small distance of col.
func near(img image.Image, col color.NRGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			d := absDiff(r>>8, uint32(col.R)) + absDiff(g>>8, uint32(col.G)) + absDiff(bb>>8, uint32(col.B))
			if d < 12 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestSVGToPNGDrawsTheSVG(t *testing.T) {
	ds, m := fixtureMatrix(t, compare.Filters{})
	svg := chart.File(ds, compare.Filters{}, m)
	raw, err := SVGToPNG([]byte(svg), 2)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, raw)
	// Exactly twice the drawing's size, as the page's PNG download.
	var w, h int
	head := svg[:strings.Index(svg, ">")]
	for _, a := range strings.Fields(head) {
		if v, ok := strings.CutPrefix(a, `width="`); ok {
			w = atoi(strings.TrimSuffix(v, `"`))
		}
		if v, ok := strings.CutPrefix(a, `height="`); ok {
			h = atoi(strings.TrimSuffix(v, `"`))
		}
	}
	if got := img.Bounds().Size(); got != (image.Point{2 * w, 2 * h}) {
		t.Errorf("PNG is %v, want 2 × %dx%d", got, w, h)
	}
	// The title in the top band is real text: many dark pixels.
	if n := dark(img, image.Rect(0, 0, img.Bounds().Dx(), 70)); n < 1500 {
		t.Errorf("only %d dark pixels where the title is", n)
	}
	// The stylesheet's colours are applied: documented glyphs are green,
	// the corner is the white ground.
	if n := near(img, color.NRGBA{0x1a, 0x6b, 0x3c, 0xff}); n < 1000 {
		t.Errorf("only %d pixels in the documented colour", n)
	}
	if r, g, b, _ := img.At(1, 1).RGBA(); r>>8 != 0xff || g>>8 != 0xff || b>>8 != 0xff {
		t.Error("the ground is not white")
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestSVGToPNGRefusesWhatItCannotDraw(t *testing.T) {
	for name, svg := range map[string]string{
		"foreign element": `<svg width="10" height="10"><image href="x"/></svg>`,
		"huge":            `<svg width="100000" height="100000"></svg>`,
		"no size":         `<svg></svg>`,
		"no svg":          `<g></g>`,
		"bad path":        `<svg width="10" height="10"><path d="M0 0 Q1 1 2 2Z" fill="#000"/></svg>`,
		"not xml":         `<svg width="10" height="10"><rect`,
	} {
		if _, err := SVGToPNG([]byte(svg), 2); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestCardPNG(t *testing.T) {
	ds, m := fixtureMatrix(t, compare.Filters{})
	raw, err := CardPNG(CardInput{Title: ds.Meta.Title, FiltersLine: "Filters: All categories",
		Verified: "Last verified Nov 24, 2026", Site: "Bank API compare", Matrix: m})
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, raw)
	if got := img.Bounds().Size(); got != (image.Point{CardWidth, CardHeight}) {
		t.Fatalf("card is %v", got)
	}
	if n := dark(img, image.Rect(40, 40, CardWidth-40, 160)); n < 4000 {
		t.Errorf("only %d dark pixels where the title is", n)
	}
	if n := dark(img, image.Rect(40, CardHeight-80, CardWidth/2, CardHeight-20)); n < 400 {
		t.Errorf("only %d dark pixels where the date is", n)
	}
	// Every bank's row of status marks is drawn: the fixture has a bank
	// with documented cells in each row.
	if n := near(img, statusOf[data.Documented]); n < 3*500 {
		t.Errorf("only %d pixels of documented marks for 3 banks", n)
	}
}

// A view with nothing in it still gives a card, not an error.
func TestCardPNGEmptyView(t *testing.T) {
	_, m := fixtureMatrix(t, compare.Filters{Query: "no such words anywhere"})
	if m.RowCount() != 0 {
		t.Fatalf("the query matched %d rows", m.RowCount())
	}
	if _, err := CardPNG(CardInput{Title: "T", Matrix: m}); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkOverviewPNG(b *testing.B) {
	ds, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	m := compare.NewMatrix(compare.NewIndex(ds).Filter(compare.Filters{}, time.Now()))
	svg := []byte(chart.File(ds, compare.Filters{}, m))
	b.Run("overview-2x", func(b *testing.B) {
		for range b.N {
			if _, err := SVGToPNG(svg, 2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("card", func(b *testing.B) {
		for range b.N {
			if _, err := CardPNG(CardInput{Title: ds.Meta.Title, Matrix: m}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestCounts(t *testing.T) {
	_, all := fixtureMatrix(t, compare.Filters{})
	_, one := fixtureMatrix(t, compare.Filters{Banks: []string{"citi"}})
	_, none := fixtureMatrix(t, compare.Filters{Query: "no such words anywhere"})
	for m, want := range map[*compare.Matrix]string{
		&all:  "categories shown; the banks differ on ",
		&one:  "categories shown",
		&none: "No categories match the filters",
	} {
		if got := Counts(*m); !strings.Contains(got, want) || len(m.Banks) == 1 && strings.Contains(got, "differ") {
			t.Errorf("Counts = %q, want %q", got, want)
		}
	}
}
