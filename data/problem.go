package data

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with the dataset, located precisely enough for
// an analyst to fix it without reading code.
type Problem struct {
	File   string // file under the dataset directory, e.g. "cells/jpm.json"
	Path   string // JSON path inside that file, e.g. "$[3].confidence"
	Reason string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s", p.File, p.Path, p.Reason)
}

// Problems is every problem found in one load; it is the error Load returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, 0, len(ps)+1)
	lines = append(lines, fmt.Sprintf("dataset has %d problem(s):", len(ps)))
	for _, p := range ps {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

// reporter collects problems for one file.
type reporter struct {
	problems *Problems
	file     string
}

func (r reporter) add(path, format string, args ...any) {
	*r.problems = append(*r.problems, Problem{File: r.file, Path: path, Reason: fmt.Sprintf(format, args...)})
}
