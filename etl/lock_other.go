//go:build !unix

package etl

import (
	"fmt"
	"os"
)

// lockFile creates path exclusively. Without flock a crashed publish
// leaves the file behind; remove it by hand once no publish is running.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("another publish of this database is running or crashed (%s): %w", path, err)
	}
	f.Close()
	return func() { os.Remove(path) }, nil
}
