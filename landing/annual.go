package landing

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// FileAnnual holds the 年度报告 the crawl read for a unit in a run. Unlike
// the files of UnitFiles it exists only for units whose 年报 column listed
// a report the run read.
const FileAnnual = "annual.ndjson.gz"

// Annual is one 政府信息公开工作年度报告 as read in one run.
type Annual struct {
	RunID        string `json:"run_id"`
	UnitID       string `json:"unit_id"`
	ColumnID     string `json:"column_id"`
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	Title        string `json:"title"`
	Year         int    `json:"year"`      // the year the report covers, from its title
	Published    Date   `json:"published"` // 发布日期
	// Status is what the page gave: read (cells), image, attachment or
	// no_table; the last three cannot be checked from the page.
	Status      string       `json:"status"`
	Cells       []AnnualCell `json:"cells,omitempty"`
	Attachments []string     `json:"attachments,omitempty"`
	Images      []string     `json:"images,omitempty"`
	Paragraphs  []string     `json:"paragraphs,omitempty"` // fingerprints of the text paragraphs
	DetailSHA   string       `json:"detail_sha256,omitempty"`
	SeenAt      time.Time    `json:"seen_at"`
}

// AnnualCell is one cell of the national format as the report shows it.
type AnnualCell struct {
	Section string  `json:"section"`
	Row     string  `json:"row"`
	Col     string  `json:"col"`
	Value   float64 `json:"value"`
	Valid   bool    `json:"valid"`
	Blank   bool    `json:"blank"`
	Raw     string  `json:"raw"`
	Where   string  `json:"where"`
}

// AddAnnual records a report read for a unit in a run, replacing an
// earlier record of the same page. The file is rewritten under a
// temporary name and renamed, so a reader sees the old or the new file,
// never half of one. Callers serialise calls for one unit.
func (r *Run) AddAnnual(unitID string, rec Annual) error {
	if !validID(unitID) {
		return fmt.Errorf("add annual report: invalid unit id %q", unitID)
	}
	path := r.UnitPath(unitID, FileAnnual)
	var recs []Annual
	err := ReadFile(path, func(a Annual) error {
		if a.CanonicalURL != rec.CanonicalURL {
			recs = append(recs, a)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("add annual report: %w", err)
	}
	recs = append(recs, rec)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("add annual report: %w", err)
	}
	if err := writeNDJSON(path, recs); err != nil {
		return fmt.Errorf("add annual report: %w", err)
	}
	return nil
}

// writeNDJSON writes records to path through a temporary file.
func writeNDJSON[T any](path string, recs []T) error {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	gz := gzip.NewWriter(f)
	buf := bufio.NewWriter(gz)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	for _, rec := range recs {
		if err = enc.Encode(rec); err != nil {
			break
		}
	}
	err = errors.Join(err, buf.Flush(), gz.Close(), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
