package data

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// files holds the shipped dataset, compiled into every binary.
//
//go:embed dataset
var files embed.FS

// Shipped returns the embedded dataset's file system, rooted at dataset/.
func Shipped() fs.FS {
	sub, err := fs.Sub(files, "dataset")
	if err != nil {
		panic(err) // the directory is embedded above; this cannot fail
	}
	return sub
}

// The files a dataset directory holds. Cells live in one file per bank (or
// any split the maintainers like) under cells/.
const (
	metaFile       = "meta.json"
	banksFile      = "banks.json"
	sourcesFile    = "sources.json"
	sectionsFile   = "sections.json"
	categoriesFile = "categories.json"
	cellsDir       = "cells"
	// Optional files: a dataset without them names no markets or offerings.
	marketsFile   = "markets.json"
	offeringsFile = "offerings.json"
)

// decodeTrusted decodes an already validated dataset with one pass of
// unmarshal per file and no shape or cross-file checks.
func decodeTrusted(fsys fs.FS, unmarshal func([]byte, any) error) (*Dataset, error) {
	ds, problems := decodeAll(fsys, func(file string, b []byte, v any, problems *Problems) bool {
		if err := unmarshal(b, v); err != nil {
			*problems = append(*problems, Problem{File: file, Path: "$", Reason: "cannot decode: " + err.Error()})
			return false
		}
		return true
	})
	if len(problems) > 0 {
		return nil, problems
	}
	ds.index()
	return ds, nil
}

// decodeFunc fills v from one file's bytes, adding any problem found.
type decodeFunc func(file string, b []byte, v any, problems *Problems) bool

// decodeAll reads every file of a dataset directory with decode.
func decodeAll(fsys fs.FS, decode decodeFunc) (*Dataset, Problems) {
	var problems Problems
	ds := &Dataset{}

	decodeFile(fsys, metaFile, &ds.Meta, &problems, decode)
	decodeFile(fsys, banksFile, &ds.Banks, &problems, decode)
	decodeFile(fsys, sourcesFile, &ds.Sources, &problems, decode)
	decodeFile(fsys, sectionsFile, &ds.Sections, &problems, decode)
	decodeFile(fsys, categoriesFile, &ds.Categories, &problems, decode)
	decodeOptional(fsys, marketsFile, &ds.Markets, &problems, decode)
	decodeOptional(fsys, offeringsFile, &ds.Offerings, &problems, decode)

	cellFiles, err := fs.Glob(fsys, cellsDir+"/*.json")
	if err != nil || len(cellFiles) == 0 {
		problems = append(problems, Problem{File: cellsDir + "/", Path: "$", Reason: "no *.json cell files found"})
	}
	sort.Strings(cellFiles)
	for _, name := range cellFiles {
		var cells []Cell
		if !decodeFile(fsys, name, &cells, &problems, decode) {
			continue
		}
		ds.cellOrigins = append(ds.cellOrigins, cellOrigin{file: name, start: len(ds.Cells), count: len(cells)})
		ds.Cells = append(ds.Cells, cells...)
	}
	return ds, problems
}

func decodeFile(fsys fs.FS, name string, v any, problems *Problems, decode decodeFunc) bool {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		reason := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			reason = "file is missing"
		}
		*problems = append(*problems, Problem{File: name, Path: "$", Reason: reason})
		return false
	}
	return decode(name, b, v, problems)
}

// decodeOptional is decodeFile for a file a dataset may leave out.
func decodeOptional(fsys fs.FS, name string, v any, problems *Problems, decode decodeFunc) {
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return
	}
	decodeFile(fsys, name, v, problems, decode)
}

// cellOrigin remembers which file a run of cells came from, so validation
// can name the file an analyst must edit.
type cellOrigin struct {
	file         string
	start, count int
}

// cellLocation returns the file and JSON path of cell i.
func (ds *Dataset) cellLocation(i int) (file, at string) {
	for _, o := range ds.cellOrigins {
		if i >= o.start && i < o.start+o.count {
			return o.file, fmt.Sprintf("$[%d]", i-o.start)
		}
	}
	return cellsDir, fmt.Sprintf("$[%d]", i)
}

// fileForBank guesses which cell file holds a bank's cells, for reporting a
// missing cell.
func (ds *Dataset) fileForBank(bank string) string {
	for i, c := range ds.Cells {
		if c.Bank == bank {
			f, _ := ds.cellLocation(i)
			return f
		}
	}
	return path.Join(cellsDir, bank+".json")
}
