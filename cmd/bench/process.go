package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// child is a server the harness started and must stop: the widget or nginx.
type child struct {
	name string
	URL  string // http://127.0.0.1:PORT, no trailing slash
	cmd  *exec.Cmd
	done chan struct{}
	log  *lockedBuffer
}

var (
	servingLine      = regexp.MustCompile(`Serving the comparison at (http://\S+?)/?$`)
	floorServingLine = regexp.MustCompile(`Serving the floor app at (http://\S+?)/?$`)
)

// startWidget runs the release's server on a free loopback port and waits
// for the line that says where it serves.
func startWidget(r release) (*child, error) {
	return startServing("widget", exec.Command(r.Server, "-addr", "127.0.0.1:0", "-web", r.Web), servingLine)
}

// startFloor runs the minimal go-app app (cmd/bench/floorapp) from its
// directory, where go-app's handler finds web/app.wasm.
func startFloor(r release) (*child, error) {
	cmd := exec.Command(filepath.Join(r.Floor, "floorapp"), "-addr", "127.0.0.1:0")
	cmd.Dir = r.Floor
	return startServing("floor app", cmd, floorServingLine)
}

// startServing runs cmd and waits for the line, matched by serving, that
// says where it serves.
func startServing(name string, cmd *exec.Cmd, serving *regexp.Regexp) (*child, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &child{name: name, cmd: cmd, done: make(chan struct{}), log: &lockedBuffer{}}
	cmd.Stderr = c.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { cmd.Wait(); close(c.done) }()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
	}()
	select {
	case c.URL = <-urls:
		return c, nil
	case <-c.done:
		return nil, fmt.Errorf("the %s exited: %s", name, c.log)
	case <-time.After(60 * time.Second):
		c.stop()
		return nil, fmt.Errorf("the %s did not start within 60 s: %s", name, c.log)
	}
}

// startNginx runs nginx in the foreground with the generated config and
// waits until it answers.
func startNginx(bin, confFile, prefix, errorLog, url string) (*child, error) {
	cmd := exec.Command(bin, "-p", prefix, "-c", confFile, "-e", errorLog)
	c := &child{name: "nginx", URL: url, cmd: cmd, done: make(chan struct{}), log: &lockedBuffer{}}
	cmd.Stdout = c.log
	cmd.Stderr = c.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { cmd.Wait(); close(c.done) }()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-c.done:
			logged, _ := os.ReadFile(errorLog)
			return nil, fmt.Errorf("nginx exited: %s%s", c.log, logged)
		default:
		}
		if res, err := http.Get(url + "/robots.txt"); err == nil {
			res.Body.Close()
			return c, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.stop()
	return nil, errors.New("nginx did not answer within 15 s")
}

// stop asks for a graceful exit (SIGTERM: the widget drains, nginx's master
// stops its workers), then kills after a grace period.
func (c *child) stop() {
	if c == nil {
		return
	}
	select {
	case <-c.done:
		return
	default:
	}
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(20 * time.Second):
		c.cmd.Process.Kill()
		<-c.done
	}
}

// freeLoopbackAddr picks a port nobody listens on right now, for nginx,
// which cannot report the port it bound.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// lockedBuffer collects a child's output for error messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 64<<10 {
		return len(p), nil // enough to explain a failure
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
