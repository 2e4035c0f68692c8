package reports

import (
	"net/url"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/filename"
)

const (
	// maxCellChars is Excel's limit on the characters of one cell, counted
	// in UTF-16 code units.
	maxCellChars = 32767
	// truncMarker ends a cell whose text was cut to fit.
	truncMarker = "…[截断]"
	// maxSheetLinks is the number of hyperlinks Excel keeps on one sheet.
	maxSheetLinks = 65530
	// maxURLLen is the longest address Excel accepts as a hyperlink.
	maxURLLen = 2079
	// maxSheetName is Excel's limit on a sheet name.
	maxSheetName = 31
)

// cellText makes crawled text safe to store in a cell: characters XML
// cannot carry are dropped and text over Excel's limit is cut, ending
// with truncMarker so a reader knows it was cut.
func cellText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if !overCellLimit(s) {
		return s
	}
	limit := maxCellChars - len(utf16.Encode([]rune(truncMarker)))
	n := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if n+w > limit {
			return s[:i] + truncMarker
		}
		n += w
	}
	return s
}

// overCellLimit reports whether s is longer than Excel allows in a cell.
func overCellLimit(s string) bool {
	if len(s) <= maxCellChars {
		// A rune never takes more UTF-16 code units than UTF-8 bytes.
		return false
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n > maxCellChars
}

// SheetName turns any text into a valid, non-empty sheet name: at most 31
// characters, none of []:*?/\, not starting or ending with an apostrophe.
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			return '_'
		case r < 0x20 || r == 0x7F:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "'")
	if utf8.RuneCountInString(s) > maxSheetName {
		s = string([]rune(s)[:maxSheetName])
		s = strings.TrimRight(s, "' ")
	}
	if s == "" || strings.EqualFold(s, "history") {
		s = "_" + s
	}
	return s
}

// FileName turns a unit name into a file name that is safe on Windows,
// macOS and Linux: no path separators, reserved characters or control
// characters, no reserved device name, not starting with a dot, and at
// most 80 characters.
func FileName(s string) string {
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	return filename.Clean(s, filename.MaxBytes)
}

// unitFileName is the name of a unit's 问题清单 workbook: the unit's name
// is what gets cut, never its ID, which keeps names distinct; the whole
// stays under filename.MaxBytes with room for uniqueName's "_2".
func unitFileName(name, id string) string {
	const prefix, ext, room = "问题清单_", ".xlsx", len("_99")
	idPart := "_" + FileName(id)
	base := prefix + filename.Clean(name, filename.MaxBytes-len(prefix)-len(idPart)-len(ext)-room) + idPart
	return strings.TrimSuffix(filename.Make(base, ext), ext)
}

// linkable reports whether s may become a hyperlink: an absolute http or
// https URL with a host, short enough for Excel.
func linkable(s string) bool {
	if len(s) > maxURLLen || strings.ContainsAny(s, " \t\r\n\"<>") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}
