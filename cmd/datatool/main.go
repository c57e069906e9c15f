// Command datatool helps analysts maintain the dataset: it validates it and
// reports every problem with its file, JSON path and reason.
//
//	go run ./cmd/datatool check [-dir data/dataset]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"citijpm/data"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

const usage = `usage: datatool <command> [flags]

commands:
  check    validate the dataset; print every problem (file, JSON path, reason)

Run "datatool <command> -help" for a command's flags.
`

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	if len(args) == 0 || args[0] == "-help" || args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "check":
		return check(args[1:], stdout, stderr, now)
	}
	fmt.Fprintf(stderr, "datatool: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func check(args []string, stdout, stderr io.Writer, now time.Time) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "data/dataset", "dataset directory to check")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: datatool check [-dir DIR]\n\nValidates the dataset and prints every problem; exit status 1 if any.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagStatus(err)
	}
	ds, err := data.Load(os.DirFS(*dir), now)
	var problems data.Problems
	switch {
	case errors.As(err, &problems):
		for _, p := range problems {
			fmt.Fprintf(stdout, "%s/%s\n", *dir, p)
		}
		fmt.Fprintf(stderr, "%d problem(s) in %s\n", len(problems), *dir)
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "datatool:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: OK — %d banks, %d sections, %d categories, %d cells, %d sources\n",
		*dir, len(ds.Banks), len(ds.Sections), len(ds.Categories), len(ds.Cells), len(ds.Sources))
	return 0
}

func flagStatus(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
