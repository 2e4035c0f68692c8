package reports

import "strings"

// zwsp is the zero-width space: invisible, and a place a line may break.
const zwsp = '\u200b'

// breakableURL is an address as a cell shows it: a zero-width space after
// each /, ?, & and = so that a wrapped cell breaks it there. Excel breaks
// a long word anywhere, but LibreOffice breaks only where the text allows
// it and otherwise cuts the address at the column's edge when printing.
// The cell's hyperlink keeps the address itself.
func breakableURL(s string) string {
	if !strings.ContainsAny(s, "/?&=") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 3*strings.Count(s, "/"))
	for _, r := range s {
		b.WriteRune(r)
		switch r {
		case '/', '?', '&', '=':
			b.WriteRune(zwsp)
		}
	}
	return b.String()
}
