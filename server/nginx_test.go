package server

import (
	"os"
	"strings"
	"testing"
)

func TestNginxConfig(t *testing.T) {
	const module = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
	cfg := NginxConfig{Listen: "127.0.0.1:41000", Root: "/tmp/b/dist", Dir: "/tmp/b/nginx", Workers: 2,
		BrotliModule: module, KeepaliveSecs: 120, FrameAncestors: []string{"https://partner.example"},
		StyleHashes: []string{"'sha256-AAAA'", "'sha256-BBBB'"}}
	text, err := cfg.Render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"load_module " + module + ";",
		"daemon off;",
		"worker_processes 2;",
		"pid /tmp/b/nginx/nginx.pid;",
		"error_log /tmp/b/nginx/error.log warn;",
		"access_log off;",
		"client_body_temp_path /tmp/b/nginx/client_body;",
		"scgi_temp_path /tmp/b/nginx/scgi;",
		"keepalive_timeout 120s;",
		"application/wasm wasm;",
		"gzip_static on;",
		"brotli_static on;",
		"listen 127.0.0.1:41000;",
		"root /tmp/b/dist;",
		"try_files $uri $uri.html $uri/ =404;",
		`add_header Cache-Control "no-cache" always;`,
		`add_header X-Content-Type-Options "nosniff" always;`,
		"frame-ancestors https://partner.example\" always;",
		"style-src 'self' 'sha256-AAAA' 'sha256-BBBB';",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("config lacks %q:\n%s", want, text)
		}
	}
	// Every header the Go server sets on every answer is set here too.
	for name, v := range securityHeaderValues(cfg.FrameAncestors, cfg.StyleHashes) {
		if !strings.Contains(text, "add_header "+name+` "`+v[0]+`" always;`) {
			t.Errorf("config lacks the server's %s header", name)
		}
	}
	// Nothing may point at the system's nginx paths: tests and the bench run
	// nginx as a child with everything in a temp dir.
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "load_module") || strings.HasPrefix(line, "#") {
			continue
		}
		for _, bad := range []string{"/var/", "/run/", "/etc/", "/usr/"} {
			if strings.Contains(line, bad) {
				t.Errorf("config line %q uses a system path", line)
			}
		}
	}
	if strings.Count(text, "{") != strings.Count(text, "}") {
		t.Errorf("unbalanced braces:\n%s", text)
	}
	if strings.Contains(text, "user root") {
		t.Error("user root without RunAsRoot")
	}
}

func TestNginxConfigWithoutBrotli(t *testing.T) {
	text, err := NginxConfig{Listen: "127.0.0.1:41000", Root: "/r", Dir: "/d", Workers: 1, KeepaliveSecs: 120}.Render()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "brotli") || strings.Contains(text, "load_module") {
		t.Errorf("brotli configured without the module:\n%s", text)
	}
	if !strings.Contains(text, "gzip_static on;") || !strings.Contains(text, "frame-ancestors *\"") {
		t.Errorf("gzip_static or the open frame-ancestors missing:\n%s", text)
	}
}

// readmeStyleHashes stands in README for the hashes an export prints:
// they change with the CSS, README does not.
const readmeStyleHashes = "'sha256-…'"

// README shows the server block for a host's own nginx: it must be what
// the tests and the bench run.
func TestReadmeShowsTheNginxServerBlock(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := NginxConfig{Listen: "80", Root: "/srv/citi-jpm/dist", StyleHashes: []string{readmeStyleHashes}}.ServerBlock()
	if err != nil {
		t.Fatal(err)
	}
	indented := "  ```nginx\n"
	for _, line := range strings.SplitAfter(want, "\n") {
		if strings.TrimSpace(line) != "" {
			line = "  " + line
		}
		indented += line
	}
	indented += "  ```\n"
	if !strings.Contains(string(readme), indented) {
		t.Errorf("README.md lacks the nginx server block; it should read:\n%s", indented)
	}
}
