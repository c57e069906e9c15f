// Package chromium starts Debian's headless Chromium the one way this
// machine allows, for the end-to-end tests and the benchmark alike.
package chromium

import (
	"errors"
	"os"

	"github.com/chromedp/chromedp"
)

// Path finds Debian's Chromium ($CHROMIUM first); make test installs it.
func Path() (string, error) {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("chromium not found: make test installs Debian's package with apt-get")
}

// Options are the allocator options for a headless run as root with a
// fresh profile. Without the background-networking flags Chromium keeps
// calling hosts this closed network refuses.
func Options(exe, profileDir string, width, height int) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(profileDir),
		chromedp.WindowSize(width, height),
	}
}
