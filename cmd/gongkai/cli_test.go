package main

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// commandFlags asks every command for its flags, the way completion does.
func commandFlags(t *testing.T) map[string]*flagSet {
	t.Helper()
	sets, err := describeCommands(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != len(commands()) {
		t.Fatalf("%d flag sets for %d commands", len(sets), len(commands()))
	}
	return sets
}

// TestOneFlagSpelling checks that every usage line spells a flag's value
// the way the flag list does (--config FILE in both), and names only flags
// the command has.
func TestOneFlagSpelling(t *testing.T) {
	flagRef := regexp.MustCompile(`(?:-[a-z]\|)?--([a-z-]+)(=false| [A-Z][A-Z0-9_,\[\]…]*)?`)
	for name, fs := range commandFlags(t) {
		for _, m := range flagRef.FindAllStringSubmatch(fs.synopsis, -1) {
			f := fs.Lookup(m[1])
			if f == nil {
				t.Errorf("%s: usage line names --%s, which the command does not have", name, m[1])
				continue
			}
			want := metavar(f)
			got := strings.TrimSpace(m[2])
			switch {
			case got == "=false":
				if f.Value.Type() != "bool" || f.DefValue != "true" {
					t.Errorf("%s: usage line says --%s=false but the flag is not on by default", name, m[1])
				}
			case want == "" && got != "":
				t.Errorf("%s: usage line gives switch --%s a value %q", name, m[1], got)
			case want != "" && !strings.HasPrefix(got, want):
				t.Errorf("%s: usage line says --%s %s, flag list says --%s %s", name, m[1], got, m[1], want)
			}
		}
		fs.VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && !strings.Contains(fs.synopsis, "--"+f.Name) {
				t.Errorf("%s: --%s is missing from the usage line %q", name, f.Name, fs.synopsis)
			}
		})
	}
}

// TestHelpOnce runs every command's --help: usage once, on stdout, exit 0,
// every flag listed with its value name, nothing on stderr.
func TestHelpOnce(t *testing.T) {
	for _, c := range commands() {
		te := newTestEnv(t, farmAsOf)
		if code := te.run(context.Background(), c.name, "--help"); code != exitOK {
			t.Errorf("%s --help: exit %d", c.name, code)
		}
		out := te.out.String()
		if n := strings.Count(out, "Usage: gongkai "+c.name); n != 1 {
			t.Errorf("%s --help: usage printed %d times:\n%s", c.name, n, out)
		}
		if te.errOut.Len() != 0 {
			t.Errorf("%s --help wrote to stderr: %q", c.name, te.errOut.String())
		}
		if strings.Contains(out, "[=true|false]") || strings.Contains(out, " string ") {
			t.Errorf("%s --help shows pflag's type names:\n%s", c.name, out)
		}
	}
	te := newTestEnv(t, farmAsOf)
	te.run(context.Background(), "report", "--help")
	for _, want := range []string{"  --config FILE", "  --cutoff DATE", "  --per-unit ", "(on unless --per-unit=false)"} {
		if !strings.Contains(te.out.String(), want) {
			t.Errorf("report --help lacks %q:\n%s", want, te.out.String())
		}
	}
}

// TestRunAndReportDefaults: report writes the same workbooks as run by
// default and takes --cutoff like query.
func TestRunAndReportDefaults(t *testing.T) {
	sets := commandFlags(t)
	for _, name := range []string{"run", "report", "demo"} {
		if f := sets[name].Lookup("per-unit"); f == nil || f.DefValue != "true" {
			t.Errorf("%s --per-unit: %+v, want on by default", name, f)
		}
	}
	for _, name := range []string{"report", "query"} {
		if sets[name].Lookup("cutoff") == nil {
			t.Errorf("%s has no --cutoff", name)
		}
	}
	te := newTestEnv(t, farmAsOf)
	if code := te.run(context.Background(), "report", "--cutoff", "2026-13-01"); code != exitUsage || !strings.Contains(te.errOut.String(), "--cutoff \"2026-13-01\": want a date like 2026-11-01\nTry: gongkai report --cutoff 2026-11-01\n") {
		t.Errorf("report with a bad --cutoff: exit %d, stderr %q", code, te.errOut.String())
	}
}

func TestTidyMessage(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"crawl", "crawl: no incomplete run to resume", "no incomplete run to resume"},
		{"crawl", "crawl: crawl: unit \"x\" is not configured", "unit \"x\" is not configured"},
		{"run", "crawl: crawl: unit \"x\" is not configured", "crawl: unit \"x\" is not configured"},
		{"run", "load: open run: bad thing", "load: open run: bad thing"},
		{"load", "load: read a: b: c", "read a: b: c"},
	}
	for _, tt := range tests {
		if got := tidyMessage(tt.name, tt.in); got != tt.want {
			t.Errorf("tidyMessage(%q, %q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestMessages runs the commands whose messages read badly before: a
// resume with nothing to resume, a load with nothing new.
func TestMessages(t *testing.T) {
	ctx := context.Background()
	cfg := filepath.Join(t.TempDir(), "gongkai.yaml")
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "init", "--config", cfg); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, te.errOut.String())
	}
	te = newTestEnv(t, farmAsOf)
	code := te.run(ctx, "crawl", "--config", cfg, "--resume")
	if want := "gongkai crawl: no incomplete run to resume\n"; code != exitFailure || !strings.HasPrefix(te.errOut.String(), want) {
		t.Errorf("crawl --resume with no run: exit %d, stderr %q; want 1 and %q", code, te.errOut.String(), want)
	}
	te = newTestEnv(t, farmAsOf)
	te.log = discardLogger(io.Discard)
	if code := te.run(ctx, "load", "--config", cfg); code != exitOK {
		t.Fatalf("load: exit %d: %s", code, te.errOut.String())
	}
	if out := te.out.String(); !strings.HasPrefix(out, "no new run to load") || strings.Contains(out, "[]") {
		t.Errorf("load with nothing to load says %q", out)
	}
	te = newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "load", "--config", cfg, "--run", "r2026nosuch"); code != exitUsage || !strings.Contains(te.errOut.String(), "no run r2026nosuch: ") {
		t.Errorf("load of a run that does not exist: exit %d, stderr %q", code, te.errOut.String())
	}
	if got := loadedLine([]string{"a", "b"}, "x.duckdb"); got != "loaded 2 runs (a, b); published x.duckdb" {
		t.Errorf("loadedLine = %q", got)
	}
}
