package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitSignal  = 130
)

// usageError is a mistake in how the command was called; it exits 2 and
// prints a hint.
type usageError struct {
	msg  string
	hint string
}

func (e *usageError) Error() string { return e.msg }

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// env is what a command runs with: its streams and logger.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// now is the clock of crawls and reports; GONGKAI_NOW pins it.
	now func() time.Time
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "run the whole pipeline on the built-in simulated farm", runDemo},
		{"init", "write a commented starter configuration file", runInit},
		{"run", "the monthly batch: crawl, load, publish, report", runRun},
		{"crawl", "crawl the configured units into a landing run", runCrawl},
		{"load", "load landing runs into the DuckDB file and publish it", runLoad},
		{"report", "write the scorecard workbook (and per-unit 问题清单)", runReport},
		{"query", "run a metric or SQL against the published database", runQuery},
		{"check", "probe every configured column and mailbox once", runCheck},
		{"evidence", "write the evidence page of a stored page (URL or SHA-256)", runEvidence},
		{"worker", "crawl units handed out by a run on several machines (--redis)", runWorker},
		{"status", "show what the workers of a --redis fleet are doing", runStatus},
		{"annual-report", "write a unit's pre-filled 年度报告 draft (第二部分 table)", runAnnualReport},
		{"version", "print the version", runVersion},
	}
}

// Main runs the CLI and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	now, err := clockFrom(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitUsage
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel()})), now: now}
	return e.main(ctx, args)
}

// main runs the CLI with a prepared environment.
func (e *env) main(ctx context.Context, args []string) int {
	if len(args) == 0 {
		// No command is a mistake: usage to stderr, exit 2.
		printUsage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		printUsage(e.stdout)
		return exitOK
	case "--version", "-version":
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		return exitCode(e, c.name, err)
	}
	fmt.Fprintf(e.stderr, "gongkai: unknown command %q\nTry: gongkai --help\n", args[0])
	return exitUsage
}

func exitCode(e *env, name string, err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, pflag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "gongkai %s: %s\n", name, ue.msg)
		if ue.hint != "" {
			fmt.Fprintf(e.stderr, "Try: %s\n", ue.hint)
		}
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "gongkai %s: interrupted\n", name)
		return exitSignal
	default:
		fmt.Fprintf(e.stderr, "gongkai %s: %s\n", name, err)
		return exitFailure
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "gongkai — 政务公开 monitoring: crawl, store, score, report")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: gongkai <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'gongkai <command> --help' for a command's flags.")
}

// flagSet is a command's flags with the help text it prints on --help.
// Flags are GNU style (pflag): --config FILE or --config=FILE, the same
// spelling in usage lines, help and docs.
type flagSet struct {
	*pflag.FlagSet
	help func()
}

// newFlags makes a command's flag set. The flag package prints nothing
// itself: parseFlags writes --help to stdout and mistakes to stderr.
func newFlags(e *env, name, synopsis string) *flagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return &flagSet{FlagSet: fs, help: func() {
		fs.SetOutput(e.stdout)
		defer fs.SetOutput(io.Discard)
		fmt.Fprintf(e.stdout, "Usage: gongkai %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}}
}

// parseFlags parses args; --help prints the command's usage to stdout and
// returns flag.ErrHelp (exit 0); a bad flag or a stray positional argument
// is a usage error (stderr, exit 2).
func parseFlags(fs *flagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fs.help()
			return err
		}
		return usagef("gongkai "+fs.Name()+" --help", "%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("gongkai "+fs.Name()+" --help", "unexpected argument %q", fs.Arg(0))
	}
	return nil
}

func logLevel() slog.Level {
	switch strings.ToLower(os.Getenv("GONGKAI_LOG")) {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}
