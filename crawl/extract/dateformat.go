package extract

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// parseDateAs parses raw with a profile's explicit date format, or with
// ParseDate when there is none. A format that does not match gives
// OK=false with Raw kept: the format is the user's word for what the site
// writes, so it is not second-guessed.
func parseDateAs(raw, format string, ref time.Time) Date {
	if format == "" {
		return ParseDate(raw, ref)
	}
	d := Date{Raw: raw}
	s := strings.TrimSpace(foldWidth(raw))
	switch strings.ToLower(format) {
	case "epoch", "epoch_ms":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return d
		}
		t := time.Unix(n, 0)
		if strings.ToLower(format) == "epoch_ms" {
			t = time.UnixMilli(n)
		}
		t = t.In(shanghai)
		d.Time, d.OK = t, true
		d.HasTime = t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0
		return d
	}
	re, fields := formatPattern(format)
	m := re.FindStringSubmatch(s)
	if m == nil {
		return d
	}
	v := map[byte]int{}
	for i, f := range fields {
		v[f] = atoi(m[i+1])
	}
	year := v['Y']
	if year < 100 {
		year += 2000
	}
	month, day := v['M'], v['D']
	if !validDay(year, month, day) || v['h'] > 23 || v['m'] > 59 || v['s'] > 59 {
		return d
	}
	d.Time = time.Date(year, time.Month(month), day, v['h'], v['m'], v['s'], 0, shanghai)
	_, d.HasTime = v['h']
	d.OK = true
	return d
}

var (
	formatMu    sync.Mutex
	formatCache = map[string]formatRE{}
)

type formatRE struct {
	re     *regexp.Regexp
	fields []byte
}

// formatPattern compiles a date format (YYYY-MM-DD hh:mm) into a regexp
// and the field each group holds.
func formatPattern(format string) (*regexp.Regexp, []byte) {
	formatMu.Lock()
	defer formatMu.Unlock()
	if f, ok := formatCache[format]; ok {
		return f.re, f.fields
	}
	tokens := []struct {
		tok   string
		field byte
		re    string
	}{
		{"YYYY", 'Y', `(\d{4})`}, {"YY", 'Y', `(\d{2})`}, {"MM", 'M', `(\d{2})`}, {"M", 'M', `(\d{1,2})`},
		{"DD", 'D', `(\d{2})`}, {"D", 'D', `(\d{1,2})`}, {"hh", 'h', `(\d{2})`}, {"h", 'h', `(\d{1,2})`},
		{"mm", 'm', `(\d{2})`}, {"ss", 's', `(\d{2})`},
	}
	var b strings.Builder
	var fields []byte
	for i := 0; i < len(format); {
		matched := false
		for _, t := range tokens {
			if strings.HasPrefix(format[i:], t.tok) {
				b.WriteString(t.re)
				fields = append(fields, t.field)
				i += len(t.tok)
				matched = true
				break
			}
		}
		if !matched {
			r := []rune(format[i:])[0]
			b.WriteString(regexp.QuoteMeta(string(r)))
			i += len(string(r))
		}
	}
	re := regexp.MustCompile(b.String())
	formatCache[format] = formatRE{re, fields}
	return re, fields
}
