package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// errLocked means another gongkai batch holds the lock.
var errLocked = errors.New("another gongkai run holds the lock")

// acquireLock takes an exclusive, non-blocking lock on dir/gongkai.lock so
// two batches never overlap. The kernel drops the lock if the process dies,
// so a crashed run never leaves a stale lock behind.
func acquireLock(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	path := filepath.Join(dir, "gongkai.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s: %s)", errLocked, path, strings.TrimSpace(string(b)))
		}
		return nil, fmt.Errorf("lock: %w", err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "pid %d\n", os.Getpid())
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
