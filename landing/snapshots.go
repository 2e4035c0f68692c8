package landing

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Snapshots is the content-addressed store of fetched page bodies, shared by
// all runs under a landing root: the same page fetched twice is stored once.
type Snapshots struct {
	Dir string
}

// SnapshotStore returns the store under a landing root.
func SnapshotStore(root string) *Snapshots {
	return &Snapshots{Dir: filepath.Join(root, "snapshots")}
}

// Hash returns the hex sha256 of a body, the key it is stored under.
func Hash(body []byte) string {
	s := sha256.Sum256(body)
	return hex.EncodeToString(s[:])
}

// Path is where a snapshot with the given hash lives.
func (s *Snapshots) Path(sum string) string {
	if len(sum) < 2 {
		return filepath.Join(s.Dir, "invalid")
	}
	return filepath.Join(s.Dir, sum[:2], sum+".gz")
}

// Put stores body (the bytes as fetched, before decoding) and returns its hash.
func (s *Snapshots) Put(body []byte) (string, error) {
	sum := Hash(body)
	p := s.Path(sum)
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	gz.Write(body)
	if err := gz.Close(); err != nil {
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	if err := writeFileAtomic(p, buf.Bytes()); err != nil {
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	return sum, nil
}

// Get returns the stored body for a hash.
func (s *Snapshots) Get(sum string) ([]byte, error) {
	f, err := os.Open(s.Path(sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	return io.ReadAll(gz)
}
