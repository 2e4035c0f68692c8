package extract

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding precedence, in order:
//
//  1. A byte order mark decides outright; then bytes that are valid UTF-8
//     and not pure ASCII are UTF-8, whatever is declared.
//  2. The HTTP header charset and the page's own declaration (<meta
//     charset>, or <meta http-equiv="Content-Type" content="…charset=…">)
//     are collected, header first. When they agree, or only one is present,
//     it is used — unless it says UTF-8 and the bytes are not valid UTF-8
//     but are valid GB18030, a common misconfiguration of servers that add
//     "charset=utf-8" to everything.
//  3. When they disagree, the bytes decide: a declared UTF-8 wins if the
//     bytes are valid UTF-8 (random GB bytes almost never are); otherwise
//     the first declared encoding under which the bytes decode cleanly;
//     otherwise the header's.
//  4. With no usable declaration: valid UTF-8 is UTF-8, anything else is
//     GB18030.
//
// Every GB label (gb2312, gbk, gb18030, x-gbk, cp936, …) decodes as GB18030:
// pages labelled gb2312 routinely hold GBK-only characters (镕, 堃, 喆, 昇),
// and GB18030 is a superset of both.

const (
	encUTF8    = "utf-8"
	encGB18030 = "gb18030"
)

// prescanLimit is how far into the body a meta declaration is looked for;
// HTML requires it within 1024 bytes, real sites put comments first.
const prescanLimit = 4096

var (
	reMetaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`)
)

func decode(body []byte, contentType string) (string, string, error) {
	if enc, name, n := bomEncoding(body); enc != nil {
		text, err := decodeWith(enc, body[n:])
		return text, name, err
	}
	var declared []string
	if name := canonicalCharset(headerCharset(contentType)); name != "" {
		declared = append(declared, name)
	}
	if name := canonicalCharset(metaCharset(body)); name != "" {
		declared = append(declared, name)
	}
	name := chooseEncoding(body, declared)
	if name == encUTF8 {
		return strings.ToValidUTF8(string(body), "\uFFFD"), name, nil
	}
	enc := encodingByName(name)
	text, err := decodeWith(enc, body)
	if err != nil {
		return "", name, fmt.Errorf("decode %s: %w", name, err)
	}
	return text, name, nil
}

func chooseEncoding(body []byte, declared []string) string {
	// Valid UTF-8 with multibyte sequences wins over any declaration:
	// GB text is almost never valid UTF-8 past a few characters, while
	// sites converted to UTF-8 that kept their old gbk <meta> are common.
	// Pure ASCII is valid under both and says nothing, so it leaves the
	// declaration in charge.
	if hasMultibyte(body) && validUTF8(body) {
		return encUTF8
	}
	switch {
	case len(declared) == 0:
		if validUTF8(body) {
			return encUTF8
		}
		return encGB18030
	case len(declared) == 1 || declared[0] == declared[1]:
		if declared[0] == encUTF8 && !validUTF8(body) && validUnder(encGB18030, body) {
			return encGB18030
		}
		return declared[0]
	}
	for _, name := range declared {
		if name == encUTF8 && validUTF8(body) {
			return encUTF8
		}
	}
	for _, name := range declared {
		if name != encUTF8 && validUnder(name, body) {
			return name
		}
	}
	return declared[0]
}

// hasMultibyte reports whether body holds any byte outside ASCII.
func hasMultibyte(body []byte) bool {
	for _, b := range body {
		if b >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// validUTF8 is utf8.Valid tolerating a sequence cut at the end of the body,
// since bodies are capped at a maximum size.
func validUTF8(body []byte) bool {
	if utf8.Valid(body) {
		return true
	}
	for i := len(body) - 1; i >= 0 && i >= len(body)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(body[i]) {
			return !utf8.FullRune(body[i:]) && utf8.Valid(body[:i])
		}
	}
	return false
}

// validUnder reports whether body decodes under the named encoding without
// replacement characters it did not already contain.
func validUnder(name string, body []byte) bool {
	if name == encUTF8 {
		return validUTF8(body)
	}
	text, err := decodeWith(encodingByName(name), body)
	if err != nil {
		return false
	}
	return strings.Count(text, "\uFFFD") == bytes.Count(body, []byte("\xef\xbf\xbd"))
}

func decodeWith(enc encoding.Encoding, body []byte) (string, error) {
	if enc == nil {
		return strings.ToValidUTF8(string(body), "\uFFFD"), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

func bomEncoding(body []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, encUTF8, 3
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Tolerate sloppy headers such as "text/html;charset=gbk;".
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
			v := contentType[i+len("charset="):]
			if j := strings.IndexAny(v, "; "); j >= 0 {
				v = v[:j]
			}
			return strings.Trim(v, `"'`)
		}
		return ""
	}
	return params["charset"]
}

// metaCharset finds the first charset declared by a meta tag, covering both
// <meta charset="gbk"> and <meta http-equiv … content="text/html; charset=gbk">.
func metaCharset(body []byte) string {
	head := body
	if len(head) > prescanLimit {
		head = head[:prescanLimit]
	}
	if m := reMetaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// canonicalCharset maps a label to the name this package decodes with, or
// "" for a label it does not know (which is then ignored).
func canonicalCharset(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "":
		return ""
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		return encUTF8
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936",
		"csgb2312", "chinese", "gb_2312-80", "gb_2312", "iso-ir-58", "csiso58gb231280", "euc-cn", "x-euc-cn":
		return encGB18030
	}
	enc, name := charset.Lookup(l)
	if enc == nil {
		return ""
	}
	if name == "gbk" || name == "gb18030" {
		return encGB18030
	}
	return name
}

func encodingByName(name string) encoding.Encoding {
	if name == encGB18030 {
		return simplifiedchinese.GB18030
	}
	enc, _ := charset.Lookup(name)
	return enc
}
