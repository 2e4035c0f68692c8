package landing

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// appendPage appends p as encoding/json writes it (no HTML escaping) and a
// newline. A crawl writes one page record per request; through reflection
// that was most of the cost of writing the landing files.
// TestAppendPageAsEncodingJSON holds it to encoding/json byte for byte:
// a field added to Page must be added here too.
func appendPage(b []byte, p Page) []byte {
	b = append(b, `{"run_id":`...)
	b = appendJSONString(b, p.RunID)
	b = append(b, `,"unit_id":`...)
	b = appendJSONString(b, p.UnitID)
	if p.ColumnID != "" {
		b = append(b, `,"column_id":`...)
		b = appendJSONString(b, p.ColumnID)
	}
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, p.Kind)
	b = append(b, `,"method":`...)
	b = appendJSONString(b, p.Method)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, p.URL)
	b = append(b, `,"attempt":`...)
	b = strconv.AppendInt(b, int64(p.Attempt), 10)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(p.Status), 10)
	b = append(b, `,"bytes":`...)
	b = strconv.AppendInt(b, p.Bytes, 10)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendInt(b, p.DurationMS, 10)
	b = append(b, `,"outcome":`...)
	b = appendJSONString(b, p.Outcome)
	if p.Error != "" {
		b = append(b, `,"error":`...)
		b = appendJSONString(b, p.Error)
	}
	if p.SHA256 != "" {
		b = append(b, `,"sha256":`...)
		b = appendJSONString(b, p.SHA256)
	}
	b = append(b, `,"fetched_at":"`...)
	b = p.FetchedAt.AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	if p.Rendered {
		b = append(b, `,"rendered":true`...)
	}
	return append(b, "}\n"...)
}

// plainTime reports whether encoding/json writes t as its RFC 3339 text:
// it refuses years outside 0–9999 and zone offsets with seconds.
func plainTime(t time.Time) bool {
	_, off := t.Zone()
	return t.Year() >= 0 && t.Year() <= 9999 && off%60 == 0
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: invalid UTF-8 as U+FFFD, U+2028 and U+2029
// escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
