package server

import (
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"citijpm/chart"
	"citijpm/compare"
	"citijpm/data"
	"citijpm/preview"
)

// sharing answers a URL for every picture and table of every view, like
// the page's downloads but fetchable by a script, a newsletter, a CMS or a
// link preview: /overview.svg, /overview.png (2×), /preview.png (the
// 1200×630 link-preview card), /comparison.csv and /comparison.json, each
// taking the page's own query parameters.
type sharing struct {
	ds      *data.Dataset
	ix      *compare.Index
	public  *publicURL
	static  bool // exporting for a static host: no query in file URLs
	product product
	cache   renderCache
	styles  inlineStyles // written into each page's head
	now     func() time.Time
	log     *slog.Logger
}

// renderCache is what the share endpoints need from the page cache (see
// pages.go): the answer stored under key, or built once (concurrent
// requests share the build) within the server's render budget. It returns
// errBusy when no render slot frees up in time.
type renderCache interface {
	cached(r *http.Request, key string, build func() (*asset, error)) (*asset, error)
}

// shareView is one view of the comparison, read from a query exactly as
// the page reads it.
type shareView struct {
	filters compare.Filters
	notices []compare.Notice
	query   string // the filters alone, canonical: equal views, equal URLs and cache keys
	today   time.Time
	res     compare.Result
}

func (s *sharing) view(q url.Values) shareView {
	st, notices := compare.ParseQuery(q, s.ds)
	today := s.now()
	return shareView{
		filters: st.Filters,
		notices: notices,
		query:   compare.State{Filters: st.Filters}.Values(s.ds).Encode(),
		today:   today,
		res:     s.ix.Filter(st.Filters, today),
	}
}

// fileURL is the absolute URL of one of the files for a view. In a static
// export only the default view's files exist, so the query is left out.
func (s *sharing) fileURL(name, query string) string {
	if s.static {
		query = ""
	}
	return s.public.at(name, query)
}

// shareFile is one of the files every view has.
type shareFile struct {
	path        string // below the base path
	contentType string
	attachment  bool // saved rather than shown by a browser
	name        func(ds *data.Dataset, filtered bool) string
	build       func(s *sharing, v shareView) ([]byte, error)
}

// Scale of /overview.png: twice the drawing, as the page's PNG download.
const overviewPNGScale = 2

var shareFiles = []shareFile{
	{
		path: "/overview.svg", contentType: "image/svg+xml",
		name: func(ds *data.Dataset, f bool) string { return compare.OverviewName(ds, f, "svg") },
		build: func(s *sharing, v shareView) ([]byte, error) {
			return []byte(chart.File(s.ds, v.filters, compare.NewMatrix(v.res))), nil
		},
	},
	{
		path: "/overview.png", contentType: "image/png",
		name: func(ds *data.Dataset, f bool) string { return compare.OverviewName(ds, f, "png") },
		build: func(s *sharing, v shareView) ([]byte, error) {
			return preview.SVGToPNG([]byte(chart.File(s.ds, v.filters, compare.NewMatrix(v.res))), overviewPNGScale)
		},
	},
	{
		path: "/preview.png", contentType: "image/png",
		name: func(ds *data.Dataset, f bool) string {
			return strings.TrimSuffix(compare.OverviewName(ds, f, "png"), ".png") + "-preview.png"
		},
		build: func(s *sharing, v shareView) ([]byte, error) {
			return preview.CardPNG(preview.CardInput{
				Title:       s.ds.Meta.Title,
				FiltersLine: chart.FiltersLine(s.ds, v.filters),
				Verified:    "Last verified " + data.ReadableDate(s.ds.Meta.LastVerified),
				Site:        s.product.shortName,
				Matrix:      compare.NewMatrix(v.res),
			})
		},
	},
	{
		path: "/comparison.csv", contentType: "text/csv; charset=utf-8", attachment: true,
		name: func(ds *data.Dataset, f bool) string { return compare.ExportName(ds, f, "csv") },
		build: func(s *sharing, v shareView) ([]byte, error) {
			return compare.CSVFile(s.ix, v.res, v.today)
		},
	},
	{
		path: "/comparison.json", contentType: "application/json", attachment: true,
		name: func(ds *data.Dataset, f bool) string { return compare.ExportName(ds, f, "json") },
		build: func(s *sharing, v shareView) ([]byte, error) {
			return compare.JSONFile(s.ix, v.res)
		},
	},
}

// How long browsers, proxies and link unfurlers may keep a file before
// asking again (with its ETag). A day's staleness markers can change it.
const shareMaxAge = 3600

var (
	shareCacheControl = []string{"public, max-age=" + strconv.Itoa(shareMaxAge)}
	anyOrigin         = []string{"*"}
	exposedHeaders    = []string{"Content-Disposition, X-Ignored-Params"}
	// An SVG opened on its own is a document of this origin: it may use
	// its own stylesheet, and nothing else.
	svgCSP = []string{"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"}
)

func (s *sharing) routes(mux *http.ServeMux) {
	for _, f := range shareFiles {
		mux.Handle("GET "+f.path, s.serveFile(f))
	}
	mux.HandleFunc("GET /oembed", s.serveOEmbed)
}

func (s *sharing) serveFile(f shareFile) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := s.view(r.URL.Query())
		key := v.today.Format(time.DateOnly) + " " + f.path + "?" + v.query
		a, err := s.cache.cached(r, key, func() (*asset, error) { return s.buildFile(f, v) })
		if err != nil && !isRefusal(err) && r.Context().Err() == nil {
			s.log.Error("share file", "path", f.path, "query", v.query, "err", err)
		}
		h := w.Header()
		// Public data without credentials: a script on any site may fetch it.
		h["Access-Control-Allow-Origin"] = anyOrigin
		h["Access-Control-Expose-Headers"] = exposedHeaders
		if ignored := ignoredParams(v.notices); ignored != "" {
			// The file is the view without them, as the page would show.
			h.Set("X-Ignored-Params", ignored)
		}
		if a != nil {
			disposition := "inline"
			if f.attachment {
				disposition = "attachment"
			}
			// Names come from ExportName: ASCII letters, digits, - and . only.
			h.Set("Content-Disposition", disposition+`; filename="`+f.name(s.ds, !v.filters.IsZero())+`"`)
			if f.contentType == "image/svg+xml" {
				h["Content-Security-Policy"] = svgCSP
			}
		}
		serveRendered(w, r, a, err)
	})
}

func (s *sharing) buildFile(f shareFile, v shareView) (*asset, error) {
	body, err := f.build(s, v)
	if err != nil {
		return nil, err
	}
	a, err := compressAsset(f.path, body, nil, nil, pageGzipLevel, pageBrotliLevel)
	if err != nil {
		return nil, err
	}
	a.contentType = f.contentType
	a.cacheControlValue = shareCacheControl
	return a, nil
}

// ignoredParams names the query parameters the view ignored, percent-
// encoded so that nothing a client sent can break the header.
func ignoredParams(notices []compare.Notice) string {
	seen := map[string]bool{}
	for _, n := range notices {
		seen[url.QueryEscape(n.Param)] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
