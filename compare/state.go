// Package compare is the domain logic of the widget, in plain Go: the filter
// state a reader chooses, its round trip through the URL query, and the
// filtering of the dataset into the cards to show. The UI and the server both
// call it; it knows nothing about HTML or HTTP.
package compare

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"citijpm/data"
)

// LabelFilter narrows cells by how their content was produced.
type LabelFilter string

const (
	AnyLabel LabelFilter = ""
	// SourcedOnly keeps cells that rest on sources (alone or with analysis).
	SourcedOnly LabelFilter = "sourced"
	// AnalystOnly keeps cells that include analyst interpretation.
	AnalystOnly LabelFilter = "analyst"
	// Unsourced keeps cells that the sources used here do not cover.
	Unsourced LabelFilter = "unsourced"
	// NotFound keeps cells whose subject was searched for and not found
	// in public, with where it was looked for.
	NotFound LabelFilter = "notfound"
)

// LabelFilters lists the label filters a reader can pick, in menu order.
var LabelFilters = []LabelFilter{SourcedOnly, AnalystOnly, NotFound, Unsourced}

// Title is the reader-facing name of the label filter.
func (l LabelFilter) Title() string {
	switch l {
	case SourcedOnly:
		return "Sourced (incl. mixed)"
	case AnalystOnly:
		return "Analyst interpretation (incl. mixed)"
	case Unsourced:
		return "Not in the sources used"
	case NotFound:
		return data.SearchedNotFound.Title()
	}
	return "Any label"
}

func (l LabelFilter) keeps(label data.Label) bool {
	switch l {
	case SourcedOnly:
		return label.HasSources()
	case AnalystOnly:
		return label.HasInterpretation()
	case Unsourced:
		return label == data.NotInSources
	case NotFound:
		return label == data.SearchedNotFound
	}
	return true
}

// Filters is what narrows the comparison. The zero value shows everything.
type Filters struct {
	Banks    []string // bank ids to show; empty means all
	Sections []string // section ids; empty means all
	Statuses []data.Status
	MinConf  data.Confidence // "" means any
	Label    LabelFilter
	Query    string
	DiffOnly bool // only categories where the shown banks differ
	Stale    bool // only cells due for re-verification
	// Market is a market code from the dataset ("AU", "APAC", "global");
	// "" means any. See MarketOf for what counts as documented for it.
	Market string
}

// View is how the filtered comparison is presented.
type View struct {
	Table   bool   // table instead of cards
	Present bool   // presenter mode
	Slide   int    // 1-based slide in presenter mode; 0 means first
	Theme   string // "", "light", "dark" or "auto"
	Embed   bool
	Frame   string // the embed loader's id for this frame, echoed in resize messages
	// Density is how much of each cell shows before a reader opens it:
	// "" (the view's default), or one of Densities.
	Density string
}

// State is everything the URL query carries.
type State struct {
	Filters
	View
}

// Notice tells the reader that part of the URL was ignored, and why.
type Notice struct {
	Param  string
	Value  string
	Reason string
}

func (n Notice) String() string {
	if n.Value == "" {
		return fmt.Sprintf("Ignored %q: %s.", n.Param, n.Reason)
	}
	return fmt.Sprintf("Ignored %s=%s: %s.", n.Param, n.Value, n.Reason)
}

// Query parameter names. They are short because readers share these URLs.
const (
	ParamBank    = "bank"
	ParamSection = "section"
	ParamStatus  = "status"
	ParamConf    = "conf"
	ParamLabel   = "label"
	ParamQuery   = "q"
	ParamDiff    = "diff"
	ParamStale   = "stale"
	ParamMarket  = "market"
	ParamView    = "view"
	ParamPresent = "present"
	ParamSlide   = "slide"
	ParamTheme   = "theme"
	ParamEmbed   = "embed"
	ParamFrame   = "frame"
	ParamDensity = "density"
)

