package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"citijpm/preview"
	"citijpm/snippet"
)

// oEmbed (https://oembed.com): a CMS given a link to a view asks
// /oembed?url=<link>&format=json and gets the same iframe as "Embed this
// view", sized within maxwidth × maxheight.

// oEmbedWidth is the iframe's width when the consumer sets no maximum: the
// overview's layout width, comfortable in an article column.
const oEmbedWidth = 720

// oEmbed is the response, field for field as the specification names them.
type oEmbed struct {
	Version         string `json:"version"`
	Type            string `json:"type"`
	Title           string `json:"title"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	CacheAge        int    `json:"cache_age"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

// oEmbedFor describes the view a page URL shows, its frame no larger than
// maxW × maxH (0: no limit).
func (s *sharing) oEmbedFor(v shareView, maxW, maxH int) oEmbed {
	w, h := oEmbedWidth, snippet.FrameHeight
	if maxW > 0 {
		w = min(w, maxW)
	}
	if maxH > 0 {
		h = min(h, maxH)
	}
	title := s.ds.Meta.Title
	return oEmbed{
		Version:         "1.0",
		Type:            "rich",
		Title:           title,
		ProviderName:    s.product.name,
		ProviderURL:     s.public.String(),
		CacheAge:        shareMaxAge,
		HTML:            snippet.IFrame(s.public.at("embed", v.query), title, strconv.Itoa(w), h),
		Width:           w,
		Height:          h,
		ThumbnailURL:    s.fileURL("preview.png", v.query),
		ThumbnailWidth:  preview.CardWidth,
		ThumbnailHeight: preview.CardHeight,
	}
}

// oEmbedURL is the discovery link's target for a page URL.
func (s *sharing) oEmbedURL(pageURL string) string {
	if s.static {
		return s.public.at("oembed.json", "")
	}
	return s.public.at("oembed", "url="+url.QueryEscape(pageURL)+"&format=json")
}

func (s *sharing) serveOEmbed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fail := func(code int, msg string) {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, msg, code)
	}
	raw := q.Get("url")
	if raw == "" {
		fail(http.StatusBadRequest, "oEmbed: the url parameter is required, e.g. /oembed?url=<a link to this widget>&format=json")
		return
	}
	if f := q.Get("format"); f != "" && f != "json" {
		fail(http.StatusNotImplemented, "oEmbed: only format=json is supported")
		return
	}
	maxW, okW := dimension(q.Get("maxwidth"))
	maxH, okH := dimension(q.Get("maxheight"))
	if !okW || !okH {
		fail(http.StatusBadRequest, "oEmbed: maxwidth and maxheight must be positive whole numbers of pixels")
		return
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		fail(http.StatusBadRequest, "oEmbed: url must be an absolute http(s) URL")
		return
	}
	if _, ours := s.public.contains(u); !ours {
		fail(http.StatusNotFound, "oEmbed: not a page of this widget; links start with "+s.public.String())
		return
	}
	body, err := json.Marshal(s.oEmbedFor(s.view(u.Query()), maxW, maxH))
	if err != nil {
		s.log.Error("oembed", "err", err)
		fail(http.StatusInternalServerError, "oEmbed: the answer could not be written")
		return
	}
	h := w.Header()
	h["Access-Control-Allow-Origin"] = anyOrigin
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", shareCacheControl[0])
	w.Write(append(body, '\n'))
}

// dimension reads an optional maximum in pixels; "" means none.
func dimension(v string) (int, bool) {
	if v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n > 0
}
