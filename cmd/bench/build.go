package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// release is one release build of whatever is in the tree, entirely under
// its own directory: nothing in the repository's web/, bin/ or dist/ is
// read or written, so others can keep building there.
type release struct {
	Dir    string // the temporary root
	Web    string // app.wasm (+ .gz, .br), CSS, icons, then baseline.html
	Server string // the server binary
	Dist   string // the static export, for nginx
	Floor  string // the minimal go-app app (cmd/bench/floorapp): its server, beside web/app.wasm
}

func newRelease(dir string) release {
	return release{
		Dir:    dir,
		Web:    filepath.Join(dir, "web"),
		Server: filepath.Join(dir, "widget"),
		Dist:   filepath.Join(dir, "dist"),
		Floor:  filepath.Join(dir, "floor"),
	}
}

// build compiles the WASM and the server exactly as the Makefile does for a
// release, copies the rest of web/ and precompresses app.wasm.
func (r release) build(ctx context.Context, repo string, logf func(string, ...any)) error {
	if err := os.MkdirAll(r.Web, 0o755); err != nil {
		return err
	}
	steps := []struct {
		what string
		env  []string
		args []string
	}{
		{"WASM", []string{"GOOS=js", "GOARCH=wasm"},
			[]string{"go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(r.Web, "app.wasm"), "./cmd/widget"}},
		{"server", nil, []string{"go", "build", "-trimpath", "-o", r.Server, "./cmd/widget"}},
		// The floor app, built the same way: go-app's handler serves it
		// from web/ beside its server.
		{"floor app's WASM", []string{"GOOS=js", "GOARCH=wasm"},
			[]string{"go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(r.Floor, "web", "app.wasm"), "./cmd/bench/floorapp"}},
		{"floor app's server", nil, []string{"go", "build", "-trimpath", "-o", filepath.Join(r.Floor, "floorapp"), "./cmd/bench/floorapp"}},
	}
	for _, s := range steps {
		start := time.Now()
		if err := runCmd(ctx, repo, s.env, s.args...); err != nil {
			return fmt.Errorf("building the %s: %w", s.what, err)
		}
		logf("built the %s in %v", s.what, time.Since(start).Round(100*time.Millisecond))
	}
	if err := copyWebAssets(filepath.Join(repo, "web"), r.Web); err != nil {
		return err
	}
	start := time.Now()
	if err := runCmd(ctx, repo, nil, "go", "run", "./cmd/precompress", filepath.Join(r.Web, "app.wasm")); err != nil {
		return fmt.Errorf("precompressing app.wasm: %w", err)
	}
	logf("precompressed app.wasm in %v", time.Since(start).Round(100*time.Millisecond))
	return nil
}

// export writes the static site nginx serves, with the server's own -export.
func (r release) export(ctx context.Context) error {
	return runCmd(ctx, r.Dir, nil, r.Server, "-web", r.Web, "-export", r.Dist)
}

// isBuildOutput names the files of web/ that a build writes: they are
// rebuilt here, never copied from someone else's build.
func isBuildOutput(rel string) bool {
	return rel == "app.wasm" || strings.HasPrefix(rel, "app.wasm.")
}

// copyWebAssets copies web/ (CSS, icons, anything added later) except the
// build outputs.
func copyWebAssets(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		case !d.Type().IsRegular() || isBuildOutput(rel):
			return nil
		}
		return copyFile(p, filepath.Join(to, rel))
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// wasmSizes reads the sizes of app.wasm and its precompressed siblings.
func (r release) wasmSizes() (raw, gz, br int64, err error) {
	for _, f := range []struct {
		name string
		size *int64
	}{{"app.wasm", &raw}, {"app.wasm.gz", &gz}, {"app.wasm.br", &br}} {
		info, err := os.Stat(filepath.Join(r.Web, f.name))
		if err != nil {
			return 0, 0, 0, err
		}
		*f.size = info.Size()
	}
	return raw, gz, br, nil
}

// runCmd executes a command in dir, its output going to stderr so progress is
// visible and failures explain themselves.
func runCmd(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	return cmd.Run()
}
