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
	// flagSink, when set, receives every flag set a command makes: shell
	// completion learns the commands' flags by asking each for --help.
	flagSink func(*flagSet)
	// tty is set when standard error is a terminal: progress is drawn as
	// bars there, with the log lines (written to logs) above them.
	tty  bool
	logs *logSink
	outs *logSink // standard output, when it is that terminal too
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
		{"completion", "print a shell completion script (bash, zsh or fish)", runCompletion},
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
	logs := &logSink{w: stderr}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, tty: isTerminal(stderr) && roomForBars(stderr), logs: logs,
		log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: logLevel()})), now: now}
	if e.tty && isTerminal(stdout) {
		// The same terminal: what the commands print goes above the bars too.
		e.outs = &logSink{w: stdout}
		e.stdout = e.outs
	}
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
	case "help":
		if len(args) > 1 {
			// "gongkai help query" is "gongkai query --help".
			args = []string{args[1], "--help"}
			break
		}
		printUsage(e.stdout)
		return exitOK
	case "-h", "--help":
		printUsage(e.stdout)
		return exitOK
	case "--version", "-version":
		args = append([]string{"version"}, args[1:]...)
	case completeCommand:
		for _, c := range complete(ctx, args[1:]) {
			fmt.Fprintln(e.stdout, c)
		}
		return exitOK
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
			hint := ue.hint
			if strings.HasPrefix(hint, "-") {
				// A hint of flags alone is for this command.
				hint = "gongkai " + name + " " + hint
			}
			fmt.Fprintf(e.stderr, "Try: %s\n", hint)
		}
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "gongkai %s: interrupted\n", name)
		return exitSignal
	default:
		fmt.Fprintf(e.stderr, "gongkai %s: %s\n", name, tidyMessage(name, err.Error()))
		return exitFailure
	}
}

// tidyMessage drops what the "gongkai NAME:" prefix already says: a stage
// named like the command ("gongkai crawl: crawl: …") and a context
// repeated by two layers ("crawl: crawl: …").
func tidyMessage(name, msg string) string {
	for {
		head, rest, ok := strings.Cut(msg, ": ")
		switch {
		case ok && head == name:
			msg = rest
		case ok && !strings.ContainsAny(head, " \n") && strings.HasPrefix(rest, head+": "):
			msg = rest
		default:
			return msg
		}
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "gongkai — 政务公开 monitoring: crawl, store, score, report")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: gongkai COMMAND [FLAGS]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	cmds := commands()
	wide := 0
	for _, c := range cmds {
		wide = max(wide, len(c.name))
	}
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-*s  %s\n", wide, c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'gongkai COMMAND --help' for a command's flags.")
}

// metavars names the value of each flag that takes one, the same in usage
// lines and flag lists. A flag not named here shows its type.
var metavars = map[string]string{
	"config": "FILE", "output": "FILE", "out": "FILE", "file": "FILE",
	"dir": "DIR", "period": "PERIOD", "from": "DATE", "to": "DATE", "cutoff": "DATE",
	"run": "ID", "unit": "ID", "units": "IDS", "redis": "URL", "redis-prefix": "PREFIX",
	"sql": "SQL", "format": "FORMAT", "name": "NAME", "lease": "DURATION",
	"year": "YEAR", "rules-year": "YEAR", "seed": "N",
}

// metavar is the name a flag's value goes by in help; "" for a switch.
func metavar(f *pflag.Flag) string {
	if f.Value.Type() == "bool" {
		return ""
	}
	if m, ok := metavars[f.Name]; ok {
		// An int flag named like a list of IDs (demo --units) counts.
		if f.Value.Type() == "int" && m == "IDS" {
			return "N"
		}
		return m
	}
	switch f.Value.Type() {
	case "int", "int64", "uint":
		return "N"
	case "duration":
		return "DURATION"
	}
	return "VALUE"
}

// flagSet is a command's flags with the help text it prints on --help.
// Flags are GNU style (pflag): --config FILE or --config=FILE, the same
// spelling in usage lines, help and docs.
type flagSet struct {
	*pflag.FlagSet
	synopsis string
	help     func()
}

// newFlags makes a command's flag set. The flag package prints nothing
// itself: parseFlags writes --help to stdout and mistakes to stderr.
func newFlags(e *env, name, synopsis string) *flagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	f := &flagSet{FlagSet: fs, synopsis: synopsis}
	f.help = func() { writeHelp(e.stdout, f) }
	if e.flagSink != nil {
		e.flagSink(f)
	}
	return f
}

// writeHelp prints a command's usage line and its flags, each flag spelled
// as it is typed: --config FILE, -o, --output FILE, --resume.
func writeHelp(w io.Writer, f *flagSet) {
	fmt.Fprintf(w, "Usage: gongkai %s", f.Name())
	if f.synopsis != "" {
		fmt.Fprintf(w, " %s", f.synopsis)
	}
	fmt.Fprintln(w)
	type line struct{ left, usage string }
	var lines []line
	wide := 0
	f.VisitAll(func(fl *pflag.Flag) {
		if fl.Hidden {
			return
		}
		left := "    "
		if fl.Shorthand != "" {
			left = "-" + fl.Shorthand + ", "
		}
		left += "--" + fl.Name
		if m := metavar(fl); m != "" {
			left += " " + m
		}
		usage := fl.Usage
		switch {
		case fl.Value.Type() == "bool" && fl.DefValue == "true":
			usage += " (on unless --" + fl.Name + "=false)"
		case fl.Value.Type() == "bool", fl.DefValue == "", fl.DefValue == "0":
		default:
			usage += " (default " + fl.DefValue + ")"
		}
		lines = append(lines, line{left, usage})
		wide = max(wide, len(left))
	})
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", wide, l.left, l.usage)
	}
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
