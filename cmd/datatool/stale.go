package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"citijpm/compare"
	"citijpm/data"
)

func init() {
	commands["stale"] = command{
		summary: "list cells whose last-verified date is older than an age (default: meta.staleAfterDays)",
		run:     stale,
	}
}

const staleSynopsis = `stale [-dir DIR] [-older-than AGE] [-today YYYY-MM-DD]

Lists the cells to re-verify: those whose lastVerified date is more than AGE
before today, oldest first. AGE is a number of days ("180" or "180d"), weeks
("26w") or 30-day months ("6m"); by default the dataset's staleAfterDays.
Exit status 0, whether or not cells are listed.`

func stale(e env, args []string) int {
	fs := newFlags(e, "stale", staleSynopsis)
	dir := fs.String("dir", "data/dataset", "dataset directory")
	olderThan := fs.String("older-than", "", "age past which a cell is listed, e.g. 180d, 26w, 6m (default: meta.staleAfterDays)")
	todayFlag := fs.String("today", "", "date to measure ages from, YYYY-MM-DD (default: today)")
	if err := fs.Parse(args); err != nil {
		return flagStatus(err)
	}
	today := e.now
	if *todayFlag != "" {
		t, err := time.Parse(time.DateOnly, *todayFlag)
		if err != nil {
			fmt.Fprintf(e.stderr, "datatool stale: -today %q: want YYYY-MM-DD\n", *todayFlag)
			return 2
		}
		today = t
	}
	ds, ok := loadDataset(e, "stale", *dir)
	if !ok {
		return 1
	}
	maxAge := ds.Meta.StaleAfterDays
	if *olderThan != "" {
		days, err := parseAge(*olderThan)
		if err != nil {
			fmt.Fprintf(e.stderr, "datatool stale: -older-than: %v\n", err)
			return 2
		}
		maxAge = days
	}

	type row struct {
		bank, category, verified string
		age                      int
	}
	var rows []row
	// Display order first, so equal ages read as they do on the page.
	res := compare.NewIndex(ds).Filter(compare.Filters{}, today)
	for _, card := range res.Cards() {
		for _, cv := range card.Cells {
			c := cv.Cell
			if !compare.IsStale(c, maxAge, today) {
				continue
			}
			age := -1 // unreadable date; validation makes this unreachable
			if t, err := data.ParseDate(c.LastVerified); err == nil {
				age = compare.AgeDays(t, today)
			}
			rows = append(rows, row{c.Bank, c.Category, c.LastVerified, age})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].age > rows[j].age })

	day := today.Format(time.DateOnly)
	if len(rows) == 0 {
		fmt.Fprintf(e.stdout, "no cells to re-verify: none last verified more than %d days before %s\n", maxAge, day)
		return 0
	}
	fmt.Fprintf(e.stdout, "%d of %d cells last verified more than %d days before %s:\n\n", len(rows), len(ds.Cells), maxAge, day)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BANK\tCATEGORY\tLAST VERIFIED\tAGE (DAYS)")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", r.bank, r.category, r.verified, r.age)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, "\nRe-check each against its sources, then update its lastVerified date.")
	return 0
}

// parseAge reads "180", "180d", "26w" or "6m" (30-day months) as days.
func parseAge(s string) (int, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	unit := 1
	switch {
	case strings.HasSuffix(s, "d"):
		s = strings.TrimSuffix(s, "d")
	case strings.HasSuffix(s, "w"):
		s, unit = strings.TrimSuffix(s, "w"), 7
	case strings.HasSuffix(s, "m"):
		s, unit = strings.TrimSuffix(s, "m"), 30
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 100000 {
		return 0, errors.New("want a number of days (180 or 180d), weeks (26w) or 30-day months (6m)")
	}
	return n * unit, nil
}

// loadDataset loads and validates a dataset directory for a command. On a
// problem it says so on stderr, points at "check", and reports false.
func loadDataset(e env, cmd, dir string) (*data.Dataset, bool) {
	// Validation measures "future dates" from the real clock, not from a
	// -today the analyst chose for measuring ages.
	ds, err := data.Load(os.DirFS(dir), e.now)
	var problems data.Problems
	switch {
	case errors.As(err, &problems):
		fmt.Fprintf(e.stderr, "datatool %s: %s has %d problem(s); run \"datatool check -dir %s\" to list them\n", cmd, dir, len(problems), dir)
		return nil, false
	case err != nil:
		fmt.Fprintf(e.stderr, "datatool %s: %v\n", cmd, err)
		return nil, false
	}
	return ds, true
}
