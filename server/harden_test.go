package server

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// running is a Server serving on a loopback port through Run, the way the
// binary does, so the tests see net/http's own parsing and timeouts.
type running struct {
	addr string
	logs *lockedBuffer
	stop func() error // cancels Run's context and returns what Run returned
}

// startServer builds a server on a fake web directory (unless cfg names
// one) and runs it on 127.0.0.1 until the test ends.
func startServer(t testing.TB, cfg Config) *running {
	t.Helper()
	if cfg.WebDir == "" {
		cfg.WebDir = fakeWeb(t)
	}
	logs := &lockedBuffer{}
	cfg.Addr = "127.0.0.1:0"
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	s, err := New(withApp(cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := serve(t, s)
	r.logs = logs
	return r
}

// serve runs s until the test ends or stop is called.
func serve(t testing.TB, s *Server) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- s.Run(ctx, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v", err)
	}
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() { stop() })
	return &running{addr: addr, stop: stop}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// rawRequest sends bytes exactly as given, since net/http's client would
// refuse or tidy most hostile requests, and reads one response.
func rawRequest(t testing.TB, addr, method, raw string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("reading the response to %.80q: %v", raw, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body of %.80q: %v", raw, err)
	}
	return resp, body
}

// hostileWeb is a fake web directory plus things that must never be served:
// a symlink to /etc/passwd, a symlink to /etc, a dot file, and a file just
// outside the directory.
func hostileWeb(t testing.TB) string {
	t.Helper()
	dir := fakeWeb(t)
	for _, err := range []error{
		os.Symlink("/etc/passwd", filepath.Join(dir, "passwd")),
		os.Symlink("/etc", filepath.Join(dir, "etc")),
		os.Symlink("/etc/passwd", filepath.Join(dir, "icons", "passwd.png")),
		os.WriteFile(filepath.Join(dir, ".secret"), []byte("SECRET-DOTFILE"), 0o644),
		os.WriteFile(filepath.Join(filepath.Dir(dir), "outside.txt"), []byte("OUTSIDE-WEB-DIR"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// leaks are what a response body must never contain: files outside the
// app's assets, source code, and anything that looks like a stack trace.
var leaks = []string{"root:x:0:", "SECRET-DOTFILE", "OUTSIDE-WEB-DIR", "package server",
	"goroutine ", ".go:", "panic"}

// fakeWasmMarker is in fakeWeb's app.wasm and nowhere else.
const fakeWasmMarker = "asm fake module"

func TestHostileRequests(t *testing.T) {
	srv := startServer(t, Config{WebDir: hostileWeb(t)})
	long := func(prefix string, n int) string { return prefix + strings.Repeat("a", n) }
	cases := []struct {
		method, target string
		want           int
		extra          string // more header lines, each ending in \r\n
	}{
		// Traversal, plain and encoded.
		{"GET", "/../../../../etc/passwd", 400, ""},
		{"GET", "/web/../../etc/passwd", 400, ""},
		{"GET", "/web/../server/server.go", 400, ""},
		{"GET", "/web/%2e%2e/%2e%2e/etc/passwd", 400, ""},
		{"GET", "/web/%2E%2E/%2E%2E/etc/passwd", 400, ""},
		{"GET", "/web/..%2f..%2fetc%2fpasswd", 400, ""},
		{"GET", "/web/..%2F..%2Fetc%2Fpasswd", 400, ""},
		{"GET", "/web%2fapp.wasm", 400, ""},
		{"GET", "/web/..%5c..%5cetc%5cpasswd", 400, ""},
		{"GET", `/web/..\..\etc\passwd`, 400, ""},
		{"GET", "/web/C:%5cWindows%5cwin.ini", 400, ""},
		{"GET", "/embed/../etc/passwd", 400, ""},
		{"GET", "/robots.txt/../../etc/passwd", 400, ""},
		{"GET", "/web/./app.wasm", 400, ""},
		{"GET", "/./", 400, ""},
		{"GET", "/web/../outside.txt", 400, ""},
		{"GET", "/web/%2e%2e/outside.txt", 400, ""},
		// Double encoding and overlong UTF-8 stay literal names: not found.
		{"GET", "/web/%252e%252e/%252e%252e/etc/passwd", 404, ""},
		{"GET", "/web/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", 404, ""},
		{"GET", "/app.js/..;/etc/passwd", 404, ""},
		// NUL and control bytes.
		{"GET", "/web/app.wasm%00", 400, ""},
		{"GET", "/web/app.wasm%00.css", 400, ""},
		{"GET", "/%00", 400, ""},
		{"GET", "/web/%0d%0aSet-Cookie:%20x=1", 400, ""},
		{"GET", "/web/app.wasm\x00", 400, ""},
		// Absolute paths and empty segments.
		{"GET", "//etc/passwd", 400, ""},
		{"GET", "///etc/passwd", 400, ""},
		{"GET", "/web//etc/passwd", 400, ""},
		{"GET", "/etc/passwd", 404, ""},
		{"GET", "/C:/Windows/win.ini", 404, ""},
		{"GET", "http://evil.example/etc/passwd", 404, ""},
		{"GET", "http://127.0.0.1/../etc/passwd", 400, ""},
		{"GET", "*", 400, ""},
		// Symlinks, dot files, directories, sources, precompressed siblings.
		{"GET", "/web/passwd", 404, ""},
		{"GET", "/web/etc/passwd", 404, ""},
		{"GET", "/web/icons/passwd.png", 404, ""},
		{"GET", "/web/.secret", 404, ""},
		{"GET", "/web/", 404, ""},
		{"GET", "/web", 404, ""},
		{"GET", "/web/icons/", 404, ""},
		{"GET", "/web/app.css/", 404, ""},
		{"GET", "/server.go", 404, ""},
		{"GET", "/server/server.go", 404, ""},
		{"GET", "/go.mod", 404, ""},
		{"GET", "/.git/config", 404, ""},
		{"GET", "/web/app.wasm.gz", 404, ""},
		{"GET", "/web/app.wasm.br", 404, ""},
		{"GET", "/sitemap.xml", 404, ""},
		{"GET", "/ads.txt", 404, ""},
		// Long URLs and headers.
		{"GET", long("/", 3000), 414, ""},
		{"GET", long("/web/", 2100), 414, ""},
		{"GET", long("/?q=", 9000), 414, ""},
		{"GET", long("/", 30000), 431, ""},
		{"GET", "/", 431, "Cookie: " + strings.Repeat("c", 30000) + "\r\n"},
		// A query is data, not a path: the page, and nothing else.
		{"GET", "/?q=%00%2e%2e%2f..%5c/etc/passwd", 200, ""},
		{"GET", "/web/app.css?../../etc/passwd", 200, ""},
		// Methods: only GET and HEAD.
		{"HEAD", "/", 200, ""},
		{"HEAD", "/web/app.wasm", 200, ""},
		{"HEAD", "/web/../../etc/passwd", 400, ""},
		{"OPTIONS", "/", 405, ""},
		{"OPTIONS", "*", 405, ""},
		{"POST", "/", 405, "Content-Length: 0\r\n"},
		{"POST", "/healthz", 405, "Content-Type: application/json\r\nContent-Length: 0\r\n"},
		{"PUT", "/web/app.wasm", 405, "Content-Length: 0\r\n"},
		{"DELETE", "/web/app.css", 405, ""},
		{"TRACE", "/", 405, ""},
		{"CONNECT", "127.0.0.1:443", 405, ""},
		{"PATCH", "/", 405, ""},
		{"PROPFIND", "/web/", 405, ""},
		{"MKCOL", "/web/x", 405, ""},
		{"FOO", "/", 405, ""},
		{"get", "/", 405, ""},
		{"BREW", "/../../etc/passwd", 405, ""},
		{"M-SEARCH", "*", 405, ""},
		// Malformed request lines and headers net/http refuses itself.
		{"GET", "/", 400, "Host: second.example\r\n"},
		{"GET", "/", 400, "Content-Length: 5\r\nContent-Length: 6\r\n"},
	}
	if len(cases) < 50 {
		t.Fatalf("only %d hostile cases", len(cases))
	}
	for _, tc := range cases {
		name := tc.method + " " + tc.target
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			raw := tc.method + " " + tc.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + tc.extra + "\r\n"
			resp, body := rawRequest(t, srv.addr, tc.method, raw)
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d (body %.100q)", resp.StatusCode, tc.want, body)
			}
			if resp.StatusCode >= 300 && resp.StatusCode < 400 {
				t.Errorf("redirect to %s", resp.Header.Get("Location"))
			}
			if tc.want == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("405 with Allow %q", resp.Header.Get("Allow"))
			}
			if tc.method == "HEAD" && len(body) > 0 {
				t.Errorf("HEAD answered with %d body bytes", len(body))
			}
			for _, leak := range leaks {
				if bytes.Contains(body, []byte(leak)) {
					t.Errorf("body contains %q", leak)
				}
			}
			if bytes.Contains(body, []byte(fakeWasmMarker)) {
				t.Error("body is the wasm")
			}
			// Everything the handler answers carries the security headers.
			// Requests net/http's parser refuses never reach it; it answers
			// those itself, with a body starting "400 " or "431 ".
			byParser := bytes.HasPrefix(body, []byte(strconv.Itoa(resp.StatusCode)+" "))
			if !byParser && (resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff") {
				t.Errorf("status %d without security headers", resp.StatusCode)
			}
		})
	}
	if resp, _ := rawRequest(t, srv.addr, "GET", "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); resp.StatusCode != 200 {
		t.Errorf("after the hostile requests /healthz = %d", resp.StatusCode)
	}
	if logs := srv.logs.String(); strings.Contains(logs, "panic") {
		t.Errorf("a hostile request panicked:\n%s", logs)
	}
}

func TestHostilePathsUnderBasePath(t *testing.T) {
	srv := startServer(t, Config{WebDir: hostileWeb(t), BasePath: "/widgets/citi-jpm"})
	for target, want := range map[string]int{
		"/widgets/citi-jpm/":                      200,
		"/widgets/citi-jpm/web/app.css":           200,
		"/widgets/citi-jpm/../../etc/passwd":      400,
		"/widgets/citi-jpm/web/%2e%2e/%2e%2e/x":   400,
		"/widgets/citi-jpm//etc/passwd":           400,
		"/widgets/citi-jpm/web/passwd":            404,
		"/widgets/%2e%2e/citi-jpm/web/app.wasm":   400,
		"/widgets/other/../citi-jpm/web/app.wasm": 400,
		"/etc/passwd":                                404,
		"/widgets/citi-jpm%2fweb%2fapp.wasm":         400,
		"/widgets/citi-jpm/web/app.wasm%00.manifest": 400,
	} {
		resp, body := rawRequest(t, srv.addr, "GET", "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", target, resp.StatusCode, want)
		}
		if bytes.Contains(body, []byte("root:x:0:")) || (want != 200 && bytes.Contains(body, []byte(fakeWasmMarker))) {
			t.Errorf("GET %s leaked a file", target)
		}
	}
}