// framePattern bounds the frame id a partner page may pass: it is echoed
// back in postMessage, so it stays short and plain.
// It is compiled on first use: most pages have no frame id, and a compile
// at start would lengthen Go's start in the browser.
var framePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`) })

// listParams take comma-separated (or repeated) ids; flagParams are true
// when present without a value.
var (
	listParams = map[string]bool{ParamBank: true, ParamSection: true, ParamStatus: true}
	flagParams = map[string]bool{ParamDiff: true, ParamStale: true, ParamPresent: true, ParamEmbed: true}
)

// maxQueryLen bounds free-text search; longer input is cut, not rejected.
const maxQueryLen = 200

// Themes lists the accepted theme values.
var Themes = []string{"light", "dark", "auto"}

// Densities lists the accepted density values: compact shows status and
// confidence only, summary adds the one-line "what it enables", detailed
// opens every cell's evidence.
var Densities = []string{"compact", "summary", "detailed"}

// ParseQuery reads a state from a URL query. It never fails: a parameter that
// is unknown, repeated or malformed is skipped and reported as a Notice, and
// the rest of the query still applies.
func ParseQuery(q url.Values, ds *data.Dataset) (State, []Notice) {
	var st State
	var notices []Notice
	ignore := func(param, value, reason string) {
		notices = append(notices, Notice{Param: param, Value: value, Reason: reason})
	}

	for _, param := range sortedKeys(q) {
		values := q[param]
		if len(values) == 0 {
			continue // only a hand-built url.Values can hold an empty list
		}
		raw := values[0]
		if listParams[param] {
			// A plain HTML form sends one value per checked box.
			raw = strings.Join(values, ",")
		} else if len(values) > 1 {
			ignore(param, "", "given more than once; the first value was used")
		}
		value := strings.TrimSpace(raw)
		if value == "" && !flagParams[param] {
			continue // an empty form field means "no filter"
		}
		switch param {
		case ParamBank:
			st.Banks = parseIDs(param, value, func(id string) bool { return ds.Bank(id) != nil }, "unknown bank", ignore)
		case ParamSection:
			st.Sections = parseIDs(param, value, func(id string) bool { return ds.Section(id) != nil }, "unknown section", ignore)
		case ParamStatus:
			for _, s := range parseIDs(param, value, func(id string) bool { return slices.Contains(data.Statuses, data.Status(id)) }, "unknown status", ignore) {
				st.Statuses = append(st.Statuses, data.Status(s))
			}
		case ParamConf:
			c := data.ParseConfidence(value)
			if c == "" {
				ignore(param, raw, "expected high, medium or low")
			}
			st.MinConf = c
		case ParamLabel:
			l := LabelFilter(strings.ToLower(value))
			if !slices.Contains(LabelFilters, l) {
				ignore(param, raw, "expected sourced, analyst, notfound or unsourced")
				l = AnyLabel
			}
			st.Label = l
		case ParamMarket:
			m := ds.Market(value)
			if m == nil {
				ignore(param, raw, "unknown market")
				break
			}
			st.Market = m.Code
		case ParamQuery:
			st.Query = normalizeQuery(raw)
		case ParamDiff:
			st.DiffOnly = parseFlag(param, raw, ignore)
		case ParamStale:
			st.Stale = parseFlag(param, raw, ignore)
		case ParamView:
			switch strings.ToLower(value) {
			case "table":
				st.Table = true
			case "cards", "":
			default:
				ignore(param, raw, "expected cards or table")
			}
		case ParamPresent:
			st.Present = parseFlag(param, raw, ignore)
		case ParamSlide:
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > 10000 {
				ignore(param, raw, "expected a slide number from 1")
				break
			}
			st.Slide = n
		case ParamTheme:
			t := strings.ToLower(value)
			if !slices.Contains(Themes, t) {
				ignore(param, raw, "expected light, dark or auto")
				break
			}
			st.Theme = t
		case ParamEmbed:
			st.Embed = parseFlag(param, raw, ignore)
		case ParamFrame:
			if !framePattern().MatchString(value) {
				ignore(param, raw, "expected up to 64 letters, digits, - or _")
				break
			}
			st.Frame = value
		case ParamDensity:
			d := strings.ToLower(value)
			if !slices.Contains(Densities, d) {
				ignore(param, raw, "expected compact, summary or detailed")
				break
			}
			st.Density = d
		case "wasm":
			// go-app's own switch for serving the page without WebAssembly.
		default:
			ignore(param, "", "not a known parameter")
		}
	}
	return st, notices
}

// Values encodes the state as a canonical URL query: only non-default
// parameters, lists in dataset order, so equal states give equal URLs.
func (st State) Values(ds *data.Dataset) url.Values {
	q := url.Values{}
	if ids := inOrder(st.Banks, bankIDs(ds)); len(ids) > 0 && len(ids) < len(ds.Banks) {
		q.Set(ParamBank, strings.Join(ids, ","))
	}
	if ids := inOrder(st.Sections, sectionIDs(ds)); len(ids) > 0 && len(ids) < len(ds.Sections) {
		q.Set(ParamSection, strings.Join(ids, ","))
	}
	if ids := inOrder(data.StatusIDs(st.Statuses), data.StatusIDs(data.Statuses)); len(ids) > 0 && len(ids) < len(data.Statuses) {
		q.Set(ParamStatus, strings.Join(ids, ","))
	}
	if st.MinConf != "" && st.MinConf != data.Low {
		q.Set(ParamConf, strings.ToLower(string(st.MinConf)))
	}
	if st.Label != AnyLabel {
		q.Set(ParamLabel, string(st.Label))
	}
	if m := ds.Market(st.Market); m != nil {
		q.Set(ParamMarket, strings.ToLower(m.Code))
	}
	if st.Query != "" {
		q.Set(ParamQuery, st.Query)
	}
	if st.DiffOnly {
		q.Set(ParamDiff, "1")
	}
	if st.Stale {
		q.Set(ParamStale, "1")
	}
	if st.Table {
		q.Set(ParamView, "table")
	}
	if st.Present {
		q.Set(ParamPresent, "1")
		if st.Slide > 1 {
			q.Set(ParamSlide, strconv.Itoa(st.Slide))
		}
	}
	if st.Theme != "" && st.Theme != "auto" {
		q.Set(ParamTheme, st.Theme)
	}
	if st.Embed {
		q.Set(ParamEmbed, "1")
	}
	if st.Frame != "" {
		q.Set(ParamFrame, st.Frame)
	}
	if st.Density != "" {
		q.Set(ParamDensity, st.Density)
	}
	return q
}

// Normalize returns the state as it would read back from its own URL, so
// that two states that mean the same thing compare equal.
func (st State) Normalize(ds *data.Dataset) State {
	n, _ := ParseQuery(st.Values(ds), ds)
	return n
}

// Same reports whether two filters mean the same thing (they encode to the
// same URL query).
func (f Filters) Same(g Filters, ds *data.Dataset) bool {
	return State{Filters: f}.Values(ds).Encode() == State{Filters: g}.Values(ds).Encode()
}

// IsZero reports whether no filter is set.
func (f Filters) IsZero() bool {
	return len(f.Banks) == 0 && len(f.Sections) == 0 && len(f.Statuses) == 0 &&
		(f.MinConf == "" || f.MinConf == data.Low) && f.Label == AnyLabel &&
		f.Query == "" && !f.DiffOnly && !f.Stale && f.Market == ""
}

func parseIDs(param, value string, known func(string) bool, unknown string, ignore func(string, string, string)) []string {
	var ids []string
	for _, part := range strings.Split(value, ",") {
		id := strings.ToLower(strings.TrimSpace(part))
		switch {
		case id == "":
		case !known(id):
			ignore(param, part, unknown)
		case !slices.Contains(ids, id):
			ids = append(ids, id)
		}
	}
	return ids
}

func parseFlag(param, raw string, ignore func(string, string, string)) bool {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "1", "true", "yes", "on", "":
		return true
	case "0", "false", "no", "off":
		return false
	}
	ignore(param, raw, "expected 1 or 0")
	return false
}

// normalizeQuery collapses whitespace, drops what a search box cannot hold
// (control characters, invalid UTF-8) and bounds the length, so the search
// text reads the same in the box, in the URL and in the prerendered page.
func normalizeQuery(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxQueryLen {
		s = strings.TrimSpace(string(r[:maxQueryLen]))
	}
	return s
}

// inOrder keeps the ids of chosen that appear in all, in all's order.
func inOrder(chosen, all []string) []string {
	var out []string
	for _, id := range all {
		if slices.Contains(chosen, id) {
			out = append(out, id)
		}
	}
	return out
}

func bankIDs(ds *data.Dataset) []string {
	ids := make([]string, len(ds.Banks))
	for i, b := range ds.Banks {
		ids[i] = b.ID
	}
	return ids
}

func sectionIDs(ds *data.Dataset) []string {
	ids := make([]string, len(ds.Sections))
	for i, s := range ds.Sections {
		ids[i] = s.ID
	}
	return ids
}

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
