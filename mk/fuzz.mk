# Fuzzing (issue 7). `make fuzz` runs each fuzz target for $(FUZZTIME) and
# prints how many inputs it tried. A crashing input is saved under the
# package's testdata/fuzz/<Target>/ and stops the run; plain `go test` (and
# so `make test`) then replays it with the seed corpus.
#
#   make fuzz FUZZTIME=5m
FUZZTIME         ?= 30s
# New coverage is minimized before it joins the corpus; large dataset files
# would otherwise spend the whole budget minimizing.
FUZZMINIMIZETIME ?= 5s
FUZZ_TARGETS     := data/FuzzDecodeAndValidate compare/FuzzParseQuery \
                    server/FuzzPrerenderedSearch internal/htmlattr/FuzzEscape

.PHONY: fuzz
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=./$${t%/*}; name=$${t##*/}; log=$$(mktemp); \
		echo "fuzzing $$name in $$pkg for $(FUZZTIME)"; \
		if ! $(GO) test -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) \
			-fuzzminimizetime=$(FUZZMINIMIZETIME) $$pkg >$$log 2>&1; then \
			cat $$log; rm -f $$log; exit 1; \
		fi; \
		sed -n 's/^fuzz: elapsed: \([^,]*\), execs: \([0-9]*\) .*total: \([0-9]*\)).*/  \2 executions in \1, corpus of \3 inputs/p' $$log | tail -n 1; \
		rm -f $$log; \
	done
