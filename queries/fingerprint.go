package queries

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// Fingerprint names this build's macro set: a digest of every statement
// Install runs. A store whose recorded fingerprint differs was given its
// macros by another build, and this build's reports may call macros (or
// arguments) it does not have.
func Fingerprint() string {
	h := sha256.New()
	h.Write([]byte(verdictLabelSQL()))
	for _, name := range Files() {
		src, err := Source(name)
		if err != nil {
			// The files are embedded: a read cannot fail at run time.
			panic(err)
		}
		h.Write([]byte(name))
		h.Write([]byte(src))
	}
	for _, m := range metrics {
		h.Write([]byte(commentSQL(m)))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

const createMacroSet = `CREATE TABLE IF NOT EXISTS gk.macro_set (
    fingerprint  VARCHAR NOT NULL,
    installed_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
)`

// recordFingerprint notes in the store which macro set it now holds.
func recordFingerprint(ctx context.Context, db *sql.DB) error {
	for _, q := range []string{createMacroSet, `DELETE FROM gk.macro_set`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("record macro set: %w", err)
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO gk.macro_set (fingerprint) VALUES ($1)`, Fingerprint()); err != nil {
		return fmt.Errorf("record macro set: %w", err)
	}
	return nil
}

// Installed reports which macro set a store holds ("" when it records none:
// it was published by a build older than the record, or never).
func Installed(ctx context.Context, db *sql.DB) (string, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
WHERE schema_name = 'gk' AND table_name = 'macro_set'`).Scan(&n); err != nil {
		return "", fmt.Errorf("read macro set: %w", err)
	}
	if n == 0 {
		return "", nil
	}
	var fp string
	err := db.QueryRowContext(ctx, `SELECT fingerprint FROM gk.macro_set LIMIT 1`).Scan(&fp)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read macro set: %w", err)
	}
	return fp, nil
}
