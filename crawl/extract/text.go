package extract

import (
	"strings"
	"unicode"
)

// widthFolder maps the full-width forms Chinese pages use for digits and
// punctuation to ASCII, and odd spaces to a plain space, so one set of
// patterns serves every page. Each replacement is one rune for one rune:
// callers rely on rune counts staying the same.
var widthFolder = func() *strings.Replacer {
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
	return strings.NewReplacer(pairs...)
}()

// foldWidth applies widthFolder.
func foldWidth(s string) string { return widthFolder.Replace(s) }

// isSpace reports whitespace including the full-width space and &nbsp;.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// clean trims a text value and collapses its inner whitespace runs to one
// space.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
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
