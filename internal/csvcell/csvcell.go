// Package csvcell makes text safe to put in a CSV cell that a spreadsheet
// may open: a cell a spreadsheet would read as a formula is made inert
// the way OWASP recommends (CSV injection), and a number stays a number.
// It knows nothing of where the text comes from.
package csvcell

import "strings"

// triggers are the first characters that make Excel, LibreOffice or
// Google Sheets read a cell as a formula (OWASP's list: =, +, -, @, tab
// and carriage return).
const triggers = "=+-@\t\r"

// Inert returns s unchanged, unless a spreadsheet would read it as a
// formula: then it is prefixed with a single quote, which spreadsheets
// show as text and do not evaluate. A plain number such as -5, +3 or
// -1.5e3 is left alone: it cannot run anything and must stay numeric.
func Inert(s string) string {
	if s == "" || !strings.ContainsRune(triggers, rune(s[0])) || IsNumber(s) {
		return s
	}
	return "'" + s
}

// Formula reports whether a spreadsheet could read s as a formula, i.e.
// whether Inert would change it.
func Formula(s string) bool { return Inert(s) != s }

// IsNumber reports whether s is a plain decimal number: an optional sign,
// digits with an optional fraction, and an optional exponent. Nothing
// else (no spaces, no operators after the number) is accepted.
func IsNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
