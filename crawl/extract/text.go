package extract

import (
	"strings"
	"unicode"
)

// widthFolder maps the full-width forms Chinese pages use for digits and
// punctuation to ASCII, and odd spaces to a plain space, so one set of
// patterns serves every page. Each replacement is one rune for one rune:
// callers rely on rune counts staying the same.
var widthFolder = strings.NewReplacer(widthPairs...)

// widthPairs are widthFolder's old, new pairs.
var widthPairs = func() []string {
	var pairs []string
	for r := '０'; r <= '９'; r++ {
		pairs = append(pairs, string(r), string('0'+(r-'０')))
	}
	pairs = append(pairs,
		"：", ":", "－", "-", "／", "/", "．", ".", "，", ",",
		"（", "(", "）", ")", "［", "[", "］", "]",
		"\u3000", " ", "\u00a0", " ", "\u2002", " ", "\u2003", " ", "\u2009", " ",
		"\u200b", " ", "\ufeff", " ",
	)
	return pairs
}()

// foldWidth applies widthFolder. Most text runs hold nothing to fold, and
// the replacer copies its input whatever it finds, so it runs only when a
// rune it maps is present.
func foldWidth(s string) string {
	for _, r := range s {
		if folds(r) {
			return widthFolder.Replace(s)
		}
	}
	return s
}

// folds reports whether widthFolder maps r.
func folds(r rune) bool {
	switch {
	case r < 0x80:
		return false
	case r >= '\uff01' && r <= '\uff1a', r >= '\uff3b' && r <= '\uff3d': // full-width digits, ：－／．，（）［］
		return true
	}
	switch r {
	case '\u3000', '\u00a0', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return false
}

// isSpace reports whitespace including the full-width space and &nbsp;.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// clean trims a text value and collapses its inner whitespace runs to one
// space.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// isClean reports whether clean would return s unchanged: no space at either
// end, and inner spaces only as single plain spaces.
func isClean(s string) bool {
	prevSpace := true // a leading space is not clean
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if isSpace(r) {
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// squash removes every whitespace rune; labels are compared squashed so that
// "索 引 号" and "索　引　号" match "索引号".
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}
