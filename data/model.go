// Package data owns the comparison dataset: its schema, the JSON files
// embedded in the binary, their decoding and their validation.
//
// The model is data-driven: banks, sections and categories are lists, and a
// dataset holds one cell per bank × category. Adding a bank or a category is
// an edit to the JSON files, never to code.
package data

// Dataset is the whole comparison, as decoded from the files under dataset/.
type Dataset struct {
	Meta       Meta       `json:"meta"`
	Banks      []Bank     `json:"banks"`
	Sources    []Source   `json:"sources"`
	Sections   []Section  `json:"sections"`
	Categories []Category `json:"categories"`
	Cells      []Cell     `json:"cells"`

	cellOrigins []cellOrigin
	lookup      lookup
}

// Meta describes the dataset as a whole: what it is, how fresh and how sure.
type Meta struct {
	Title        string      `json:"title"`
	Summary      string      `json:"summary"`
	Framing      string      `json:"framing"`
	Version      string      `json:"version"`
	LastVerified string      `json:"lastVerified"`
	Confidence   Confidence  `json:"confidence"`
	ConfNote     string      `json:"confidenceNote"`
	LegalReview  LegalReview `json:"legalReview"`
	// StaleAfterDays is the age past which a cell's last-verified date
	// earns a "re-verify" marker.
	StaleAfterDays int          `json:"staleAfterDays"`
	AtAGlance      []GlanceItem `json:"atAGlance"`
	PeerPortals    []PeerPortal `json:"peerPortals"`
	// License, when the data's owner sets one (a URL or SPDX id), is
	// published with the dataset's machine-readable description.
	License string `json:"license,omitempty"`
}

// LegalReview is the seed's "requires legal review" stamp, shown to readers.
type LegalReview struct {
	Required bool   `json:"required"`
	Note     string `json:"note"`
}

// GlanceItem is one tile of the at-a-glance strip.
type GlanceItem struct {
	Kind  GlanceKind `json:"kind"`
	Tag   string     `json:"tag"`
	Title string     `json:"title"`
	Text  string     `json:"text"`
	Bank  string     `json:"bank,omitempty"`
}

// PeerPortal is a public portal (or an internal page) worth comparing with.
type PeerPortal struct {
	Name         string     `json:"name"`
	Description  string     `json:"description"`
	URL          string     `json:"url,omitempty"`
	Internal     bool       `json:"internal,omitempty"`
	SourceDate   string     `json:"sourceDate,omitempty"`
	LastVerified string     `json:"lastVerified,omitempty"`
	Confidence   Confidence `json:"confidence,omitempty"`
}

// Bank is one column of the comparison.
type Bank struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	ShortName    string     `json:"shortName"`
	PortalName   string     `json:"portalName"`
	PortalURL    string     `json:"portalURL"`
	LastVerified string     `json:"lastVerified"`
	Confidence   Confidence `json:"confidence"`
	ConfNote     string     `json:"confidenceNote"`
}

// Source is a public document that cells cite.
type Source struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Publisher string     `json:"publisher"`
	URL       string     `json:"url"`
	Date      string     `json:"date"`
	Kind      SourceKind `json:"kind"`
	Note      string     `json:"note,omitempty"`
}

// Section groups categories (public API categories, Playbook examples, ...).
type Section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Intro string `json:"intro"`
	// SourcesLine is the section's own "Sources: ... Last verified" footer.
	SourcesLine string `json:"sourcesLine,omitempty"`
}

// Category is one row of the comparison.
type Category struct {
	ID          string `json:"id"`
	Section     string `json:"section"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Cell is what one bank publicly shows for one category, with its evidence.
type Cell struct {
	Bank     string `json:"bank"`
	Category string `json:"category"`
	Status   Status `json:"status"`
	// Enables says in plain English what the capability lets a client do.
	Enables string   `json:"enables"`
	Formats []string `json:"formats"`
	Regions string   `json:"regions,omitempty"`
	// Evidence is the public evidence signal: what was seen, and where.
	Evidence     string     `json:"evidence"`
	Sources      []string   `json:"sources"`
	Confidence   Confidence `json:"confidence"`
	ConfNote     string     `json:"confidenceNote,omitempty"`
	Label        Label      `json:"label"`
	LastVerified string     `json:"lastVerified"`
	Caveat       string     `json:"caveat,omitempty"`
}

// Status says how visible a capability is in public material.
type Status string

const (
	Documented Status = "documented"
	Partial    Status = "partial"
	NotVisible Status = "not-visible"
)

// Statuses lists every status, most visible first.
var Statuses = []Status{Documented, Partial, NotVisible}

// Title is the reader-facing name of the status.
func (s Status) Title() string {
	switch s {
	case Documented:
		return "Documented"
	case Partial:
		return "Partial"
	case NotVisible:
		return "Not visible publicly"
	}
	return string(s)
}

// Confidence grades how sure a claim is.
type Confidence string

const (
	High   Confidence = "High"
	Medium Confidence = "Medium"
	Low    Confidence = "Low"
)

// Confidences lists every confidence level, highest first.
var Confidences = []Confidence{High, Medium, Low}

// Rank orders confidence levels: High 3, Medium 2, Low 1, unknown 0.
func (c Confidence) Rank() int {
	switch c {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// Label says whether a cell restates sources or interprets them.
type Label string

const (
	Sourced         Label = "sourced"
	Analyst         Label = "analyst"
	SourcedAnalyst  Label = "sourced+analyst"
	NotInSources    Label = "not-in-sources"
	labelSourcedTxt       = "Sourced summary"
)

// Labels lists every label.
var Labels = []Label{Sourced, SourcedAnalyst, Analyst, NotInSources}

// Title is the reader-facing label text.
func (l Label) Title() string {
	switch l {
	case Sourced:
		return labelSourcedTxt
	case Analyst:
		return "Analyst interpretation"
	case SourcedAnalyst:
		return "Sourced summary + analyst interpretation"
	case NotInSources:
		return "Not in the public sources used here"
	}
	return string(l)
}

// HasSources reports whether the label rests (at least partly) on sources.
func (l Label) HasSources() bool { return l == Sourced || l == SourcedAnalyst }

// HasInterpretation reports whether the label includes analyst judgement.
func (l Label) HasInterpretation() bool { return l == Analyst || l == SourcedAnalyst }

// GlanceKind is the flavour of an at-a-glance tile.
type GlanceKind string

const (
	GlanceVisible    GlanceKind = "visible"
	GlanceUseful     GlanceKind = "useful"
	GlanceNotVisible GlanceKind = "not-visible"
	GlanceBestUse    GlanceKind = "best-use"
)

// SourceKind classifies a source.
type SourceKind string

// SourceKinds lists the kinds a source may have.
var SourceKinds = []SourceKind{
	"press-release", "developer-portal", "api-reference", "product-page",
	"pdf", "whitepaper", "news", "repository", "third-party", "video",
}

// Undated marks a source with no visible date.
const Undated = "undated"
