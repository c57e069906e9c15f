package preview

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
	"time"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
)

func overviewSVG(t *testing.T, f compare.Filters) (*data.Dataset, compare.Matrix, []byte) {
	t.Helper()
	ds, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := compare.NewMatrix(compare.NewIndex(ds).Filter(f, time.Now()))
	return ds, m, []byte(chart.File(ds, f, m))
}

// dark counts pixels in r that are clearly darker than the white ground.
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

func TestSVGToPNG(t *testing.T) {
	_, _, svg := overviewSVG(t, compare.Filters{})
	raw, err := SVGToPNG(svg, 2)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("PREVIEW_OUT") != "" {
		os.WriteFile(os.Getenv("PREVIEW_OUT")+"/overview.png", raw, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Dx(); got != 2*chart.DefaultWidth {
		t.Errorf("width %d, want %d", got, 2*chart.DefaultWidth)
	}
	// The title is drawn in the top band: real text leaves dark pixels.
	if n := dark(img, image.Rect(0, 0, img.Bounds().Dx(), 80)); n < 500 {
		t.Errorf("only %d dark pixels where the title is", n)
	}
}

func TestCardPNG(t *testing.T) {
	ds, m, _ := overviewSVG(t, cardFilters())
	raw, err := CardPNG(CardInput{Title: ds.Meta.Title, FiltersLine: "Filters: Section: API", Verified: "Last verified Nov 24, 2026",
		Site: "Bank API compare", Matrix: m})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("PREVIEW_OUT") != "" {
		os.WriteFile(os.Getenv("PREVIEW_OUT")+"/card.png", raw, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != (image.Point{CardWidth, CardHeight}) {
		t.Errorf("card is %v", got)
	}
	if n := dark(img, image.Rect(0, 40, CardWidth, 160)); n < 2000 {
		t.Errorf("only %d dark pixels where the title is", n)
	}
}

func cardFilters() compare.Filters {
	if os.Getenv("PREVIEW_ALL") != "" {
		return compare.Filters{}
	}
	return compare.Filters{Sections: []string{"api"}}
}
