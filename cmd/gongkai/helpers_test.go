package main

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

func discardLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// farmWithConfig starts a farm and writes, in a new folder, the config the
// demo would write for it (output in data/ beside it); the farm stops when
// the test ends.
func farmWithConfig(tb testing.TB, opts sitefarm.Options) (*sitefarm.Farm, string) {
	tb.Helper()
	farm := sitefarm.New(opts)
	if err := farm.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(farm.Close)
	var buf bytes.Buffer
	if err := writeFarmConfig(&buf, farm.Truth(), "data"); err != nil {
		tb.Fatal(err)
	}
	cfgPath := filepath.Join(tb.TempDir(), "gongkai.yaml")
	if err := os.WriteFile(cfgPath, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return farm, cfgPath
}
