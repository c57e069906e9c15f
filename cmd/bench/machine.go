package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine is what the figures were measured on.
type machine struct {
	CPUs       int    `json:"cpus"`
	CPUModel   string `json:"cpu_model"`
	OS         string `json:"os"`
	Go         string `json:"go"`
	Chromium   string `json:"chromium"`
	Nginx      string `json:"nginx,omitempty"`
	Wrk        string `json:"wrk,omitempty"`
	Commit     string `json:"commit"`
	LoadAvg    string `json:"loadavg_at_start"` // other work on the machine skews every figure
	LoadAvgEnd string `json:"loadavg_at_end"`
}

func machineInfo(ctx context.Context, chromium string) machine {
	return machine{
		CPUs:     runtime.NumCPU(),
		CPUModel: cpuModel(),
		OS:       osName(),
		Go:       firstLine(ctx, "go", "env", "GOVERSION"),
		Chromium: firstLine(ctx, chromium, "--version"),
		// Read-only: the commit the tree is based on. Uncommitted changes
		// are measured too but not named here.
		Commit:  firstLine(ctx, "git", "rev-parse", "--short", "HEAD"),
		LoadAvg: loadAvg(),
	}
}

// loadAvg is the 1, 5 and 15 minute load averages from /proc/loadavg.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// cpuModel reads the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return runtime.GOARCH
}

// osName is PRETTY_NAME from /etc/os-release.
func osName() string {
	b, err := os.ReadFile("/etc/os-release")
	if err != nil {
		return runtime.GOOS
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
			return strings.Trim(v, `"`)
		}
	}
	return runtime.GOOS
}

// firstLine runs a command and returns the first line of its standard
// output (Debian's chromium wrapper writes noise to stderr).
func firstLine(ctx context.Context, name string, args ...string) string {
	out, err := exec.CommandContext(ctx, name, args...).Output()
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if err != nil || line == "" {
		return "unknown"
	}
	return line
}
