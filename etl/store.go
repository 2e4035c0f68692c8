package etl

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// Store is a read-write gongkai database.
type Store struct {
	db   *sql.DB
	path string
	// mu keeps loads one at a time: DuckDB allows one writer and a run's
	// load must see the tables as the previous load left them.
	mu sync.Mutex
}

// Open opens (creating if needed) the database at path read-write and
// applies any migrations it lacks. An empty calendar is filled with the
// built-in schedule.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := s.ensureCalendar(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// OpenReadOnly opens the database at path for reading only. Any number of
// processes may do so at once; none of them blocks Publish.
func OpenReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	dsn := path + "?" + url.Values{"access_mode": {"read_only"}}.Encode()
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s read-only: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s read-only: %w", path, err)
	}
	return db, nil
}

// DB returns the underlying database handle.
func (s *Store) DB() *sql.DB { return s.db }

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Checkpoint writes the write-ahead log into the database file.
func (s *Store) Checkpoint(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Close closes the database; DuckDB checkpoints on close.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}
