package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	xhtml "golang.org/x/net/html"
)

// Export writes the whole app as plain files under dir, for any static host
// or CDN: every page and asset exactly as this server answers it, plus .gz
// and .br siblings of compressible files for hosts that serve them
// (nginx gzip_static/brotli_static). Pages become index.html and
// embed.html; the default view's overview.svg, overview.png, preview.png,
// comparison.csv and comparison.json are written beside them, with
// oembed.json, the oEmbed answer for the root page.
//
// go-app's GenerateStaticWebsite is not used as is: it writes go-app's own
// manifest (scope "/") and leaves out the assets served from memory here.
func (s *Server) Export(dir string) error {
	files := map[string]string{}
	for _, p := range s.cfg.Pages {
		files[p] = pageFile(p)
	}
	// The default view's pictures and tables, and the oEmbed answer for the
	// root page, which the pages' discovery link names (see share.go).
	for _, f := range shareFiles {
		files[f.path] = strings.TrimPrefix(f.path, "/")
	}
	files["/oembed?format=json&url="+url.QueryEscape(s.public.String())] = "oembed.json"
	for p := range s.assets {
		files[p] = strings.TrimPrefix(p, "/")
	}
	for urlPath, name := range files {
		body, err := s.fetch(urlPath)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), body); err != nil {
			return err
		}
		a, ok := s.assets[urlPath]
		if !ok {
			// A page: prerendered now, compressed here at the best levels.
			if a, err = newAsset(name, body, nil, nil); err != nil {
				return err
			}
		}
		if a.gzip == nil {
			continue
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)+".gz"), a.gzip); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)+".br"), a.brotli); err != nil {
			return err
		}
	}
	return nil
}

// pageFile names the file of a page: "/" is index.html, "/embed" is
// embed.html, which static hosts serve for the extensionless URL (see
// the nginx configuration in cmd/bench and README).
func pageFile(p string) string {
	if p == "/" {
		return "index.html"
	}
	return strings.TrimPrefix(p, "/") + ".html"
}

// fetch asks the server's own handler for a path under its base path.
func (s *Server) fetch(urlPath string) ([]byte, error) {
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, s.cfg.BasePath+urlPath, nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("export %s: status %d", urlPath, rec.Code)
	}
	return rec.Body.Bytes(), nil
}

func writeFile(name string, body []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, body, 0o644)
}

// ExportStyleHashes reads the CSP sources allowing the inline styles of an
// export in dir (Export) from its index.html, for a host configured from
// the files alone (NginxConfig.StyleHashes): every page has the same head.
func ExportStyleHashes(dir string) ([]string, error) {
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return nil, err
	}
	var hashes []string
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	for {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			return nil, fmt.Errorf("%s/index.html: no </head>", dir)
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); string(name) == "style" {
				// The tokenizer reads a style element's text as the browser
				// does before hashing it: raw, line breaks made LF.
				var text []byte
				if z.Next() == xhtml.TextToken {
					text = z.Text()
				}
				hashes = append(hashes, cspHash(text))
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return hashes, nil
			}
		}
	}
}
