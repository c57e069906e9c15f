package preview

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
)

// SVGToPNG rasterises a standalone overview from chart.File at scale (2
// for the download): the same drawing, pixel for pixel where fonts allow,
// as the SVG file. It reads the subset chart writes (svg, g, rect, circle,
// line, path with M/L/A/Z, text, a <style> of class colour rules) and
// fails on anything else rather than drawing it wrong.
func SVGToPNG(svg []byte, scale float64) ([]byte, error) {
	img, err := rasterSVG(svg, scale)
	if err != nil {
		return nil, err
	}
	return encodePNG(img)
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// style is what an element inherits from its parents.
type style struct {
	color   color.NRGBA // CSS color, the value of currentColor
	fill    string      // the fill attribute in effect
	opacity float64     // group opacity, multiplied down the tree
	hidden  bool        // inside <title>, <desc> or <style>
}

func rasterSVG(svg []byte, scale float64) (*image.RGBA, error) {
	if err := loadFonts(); err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var (
		c     *canvas
		rules []cssRule
		stack []style
		text  *textRun
		css   strings.Builder
		inCSS bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("overview SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := style{color: color.NRGBA{A: 255}, fill: "black", opacity: 1}
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			a := attrMap(t.Attr)
			st := parent
			if col, ok := matchColor(rules, a["class"]); ok {
				st.color = col
			}
			if f, ok := a["fill"]; ok {
				st.fill = f
			}
			if o, ok := a["opacity"]; ok {
				st.opacity *= parseNum(o, 1)
			}
			stack = append(stack, st)
			if st.hidden {
				continue
			}
			switch t.Name.Local {
			case "svg":
				if c != nil {
					return nil, errors.New("overview SVG: nested <svg>")
				}
				w, h := parseNum(a["width"], 0), parseNum(a["height"], 0)
				if w <= 0 || h <= 0 || w*h*scale*scale > 40e6 {
					return nil, fmt.Errorf("overview SVG: unusable size %vx%v", w, h)
				}
				c = newCanvas(int(math.Ceil(w*scale)), int(math.Ceil(h*scale)), scale)
			case "title", "desc":
				stack[len(stack)-1].hidden = true
			case "style":
				stack[len(stack)-1].hidden = true
				inCSS = true
			case "g":
			case "text":
				text = &textRun{a: a, st: st}
			case "rect", "circle", "line", "path":
				if c == nil {
					return nil, errors.New("overview SVG: a shape outside <svg>")
				}
				if err := drawShape(c, t.Name.Local, a, st); err != nil {
					return nil, err
				}
			default:
				return nil, fmt.Errorf("overview SVG: unsupported element <%s>", t.Name.Local)
			}
		case xml.CharData:
			switch {
			case inCSS:
				css.Write(t)
			case text != nil && !stack[len(stack)-1].hidden:
				text.s.Write(t)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch t.Name.Local {
			case "style":
				rules, inCSS = parseCSS(css.String()), false
			case "text":
				if text != nil && c != nil {
					text.draw(c)
				}
				text = nil
			}
		}
	}
	if c == nil {
		return nil, errors.New("overview SVG: no <svg> element")
	}
	return c.img, nil
}

type textRun struct {
	a  map[string]string
	st style
	s  strings.Builder
}

func (t *textRun) draw(c *canvas) {
	col, ok := paint(t.st.fill, t.st)
	if !ok {
		return
	}
	an := start
	switch t.a["text-anchor"] {
	case "middle":
		an = middle
	case "end":
		an = end
	}
	c.text(parseNum(t.a["x"], 0), parseNum(t.a["y"], 0), parseNum(t.a["font-size"], 16),
		t.a["font-weight"] == "bold", col, an, t.s.String())
}

func drawShape(c *canvas, name string, a map[string]string, st style) error {
	n := func(k string) float64 { return parseNum(a[k], 0) }
	fill, hasFill := paint(st.fill, st)
	if hasFill {
		fill.A = uint8(float64(fill.A) * parseNum(a["fill-opacity"], 1))
	}
	stroke, hasStroke := paint(a["stroke"], st)
	sw := parseNum(a["stroke-width"], 1)
	if hasStroke {
		stroke.A = uint8(float64(stroke.A) * parseNum(a["stroke-opacity"], 1))
	}
	switch name {
	case "rect":
		x, y, w, h := n("x"), n("y"), n("width"), n("height")
		if hasFill {
			c.fill(path{rect(x, y, w, h)}, fill)
		}
		if hasStroke {
			c.fill(strokeRect(x, y, w, h, sw), stroke)
		}
	case "circle":
		if hasFill {
			c.fill(path{circle(n("cx"), n("cy"), n("r"))}, fill)
		}
		if hasStroke {
			c.fill(strokeCircle(n("cx"), n("cy"), n("r"), sw), stroke)
		}
	case "line":
		if hasStroke {
			c.fill(strokeLine(n("x1"), n("y1"), n("x2"), n("y2"), sw), stroke)
		}
	case "path":
		p, err := parsePath(a["d"])
		if err != nil {
			return err
		}
		if hasFill {
			c.fill(p, fill)
		}
		if hasStroke {
			return errors.New("overview SVG: stroked <path> is not supported")
		}
	}
	return nil
}

// paint resolves a fill or stroke value: "none", "currentColor" or #rgb/#rrggbb.
func paint(v string, st style) (color.NRGBA, bool) {
	var col color.NRGBA
	switch v {
	case "", "none":
		return col, false
	case "currentColor":
		col = st.color
	default:
		var ok bool
		if col, ok = parseHex(v); !ok {
			return col, false
		}
	}
	col.A = uint8(float64(col.A) * st.opacity)
	return col, col.A > 0
}

func parseHex(s string) (color.NRGBA, bool) {
	s, ok := strings.CutPrefix(s, "#")
	if !ok {
		return color.NRGBA{}, false
	}
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || len(s) != 6 {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, true
}

func parseNum(s string, fallback float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return fallback
	}
	return v
}

func attrMap(attrs []xml.Attr) map[string]string {
	m := make(map[string]string, len(attrs))
	for _, a := range attrs {
		m[a.Name.Local] = a.Value
	}
	return m
}

// cssRule is one selector of the standalone file's stylesheet: the classes
// it needs (".a.b") and the colour it sets.
type cssRule struct {
	classes []string
	color   color.NRGBA
}

// parseCSS reads rules of the form ".a,.b.c{color:#hex}", the only kind
// chart's stylesheet holds; anything else is skipped.
func parseCSS(css string) []cssRule {
	var rules []cssRule
	for _, block := range strings.Split(css, "}") {
		sel, decl, ok := strings.Cut(block, "{")
		if !ok {
			continue
		}
		var col color.NRGBA
		found := false
		for _, d := range strings.Split(decl, ";") {
			k, v, _ := strings.Cut(d, ":")
			if strings.TrimSpace(k) == "color" {
				col, found = parseHex(strings.TrimSpace(v))
			}
		}
		if !found {
			continue
		}
		for _, s := range strings.Split(sel, ",") {
			classes := strings.Split(strings.TrimPrefix(strings.TrimSpace(s), "."), ".")
			rules = append(rules, cssRule{classes: classes, color: col})
		}
	}
	return rules
}

// matchColor applies the most specific matching rule (the later on a tie),
// as CSS does.
func matchColor(rules []cssRule, class string) (color.NRGBA, bool) {
	have := strings.Fields(class)
	best, bestN := color.NRGBA{}, 0
	for _, r := range rules {
		all := true
		for _, c := range r.classes {
			found := false
			for _, h := range have {
				found = found || h == c
			}
			all = all && found
		}
		if all && len(r.classes) >= bestN {
			best, bestN = r.color, len(r.classes)
		}
	}
	return best, bestN > 0
}

// parsePath reads path data made of M, L, A (circular arcs) and Z, with
// absolute coordinates: what chart writes.
func parsePath(d string) (path, error) {
	toks := pathTokens(d)
	var p path
	var cur []point
	var pen point
	num := func(i int) (float64, error) {
		if i >= len(toks) {
			return 0, errors.New("overview SVG: path data ends early")
		}
		return strconv.ParseFloat(toks[i], 64)
	}
	for i := 0; i < len(toks); {
		cmd := toks[i]
		i++
		switch cmd {
		case "M", "L":
			x, err1 := num(i)
			y, err2 := num(i + 1)
			if err := errors.Join(err1, err2); err != nil {
				return nil, err
			}
			i += 2
			if cmd == "M" && len(cur) > 0 {
				p = append(p, cur)
				cur = nil
			}
			pen = point{x, y}
			cur = append(cur, pen)
		case "A":
			var v [7]float64
			for k := range v {
				f, err := num(i + k)
				if err != nil {
					return nil, err
				}
				v[k] = f
			}
			i += 7
			to := point{v[5], v[6]}
			cur = append(cur, arc(pen, to, v[0], v[3] != 0, v[4] != 0)...)
			pen = to
		case "Z", "z":
			if len(cur) > 0 {
				p = append(p, cur)
				cur = nil
			}
		default:
			return nil, fmt.Errorf("overview SVG: unsupported path command %q", cmd)
		}
	}
	if len(cur) > 0 {
		p = append(p, cur)
	}
	return p, nil
}

// pathTokens splits path data into commands and numbers.
func pathTokens(d string) []string {
	var toks []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, b.String())
			b.Reset()
		}
	}
	for _, r := range d {
		switch {
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' && r != 'e':
			flush()
			toks = append(toks, string(r))
		case r == ' ' || r == ',' || r == '\n' || r == '\t':
			flush()
		case r == '-' && b.Len() > 0 && !strings.HasSuffix(b.String(), "e"):
			flush()
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return toks
}

// arc returns points along a circular arc of radius r from a to b, after a,
// per SVG's endpoint parameterisation (rx = ry, no rotation).
func arc(a, b point, r float64, large, sweep bool) []point {
	dx, dy := (b.x-a.x)/2, (b.y-a.y)/2
	d := math.Hypot(dx, dy)
	if d == 0 || r == 0 {
		return []point{b}
	}
	r = max(r, d)
	h := math.Sqrt(max(r*r-d*d, 0))
	// The centre sits on the perpendicular bisector of ab.
	mx, my := (a.x+b.x)/2, (a.y+b.y)/2
	ux, uy := -dy/d, dx/d
	sign := 1.0
	if large == sweep {
		sign = -1
	}
	cx, cy := mx+sign*h*ux, my+sign*h*uy
	t0 := math.Atan2(a.y-cy, a.x-cx)
	t1 := math.Atan2(b.y-cy, b.x-cx)
	dt := t1 - t0
	if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	}
	const steps = 24
	ps := make([]point, 0, steps)
	for k := 1; k <= steps; k++ {
		t := t0 + dt*float64(k)/steps
		ps = append(ps, point{cx + r*math.Cos(t), cy + r*math.Sin(t)})
	}
	return ps
}
