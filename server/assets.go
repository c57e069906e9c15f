package server

import (
	"bytes"

	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// immutable is the Cache-Control of an asset asked for with its version.
const immutable = "public, max-age=31536000, immutable"

// asset is one file held in memory with its compressed variants, so a
// request never compresses anything.
type asset struct {
	contentType string
	identity    []byte
	gzip        []byte
	brotli      []byte
	hash        string // of the identity bytes; the base of every ETag
	// version, when set, is the app version whose ?v= URLs may be cached
	// for a year: a new version has new URLs.
	version string

	once              sync.Once
	variants          [3]variant // identity, gzip, brotli
	contentTypeValue  []string
	cacheControlValue []string
}

// compressible reports whether compressing a content type is worth it.
func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json",
		"application/manifest+json", "image/svg+xml", "application/wasm"} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}

// newAsset builds an asset from its bytes, compressing it if worthwhile.
// Precompressed variants, when given, are used as they are.
func newAsset(name string, body []byte, gz, br []byte) (*asset, error) {
	return compressAsset(name, body, gz, br, gzip.BestCompression, brotliQuality(len(body)))
}

// compressAsset is newAsset with chosen compression levels: pages are
// compressed when first asked for, so they trade a little size for speed.
func compressAsset(name string, body []byte, gz, br []byte, gzipLevel, brotliLevel int) (*asset, error) {
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".webmanifest":
		ct = "application/manifest+json"
	case ".wasm":
		ct = "application/wasm"
	case ".js":
		ct = "text/javascript; charset=utf-8"
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	sum := sha256.Sum256(body)
	a := &asset{contentType: ct, cacheControlValue: []string{"no-cache"}, identity: body, hash: hex.EncodeToString(sum[:12])}
	if !compressible(ct) || len(body) < 512 {
		return a, nil
	}
	var err error
	if a.gzip = gz; a.gzip == nil {
		if a.gzip, err = gzipBytes(body, gzipLevel); err != nil {
			return nil, fmt.Errorf("gzip %s: %w", name, err)
		}
	}
	if a.brotli = br; a.brotli == nil {
		if a.brotli, err = brotliBytes(body, brotliLevel); err != nil {
			return nil, fmt.Errorf("brotli %s: %w", name, err)
		}
	}
	return a, nil
}

// brotliQuality keeps start-up quick when a large file was not
// precompressed by the build (make build does that at quality 11).
func brotliQuality(size int) int {
	if size > 1<<20 {
		return 5
	}
	return brotli.BestCompression
}

func gzipBytes(b []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, level)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

func brotliBytes(b []byte, quality int) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, quality)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// variant is one encoding of an asset with its header values, built once:
// a request only picks a variant and copies slice references.
type variant struct {
	body                           []byte
	etag, encoding, length, encTag []string
	tag                            string // the ETag, for If-None-Match
}

func (a *asset) variant(encoding string) *variant {
	a.once.Do(a.prepare)
	switch encoding {
	case "br":
		return &a.variants[2]
	case "gzip":
		return &a.variants[1]
	}
	return &a.variants[0]
}

func (a *asset) prepare() {
	mk := func(body []byte, encoding string) variant {
		tag := `"` + a.hash + `"`
		if encoding != "" {
			tag = `"` + a.hash + "-" + encoding + `"`
		}
		v := variant{body: body, tag: tag, etag: []string{tag}, length: []string{strconv.Itoa(len(body))}}
		if encoding != "" {
			v.encoding = []string{encoding}
		}
		return v
	}
	a.variants[0] = mk(a.identity, "")
	a.variants[1], a.variants[2] = a.variants[0], a.variants[0]
	if a.gzip != nil {
		a.variants[1] = mk(a.gzip, "gzip")
		a.variants[2] = mk(a.brotli, "br")
	}
	a.contentTypeValue = []string{a.contentType}
}

// Header values shared by every response; net/http never modifies them.
var (
	varyEncoding     = []string{"Accept-Encoding"}
	immutableControl = []string{immutable}
)

// ServeHTTP negotiates the encoding and answers conditional requests.
// Header maps are filled with canonical keys and prebuilt values: the
// server answers small assets at tens of thousands of requests a second.
func (a *asset) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	encoding := ""
	if a.gzip != nil {
		switch accepted := r.Header.Get("Accept-Encoding"); {
		case acceptsEncoding(accepted, "br"):
			encoding = "br"
		case acceptsEncoding(accepted, "gzip"):
			encoding = "gzip"
		}
	}
	v := a.variant(encoding)
	h := w.Header()
	if a.gzip != nil {
		h["Vary"] = varyEncoding
	}
	h["Etag"] = v.etag
	if a.version != "" && r.URL.RawQuery == "v="+a.version {
		h["Cache-Control"] = immutableControl
	} else {
		h["Cache-Control"] = a.cacheControlValue
	}
	if etagMatches(r.Header.Get("If-None-Match"), v.tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Type"] = a.contentTypeValue
	if v.encoding != nil {
		h["Content-Encoding"] = v.encoding
	}
	h["Content-Length"] = v.length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(v.body)
	}
}

// acceptsEncoding reads an Accept-Encoding header; q=0 means refused.
func acceptsEncoding(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		if q, ok := strings.CutPrefix(params, "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || t == etag || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// loadWebDir reads every regular file under dir into memory, keyed by its
// slash path under /web/. Files ending in .gz or .br are taken as the
// precompressed variants of their siblings when not older than them.
func loadWebDir(dir string) (map[string]*asset, error) {
	assets := map[string]*asset{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // directories are walked; symlinks and devices are never served
		}
		ext := filepath.Ext(p)
		if ext == ".gz" || ext == ".br" || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		gz := readFresh(p+".gz", info.ModTime())
		br := readFresh(p+".br", info.ModTime())
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := "/web/" + filepath.ToSlash(rel)
		a, err := newAsset(name, body, gz, br)
		if err != nil {
			return err
		}
		assets[name] = a
		return nil
	})
	return assets, err
}

// readFresh returns a precompressed file if it exists and is at least as new
// as its source; a stale one would serve old bytes.
func readFresh(p string, source time.Time) []byte {
	info, err := os.Stat(p)
	if err != nil || info.ModTime().Before(source) {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil
	}
	return b
}
