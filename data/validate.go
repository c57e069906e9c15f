package data

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// idPattern is compiled on first use, like every pattern of this package:
// the browser decodes the dataset without validating it (Trusted), and a
// compile at start would lengthen Go's start, one task that blocks the page.
var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })

// ParseDate reads a dataset date: "2006-01-02", or "2006-01" when only the
// month is known. It returns the first day the date can mean.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or YYYY-MM)", s)
}

// Validate checks a decoded dataset for everything JSON decoding cannot see:
// ids, references, enumerations, dates, URLs, required text and coverage of
// every bank × category. It returns every problem, not just the first.
func Validate(ds *Dataset, today time.Time) Problems {
	v := validator{ds: ds, today: today}
	v.meta()
	v.banks()
	v.sources()
	v.sections()
	v.categories()
	v.markets()
	v.offerings()
	v.cells()
	v.coverage()
	return v.problems
}

type validator struct {
	ds       *Dataset
	today    time.Time
	problems Problems
}

func (v *validator) in(file string) reporter { return reporter{problems: &v.problems, file: file} }

func (v *validator) meta() {
	r, m := v.in(metaFile), v.ds.Meta
	required(r, "$.title", m.Title)
	required(r, "$.summary", m.Summary)
	required(r, "$.framing", m.Framing)
	required(r, "$.version", m.Version)
	v.date(r, "$.lastVerified", m.LastVerified, false)
	confidence(r, "$.confidence", m.Confidence)
	if m.LegalReview.Required {
		required(r, "$.legalReview.note", m.LegalReview.Note)
	}
	if m.StaleAfterDays <= 0 {
		r.add("$.staleAfterDays", "must be a positive number of days, found %d", m.StaleAfterDays)
	}
	if len(m.AtAGlance) == 0 {
		r.add("$.atAGlance", "must list at least one item")
	}
	kinds := []GlanceKind{GlanceVisible, GlanceUseful, GlanceNotVisible, GlanceBestUse}
	for i, g := range m.AtAGlance {
		at := fmt.Sprintf("$.atAGlance[%d]", i)
		oneOf(r, at+".kind", g.Kind, kinds)
		required(r, at+".tag", g.Tag)
		required(r, at+".title", g.Title)
		required(r, at+".text", g.Text)
		if g.Bank != "" && !v.hasBank(g.Bank) {
			r.add(at+".bank", "unknown bank %q", g.Bank)
		}
	}
	for i, p := range m.PeerPortals {
		at := fmt.Sprintf("$.peerPortals[%d]", i)
		required(r, at+".name", p.Name)
		required(r, at+".description", p.Description)
		switch {
		case p.URL != "":
			httpsURL(r, at+".url", p.URL)
		case !p.Internal:
			r.add(at+".url", "an external peer portal needs a URL (or set internal: true)")
		}
		if p.SourceDate != "" {
			v.date(r, at+".sourceDate", p.SourceDate, true)
		}
		if p.LastVerified != "" {
			v.date(r, at+".lastVerified", p.LastVerified, false)
		}
		if p.Confidence != "" {
			confidence(r, at+".confidence", p.Confidence)
		}
	}
}

func (v *validator) banks() {
	r := v.in(banksFile)
	if len(v.ds.Banks) == 0 {
		r.add("$", "must list at least one bank")
	}
	seen := map[string]bool{}
	for i, b := range v.ds.Banks {
		at := fmt.Sprintf("$[%d]", i)
		id(r, at+".id", b.ID, seen)
		required(r, at+".name", b.Name)
		required(r, at+".shortName", b.ShortName)
		required(r, at+".portalName", b.PortalName)
		httpsURL(r, at+".portalURL", b.PortalURL)
		v.date(r, at+".lastVerified", b.LastVerified, false)
		confidence(r, at+".confidence", b.Confidence)
	}
}

func (v *validator) sources() {
	r := v.in(sourcesFile)
	seen := map[string]bool{}
	cited := v.citedSources()
	for i, s := range v.ds.Sources {
		at := fmt.Sprintf("$[%d]", i)
		id(r, at+".id", s.ID, seen)
		required(r, at+".title", s.Title)
		required(r, at+".publisher", s.Publisher)
		if s.URL != "" {
			httpsURL(r, at+".url", s.URL)
		} else if strings.TrimSpace(s.Note) == "" {
			r.add(at+".url", "missing: give the https URL, or a note saying why there is none")
		}
		v.date(r, at+".date", s.Date, true)
		oneOf(r, at+".kind", s.Kind, SourceKinds)
		if s.ID != "" && !cited[s.ID] {
			r.add(at+".id", "source %q is not cited by any cell", s.ID)
		}
	}
}

func (v *validator) sections() {
	r := v.in(sectionsFile)
	if len(v.ds.Sections) == 0 {
		r.add("$", "must list at least one section")
	}
	seen := map[string]bool{}
	for i, s := range v.ds.Sections {
		at := fmt.Sprintf("$[%d]", i)
		id(r, at+".id", s.ID, seen)
		required(r, at+".title", s.Title)
		required(r, at+".intro", s.Intro)
		if s.ID != "" && !slices.ContainsFunc(v.ds.Categories, func(c Category) bool { return c.Section == s.ID }) {
			r.add(at+".id", "section %q has no categories", s.ID)
		}
	}
}

