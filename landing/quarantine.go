package landing

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// QuarantineSuffix is added to the name of a landing file that could not
// be read. The file stays where it was, so nothing collected is lost, but
// under a name no reader looks for: the unit counts as not written in
// that run (UnitDone is false) and a run whose manifest is quarantined is
// no longer listed. Renaming the file back undoes the quarantine.
const QuarantineSuffix = ".quarantined"

// FileProblem is a landing file that cannot be read to its end.
type FileProblem struct {
	Path string
	Err  error
}

func (p FileProblem) Error() string { return fmt.Sprintf("%s: %v", p.Path, p.Err) }

// CheckUnit reads every file of a finished unit to its end (gzip stream
// and JSON lines) and returns the files that cannot be read.
func (r *Run) CheckUnit(unitID string) []FileProblem {
	var bad []FileProblem
	for _, f := range UnitFiles {
		p := r.UnitPath(unitID, f)
		err := ReadFile(p, func(json.RawMessage) error { return nil })
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			bad = append(bad, FileProblem{Path: p, Err: err})
		}
	}
	return bad
}

// CheckMeta reads the run's manifest and unit snapshot and returns the
// first that cannot be read, naming the file.
func (r *Run) CheckMeta() error {
	if _, err := r.ReadManifest(); err != nil {
		return err
	}
	if _, err := r.ReadUnits(); err != nil {
		return err
	}
	return nil
}

// Quarantine sets a landing file aside under its name plus
// QuarantineSuffix and returns the new path.
func Quarantine(path string) (string, error) {
	to := path + QuarantineSuffix
	if err := os.Rename(path, to); err != nil {
		return "", fmt.Errorf("quarantine %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return to, nil
}

// ManifestPath is the path of the run's manifest.
func (r *Run) ManifestPath() string { return filepath.Join(r.Dir, "manifest.json") }

// UnitsPath is the path of the run's unit snapshot.
func (r *Run) UnitsPath() string { return filepath.Join(r.Dir, "units.json") }

// RemoveTemps deletes the temporary files a killed writer left under the
// landing root: unit files, manifests and snapshots not yet renamed into
// place. Only call it when no writer is running.
func RemoveTemps(root string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isTemp(d.Name()) {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("remove temporary file: %w", err)
			}
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// isTemp recognises the names writeFileAtomic, the snapshot store and
// UnitWriter write to before renaming.
func isTemp(name string) bool {
	if !strings.HasSuffix(name, ".tmp") {
		return false
	}
	if strings.HasPrefix(name, ".") {
		return true
	}
	for _, f := range UnitFiles {
		if name == f+".tmp" {
			return true
		}
	}
	return false
}
