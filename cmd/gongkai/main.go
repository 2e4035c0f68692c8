// Command gongkai crawls the 政务公开 columns and mailboxes of government
// units, keeps what it saw in DuckDB, scores every unit and writes Excel
// scorecards. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
