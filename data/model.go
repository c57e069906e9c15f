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
	// Markets lists every market code a cell may name: ISO 3166-1 alpha-2
	// countries, regional groups with their member countries, and "global".
	Markets []Market `json:"markets"`
	// Offerings lists the distinct products of a bank (CitiConnect, Spring
	// by Citi, ...) that a cell can rest on, so a fact about one product
	// never reads as the whole bank's scope.
	Offerings []Offering `json:"offerings"`

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
	StaleAfterDays int `json:"staleAfterDays"`
	// DatesNote says what the headline date and each bank's date mean.
	DatesNote string `json:"datesNote,omitempty"`
	// Method says how the facts were gathered and checked, for readers.
	Method    string       `json:"method,omitempty"`
	AtAGlance []GlanceItem `json:"atAGlance"`
	// PeerIntro says what the peer portals are listed for.
	PeerIntro   string       `json:"peerPortalsIntro,omitempty"`
	PeerPortals []PeerPortal `json:"peerPortals"`
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
	// Regions is the free-text region note, as the sources word it.
	Regions string `json:"regions,omitempty"`
	// Markets are the codes (see Dataset.Markets) of the markets the cell's
	// sources name; empty means the sources state no market.
	Markets []string `json:"markets,omitempty"`
	// Offerings are the ids of the bank's offerings the cell's facts
	// belong to (see Dataset.Offerings).
	Offerings []string `json:"offerings,omitempty"`
	// Evidence is the public evidence signal: what was seen, and where.
	Evidence     string     `json:"evidence"`
	Sources      []string   `json:"sources"`
	Confidence   Confidence `json:"confidence"`
	ConfNote     string     `json:"confidenceNote,omitempty"`
	Label        Label      `json:"label"`
	LastVerified string     `json:"lastVerified"`
	Caveat       string     `json:"caveat,omitempty"`
	// Searched lists, in reader terms, where something this cell reports
	// as not found was looked for.
	Searched []string `json:"searched,omitempty"`
}

// Market is one market a cell can name: a country (ISO 3166-1 alpha-2
// code), a regional group of countries, or the whole world.
type Market struct {
	Code string     `json:"code"`
	Name string     `json:"name"`
	Kind MarketKind `json:"kind"`
	// Members are the country codes a group contains; only groups have them.
	Members []string `json:"members,omitempty"`
}

// MarketKind says whether a market is a country, a group or global.
type MarketKind string

const (
	Country     MarketKind = "country"
	MarketGroup MarketKind = "group"
	Global      MarketKind = "global"
)

// MarketKinds lists every market kind.
var MarketKinds = []MarketKind{Country, MarketGroup, Global}

// Offering is one product of a bank that facts can belong to.
type Offering struct {
	ID          string `json:"id"`
	Bank        string `json:"bank"`
	Name        string `json:"name"`
	Description string `json:"description"`
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
	Sourced        Label = "sourced"
	Analyst        Label = "analyst"
	SourcedAnalyst Label = "sourced+analyst"
	NotInSources   Label = "not-in-sources"
	// SearchedNotFound marks a cell whose subject was looked for in the
	// places its Searched field lists and not found in public.
	SearchedNotFound Label = "searched"
	labelSourcedTxt        = "Sourced summary"
)

// Labels lists every label.
var Labels = []Label{Sourced, SourcedAnalyst, Analyst, SearchedNotFound, NotInSources}

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
	case SearchedNotFound:
		return "Searched, not found publicly"
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