func TestSymlinksAreNeverLoaded(t *testing.T) {
	assets, err := loadWebDir(hostileWeb(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range assets {
		if bytes.Contains(a.identity, []byte("root:x:0:")) || strings.Contains(name, "passwd") || strings.Contains(name, ".secret") {
			t.Errorf("loaded %s", name)
		}
	}
}

func TestCanonicalPath(t *testing.T) {
	for _, p := range []string{"/", "/embed", "/web/app.wasm", "/widgets/citi-jpm/", "/web/icons/icon.svg", "/a b"} {
		if !canonicalPath(p, p) {
			t.Errorf("%q refused", p)
		}
	}
	for _, p := range []string{"", "web", "//", "/..", "/a/../b", "/a/./b", "/a//b", "/a\\b", "/a\x00", "/a\x7f", "/a\nb"} {
		if canonicalPath(p, p) {
			t.Errorf("%q accepted", p)
		}
	}
	if canonicalPath("/web/app.wasm", "/web%2Fapp.wasm") {
		t.Error("encoded slash accepted")
	}
}

func TestPanicInHandlerIsRecoveredAndServerKeepsServing(t *testing.T) {
	logs := &lockedBuffer{}
	s, err := New(withApp(Config{Addr: "127.0.0.1:0", WebDir: fakeWeb(t), Logger: slog.New(slog.NewJSONHandler(logs, nil))}))
	if err != nil {
		t.Fatal(err)
	}
	// A route that panics, wrapped the way New wraps the mux, so the real
	// chain and the real http.Server handle it.
	inner := s.handler
	s.handler = recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("boom: secret detail")
		}
		inner.ServeHTTP(w, r)
	}), s.cfg.Logger)
	srv := serve(t, s)
	base := "http://" + srv.addr
	for i := 0; i < 3; i++ {
		resp, err := http.Get(base + "/boom")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 500 || bytes.Contains(body, []byte("secret")) || bytes.Contains(body, []byte("goroutine")) {
			t.Errorf("panic answered %d %q", resp.StatusCode, body)
		}
		if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
			t.Fatalf("after a panic /healthz: %v %v", resp, err)
		} else {
			resp.Body.Close()
		}
	}
	var entry struct{ Level, Msg, Path, Panic string }
	first, _, _ := strings.Cut(logs.String(), "\n")
	if err := json.Unmarshal([]byte(first), &entry); err != nil || entry.Level != "ERROR" || entry.Msg != "handler panic" ||
		entry.Path != "/boom" || !strings.Contains(entry.Panic, "boom") {
		t.Errorf("panic log %q (%v)", first, err)
	}
}

