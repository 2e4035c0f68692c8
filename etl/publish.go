package etl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Publish rebuilds the database at published without ever writing to it:
// the current file (if any) is copied to published+".next", build loads
// into the copy, the copy is checkpointed and closed, and then renamed
// over published. Rename is atomic, so a reader sees the old database or
// the new one, never half a load; a process that holds the old file open
// (read-only) keeps reading the old file until it reopens, and never
// blocks the rename. If build fails or the process dies, published is
// untouched and the next Publish starts a fresh copy.
//
// Only one Publish per published path runs at a time; a second one fails
// at once rather than wait.
func Publish(ctx context.Context, published string, build func(*Store) error) (err error) {
	unlock, err := lockFile(published + ".lock")
	if err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	defer unlock()
	// A build loads runs: the segmenter's dictionary loads meanwhile.
	go loadSegmenter()

	next := published + ".next"
	if err := removeDB(next); err != nil {
		return fmt.Errorf("publish %s: remove stale copy: %w", published, err)
	}
	defer func() {
		if err != nil {
			removeDB(next)
		}
	}()
	if err := copyPublished(ctx, published, next); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	s, err := Open(ctx, next)
	if err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	// Nobody reads the copy until it is renamed, and a crash throws it
	// away, so checkpoint once at the end rather than after every run a
	// build loads (each checkpoint rewrites the recomputed tables).
	if _, err := s.DB().ExecContext(ctx, `SET checkpoint_threshold = '1TB'`); err != nil {
		s.Close()
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := build(s); err != nil {
		s.Close()
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := s.Checkpoint(ctx); err != nil {
		s.Close()
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if _, err := os.Stat(next + ".wal"); err == nil {
		return fmt.Errorf("publish %s: write-ahead log left after checkpoint", published)
	}
	if err := syncFile(next); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := os.Rename(next, published); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := syncFile(filepath.Dir(published)); err != nil {
		return fmt.Errorf("publish %s: sync directory: %w", published, err)
	}
	return nil
}

// copyPublished copies the published database to next. A published file
// with a write-ahead log beside it (written by something other than
// Publish) is checkpointed first, so the copy holds everything; that needs
// a moment of write access and fails if another process has it open.
func copyPublished(ctx context.Context, published, next string) error {
	if _, err := os.Stat(published); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := os.Stat(published + ".wal"); err == nil {
		s, err := Open(ctx, published)
		if err != nil {
			return fmt.Errorf("checkpoint published database: %w", err)
		}
		if err := s.Close(); err != nil {
			return fmt.Errorf("checkpoint published database: %w", err)
		}
	}
	src, err := os.Open(published)
	if err != nil {
		return fmt.Errorf("copy published database: %w", err)
	}
	defer src.Close()
	dst, err := os.OpenFile(next, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copy published database: %w", err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return fmt.Errorf("copy published database: %w", err)
	}
	if err := dst.Close(); err != nil {
		return fmt.Errorf("copy published database: %w", err)
	}
	return nil
}

// removeDB removes a database file and its write-ahead log.
func removeDB(path string) error {
	var errs []error
	for _, p := range []string{path, path + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
