package etl

import (
	"encoding/json"
	"errors"
	"os"
)

// A publish checks the new file before it renames it, and used to check
// the published file again at the start of the next publish, before
// copying it: two full reads of the whole history per monthly load. The
// second is needed only if the file changed since it was checked, so a
// publish leaves a stamp of the file it checked beside it, and the next
// publish reads the file again only when it no longer matches the stamp
// (anything that wrote to the file changed its size or modification
// time; a file without a stamp is always checked).
type verifiedStamp struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"mod_time_ns"`
}

func stampPath(published string) string { return published + ".verified" }

func stampOf(path string) (verifiedStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return verifiedStamp{}, err
	}
	return verifiedStamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}, nil
}

// writeStamp records that the file at published was checked as it is
// now. A stamp that cannot be written only costs the next publish a
// check.
func writeStamp(published string) {
	st, err := stampOf(published)
	if err != nil {
		return
	}
	data, err := json.Marshal(st)
	if err != nil {
		return
	}
	_ = os.WriteFile(stampPath(published), data, 0o644)
}

// stampMatches reports whether the file at published is the one a
// publish checked and stamped.
func stampMatches(published string) bool {
	data, err := os.ReadFile(stampPath(published))
	if err != nil {
		return false
	}
	var want verifiedStamp
	if err := json.Unmarshal(data, &want); err != nil {
		return false
	}
	got, err := stampOf(published)
	return err == nil && got == want
}

// dropStamp removes the stamp before the file it describes is replaced.
func dropStamp(published string) error {
	if err := os.Remove(stampPath(published)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
