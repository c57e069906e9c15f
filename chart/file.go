package chart

import (
	"citijpm/compare"
	"citijpm/data"
)

// FileID is the root id of the overview as a file.
const FileID = "mx-file"

// File is the overview as a standalone SVG file: it carries the title, the
// filters in effect, the last-verified date and the source line, so a
// picture taken out of context still says where it comes from. The page's
// download and the server's /overview.svg both call it, so they agree byte
// for byte.
func File(ds *data.Dataset, f compare.Filters, m compare.Matrix) string {
	return Standalone(ds, f, m, DefaultWidth)
}
