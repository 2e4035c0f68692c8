package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A reason says why a source got its verdict. The crawl writes it in
// English (the language of its log and of landing files); the workbooks
// print it in Chinese. Both wordings live here, once, so a sentence the
// crawl writes always has its translation.
//
// In the templates, {name} stands for a value and {name:thing} for a count
// written "1 thing" / "n things" in English and as the bare number in
// Chinese; the Chinese template names the same values, in any order.
type Reason struct {
	Code string
	EN   string
	ZH   string
}

// Reasons are the crawl's verdict reasons, by code.
var Reasons = []Reason{
	{"failed_after", "{err} (after {items:item} on {pages:page})", "{err}（此前已读到 {items} 条、{pages} 页）"},
	{"needs_browser", "the list is written by scripts; static reading cannot list it", "列表由脚本生成，需用浏览器读取"},
	{"bound_total", "stopped by {bound} after {pages:page}, {items:item} of {total} the site states", "达到采集上限（{bound}）停止：已读 {pages} 页、{items} 条，网站标明 {total} 条"},
	{"bound", "stopped by {bound} after {pages:page}, {items:item}", "达到采集上限（{bound}）停止：已读 {pages} 页、{items} 条"},
	{"same_pages", "every one of {pages} pages lists the same {items} items", "{pages} 页列出的都是相同的 {items} 条"},
	{"chrome", "{chrome} of {items} items are links the unit's other pages show too (navigation or sidebar)", "{items} 条中有 {chrome} 条是本单位其他页面也有的链接（导航或侧栏）"},
	{"dated_rows_unread", "the page shows {rows} dated rows but none was read", "页面有 {rows} 行带日期，但一条也未读出"},
	{"matched_nothing", "list matched nothing; earlier runs listed {previous} items", "列表未识别出信息；此前采集列出 {previous} 条"},
	{"fewer_than_before", "read {items} items; earlier runs read {previous}", "读到 {items} 条；此前采集读到 {previous} 条"},
	{"site_says_empty", "the site says the list is empty", "网站标明列表为空"},
	{"one_page_undated", "the pager says one page, and it has no dated row", "翻页显示仅一页，且没有带日期的行"},
	{"pager_no_items", "the page has a pager but no item was read", "页面有翻页，但未读到信息"},
	{"nothing_read", "the page answered but nothing was read, and it does not say it is empty", "页面有响应但未读到信息，也未标明为空"},
	{"incremental", "read until items seen in earlier runs ({items:item}, {pages:page})", "读到此前采集已见的信息为止（{items} 条，{pages} 页）"},
	{"short_of_total", "read {items} of the {total} items the site states", "读到 {items} 条，网站标明 {total} 条"},
	{"total_agrees", "read {items} items; the site states {total}", "读到 {items} 条，网站标明 {total} 条"},
	{"pages_left_stated", "read {pages} of the {total} pages the site states; the next page could not be reached", "读到 {pages} 页，网站标明 {total} 页；下一页无法打开"},
	{"pages_left", "stopped with pages left to read after {pages:page}", "尚有页面未读即停止（已读 {pages} 页）"},
	{"every_page", "read every page ({pages}) by the site's pager, {items:item}", "按网站翻页读完全部 {pages} 页，{items} 条"},
	{"pager_unreadable", "a pager was seen but no next page could be read from it", "有翻页，但读不出下一页"},
	{"last_page", "read {pages:page} to the last without a next page, {items:item}", "读到最后一页（共 {pages} 页），{items} 条"},
}

var placeholder = regexp.MustCompile(`\{([a-z]+)(?::([a-z]+))?\}`)

// ReasonText writes reason code's English sentence with vals, one per
// placeholder in the order they appear. It panics on an unknown code or a
// wrong number of values: both are programming errors a test catches.
func ReasonText(code string, vals ...any) string {
	r, ok := reasonByCode[code]
	if !ok {
		panic("unknown reason " + code)
	}
	i := 0
	out := placeholder.ReplaceAllStringFunc(r.EN, func(m string) string {
		sub := placeholder.FindStringSubmatch(m)
		if i >= len(vals) {
			panic(fmt.Sprintf("reason %s: too few values", code))
		}
		v := vals[i]
		i++
		if sub[2] != "" {
			n, _ := v.(int)
			if n == 1 {
				return "1 " + sub[2]
			}
			return strconv.Itoa(n) + " " + sub[2] + "s"
		}
		return fmt.Sprint(v)
	})
	if i != len(vals) {
		panic(fmt.Sprintf("reason %s: %d values for %d placeholders", code, len(vals), i))
	}
	return out
}

// ReasonZH is the Chinese of a sentence ReasonText wrote, and false when
// the sentence is none of the reasons (an error's own words). A reason
// that wraps an error ({err}) has the error put through other.
func ReasonZH(s string, other func(string) string) (string, bool) {
	for _, r := range reasonMatchers {
		m := r.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		vals := map[string]string{}
		for i, name := range r.re.SubexpNames() {
			if name != "" {
				vals[name] = m[i]
			}
		}
		if e, ok := vals["err"]; ok && other != nil {
			vals["err"] = other(e)
		}
		return placeholder.ReplaceAllStringFunc(r.ZH, func(p string) string {
			return vals[placeholder.FindStringSubmatch(p)[1]]
		}), true
	}
	return "", false
}

type reasonMatcher struct {
	Reason
	re *regexp.Regexp
}

var (
	reasonByCode   = map[string]Reason{}
	reasonMatchers []reasonMatcher
)

func init() {
	for _, r := range Reasons {
		reasonByCode[r.Code] = r
		var b strings.Builder
		b.WriteString("^")
		last := 0
		for _, loc := range placeholder.FindAllStringSubmatchIndex(r.EN, -1) {
			b.WriteString(regexp.QuoteMeta(r.EN[last:loc[0]]))
			name := r.EN[loc[2]:loc[3]]
			switch {
			case loc[4] >= 0:
				fmt.Fprintf(&b, `(?P<%s>\d+) %ss?`, name, regexp.QuoteMeta(r.EN[loc[4]:loc[5]]))
			case name == "err" || name == "bound":
				fmt.Fprintf(&b, `(?P<%s>.+)`, name)
			default:
				fmt.Fprintf(&b, `(?P<%s>\d+)`, name)
			}
			last = loc[1]
		}
		b.WriteString(regexp.QuoteMeta(r.EN[last:]))
		b.WriteString("$")
		reasonMatchers = append(reasonMatchers, reasonMatcher{r, regexp.MustCompile(b.String())})
	}
}
