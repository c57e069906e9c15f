package main

import (
	"errors"
	"fmt"
	"os"

	"citijpm/data"
)

func init() {
	commands["check"] = command{
		summary: "validate the dataset; print every problem (file, JSON path, reason), exit 1 if any",
		run:     check,
	}
}

func check(e env, args []string) int {
	fs := newFlags(e, "check", "check [-dir DIR]\n\nValidates the dataset and prints every problem; exit status 1 if any.")
	dir := fs.String("dir", "data/dataset", "dataset directory")
	if err := fs.Parse(args); err != nil {
		return flagStatus(err)
	}
	ds, err := data.Load(os.DirFS(*dir), e.now)
	if err == nil {
		if ps := marketProblems(ds); len(ps) > 0 {
			err = ps
		}
	}
	var problems data.Problems
	switch {
	case errors.As(err, &problems):
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "%s/%s\n", *dir, p)
		}
		fmt.Fprintf(e.stderr, "%d problem(s) in %s\n", len(problems), *dir)
		return 1
	case err != nil:
		fmt.Fprintln(e.stderr, "datatool:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "%s: OK — %d banks, %d sections, %d categories, %d cells, %d sources, %d markets, %d offerings\n",
		*dir, len(ds.Banks), len(ds.Sections), len(ds.Categories), len(ds.Cells), len(ds.Sources), len(ds.Markets), len(ds.Offerings))
	return 0
}
