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
	"runtime"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Snapshots is the content-addressed store of fetched page bodies, shared by
// all runs under a landing root: the same page fetched twice is stored once.
//
// Bodies are stored zstd-compressed (<sha256>.zst). Stores written before
// hold gzip files (<sha256>.gz); those are still read, and a body already
// stored as gzip is not stored again.
type Snapshots struct {
	Dir string
}

// snapshotDirs maps each two-letter directory a Put has written to (by
// its path) to whether it holds gzip snapshots, so that a store that
// never had any costs no second lookup per page. It is kept for the
// process, not per Snapshots value: a crawl makes one per unit, and each
// would list the directories again.
var snapshotDirs sync.Map

// SnapshotStore returns the store under a landing root.
func SnapshotStore(root string) *Snapshots {
	return &Snapshots{Dir: filepath.Join(root, "snapshots")}
}

// Hash returns the hex sha256 of a body, the key it is stored under.
func Hash(body []byte) string {
	s := sha256.Sum256(body)
	return hex.EncodeToString(s[:])
}

// Path is where a snapshot with the given hash is written.
func (s *Snapshots) Path(sum string) string {
	return s.path(sum, ".zst")
}

func (s *Snapshots) path(sum, ext string) string {
	if len(sum) < 2 {
		return filepath.Join(s.Dir, "invalid")
	}
	return filepath.Join(s.Dir, sum[:2], sum+ext)
}

// The encoder is shared: EncodeAll may be called from many goroutines,
// each borrowing one of its per-core states. The fastest level costs a
// fraction of gzip's CPU (compressing was a tenth of a crawl's CPU) for
// about the same size on HTML. Literals are stored without Huffman
// coding: on pages of a few KiB, building the tables was over half of
// compressing, for about a tenth of the size (the snapshots of the bench's
// farm: 51 % of the bodies with it, 56 % without, at a third of the CPU).
var (
	encoderOnce sync.Once
	encoder     *zstd.Encoder
	decoderOnce sync.Once
	decoder     *zstd.Decoder
)

func snapshotEncoder() *zstd.Encoder {
	encoderOnce.Do(func() {
		encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)), zstd.WithLowerEncoderMem(true),
			zstd.WithWindowSize(1<<20), zstd.WithNoEntropyCompression(true))
	})
	return encoder
}

func snapshotDecoder() *zstd.Decoder {
	decoderOnce.Do(func() {
		decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderLowmem(true))
	})
	return decoder
}

// buffers hold the compressed body between compressing and writing.
var buffers = sync.Pool{New: func() any { return new([]byte) }}

// Put stores body (the bytes as fetched, before decoding) and returns its hash.
//
// The file is written under a temporary name and renamed, so a reader never
// sees half a snapshot, but it is not fsynced: a snapshot lost to a power
// failure is detected on resume (its hash no longer matches) and the page
// is fetched again, which is cheaper than syncing every page.
func (s *Snapshots) Put(body []byte) (string, error) {
	sum := Hash(body)
	p := s.Path(sum)
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	dir := filepath.Dir(p)
	hasGzip, known := snapshotDirs.Load(dir)
	if !known {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("store snapshot: %w", err)
		}
		old, err := filepath.Glob(filepath.Join(dir, "*.gz"))
		if err != nil {
			return "", fmt.Errorf("store snapshot: %w", err)
		}
		hasGzip = len(old) > 0
		snapshotDirs.Store(dir, hasGzip)
	}
	if hasGzip.(bool) {
		if _, err := os.Stat(s.path(sum, ".gz")); err == nil {
			return sum, nil
		}
	}
	buf := buffers.Get().(*[]byte)
	defer buffers.Put(buf)
	*buf = snapshotEncoder().EncodeAll(body, (*buf)[:0])
	tmp, err := os.CreateTemp(dir, "."+sum[:8]+".*.tmp")
	if errors.Is(err, fs.ErrNotExist) {
		// The directory was known but has been removed since (a landing
		// directory started over in the same process): make it again.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("store snapshot: %w", err)
		}
		snapshotDirs.Store(dir, false)
		tmp, err = os.CreateTemp(dir, "."+sum[:8]+".*.tmp")
	}
	if err != nil {
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	_, werr := tmp.Write(*buf)
	err = errors.Join(werr, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	return sum, nil
}

// Get returns the stored body for a hash, from a zstd or an older gzip
// snapshot.
func (s *Snapshots) Get(sum string) ([]byte, error) {
	data, err := os.ReadFile(s.Path(sum))
	if errors.Is(err, fs.ErrNotExist) {
		return s.getGzip(sum)
	}
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	body, err := snapshotDecoder().DecodeAll(data, nil)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	return body, nil
}

func (s *Snapshots) getGzip(sum string) ([]byte, error) {
	data, err := os.ReadFile(s.path(sum, ".gz"))
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	body, err := io.ReadAll(gz)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	return body, nil
}
