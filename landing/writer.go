package landing

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/checkpoint"
	"github.com/klauspost/compress/gzip"
)

// UnitWriter streams one unit's records of a run into its files. Nothing is
// visible under the final names until Close succeeds; Abort (or a crash)
// leaves only temporary files, which the next writer of the unit replaces.
type UnitWriter struct {
	dir   string
	files map[string]*ndjsonFile
	done  bool
}

type ndjsonFile struct {
	final string
	f     *os.File
	gz    *gzip.Writer
	buf   *bufio.Writer
	enc   *json.Encoder
	n     int
	line  []byte // reused by records appended without reflection
}

// UnitWriter opens the unit's files for writing.
func (r *Run) UnitWriter(unitID string) (*UnitWriter, error) {
	if !validID(unitID) {
		return nil, fmt.Errorf("unit writer: invalid unit id %q", unitID)
	}
	dir := r.UnitDir(unitID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("unit writer: %w", err)
	}
	w := &UnitWriter{dir: dir, files: map[string]*ndjsonFile{}}
	for _, name := range UnitFiles {
		final := filepath.Join(dir, name)
		f, err := os.Create(final + ".tmp")
		if err != nil {
			w.Abort()
			return nil, fmt.Errorf("unit writer: %w", err)
		}
		// Stateless: each 64 KiB buffer is compressed on its own, so an
		// open file holds no compressor (the standard library's held about
		// 1 MiB, five per unit crawling: a fifth of the crawl's peak) and
		// compressing costs less; the files are ordinary gzip.
		gz, _ := gzip.NewWriterLevel(f, gzip.StatelessCompression)
		buf := bufio.NewWriterSize(gz, 64<<10)
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		w.files[name] = &ndjsonFile{final: final, f: f, gz: gz, buf: buf, enc: enc}
	}
	return w, nil
}

func (w *UnitWriter) add(name string, v any) error {
	nf := w.files[name]
	if nf == nil || w.done {
		return errors.New("landing: write after close")
	}
	if err := nf.enc.Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	nf.n++
	return nil
}

// AddItem appends an item record.
func (w *UnitWriter) AddItem(it Item) error { return w.add(FileItems, it) }

// AddLetter appends a letter record.
func (w *UnitWriter) AddLetter(l Letter) error { return w.add(FileLetters, l) }

// AddColumn appends a column record.
func (w *UnitWriter) AddColumn(c Column) error { return w.add(FileColumns, c) }

// AddHome appends a home page observation.
func (w *UnitWriter) AddHome(h Home) error { return w.add(FileHomes, h) }

// AddPage appends a page attempt.
func (w *UnitWriter) AddPage(p Page) error {
	if !plainTime(p.FetchedAt) {
		return w.add(FilePages, p) // encoding/json's refusal, as for any record
	}
	nf := w.files[FilePages]
	if nf == nil || w.done {
		return errors.New("landing: write after close")
	}
	nf.line = appendPage(nf.line[:0], p)
	if _, err := nf.buf.Write(nf.line); err != nil {
		return fmt.Errorf("write %s: %w", FilePages, err)
	}
	nf.n++
	return nil
}

// Count returns how many records were written to one of the unit's files.
func (w *UnitWriter) Count(file string) int {
	if nf := w.files[file]; nf != nil {
		return nf.n
	}
	return 0
}

// Close flushes every file, syncs it and renames it into place. Files are
// renamed in UnitFiles order, pages last, so UnitDone is true only when all
// are in place.
func (w *UnitWriter) Close() error {
	if w.done {
		return nil
	}
	w.done = true
	var errs []error
	for _, name := range UnitFiles {
		nf := w.files[name]
		if err := nf.buf.Flush(); err != nil {
			errs = append(errs, err)
		}
		if err := nf.gz.Close(); err != nil {
			errs = append(errs, err)
		}
		if err := nf.f.Sync(); err != nil {
			errs = append(errs, err)
		}
		if err := nf.f.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		w.removeTemps()
		return fmt.Errorf("close unit files: %w", err)
	}
	for _, name := range UnitFiles {
		nf := w.files[name]
		if err := os.Rename(nf.f.Name(), nf.final); err != nil {
			return fmt.Errorf("close unit files: %w", err)
		}
		checkpoint.Reached("landing.unit-file")
	}
	return nil
}

// Abort discards what was written.
func (w *UnitWriter) Abort() {
	if w.done {
		return
	}
	w.done = true
	for _, nf := range w.files {
		nf.f.Close()
	}
	w.removeTemps()
}

func (w *UnitWriter) removeTemps() {
	for _, nf := range w.files {
		os.Remove(nf.f.Name())
	}
}
