package main

import (
	"strings"
	"testing"
)

func TestNginxConfig(t *testing.T) {
	cfg := nginxConfig{Addr: "127.0.0.1:41000", Root: "/tmp/b/dist", Dir: "/tmp/b/nginx", Workers: 2,
		BrotliModule: brotliStaticModule, KeepaliveSecs: 120}
	text, err := cfg.render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"load_module " + brotliStaticModule + ";",
		"daemon off;",
		"worker_processes 2;",
		"pid /tmp/b/nginx/nginx.pid;",
		"error_log /tmp/b/nginx/error.log warn;",
		"access_log off;",
		"client_body_temp_path /tmp/b/nginx/client_body;",
		"proxy_temp_path /tmp/b/nginx/proxy;",
		"fastcgi_temp_path /tmp/b/nginx/fastcgi;",
		"uwsgi_temp_path /tmp/b/nginx/uwsgi;",
		"scgi_temp_path /tmp/b/nginx/scgi;",
		"application/wasm wasm;",
		"gzip_static on;",
		"brotli_static on;",
		"listen 127.0.0.1:41000;",
		"root /tmp/b/dist;",
		"index index.html;",
		"try_files /embed.html =404;",
		`add_header Cache-Control "no-cache" always;`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("config lacks %q:\n%s", want, text)
		}
	}
	// Nothing may point at the system's nginx paths: the bench runs nginx
	// as a child with everything in its temp dir.
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
}

func TestNginxConfigWithoutBrotli(t *testing.T) {
	cfg := nginxConfig{Addr: "127.0.0.1:41000", Root: "/r", Dir: "/d", Workers: 1, KeepaliveSecs: 120}
	text, err := cfg.render()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "brotli") || strings.Contains(text, "load_module") {
		t.Errorf("brotli configured without the module:\n%s", text)
	}
	if !strings.Contains(text, "gzip_static on;") {
		t.Errorf("gzip_static missing:\n%s", text)
	}
}
