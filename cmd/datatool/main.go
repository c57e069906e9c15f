// Command datatool helps analysts maintain the dataset. Each sub-command
// lives in its own file and registers itself in commands.
//
//	go run ./cmd/datatool check [-dir data/dataset]
//	go run ./cmd/datatool <command> -help
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// command is one sub-command: run returns the process exit status.
type command struct {
	summary string
	run     func(env env, args []string) int
}

// env is what a command may touch, so tests can run it in-process.
type env struct {
	stdout, stderr io.Writer
	now            time.Time
}

// commands is filled by each command's file.
var commands = map[string]command{}

func main() {
	os.Exit(run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now()}))
}

func usage() string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: datatool <command> [flags]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-8s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nRun \"datatool <command> -help\" for a command's flags.\n")
	return b.String()
}

// run is main without the process: it returns the exit status.
func run(args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage())
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, usage())
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "datatool: unknown command %q\n\n%s", args[0], usage())
		return 2
	}
	return cmd.run(e, args[1:])
}

// newFlags returns a flag set that reports to stderr and never exits.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: datatool %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// flagStatus maps a flag parsing error to an exit status: -help is success.
func flagStatus(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
