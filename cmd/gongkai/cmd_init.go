package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/config"
)

// runInit writes the commented starter configuration, never over an
// existing file unless asked.
func runInit(ctx context.Context, e *env, args []string) error {
	fset := newFlags(e, "init", "[--config FILE] [--force]")
	path := configFlag(fset)
	force := fset.Bool("force", false, "overwrite an existing file")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if _, err := os.Stat(*path); err == nil && !*force {
		return usagef("gongkai init --config OTHER.yaml, or --force", "%s exists; not overwritten", *path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("init: %w", err)
	}
	if dir := filepath.Dir(*path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("init: %w", err)
		}
	}
	if err := os.WriteFile(*path, config.Example, 0o644); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: a commented starter configuration with two example units.\nEdit its units, then: %s check --config %s\n", *path, invokedAs(), *path)
	return nil
}
