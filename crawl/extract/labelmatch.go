package extract

import (
	"strings"
	"unicode/utf8"
)

// A labelMatcher finds label words in width-folded text the way the
// patterns
//
//	start: ^[\s【\[(<]*(label)\s*[】\])>]?\s*(:)?\s*
//	any:   (label)\s*[】\])>]?\s*:
//
// would under leftmost-first regexp semantics, where label is the
// alternation of the words in order with \s* between their characters. It
// is written by hand because a regexp alternation of dozens of words runs
// its automaton over every character of every text run, and label scanning
// was most of the cost of reading a detail page.
type labelMatcher struct {
	words  [][]rune       // in alternation order: longest first
	byRune map[rune][]int // first rune → indexes into words, in order
}

func newLabelMatcher(words []string) *labelMatcher {
	lm := &labelMatcher{byRune: map[rune][]int{}}
	for i, w := range words {
		rs := []rune(w)
		lm.words = append(lm.words, rs)
		lm.byRune[rs[0]] = append(lm.byRune[rs[0]], i)
	}
	return lm
}

// reSpace is the \s class of Go regexps: ASCII whitespace only.
func reSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

func skipSpace(s string, i int) int {
	for i < len(s) && reSpace(s[i]) {
		i++
	}
	return i
}

// closer is the optional closing bracket after a label: [】\])>].
func closer(s string, i int) int {
	if i < len(s) && (s[i] == ']' || s[i] == ')' || s[i] == '>') {
		return i + 1
	}
	if strings.HasPrefix(s[i:], "】") {
		return i + len("】")
	}
	return i
}

// wordAt reports where word w ends if it matches at s[i:], its characters
// separated by any ASCII whitespace, or -1.
func wordAt(s string, i int, w []rune) int {
	for k, want := range w {
		if k > 0 {
			i = skipSpace(s, i)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 0 || r != want {
			return -1
		}
		i += size
	}
	return i
}

// pairTail matches \s*[】\])>]?\s*: after a label ending at i, and returns
// where the colon ends, or -1.
func pairTail(s string, i int) int {
	i = skipSpace(s, closer(s, skipSpace(s, i)))
	if i < len(s) && s[i] == ':' {
		return i + 1
	}
	return -1
}

// pairAt matches the any pattern at exactly s[i:]: the first word, in
// order, whose colon tail also matches. It returns the match as regexp
// submatch indexes (whole match, label) or nil.
func (lm *labelMatcher) pairAt(s string, i int) []int {
	r, _ := utf8.DecodeRuneInString(s[i:])
	for _, k := range lm.byRune[r] {
		end := wordAt(s, i, lm.words[k])
		if end < 0 {
			continue
		}
		if tail := pairTail(s, end); tail >= 0 {
			return []int{i, tail, i, end}
		}
	}
	return nil
}

// findPairs is any.FindAllStringSubmatchIndex(s, -1); n > 0 stops after n
// matches.
func (lm *labelMatcher) findPairs(s string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		if m := lm.pairAt(s, i); m != nil {
			out = append(out, m)
			if n > 0 && len(out) == n {
				break
			}
			i = m[1]
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return out
}

// findStart is start.FindStringSubmatchIndex(s): whole match, label, and
// colon (-1, -1 when there is none).
func (lm *labelMatcher) findStart(s string) []int {
	i := 0
	for i < len(s) {
		if reSpace(s[i]) || s[i] == '[' || s[i] == '(' || s[i] == '<' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], "【") {
			i += len("【")
			continue
		}
		break
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	for _, k := range lm.byRune[r] {
		end := wordAt(s, i, lm.words[k])
		if end < 0 {
			continue
		}
		// Every part after the label is optional, so the first word that
		// matches is the match.
		j := skipSpace(s, closer(s, skipSpace(s, end)))
		colon := []int{-1, -1}
		if j < len(s) && s[j] == ':' {
			colon = []int{j, j + 1}
			j++
		}
		j = skipSpace(s, j)
		return []int{0, j, i, end, colon[0], colon[1]}
	}
	return nil
}
