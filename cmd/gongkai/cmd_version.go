package main

import (
	"context"
	"database/sql"
	"fmt"
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…"; without
// it the module version from the build info is shown.
var version = "dev"

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, versionText(ctx))
	return nil
}

// versionText says what a bug report needs: gongkai's version and VCS
// revision, the Go toolchain, and the DuckDB library that writes the file.
func versionText(ctx context.Context) string {
	v, rev, goVer := version, "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVer = bi.GoVersion
		if v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		var modified bool
		var when string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" {
			rev = rev[:min(12, len(rev))]
			if when != "" {
				rev += " " + when
			}
			if modified {
				rev += " (modified)"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "gongkai %s", v)
	if rev != "" {
		fmt.Fprintf(&b, "\nrevision: %s", rev)
	}
	if goVer != "" {
		fmt.Fprintf(&b, "\ngo: %s", goVer)
	}
	fmt.Fprintf(&b, "\nduckdb: %s", duckdbVersion(ctx))
	return b.String()
}

// duckdbVersion asks the linked DuckDB library itself.
func duckdbVersion(ctx context.Context) string {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SELECT library_version FROM pragma_version()").Scan(&v); err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return v
}
