// Command gongkai crawls the 政务公开 columns and mailboxes of government
// units, keeps what it saw in DuckDB, scores every unit and writes Excel
// scorecards. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gongkai/gongkai/etl"
)

func main() {
	// Publish checks a new database file in a child process of this
	// executable, since a damaged file can crash the database engine.
	if code, child := etl.VerifyChild(); child {
		os.Exit(code)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
