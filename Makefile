# Citi vs J.P. Morgan comparison widget.
# `make run` builds everything and serves it; `make test` runs every check.

GO        ?= go
ADDR      ?= 127.0.0.1:8080
WEB       := web
WASM      := $(WEB)/app.wasm
SERVER    := bin/widget
GOFILES   := $(shell find . -name '*.go' -not -path './dist/*') go.mod go.sum
DATAFILES := $(shell find data/dataset -name '*.json')

# Root installs packages directly; anyone else goes through sudo.
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build run static test unit e2e vet fmt-check check clean deps-test

all: build

build: check $(WASM) $(WASM).gz $(WASM).br $(SERVER)

# A malformed dataset stops the build here, with file, JSON path and reason.
check:
	$(GO) run ./cmd/datatool check -dir data/dataset

# The WebAssembly app: the same UI code as the server's prerender, without
# any server code (cmd/widget/main.go is behind !wasm).
$(WASM): $(GOFILES) $(DATAFILES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $@ ./cmd/widget

# Compressed at build time, never per request.
$(WASM).gz $(WASM).br &: $(WASM)
	$(GO) run ./cmd/precompress $(WASM)

$(SERVER): $(GOFILES) $(DATAFILES)
	$(GO) build -trimpath -o $@ ./cmd/widget

# The app as plain files for any static host or CDN (see README).
BASE_PATH ?=
# The address the files will be read at, for link previews and oEmbed,
# e.g. PUBLIC_URL=https://example.com/widgets/citi-jpm/
PUBLIC_URL ?=
static: build
	rm -rf dist
	./$(SERVER) -export dist -base-path "$(BASE_PATH)" -public-url "$(PUBLIC_URL)"

run: build
	./$(SERVER) -addr $(ADDR)

# Everything: formatting, vet, the dataset check, unit tests, then the
# end-to-end tests in headless Chromium against the real server and WASM.
test: deps-test fmt-check vet build
	$(GO) test -count=1 -timeout 20m ./...

unit:
	$(GO) test -short -count=1 $$($(GO) list ./... | grep -v /e2e)

e2e: deps-test build
	$(GO) test -count=1 -timeout 20m ./e2e/...

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/... ./cmd/widget/...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Debian's Chromium drives the end-to-end tests, nginx serves the static
# export in one of them, and axe-core (pinned in e2e/axe) audits
# accessibility; each is installed only when missing.
deps-test:
	@command -v chromium >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
		echo "installing chromium, nginx and npm with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core nginx-light \
			$$(command -v npm >/dev/null 2>&1 || echo npm); }
	@[ -f e2e/axe/node_modules/axe-core/axe.min.js ] || npm ci --prefix e2e/axe --no-audit --no-fund

clean:
	rm -rf bin dist $(WASM) $(WASM).gz $(WASM).br

# Each area of work keeps its own targets in mk/*.mk.
-include mk/*.mk
