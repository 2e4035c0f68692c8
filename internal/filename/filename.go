// Package filename turns any text (a unit's name, a period) into a file
// name that every common file system accepts: no path separators,
// characters Windows reserves or control characters, not a reserved
// device name, not empty, and short enough in bytes. File systems limit a
// name in bytes (255 on ext4, APFS and NTFS in UTF-16 units), and a Chinese
// character takes 3 bytes in UTF-8, so a limit in characters is not
// enough. It knows nothing of what the files hold.
package filename

import (
	"strings"
	"unicode/utf8"
)

// MaxBytes is the longest name Clean and Make return: well under 255, so
// a suffix such as "_2" or a temporary name's prefix still fits.
const MaxBytes = 200

// reserved are the device names Windows refuses whatever the extension.
var reserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
}

// Clean returns s as a file name of at most max bytes (at most MaxBytes),
// cut on a character boundary.
func Clean(s string, max int) string {
	if max > MaxBytes || max <= 0 {
		max = MaxBytes
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`<>:"/\|?*`, r):
			return '_'
		case r < 0x20 || r == 0x7F || r == utf8.RuneError:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	s = trim(s)
	s = cut(s, max)
	base := strings.ToUpper(s)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	if reserved[strings.TrimSpace(base)] {
		s = cut("_"+s, max)
	}
	if s == "" {
		s = "_"
	}
	return s
}

// Make returns base cleaned and ext (".xlsx") added, at most MaxBytes in
// all; the base is what is cut, never the extension.
func Make(base, ext string) string {
	ext = Clean(ext, 16)
	if !strings.HasPrefix(ext, ".") {
		ext = "." + strings.TrimLeft(ext, "_")
	}
	return Clean(base, MaxBytes-len(ext)) + ext
}

// trim drops what file systems strip or refuse at the ends: spaces and
// dots at the end (Windows), dots at the start (hidden files, "..").
func trim(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ". ")
	return strings.TrimLeft(s, ".")
}

// cut shortens s to at most max bytes on a character boundary, then trims
// the ends again.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return trim(s[:i])
}
