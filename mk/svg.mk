# The comparison matrix as a standalone SVG, for print and for partners who
# want a static image (the widget itself draws it inline).
.PHONY: svg
svg:
	$(GO) run ./cmd/datatool svg -o docs/matrix.svg
