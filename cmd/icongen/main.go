// Command icongen draws the product's icons: two evidence cards side by side,
// each with rows of full, half and empty status dots. One geometry is
// rendered twice, as PNG (supersampled for smooth edges) and as SVG.
//
//	go run ./cmd/icongen -out web/icons
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
)

var (
	navy  = color.RGBA{0x12, 0x35, 0x5b, 0xff}
	paper = color.RGBA{0xff, 0xff, 0xff, 0xff}
	mint  = color.RGBA{0x9f, 0xe3, 0xd6, 0xff}
)

// shape is a filled region in unit coordinates.
type shape interface {
	contains(x, y float64) bool
	svg() string
}

type roundRect struct {
	x0, y0, x1, y1, r float64
	fill              color.RGBA
}

func (s roundRect) contains(x, y float64) bool {
	if x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1 {
		return false
	}
	cx := math.Max(s.x0+s.r, math.Min(x, s.x1-s.r))
	cy := math.Max(s.y0+s.r, math.Min(y, s.y1-s.r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= s.r*s.r
}

func (s roundRect) svg() string {
	return fmt.Sprintf(`<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.2f" fill="%s"/>`,
		s.x0*512, s.y0*512, (s.x1-s.x0)*512, (s.y1-s.y0)*512, s.r*512, hex(s.fill))
}

// dot is a status glyph: full, the left half, or a ring.
type dot struct {
	cx, cy, r float64
	kind      string // "full", "half", "ring"
	fill      color.RGBA
}

func (d dot) contains(x, y float64) bool {
	dist := math.Hypot(x-d.cx, y-d.cy)
	switch d.kind {
	case "half":
		return dist <= d.r && (x <= d.cx || dist >= d.r*0.72)
	case "ring":
		return dist <= d.r && dist >= d.r*0.72
	}
	return dist <= d.r
}

func (d dot) svg() string {
	cx, cy, r := d.cx*512, d.cy*512, d.r*512
	ring := fmt.Sprintf(`<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" stroke-width="%.2f"/>`,
		cx, cy, r*0.86, hex(d.fill), r*0.28)
	switch d.kind {
	case "ring":
		return ring
	case "half":
		return ring + fmt.Sprintf(`<path d="M%.2f %.2fA%.2f %.2f 0 0 0 %.2f %.2fZ" fill="%s"/>`,
			cx, cy-r, r, r, cx, cy+r, hex(d.fill))
	}
	return fmt.Sprintf(`<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>`, cx, cy, r, hex(d.fill))
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// drawing lays out the icon; maskable icons keep content in the safe zone
// and fill the whole square.
func drawing(maskable bool) []shape {
	var shapes []shape
	pad := 0.16
	if maskable {
		pad = 0.24
		shapes = append(shapes, roundRect{0, 0, 1, 1, 0, navy})
	} else {
		shapes = append(shapes, roundRect{0, 0, 1, 1, 0.2, navy})
	}
	size := 1 - 2*pad
	at := func(u float64) float64 { return pad + u*size }
	cards := []struct {
		x0, x1 float64
		fill   color.RGBA
		dots   []string
	}{
		{0, 0.46, paper, []string{"full", "full", "half"}},
		{0.54, 1, mint, []string{"full", "half", "ring"}},
	}
	for _, c := range cards {
		shapes = append(shapes, roundRect{at(c.x0), at(0.04), at(c.x1), at(0.96), 0.05 * size, c.fill})
		for i, kind := range c.dots {
			y := at(0.24 + 0.26*float64(i))
			shapes = append(shapes,
				dot{at(c.x0 + 0.12), y, 0.07 * size, kind, navy},
				roundRect{at(c.x0 + 0.23), y - 0.03*size, at(c.x1 - 0.06), y + 0.03*size, 0.03 * size, navy},
			)
		}
	}
	return shapes
}

// renderPNG paints the shapes at size×size, 4×4 samples per pixel.
func renderPNG(shapes []shape, size int) *image.NRGBA {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					for i := len(shapes) - 1; i >= 0; i-- {
						if c, ok := colorAt(shapes[i], x, y); ok {
							r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+255
							break
						}
					}
				}
			}
			n := float64(ss * ss)
			if a == 0 {
				continue
			}
			cov := a / 255
			img.SetNRGBA(px, py, color.NRGBA{uint8(r / cov), uint8(g / cov), uint8(b / cov), uint8(a / n)})
		}
	}
	return img
}

func colorAt(s shape, x, y float64) (color.RGBA, bool) {
	if !s.contains(x, y) {
		return color.RGBA{}, false
	}
	switch v := s.(type) {
	case roundRect:
		return v.fill, true
	case dot:
		return v.fill, true
	}
	return color.RGBA{}, false
}

func renderSVG(shapes []shape) string {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" aria-label="Bank API compare">`)
	for _, s := range shapes {
		b.WriteString(s.svg())
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func main() {
	out := flag.String("out", "web/icons", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	icons := []struct {
		name     string
		size     int
		maskable bool
	}{
		{"icon-192.png", 192, false},
		{"icon-512.png", 512, false},
		{"icon-maskable-512.png", 512, true},
		{"apple-touch-icon-180.png", 180, true},
	}
	for _, ic := range icons {
		if err := writePNG(filepath.Join(*out, ic.name), renderPNG(drawing(ic.maskable), ic.size)); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(*out, "icon.svg"), []byte(renderSVG(drawing(false))), 0o644); err != nil {
		log.Fatal(err)
	}
}
