# Citi vs J.P. Morgan comparison widget.
# `make run` builds everything and serves it; `make test` runs every check.

GO        ?= go
ADDR      ?= 127.0.0.1:8080
WEB       := web
WASM      := $(WEB)/app.wasm
SERVER    := bin/widget
GOFILES   := $(shell find . -name '*.go' -not -path './dist/*') go.mod go.sum
DATAFILES := $(shell find data/dataset -name '*.json')

.PHONY: all build run test unit e2e vet check clean deps-test

all: build

build: $(WASM) $(WASM).gz $(WASM).br $(SERVER)

# The WebAssembly app: the same UI code as the server's prerender, without
# any server code (cmd/widget/main.go is behind !wasm).
$(WASM): $(GOFILES) $(DATAFILES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $@ ./cmd/widget

# Compressed at build time, never per request.
$(WASM).gz $(WASM).br &: $(WASM)
	$(GO) run ./cmd/precompress $(WASM)

$(SERVER): $(GOFILES) $(DATAFILES)
	$(GO) build -trimpath -o $@ ./cmd/widget

run: build
	./$(SERVER) -addr $(ADDR)

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/... ./cmd/widget/...

unit:
	$(GO) test ./...

clean:
	rm -rf bin dist $(WASM) $(WASM).gz $(WASM).br
