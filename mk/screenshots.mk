# make screenshots: refresh the pictures under docs/ that README shows, in
# headless Chromium against the real server and WASM. Kept out of make test,
# which must never rewrite tracked files.

.PHONY: screenshots

screenshots: deps-test build
	WIDGET_SCREENSHOTS=1 $(GO) test -count=1 -run '^TestScreenshots$$' ./e2e/
