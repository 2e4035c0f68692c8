package etl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
)

// ErrDamaged means a database file failed its check: DuckDB found a block
// whose checksum does not match, or could not read the file at all. Such
// a file is never published; the way back is a rebuild from the landing
// files (Rebuild).
var ErrDamaged = errors.New("database file is damaged")

// Verify opens the database at path read-only and reads every value of
// every table, so that DuckDB checks the checksum of every block holding
// data. It returns an error wrapping ErrDamaged when anything cannot be
// read.
func Verify(ctx context.Context, path string) error {
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		return fmt.Errorf("verify %s: %w: %w", path, ErrDamaged, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY ALL`)
	if err != nil {
		return fmt.Errorf("verify %s: %w: list tables: %w", path, ErrDamaged, err)
	}
	var tables [][2]string
	for rows.Next() {
		var s, t string
		if err := rows.Scan(&s, &t); err != nil {
			rows.Close()
			return fmt.Errorf("verify %s: %w: %w", path, ErrDamaged, err)
		}
		tables = append(tables, [2]string{s, t})
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("verify %s: %w: list tables: %w", path, ErrDamaged, err)
	}
	for _, t := range tables {
		// hash() of every column makes DuckDB read and decompress every
		// value; the aggregate keeps the result one row.
		q := `SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM ` + ident(t[0]) + `.` + ident(t[1])
		r, err := db.QueryContext(ctx, q)
		if err == nil {
			for r.Next() {
			}
			err = errors.Join(r.Err(), r.Close())
		}
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("verify %s: %w", path, ctx.Err())
			}
			return fmt.Errorf("verify %s: %w: table %s: %w", path, ErrDamaged, t[1], err)
		}
	}
	return nil
}

// ident quotes a name read from the catalog for use in SQL.
func ident(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// A damaged file can crash DuckDB itself (a segmentation fault while it
// reads a broken catalog), which would take the batch down with it. So
// Publish checks a file in a child process: the running executable,
// started with verifyEnv naming the file. A program opts in by calling
// VerifyChild first thing in main (test binaries in TestMain); in a
// program that did not, the check runs in-process.
const (
	verifyEnv     = "GONGKAI_VERIFY_DATABASE"
	verifyStart   = "gongkai-verify: start"
	verifyOK      = "gongkai-verify: ok"
	verifyDamaged = "gongkai-verify: damaged: "
)

// VerifyChild runs the check when this process was started as the
// verifier of Publish, and then reports true: the caller exits with code.
// Otherwise it does nothing and reports false.
func VerifyChild() (code int, child bool) {
	path := os.Getenv(verifyEnv)
	if path == "" {
		childCapable.Store(true)
		return 0, false
	}
	fmt.Println(verifyStart)
	if err := Verify(context.Background(), path); err != nil {
		fmt.Println(verifyDamaged + strings.ReplaceAll(err.Error(), "\n", " "))
		return 0, true
	}
	fmt.Println(verifyOK)
	return 0, true
}

// childCapable is set once VerifyChild has run in this process: only then
// does the executable know how to be the verifier.
var childCapable atomic.Bool

// verifyIsolated runs Verify in a child process (see VerifyChild).
func verifyIsolated(ctx context.Context, path string) error {
	if !childCapable.Load() {
		return Verify(ctx, path)
	}
	exe, err := os.Executable()
	if err != nil {
		return Verify(ctx, path)
	}
	// -test.run keeps a test binary that answers from running tests, were
	// it to get past its TestMain.
	cmd := exec.CommandContext(ctx, exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), verifyEnv+"="+path)
	out, runErr := cmd.Output()
	text := string(out)
	if !strings.Contains(text, verifyStart) {
		return Verify(ctx, path)
	}
	for _, line := range strings.Split(text, "\n") {
		switch {
		case line == verifyOK:
			return nil
		case strings.HasPrefix(line, verifyDamaged):
			return fmt.Errorf("%w: %s", ErrDamaged, strings.TrimPrefix(line, verifyDamaged))
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("verify %s: %w", path, ctx.Err())
	}
	return fmt.Errorf("verify %s: %w: reading it crashed the database engine (%v)", path, ErrDamaged, runErr)
}
