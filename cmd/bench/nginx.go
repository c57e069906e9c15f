package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"citijpm/server"
)

// brotliStaticModule is where Debian's libnginx-mod-http-brotli-static puts
// the module that serves precompressed .br files (brotli_static).
const brotliStaticModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// newNginxConfig is the shared nginx configuration (server.NginxConfig)
// with this machine's defaults: as many workers as the Go server has
// threads, its keep-alive, brotli_static when Debian's module is there.
func newNginxConfig(addr, root, dir string) server.NginxConfig {
	c := server.NginxConfig{Listen: addr, Root: root, Dir: dir, Workers: runtime.GOMAXPROCS(0), KeepaliveSecs: 120}
	if _, err := os.Stat(brotliStaticModule); err == nil {
		c.BrotliModule = brotliStaticModule
	}
	return c
}

// nginxSetup writes the config and the directories it names, and makes
// the export readable by nginx's workers (they drop to an unprivileged user
// when the master runs as root, and os.MkdirTemp makes a 0700 directory).
func nginxSetup(r release, addr string) (conf string, cfg server.NginxConfig, err error) {
	dir := filepath.Join(r.Dir, "nginx")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", cfg, err
	}
	if err := os.Chmod(r.Dir, 0o755); err != nil {
		return "", cfg, err
	}
	cfg = newNginxConfig(addr, r.Dist, dir)
	if cfg.StyleHashes, err = server.ExportStyleHashes(r.Dist); err != nil {
		return "", cfg, err
	}
	text, err := cfg.Render()
	if err != nil {
		return "", cfg, err
	}
	conf = filepath.Join(dir, "nginx.conf")
	return conf, cfg, os.WriteFile(conf, []byte(text), 0o644)
}

// nginxVersion is what `nginx -v` prints, e.g. "nginx/1.22.1".
func nginxVersion(bin string) string {
	out, err := exec.Command(bin, "-v").CombinedOutput()
	if err != nil {
		return "unknown"
	}
	s := strings.TrimSpace(string(out))
	if _, v, ok := strings.Cut(s, "version: "); ok {
		return v
	}
	return s
}

// findNginx looks where Debian installs it, then in PATH.
func findNginx() (string, error) {
	for _, p := range []string{"/usr/sbin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	p, err := exec.LookPath("nginx")
	if err != nil {
		return "", fmt.Errorf("nginx not found: `make bench` installs it with apt-get")
	}
	return p, nil
}
