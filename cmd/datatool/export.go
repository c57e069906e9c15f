package main

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"citijpm/compare"
)

func init() {
	commands["export"] = command{
		summary: "write the comparison (all of it, or a filtered view) as CSV or JSON",
		run:     export,
	}
}

const exportSynopsis = `export [-format csv|json] [-dir DIR] [-o FILE|DIR] [-query QUERY]

Writes the same files as the page's Download buttons. CSV has one row per
bank × category; JSON uses the dataset's own schema.

-query narrows the export to a shared view: the page's URL query, such as
'section=api&conf=high', or the whole URL. Ignored parameters are listed on
stderr. With -o DIR, the file gets its download name, e.g.
citi-jpm-comparison-2026-11-24-filtered.csv.`

func export(e env, args []string) int {
	fs := newFlags(e, "export", exportSynopsis)
	format := fs.String("format", "csv", "csv or json")
	dir := fs.String("dir", "data/dataset", "dataset directory")
	out := fs.String("o", "", "output file, or a directory to write the download name into (default: stdout)")
	query := fs.String("query", "", "filters as a URL query, e.g. 'section=api&conf=high'")
	if err := fs.Parse(args); err != nil {
		return flagStatus(err)
	}
	if *format != "csv" && *format != "json" {
		fmt.Fprintf(e.stderr, "datatool export: -format %q: want csv or json\n", *format)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "datatool export: unexpected argument %q (quote the -query value)\n", fs.Arg(0))
		return 2
	}
	ds, ok := loadDataset(e, "export", *dir)
	if !ok {
		return 1
	}

	// A pasted page URL works as well as its query.
	raw := *query
	if _, after, found := strings.Cut(raw, "?"); found {
		raw = after
	}
	raw, _, _ = strings.Cut(raw, "#")
	// As in the browser, a malformed pair is dropped and the rest applies.
	q, err := url.ParseQuery(raw)
	if err != nil {
		fmt.Fprintf(e.stderr, "datatool export: -query: %v\n", err)
	}
	st, notices := compare.ParseQuery(q, ds)
	for _, n := range notices {
		fmt.Fprintln(e.stderr, "datatool export:", n)
	}

	ix := compare.NewIndex(ds)
	res := ix.Filter(st.Filters, e.now)
	var buf bytes.Buffer
	if *format == "csv" {
		err = compare.WriteCSV(&buf, ix, res, e.now)
	} else {
		err = compare.WriteJSON(&buf, ix, res)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "datatool export:", err)
		return 1
	}

	if *out == "" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			fmt.Fprintln(e.stderr, "datatool export:", err)
			return 1
		}
		return 0
	}
	path := *out
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, compare.ExportName(ds, !st.Filters.IsZero(), *format))
	}
	// Built in memory first, so an export error never leaves half a file.
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(e.stderr, "datatool export:", err)
		return 1
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d of %d categories × %d banks\n", path, res.Count, res.Total, len(res.Banks))
	return 0
}
