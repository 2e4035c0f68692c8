package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/gongkai/gongkai/rules"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// Files returns the names of the embedded SQL files, in install order.
func Files() []string {
	names, _ := fs.Glob(sqlFiles, "sql/*.sql")
	sort.Strings(names)
	return names
}

// Source returns the text of an embedded SQL file (as named by Files).
func Source(name string) (string, error) {
	b, err := sqlFiles.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return string(b), nil
}

// Install creates (or replaces) every metric macro in db. It is idempotent.
// The store must have the tables of etl/schema; when rule_sets is empty the
// built-in rules are installed so the macros have thresholds to read.
func Install(ctx context.Context, db *sql.DB) error {
	for _, name := range Files() {
		src, err := Source(name)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, src); err != nil {
			return fmt.Errorf("install %s: %w", name, err)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM rule_sets").Scan(&n); err != nil {
		return fmt.Errorf("count rule sets: %w", err)
	}
	if n == 0 {
		r, err := rules.Default(0)
		if err != nil {
			return err
		}
		r.Note = ""
		if err := rules.Install(ctx, db, r); err != nil {
			return err
		}
	}
	return nil
}
