package server

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync/atomic"
)

// publicURL is the absolute address readers reach the app at, ending in
// "/": every absolute URL the server writes (canonical, Open Graph, oEmbed,
// JSON-LD) starts with it. It comes from -public-url, or else from the
// listen address and base path; never from a request's Host header, which
// a client chooses.
type publicURL struct {
	v        atomic.Pointer[url.URL]
	fromAddr bool // derived from the listen address: Run corrects the port
	scheme   string
	base     string
}

func newPublicURL(cfg Config) (*publicURL, error) {
	p := &publicURL{scheme: "http", base: cfg.BasePath}
	if cfg.TLSCert != "" {
		p.scheme = "https"
	}
	if cfg.PublicURL == "" {
		p.fromAddr = true
		p.setAddr(cfg.Addr)
		return p, nil
	}
	u, err := parsePublicURL(cfg.PublicURL)
	if err != nil {
		return nil, err
	}
	p.v.Store(u)
	return p, nil
}

// parsePublicURL accepts an absolute http(s) URL without query, fragment
// or user info, and gives its path a trailing slash.
func parsePublicURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return nil, fmt.Errorf("public URL %q must look like https://example.com/widgets/citi-jpm/", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

// setAddr derives the URL from a listen address such as "127.0.0.1:8080"
// or ":8080" (which answers on every interface: localhost is one of them).
func (p *publicURL) setAddr(addr string) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, ""
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	}
	p.v.Store(&url.URL{Scheme: p.scheme, Host: host, Path: p.base + "/"})
}

// bound tells a URL derived from the listen address which address was
// bound: with port 0 it is known only then.
func (p *publicURL) bound(addr string) (changed bool) {
	if !p.fromAddr {
		return false
	}
	before := p.String()
	p.setAddr(addr)
	return p.String() != before
}

// String is the app's root, e.g. "https://example.com/widgets/citi-jpm/".
func (p *publicURL) String() string { return p.v.Load().String() }

// at is the absolute URL of a path below the root ("", "embed",
// "overview.png") with an optional encoded query.
func (p *publicURL) at(rel, query string) string {
	s := p.String() + rel
	if query != "" {
		s += "?" + query
	}
	return s
}

// contains reports whether u is a page of this app, and which: "" for the
// full comparison or "embed". Scheme, host (case-insensitive) and path
// prefix must match the public URL.
func (p *publicURL) contains(u *url.URL) (page string, ok bool) {
	root := p.v.Load()
	if !strings.EqualFold(u.Scheme, root.Scheme) || !strings.EqualFold(u.Host, root.Host) {
		return "", false
	}
	rest, ok := strings.CutPrefix(u.Path, root.Path)
	if !ok {
		if u.Path+"/" != root.Path {
			return "", false
		}
		rest = "" // the root without its trailing slash
	}
	switch rest {
	case "", "index.html":
		return "", true
	case "embed", "embed.html":
		return "embed", true
	}
	return "", false
}
