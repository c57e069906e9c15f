# make bench: the performance harness (cmd/bench, see BENCHMARKS.md).
# It builds the tree in release mode into a temporary directory, so it
# never touches web/app.wasm, bin/ or dist/. Timings are reported, never
# asserted. BENCH_RUNS=1 gives a quick look; BENCH_ARGS passes any other
# flag (go run ./cmd/bench -h lists them), e.g. -flood-duration 5s.

BENCH_RUNS       ?= 5
BENCH_WRK_RUNS   ?= 3
BENCH_LIGHTHOUSE ?= 3
BENCH_ARGS       ?=
LIGHTHOUSE_DIR   := cmd/bench/lighthouse

.PHONY: bench deps-bench

bench: deps-test deps-bench $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json
	$(GO) run ./cmd/bench -runs $(BENCH_RUNS) -wrk-runs $(BENCH_WRK_RUNS) -lighthouse-runs $(BENCH_LIGHTHOUSE) $(BENCH_ARGS)

# nginx (with Debian's brotli_static module) and wrk, installed only when
# missing. The brotli module is optional: without it the bench compares
# gzip with gzip and says so.
deps-bench:
	@missing=""; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing libnginx-mod-http-brotli-static"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing with apt-get"; \
		$(SUDO) apt-get update -qq && \
		for p in $$missing; do \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$p || \
			[ "$$p" = libnginx-mod-http-brotli-static ] || exit 1; \
		done; \
	fi

# Lighthouse, pinned by package-lock.json and reinstalled when the lock
# changes; no install scripts: it drives Debian's Chromium and needs no
# browser download.
$(LIGHTHOUSE_DIR)/node_modules/.package-lock.json: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	npm ci --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund --ignore-scripts
