package etl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/checkpoint"
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
//
// The new copy is verified (Verify) before it is renamed: a copy that
// fails is never published, and the error wraps ErrDamaged. When the load
// itself fails, the published file is verified too, so that a damaged
// published file is reported as such (wrapping ErrDamaged) rather than as
// a failed load; Rebuild is the way back.
func Publish(ctx context.Context, published string, build func(*Store) error) error {
	return publish(ctx, published, false, build)
}

// Rebuild is Publish starting from an empty database instead of a copy of
// the published one: build must load everything again (every landing
// run). It is the way back from a damaged published file, which it
// replaces only once the new one is built and verified.
func Rebuild(ctx context.Context, published string, build func(*Store) error) error {
	return publish(ctx, published, true, build)
}

func publish(ctx context.Context, published string, fresh bool, build func(*Store) error) (err error) {
	unlock, err := lockFile(published + ".lock")
	if err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	defer unlock()
	next := published + ".next"
	if err := removeDB(next); err != nil {
		return fmt.Errorf("publish %s: remove stale copy: %w", published, err)
	}
	defer func() {
		if err != nil {
			removeDB(next)
		}
	}()
	if !fresh {
		// A damaged file can crash the database engine in this process
		// as soon as the load reads it, so it is checked apart first,
		// unless it is still the file the last publish checked.
		if _, err := os.Stat(published); err == nil && !stampMatches(published) {
			checkpoint.Reached("publish.verify-published")
			if err := verifyIsolated(ctx, published); err != nil {
				return fmt.Errorf("publish %s: %w", published, err)
			}
		}
		if err := copyPublished(ctx, published, next); err != nil {
			return fmt.Errorf("publish %s: %w", published, damaged(ctx, published, err))
		}
	}
	checkpoint.Reached("publish.copied")
	s, err := Open(ctx, next)
	if err != nil {
		return fmt.Errorf("publish %s: %w", published, damaged(ctx, published, err))
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
		if !fresh {
			err = damaged(ctx, published, err)
		}
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
	checkpoint.Reached("publish.built")
	if err := verifyIsolated(ctx, next); err != nil {
		return fmt.Errorf("publish %s: the new copy failed its check; the published file is untouched: %w", published, err)
	}
	if err := syncFile(next); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	checkpoint.Reached("publish.checked")
	if err := dropStamp(published); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	if err := os.Rename(next, published); err != nil {
		return fmt.Errorf("publish %s: %w", published, err)
	}
	checkpoint.Reached("publish.renamed")
	if err := syncFile(filepath.Dir(published)); err != nil {
		return fmt.Errorf("publish %s: sync directory: %w", published, err)
	}
	writeStamp(published)
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

// damaged returns err, or, when the published file fails Verify, an
// error saying so (wrapping ErrDamaged) with err beside it: a load that
// fails on a damaged file must not read as a problem of the load.
func damaged(ctx context.Context, published string, err error) error {
	if ctx.Err() != nil {
		return err
	}
	if _, statErr := os.Stat(published); statErr != nil {
		return err
	}
	if verr := verifyIsolated(ctx, published); verr != nil && errors.Is(verr, ErrDamaged) {
		return fmt.Errorf("%w (while: %v)", verr, err)
	}
	return err
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