func (v *validator) categories() {
	r := v.in(categoriesFile)
	seen := map[string]bool{}
	for i, c := range v.ds.Categories {
		at := fmt.Sprintf("$[%d]", i)
		id(r, at+".id", c.ID, seen)
		if !slices.ContainsFunc(v.ds.Sections, func(s Section) bool { return s.ID == c.Section }) {
			r.add(at+".section", "unknown section %q", c.Section)
		}
		required(r, at+".name", c.Name)
		required(r, at+".description", c.Description)
	}
}

func (v *validator) cells() {
	seen := map[[2]string]string{}
	for i, c := range v.ds.Cells {
		file, at := v.ds.cellLocation(i)
		r := v.in(file)
		if !v.hasBank(c.Bank) {
			r.add(at+".bank", "unknown bank %q", c.Bank)
		}
		if !slices.ContainsFunc(v.ds.Categories, func(k Category) bool { return k.ID == c.Category }) {
			r.add(at+".category", "unknown category %q", c.Category)
		}
		key := [2]string{c.Bank, c.Category}
		if first, dup := seen[key]; dup {
			r.add(at, "duplicate cell for bank %q × category %q (first at %s)", c.Bank, c.Category, first)
		} else {
			seen[key] = file + " " + at
		}
		oneOf(r, at+".status", c.Status, Statuses)
		required(r, at+".enables", c.Enables)
		required(r, at+".evidence", c.Evidence)
		for j, f := range c.Formats {
			required(r, fmt.Sprintf("%s.formats[%d]", at, j), f)
		}
		cited := map[string]bool{}
		for j, s := range c.Sources {
			sat := fmt.Sprintf("%s.sources[%d]", at, j)
			switch {
			case v.ds.sourceIndex(s) < 0:
				r.add(sat, "unknown source %q", s)
			case cited[s]:
				r.add(sat, "source %q is cited twice", s)
			}
			cited[s] = true
		}
		confidence(r, at+".confidence", c.Confidence)
		oneOf(r, at+".label", c.Label, Labels)
		if c.Label.HasSources() && len(c.Sources) == 0 {
			r.add(at+".sources", "a %q cell must cite at least one source", c.Label.Title())
		}
		v.date(r, at+".lastVerified", c.LastVerified, false)
		v.cellMarkets(r, at, c)
		v.cellOfferings(r, at, c)
		for j, s := range c.Searched {
			required(r, fmt.Sprintf("%s.searched[%d]", at, j), s)
		}
		if c.Label == SearchedNotFound {
			if c.Status != NotVisible {
				r.add(at+".status", "a %q cell must be %q", c.Label.Title(), NotVisible)
			}
			if len(c.Searched) == 0 {
				r.add(at+".searched", "a %q cell must say where it was looked for", c.Label.Title())
			}
		}
	}
}

// coverage requires one cell per bank × category: a blank is never silent.
func (v *validator) coverage() {
	for _, b := range v.ds.Banks {
		for _, c := range v.ds.Categories {
			found := slices.ContainsFunc(v.ds.Cells, func(x Cell) bool { return x.Bank == b.ID && x.Category == c.ID })
			if !found && b.ID != "" && c.ID != "" {
				v.in(v.ds.fileForBank(b.ID)).add("$", "missing cell for bank %q × category %q (write status \"not-visible\" if nothing public was found)", b.ID, c.ID)
			}
		}
	}
}

func (v *validator) date(r reporter, at, s string, undatedOK bool) {
	if undatedOK && s == Undated {
		return
	}
	if s == "" {
		r.add(at, "missing date")
		return
	}
	t, err := ParseDate(s)
	if err != nil {
		if undatedOK {
			r.add(at, "%v, or %q", err, Undated)
		} else {
			r.add(at, "%v", err)
		}
		return
	}
	if t.After(v.today) {
		r.add(at, "date %s is in the future (today is %s)", s, v.today.Format(time.DateOnly))
	}
}

func (v *validator) hasBank(id string) bool {
	return slices.ContainsFunc(v.ds.Banks, func(b Bank) bool { return b.ID == id })
}

func (ds *Dataset) sourceIndex(id string) int {
	return slices.IndexFunc(ds.Sources, func(s Source) bool { return s.ID == id })
}

func (v *validator) citedSources() map[string]bool {
	cited := map[string]bool{}
	for _, c := range v.ds.Cells {
		for _, s := range c.Sources {
			cited[s] = true
		}
	}
	return cited
}

func required(r reporter, at, s string) {
	if strings.TrimSpace(s) == "" {
		r.add(at, "required text is empty")
	}
}

func id(r reporter, at, s string, seen map[string]bool) {
	switch {
	case s == "":
		r.add(at, "required id is empty")
	case !idPattern().MatchString(s):
		r.add(at, "id %q must be lower-case words joined by hyphens", s)
	case seen[s]:
		r.add(at, "duplicate id %q", s)
	}
	seen[s] = true
}

func confidence(r reporter, at string, c Confidence) { oneOf(r, at, c, Confidences) }

func oneOf[T ~string](r reporter, at string, value T, set []T) {
	if slices.Contains(set, value) {
		return
	}
	names := make([]string, len(set))
	for i, s := range set {
		names[i] = string(s)
	}
	r.add(at, "%q is not one of %s", string(value), strings.Join(names, ", "))
}

func httpsURL(r reporter, at, s string) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		r.add(at, "%q is not a URL: %v", s, err)
	case u.Scheme != "https":
		r.add(at, "%q must be an https URL", s)
	case u.Host == "":
		r.add(at, "%q has no host", s)
	}
}
