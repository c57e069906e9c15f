package main

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
)

func init() {
	commands["svg"] = command{
		summary: "write the comparison matrix as a standalone SVG (whole dataset or a filtered view)",
		run:     svg,
	}
}

func svg(e env, args []string) int {
	fs := newFlags(e, "svg", "svg [-dir DIR] [-query 'section=api&conf=high'] [-width PX] [-o FILE]\n\n"+
		"Writes the comparison matrix, with its title, filters and provenance, as a standalone SVG.")
	dir := fs.String("dir", "data/dataset", "dataset directory")
	query := fs.String("query", "", "filters, as in the widget's URL query (e.g. section=api&conf=high)")
	width := fs.Int("width", chart.DefaultWidth, fmt.Sprintf("layout width in px (at least %d)", chart.MinWidth))
	out := fs.String("o", "", "output file (default: standard output)")
	if err := fs.Parse(args); err != nil {
		return flagStatus(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "datatool svg: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *width < chart.MinWidth {
		fmt.Fprintf(e.stderr, "datatool svg: -width %d is below the minimum of %d\n", *width, chart.MinWidth)
		return 2
	}
	q, err := url.ParseQuery(strings.TrimPrefix(*query, "?"))
	if err != nil {
		fmt.Fprintf(e.stderr, "datatool svg: -query: %v\n", err)
		return 2
	}

	ds, err := data.Load(os.DirFS(*dir), e.now)
	if err != nil {
		fmt.Fprintf(e.stderr, "datatool svg: %s: %v\n", *dir, err)
		return 1
	}
	// Like the widget, a bad parameter is skipped and reported, not fatal.
	st, notices := compare.ParseQuery(q, ds)
	for _, n := range notices {
		fmt.Fprintln(e.stderr, "datatool svg:", n)
	}
	res := compare.NewIndex(ds).Filter(st.Filters, e.now)
	m := compare.NewMatrix(res)
	doc := chart.Standalone(ds, st.Filters, m, *width) + "\n"

	if *out == "" {
		fmt.Fprint(e.stdout, doc)
		return 0
	}
	if err := os.WriteFile(*out, []byte(doc), 0o644); err != nil {
		fmt.Fprintln(e.stderr, "datatool svg:", err)
		return 1
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d categories, %d banks\n", *out, m.RowCount(), len(m.Banks))
	return 0
}
