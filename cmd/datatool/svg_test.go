package main

import (
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"citijpm/compare"
	"citijpm/data"
	"citijpm/internal/testclock"
)

// svgFacts reads what the tests check from an SVG document, and fails on
// anything that is not well-formed XML.
type svgFacts struct {
	viewBox string
	cells   int
	banks   map[string]bool
	filters string
	texts   string
}

func readSVG(t *testing.T, doc string) svgFacts {
	t.Helper()
	f := svgFacts{banks: map[string]bool{}}
	dec := xml.NewDecoder(strings.NewReader(doc))
	var class string
	var texts []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid SVG: %v\n%.200s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			class = ""
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "viewBox":
					if tok.Name.Local == "svg" {
						f.viewBox = a.Value
					}
				case "class":
					class = a.Value
				}
			}
			if strings.HasPrefix(class, "mx-cell ") {
				f.cells++
				for _, a := range tok.Attr {
					if a.Name.Local == "data-bank" {
						f.banks[a.Value] = true
					}
				}
			}
		case xml.CharData:
			texts = append(texts, string(tok))
			if class == "mx-filters" {
				f.filters += string(tok) + " "
			}
		}
	}
	f.filters = strings.TrimSpace(f.filters)
	f.texts = strings.Join(texts, " ")
	return f
}

func TestSVG(t *testing.T) {
	ds, err := data.Load(os.DirFS("../../data/dataset"), testclock.Today(os.DirFS("../../data/dataset")))
	if err != nil {
		t.Fatal(err)
	}
	// shown counts the categories a view shows: every bank, or one.
	shown := func(query string) int {
		q, _ := url.ParseQuery(query)
		st, _ := compare.ParseQuery(q, ds)
		return compare.NewIndex(ds).Filter(st.Filters, today).Count
	}
	all := len(ds.Categories)
	cases := []struct {
		name      string
		args      []string
		cells     int
		banks     int
		width     string
		filters   string
		stderrHas string
	}{
		{"whole dataset", nil, 2 * all, 2, "720", "Filters: All categories", ""},
		{"filtered", []string{"-query", "section=api&conf=high"}, 2 * shown("section=api&conf=high"), 2, "720",
			"Filters: Section: Publicly visible API categories; Confidence: High or higher", ""},
		{"leading ? and one bank", []string{"-query", "?bank=jpm&section=playbook", "-width", "960"}, shown("bank=jpm&section=playbook"), 1, "960",
			"Filters: Bank: J.P. Morgan; Section: Publicly documented API examples (Citi API Playbook)", ""},
		{"narrow", []string{"-width", "320"}, 2 * all, 2, "320", "Filters: All categories", ""},
		// A bad parameter is reported and skipped, as in the widget.
		{"notice", []string{"-query", "conf=certain&section=api"}, 2 * shown("section=api"), 2, "720",
			"Filters: Section: Publicly visible API categories", `Ignored conf=certain: expected high, medium or low.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cells == 0 {
				t.Fatal("the view shows nothing; the case tests nothing")
			}
			args := append([]string{"svg", "-dir", "../../data/dataset"}, tc.args...)
			status, out, errOut := runTool(t, args...)
			if status != 0 {
				t.Fatalf("status %d: %s", status, errOut)
			}
			if tc.stderrHas != "" && !strings.Contains(errOut, tc.stderrHas) {
				t.Errorf("stderr %q lacks %q", errOut, tc.stderrHas)
			}
			if tc.stderrHas == "" && errOut != "" {
				t.Errorf("unexpected stderr %q", errOut)
			}
			if !strings.HasPrefix(out, `<svg xmlns="http://www.w3.org/2000/svg"`) || !strings.HasSuffix(out, "</svg>\n") {
				t.Errorf("not a standalone SVG document: %.80s … %.20s", out, out[max(len(out)-20, 0):])
			}
			f := readSVG(t, out)
			if f.cells != tc.cells || len(f.banks) != tc.banks {
				t.Errorf("%d cells of %d banks, want %d of %d", f.cells, len(f.banks), tc.cells, tc.banks)
			}
			if !strings.HasPrefix(f.viewBox, "0 0 "+tc.width+" ") {
				t.Errorf("viewBox %q, want width %s", f.viewBox, tc.width)
			}
			if f.filters != tc.filters {
				t.Errorf("filters line %q, want %q", f.filters, tc.filters)
			}
			for _, want := range []string{"Citi vs J.P. Morgan", "Last verified", "Sources:", "legal", "review"} {
				if !strings.Contains(f.texts, want) {
					t.Errorf("image text lacks %q", want)
				}
			}
		})
	}
}

func TestSVGToFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "matrix.svg")
	status, out, errOut := runTool(t, "svg", "-dir", "../../data/dataset", "-o", path)
	if status != 0 || out != "" || !strings.Contains(errOut, "wrote "+path) {
		t.Fatalf("status %d, stdout %q, stderr %q", status, out, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f := readSVG(t, string(b)); f.cells == 0 || len(f.banks) != 2 {
		t.Errorf("file has %d cells of %d banks", f.cells, len(f.banks))
	}
	// Same input, same bytes: the file can be committed and diffed.
	_, again, _ := runTool(t, "svg", "-dir", "../../data/dataset")
	if again != string(b) {
		t.Error("stdout and file differ, or output is not deterministic")
	}
}

func TestSVGErrors(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"help", []string{"-help"}, 0, "-query"},
		{"bad query", []string{"-query", "q=%zz"}, 2, "-query"},
		{"stray argument", []string{"extra"}, 2, `unexpected argument "extra"`},
		{"too narrow", []string{"-width", "200"}, 2, "minimum of 320"},
		{"unknown flag", []string{"-colour", "red"}, 2, "-colour"},
		{"missing dataset", []string{"-dir", "no/such/dir"}, 1, "no/such/dir"},
		{"unwritable output", []string{"-o", "no/such/dir/matrix.svg"}, 1, "no/such/dir/matrix.svg"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"svg"}, tc.args...)
			if !strings.HasPrefix(tc.name, "missing") {
				args = append([]string{"svg", "-dir", "../../data/dataset"}, tc.args...)
			}
			status, out, errOut := runTool(t, args...)
			if status != tc.status || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, errOut, tc.status, tc.stderr)
			}
			if out != "" {
				t.Errorf("stdout %.80q on error", out)
			}
		})
	}
	if _, out, _ := runTool(t, "help"); !strings.Contains(out, "svg") {
		t.Error("usage does not list svg")
	}
}
