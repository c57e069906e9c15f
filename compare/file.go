package compare

import (
	"bytes"
	"strings"
	"time"

	"citijpm/data"
)

// The files below are what the page's downloads save and what the server
// answers at /comparison.csv, /comparison.json and /overview.*: one code path,
// so a file fetched by URL is byte for byte the one the page saves.

// utf8BOM lets spreadsheet programs read the CSV's ® and — correctly.
const utf8BOM = "\ufeff"

// CSVFile is the CSV download of res: a byte-order mark, then WriteCSV.
func CSVFile(ix *Index, res Result, today time.Time) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	if err := WriteCSV(&b, ix, res, today); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// JSONFile is the JSON download of res (see WriteJSON).
func JSONFile(ix *Index, res Result) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteJSON(&b, ix, res); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// OverviewName is the file name of the overview picture, e.g.
// "citi-jpm-overview-2026-11-24-filtered.png".
func OverviewName(ds *data.Dataset, filtered bool, ext string) string {
	return strings.Replace(ExportName(ds, filtered, ext), "comparison", "overview", 1)
}
