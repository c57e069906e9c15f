// Package preview draws the overview as PNG on the server, in pure Go: the
// standalone SVG of package chart rasterised at any scale (the 2× download),
// and a 1200×630 card for link previews. It uses golang.org/x/image: vector
// for shapes, opentype for text set in the Go fonts (BSD licence, shipped
// inside that module). No browser, no cgo, no external program.
//
// Only the server imports this package: the WebAssembly app must not carry
// a rasteriser and two fonts (see cmd/wasmsize).
package preview

import (
	"image"
	"image/color"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// canvas paints shapes and text onto an RGBA image; coordinates are in
// drawing units, multiplied by scale into pixels.
type canvas struct {
	img   *image.RGBA
	scale float64
	z     vector.Rasterizer // reused: sized to each shape's bounding box
}

func newCanvas(w, h int, scale float64) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), scale: scale}
}

// path is a closed outline in drawing units; several subpaths wound in
// opposite directions leave holes (rings, outlines).
type path [][]point

type point struct{ x, y float64 }

// fill paints p in col, anti-aliased.
func (c *canvas) fill(p path, col color.Color) {
	if _, _, _, a := col.RGBA(); a == 0 || len(p) == 0 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, sub := range p {
		for _, q := range sub {
			minX, minY = min(minX, q.x*c.scale), min(minY, q.y*c.scale)
			maxX, maxY = max(maxX, q.x*c.scale), max(maxY, q.y*c.scale)
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).
		Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	c.z.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for _, sub := range p {
		for i, q := range sub {
			x, y := float32(q.x*c.scale-ox), float32(q.y*c.scale-oy)
			if i == 0 {
				c.z.MoveTo(x, y)
			} else {
				c.z.LineTo(x, y)
			}
		}
		c.z.ClosePath()
	}
	c.z.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

// rect is a rectangle wound clockwise; reversed, it cuts a hole.
func rect(x, y, w, h float64) []point {
	return []point{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
}

func reverse(ps []point) []point {
	out := make([]point, len(ps))
	for i, q := range ps {
		out[len(ps)-1-i] = q
	}
	return out
}

// circle approximates a circle by a polygon fine enough at any scale used.
func circle(cx, cy, r float64) []point {
	const n = 48
	ps := make([]point, n)
	for i := range ps {
		a := 2 * math.Pi * float64(i) / n
		ps[i] = point{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	return ps
}

// strokeRect outlines a rectangle with a line of width sw centred on its edge.
func strokeRect(x, y, w, h, sw float64) path {
	outer := rect(x-sw/2, y-sw/2, w+sw, h+sw)
	if w <= sw || h <= sw {
		return path{outer}
	}
	return path{outer, reverse(rect(x+sw/2, y+sw/2, w-sw, h-sw))}
}

// strokeCircle is a ring of width sw centred on the circle.
func strokeCircle(cx, cy, r, sw float64) path {
	if r <= sw/2 {
		return path{circle(cx, cy, r+sw/2)}
	}
	return path{circle(cx, cy, r+sw/2), reverse(circle(cx, cy, r-sw/2))}
}

// strokeLine is a straight line of width sw with butt ends.
func strokeLine(x1, y1, x2, y2, sw float64) path {
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return nil
	}
	nx, ny := -dy/l*sw/2, dx/l*sw/2
	return path{{{x1 + nx, y1 + ny}, {x2 + nx, y2 + ny}, {x2 - nx, y2 - ny}, {x1 - nx, y1 - ny}}}
}

// Fonts: parsed once; faces are made per size, which is cheap.
var (
	fontsOnce           sync.Once
	regularFont, boldFt *opentype.Font
	fontsErr            error
)

func loadFonts() error {
	fontsOnce.Do(func() {
		if regularFont, fontsErr = opentype.Parse(goregular.TTF); fontsErr != nil {
			return
		}
		boldFt, fontsErr = opentype.Parse(gobold.TTF)
	})
	return fontsErr
}

// face returns a face for size pixels; the caller closes it.
func face(size float64, bold bool) font.Face {
	f := regularFont
	if bold {
		f = boldFt
	}
	// NewFace only records its options; it has no error to return.
	fc, _ := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	return fc
}

// textWidth is the advance of s at size drawing units, in drawing units.
func (c *canvas) textWidth(s string, size float64, bold bool) float64 {
	f := face(size*c.scale, bold)
	defer f.Close()
	return float64(font.MeasureString(f, s)) / 64 / c.scale
}

// anchor says where x is on the text: its start, middle or end.
type anchor int

const (
	start anchor = iota
	middle
	end
)

// text draws s with its baseline at y.
func (c *canvas) text(x, y, size float64, bold bool, col color.Color, a anchor, s string) {
	if s == "" || size <= 0 {
		return
	}
	f := face(size*c.scale, bold)
	defer f.Close()
	px := x * c.scale
	switch a {
	case middle:
		px -= float64(font.MeasureString(f, s)) / 64 / 2
	case end:
		px -= float64(font.MeasureString(f, s)) / 64
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(px * 64), Y: fixed.Int26_6(y * c.scale * 64)}}
	d.DrawString(s)
}

// wrap breaks s into lines that fit maxW at size, measuring the real font;
// with maxLines > 0 the last line ends in "…" when text was left out.
func (c *canvas) wrap(s string, size float64, bold bool, maxW float64, maxLines int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur == "" || c.textWidth(try, size, bold) <= maxW {
			cur = try
			continue
		}
		lines = append(lines, cur)
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if maxLines <= 0 || len(lines) <= maxLines {
		return lines
	}
	last := []rune(lines[maxLines-1])
	for len(last) > 1 && c.textWidth(string(last)+"…", size, bold) > maxW {
		last = last[:len(last)-1]
	}
	return append(lines[:maxLines-1], string(last)+"…")
}
