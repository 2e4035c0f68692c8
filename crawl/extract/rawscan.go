package extract

import (
	"regexp"
	"strings"
)

// Whole-page regexps without a literal start run their automaton over every
// byte of the page. These helpers start them where a match can begin.

// asciiLower lowercases ASCII letters only, so that byte offsets into the
// result are offsets into s. The tags and keywords searched for have no
// letters that fold to non-ASCII ones, so this is exact for them.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// findFrom is re.FindStringSubmatch(s) for a pattern whose matches begin at,
// or one byte before, an occurrence of lit (lowercase) in lower, the
// asciiLower of s. Starting one byte early keeps \b and a leading "<" right.
func findFrom(re *regexp.Regexp, s, lower, lit string) []string {
	i := strings.Index(lower, lit)
	if i < 0 {
		return nil
	}
	return re.FindStringSubmatch(s[max(0, i-1):])
}

// jpageRecords returns the fragments of a jpage datastore's records, as
//
//	(?is)<record>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</record>
//
// would find them: for each, the CDATA text (cdata true), or else the raw
// text up to the next </record> without surrounding whitespace.
func jpageRecords(s, lower string) (frags []string, cdata []bool) {
	const open, close = "<record>", "</record>"
	for pos := 0; ; {
		i := strings.Index(lower[pos:], open)
		if i < 0 {
			return frags, cdata
		}
		start := skipSpace(s, pos+i+len(open))
		if body, end, next, ok := recordCDATA(s, lower, start); ok {
			frags, cdata = append(frags, s[body:end]), append(cdata, true)
			pos = next
			continue
		}
		// Raw text up to the first </record>.
		j := strings.Index(lower[start:], close)
		if j < 0 {
			return frags, cdata
		}
		end := start + j
		frags, cdata = append(frags, strings.TrimRight(s[start:end], " \t\n\f\r")), append(cdata, false)
		pos = end + len(close)
	}
}

// recordCDATA matches <![CDATA[ at start and the first ]]> after it that
// is followed by </record>, however far: the CDATA text is s[body:end] and
// the record closes before next.
func recordCDATA(s, lower string, start int) (body, end, next int, ok bool) {
	const cdOpen, cdClose, close = "<![cdata[", "]]>", "</record>"
	if !strings.HasPrefix(lower[start:], cdOpen) {
		return 0, 0, 0, false
	}
	body = start + len(cdOpen)
	for k := body; ; {
		j := strings.Index(lower[k:], cdClose)
		if j < 0 {
			return 0, 0, 0, false
		}
		end = k + j
		after := skipSpace(s, end+len(cdClose))
		if strings.HasPrefix(lower[after:], close) {
			return body, end, after + len(close), true
		}
		k = end + 1
	}
}
