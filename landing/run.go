package landing

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/checkpoint"
)

// File names inside a unit's directory of a run.
const (
	FileItems   = "items.ndjson.gz"
	FileLetters = "letters.ndjson.gz"
	FileColumns = "columns.ndjson.gz"
	FileHomes   = "homes.ndjson.gz"
	FilePages   = "pages.ndjson.gz"
)

// UnitFiles lists the files every finished unit has, in a fixed order.
var UnitFiles = []string{FileItems, FileLetters, FileColumns, FileHomes, FilePages}

// Manifest describes a crawl run. Complete is set only when every unit was
// attempted; a run killed halfway has Complete false and can be resumed.
type Manifest struct {
	RunID        string       `json:"run_id"`
	Period       string       `json:"period,omitempty"` // e.g. 2026-10, the period the run was made for
	StartedAt    time.Time    `json:"started_at"`
	FinishedAt   time.Time    `json:"finished_at,omitzero"`
	Cutoff       string       `json:"cutoff"` // the date the data was collected (Asia/Shanghai), 2006-01-02
	Complete     bool         `json:"complete"`
	Version      string       `json:"version"`
	ConfigSHA256 string       `json:"config_sha256,omitempty"`
	Units        []UnitStatus `json:"units"`
}

// UnitStatus is one unit's summary in a manifest.
type UnitStatus struct {
	UnitID  string `json:"unit_id"`
	Done    bool   `json:"done"`
	Error   string `json:"error,omitempty"`
	Items   int    `json:"items"`
	Letters int    `json:"letters"`
	Pages   int    `json:"pages"`
	Failed  int    `json:"failed"`
	Blocked int    `json:"blocked"`
}

// Unit is the snapshot of one unit's configuration taken at crawl time, so
// a run can be loaded without the config file that produced it.
type Unit struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Kind            string    `json:"kind"` // 部门 乡镇 街道
	Home            string    `json:"home,omitempty"`
	MustHaveMailbox bool      `json:"must_have_mailbox"`
	Columns         []UnitCol `json:"columns"`
	Mailboxes       []UnitCol `json:"mailboxes"`
}

// UnitCol is a configured column or mailbox.
type UnitCol struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	URL      string `json:"url"`
	Category string `json:"category,omitempty"` // configured standard category, "" = from the name
	Profile  string `json:"profile,omitempty"`
	// AnnualReport: the config marks the column as the unit's 年报 column.
	AnnualReport bool `json:"annual_report,omitempty"`
}

// Run is one run directory under a landing root.
type Run struct {
	Root string // landing root
	ID   string
	Dir  string // Root/runs/ID
}

// NewRunID returns a run ID for a run started at t. IDs sort in time order.
func NewRunID(t time.Time) string {
	return "r" + t.UTC().Format("20060102T150405Z")
}

// CreateRun makes the directory of a new run.
func CreateRun(root, id string) (*Run, error) {
	if !validID(id) {
		return nil, fmt.Errorf("create run: invalid run id %q", id)
	}
	r := &Run{Root: root, ID: id, Dir: filepath.Join(root, "runs", id)}
	if err := os.MkdirAll(filepath.Join(r.Dir, "units"), 0o755); err != nil {
		return nil, fmt.Errorf("create run: %w", err)
	}
	return r, nil
}

// OpenRun opens an existing run directory.
func OpenRun(root, id string) (*Run, error) {
	r := &Run{Root: root, ID: id, Dir: filepath.Join(root, "runs", id)}
	if _, err := os.Stat(filepath.Join(r.Dir, "manifest.json")); err != nil {
		return nil, fmt.Errorf("open run %s: %w", id, err)
	}
	return r, nil
}

// ListRuns returns the IDs of the runs under root that have a manifest,
// oldest first.
func ListRuns(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "runs"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, "runs", e.Name(), "manifest.json")); err == nil {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// UnitDir is the directory holding a unit's files.
func (r *Run) UnitDir(unitID string) string {
	return filepath.Join(r.Dir, "units", unitID)
}

// UnitPath is the path of one of a unit's files.
func (r *Run) UnitPath(unitID, file string) string {
	return filepath.Join(r.UnitDir(unitID), file)
}

// UnitDone reports whether every file of the unit was written completely.
func (r *Run) UnitDone(unitID string) bool {
	for _, f := range UnitFiles {
		if _, err := os.Stat(r.UnitPath(unitID, f)); err != nil {
			return false
		}
	}
	return true
}

// WriteManifest replaces the run's manifest atomically.
func (r *Run) WriteManifest(m Manifest) error {
	if err := writeJSONAtomic(filepath.Join(r.Dir, "manifest.json"), m); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// ReadManifest reads the run's manifest.
func (r *Run) ReadManifest() (Manifest, error) {
	var m Manifest
	if err := readJSON(filepath.Join(r.Dir, "manifest.json"), &m); err != nil {
		return m, fmt.Errorf("read manifest of run %s: %w", r.ID, err)
	}
	return m, nil
}

// WriteUnits stores the snapshot of the configured units.
func (r *Run) WriteUnits(units []Unit) error {
	if err := writeJSONAtomic(filepath.Join(r.Dir, "units.json"), units); err != nil {
		return fmt.Errorf("write units: %w", err)
	}
	return nil
}

// ReadUnits reads the snapshot of the configured units.
func (r *Run) ReadUnits() ([]Unit, error) {
	var u []Unit
	if err := readJSON(filepath.Join(r.Dir, "units.json"), &u); err != nil {
		return nil, fmt.Errorf("read units of run %s: %w", r.ID, err)
	}
	return u, nil
}

func writeJSONAtomic(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}

func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	checkpoint.Reached("landing.json-written")
	return os.Rename(tmp.Name(), path)
}

// readJSON decodes one JSON file; a decoding error names the file, so a
// damaged manifest is found without guessing.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func validID(id string) bool {
	return id != "" && !strings.ContainsAny(id, `/\`) && id != "." && id != ".."
}