func TestForgedHostNeverProxiesOrPoisons(t *testing.T) {
	var hits atomic.Int64
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "User-agent: *\nDisallow: / # poisoned\n")
	}))
	defer evil.Close()
	evilHost := strings.TrimPrefix(evil.URL, "http://")

	srv := startServer(t, Config{})
	fetch := func(path, host string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+srv.addr+path, nil)
		if host != "" {
			req.Host = host
			req.Header.Set("X-Forwarded-Host", host)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	const own = "User-agent: *\nAllow: /\n"
	for _, host := range []string{evilHost, "evil.example", ""} {
		if code, body := fetch("/robots.txt", host); code != 200 || body != own {
			t.Errorf("Host %q: /robots.txt = %d %q", host, code, body)
		}
		for _, p := range []string{"/sitemap.xml", "/ads.txt"} {
			if code, body := fetch(p, host); code != 404 || strings.Contains(body, "poisoned") {
				t.Errorf("Host %q: %s = %d %q", host, p, code, body)
			}
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server fetched from the forged host %d times", n)
	}
}

// Behind a reverse proxy the app must not build URLs from what the client
// says its host or scheme is: every URL it writes is root-relative.
func TestNoURLIsBuiltFromTheRequestHost(t *testing.T) {
	srv := startServer(t, Config{BasePath: "/w"})
	for _, p := range []string{"/w/", "/w/embed", "/w/app.js", "/w/app-worker.js", "/w/manifest.webmanifest", "/w/nope", "/w"} {
		raw := "GET " + p + " HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil2.example\r\n" +
			"X-Forwarded-Proto: https\r\nForwarded: host=evil3.example\r\nConnection: close\r\n\r\n"
		resp, body := rawRequest(t, srv.addr, "GET", raw)
		if bytes.Contains(body, []byte("evil")) || strings.Contains(resp.Header.Get("Location"), "evil") {
			t.Errorf("%s: the answer names the client's host", p)
		}
	}
	// The absolute form of the request target carries a host too.
	for target, want := range map[string]int{"http://evil.example/w/": 200, "http://evil.example/w": 301} {
		resp, body := rawRequest(t, srv.addr, "GET", "GET "+target+" HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != want || bytes.Contains(body, []byte("evil")) || strings.Contains(resp.Header.Get("Location"), "evil") {
			t.Errorf("absolute-form %s: %d, Location %q, body names the host: %v", target, resp.StatusCode,
				resp.Header.Get("Location"), bytes.Contains(body, []byte("evil")))
		}
	}
}

// go-app publishes Handler.Env in app.js; it must hold only go-app's own
// keys, never anything from the server's environment.
func TestAppJSEnvHoldsNoSecret(t *testing.T) {
	t.Setenv("WIDGET_TEST_SECRET", "s3cr3t-value")
	_, h := newTestServer(t, Config{})
	js := get(h, "/app.js").Body.String()
	m := regexp.MustCompile(`(?m)^const goappEnv = (\{.*\});$`).FindStringSubmatch(js)
	if m == nil {
		t.Fatal("app.js has no goappEnv line; go-app changed, re-check what it publishes")
	}
	var env map[string]string
	if err := json.Unmarshal([]byte(m[1]), &env); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"GOAPP_INTERNAL_URLS", "GOAPP_ROOT_PREFIX", "GOAPP_STATIC_RESOURCES_URL", "GOAPP_VERSION"}
	if !slices.Equal(keys, want) {
		t.Errorf("app.js Env keys %v, want %v", keys, want)
	}
	if strings.Contains(js, "s3cr3t-value") {
		t.Error("app.js contains a value from the server's environment")
	}
}

func TestCrossOriginOpenerPolicy(t *testing.T) {
	_, h := newTestServer(t, Config{FrameAncestors: []string{"https://partner.example"}})
	for _, p := range []string{"/", "/embed", "/web/app.wasm", "/nope", "/../x"} {
		w := get(h, p)
		if got := w.Header().Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
			t.Errorf("%s: COOP %q", p, got)
		}
		if w.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s (%d): no CSP", p, w.Code)
		}
	}
	// COOP must not replace the embedding policy.
	if csp := get(h, "/embed").Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors https://partner.example") {
		t.Errorf("embed CSP %q", csp)
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// their paths and a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestTLSAndHSTS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	secure := startServer(t, Config{TLSCert: certFile, TLSKey: keyFile})
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	resp, err := client.Get("https://" + secure.addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Strict-Transport-Security") != hstsValue {
		t.Errorf("over TLS: %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	if resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 {
		t.Errorf("TLS state %+v", resp.TLS)
	}
	// Old TLS versions are refused.
	old := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, MaxVersion: tls.VersionTLS11}}}
	if resp, err := old.Get("https://" + secure.addr + "/"); err == nil {
		resp.Body.Close()
		t.Error("TLS 1.1 accepted")
	}
	// Plain HTTP to the TLS port gets net/http's 400, not the app.
	if resp, err := http.Get("http://" + secure.addr + "/"); err != nil || resp.StatusCode != 400 {
		t.Errorf("plain HTTP on the TLS port: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	plain := startServer(t, Config{})
	resp, err = http.Get("http://" + plain.addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("HSTS over plain HTTP: %q", got)
	}
	// Even a client claiming HTTPS through a proxy header does not get it.
	req, _ := http.NewRequest("GET", "http://"+plain.addr+"/", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.Header.Get("Strict-Transport-Security") != "" {
		t.Errorf("HSTS granted on X-Forwarded-Proto (%v)", err)
	} else {
		resp.Body.Close()
	}

	proxied := startServer(t, Config{HSTS: true})
	resp, err = http.Get("http://" + proxied.addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Strict-Transport-Security") != hstsValue {
		t.Error("-hsts behind a proxy: no HSTS")
	}
}

func TestTLSConfigErrors(t *testing.T) {
	certFile, keyFile, _ := selfSigned(t)
	for _, tc := range []struct{ cert, key, want string }{
		{certFile, "", "both"},
		{"", keyFile, "both"},
		{certFile, certFile, "loading"},
		{filepath.Join(t.TempDir(), "missing.pem"), keyFile, "loading"},
	} {
		s, err := New(withApp(Config{Addr: "127.0.0.1:0", WebDir: fakeWeb(t), TLSCert: tc.cert, TLSKey: tc.key,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("cert %q key %q: Run = %v, want an error about %q", tc.cert, tc.key, err, tc.want)
		}
	}
}
