package reports

import (
	"regexp"
	"strings"
	"unicode"
)

// The crawl states why a source is not verified in plain English (its
// log's language); a workbook states it in Chinese. reasonRules match the
// crawl's sentences and errors, first match wins; figures are kept.
var reasonRules = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^(?i)http (\d{3}): anti-bot block$`), "被反爬虫机制拦截（HTTP $1）"},
	{regexp.MustCompile(`^(?i)http 521: javascript cookie challenge$`), "被脚本验证拦截（HTTP 521）"},
	{regexp.MustCompile(`^(?i)http 429: rate limited$`), "访问过于频繁被限流（HTTP 429）"},
	{regexp.MustCompile(`^challenge page \((.*)\)$`), "人机验证或防火墙页面（$1）"},
	{regexp.MustCompile(`^challenge page$`), "人机验证或防火墙页面"},
	{regexp.MustCompile(`^tiny page with cookie/reload script.*$`), "疑似人机验证页面（仅含写入 cookie 或刷新的脚本）"},
	{regexp.MustCompile(`^HTTP (\d{3})\b.*$`), "服务器返回错误（HTTP $1）"},
	{regexp.MustCompile(`^the list is written by scripts; static reading cannot list it$`), "列表由脚本生成，需用浏览器读取"},
	{regexp.MustCompile(`^stopped by (.+) after (\d+) pages?, (\d+) items? of (\d+) the site states$`), "达到采集上限（$1）停止：已读 $2 页、$3 条，网站标明 $4 条"},
	{regexp.MustCompile(`^stopped by (.+) after (\d+) pages?, (\d+) items?$`), "达到采集上限（$1）停止：已读 $2 页、$3 条"},
	{regexp.MustCompile(`^every one of (\d+) pages lists the same (\d+) items$`), "$1 页列出的都是相同的 $2 条"},
	{regexp.MustCompile(`^(\d+) of (\d+) items are links the unit's other pages show too \(navigation or sidebar\)$`), "$2 条中有 $1 条是本单位其他页面也有的链接（导航或侧栏）"},
	{regexp.MustCompile(`^the page shows (\d+) dated rows but none was read$`), "页面有 $1 行带日期，但一条也未读出"},
	{regexp.MustCompile(`^list matched nothing; earlier runs listed (\d+) items$`), "列表未识别出信息；此前采集列出 $1 条"},
	{regexp.MustCompile(`^read (\d+) items; earlier runs read (\d+)$`), "读到 $1 条；此前采集读到 $2 条"},
	{regexp.MustCompile(`^the site says the list is empty$`), "网站标明列表为空"},
	{regexp.MustCompile(`^the pager says one page, and it has no dated row$`), "翻页显示仅一页，且没有带日期的行"},
	{regexp.MustCompile(`^the page has a pager but no item was read$`), "页面有翻页，但未读到信息"},
	{regexp.MustCompile(`^the page answered but nothing was read, and it does not say it is empty$`), "页面有响应但未读到信息，也未标明为空"},
	{regexp.MustCompile(`^read until items seen in earlier runs \((\d+) items?, (\d+) pages?\)$`), "读到此前采集已见的信息为止（$1 条，$2 页）"},
	{regexp.MustCompile(`^read (\d+) of the (\d+) items the site states$`), "读到 $1 条，网站标明 $2 条"},
	{regexp.MustCompile(`^read (\d+) items; the site states (\d+)$`), "读到 $1 条，网站标明 $2 条"},
	{regexp.MustCompile(`^read (\d+) of the (\d+) pages the site states; the next page could not be reached$`), "读到 $1 页，网站标明 $2 页；下一页无法打开"},
	{regexp.MustCompile(`^stopped with pages left to read after (\d+) pages?$`), "尚有页面未读即停止（已读 $1 页）"},
	{regexp.MustCompile(`^read every page \((\d+)\) by the site's pager, (\d+) items?$`), "按网站翻页读完全部 $1 页，$2 条"},
	{regexp.MustCompile(`^a pager was seen but no next page could be read from it$`), "有翻页，但读不出下一页"},
	{regexp.MustCompile(`^read (\d+) pages? to the last without a next page, (\d+) items?$`), "读到最后一页（共 $1 页），$2 条"},
	{regexp.MustCompile(`(?i)connection refused`), "连接被拒绝"},
	{regexp.MustCompile(`(?i)no such host`), "域名无法解析"},
	{regexp.MustCompile(`(?i)deadline exceeded|timeout|timed out`), "连接超时"},
	{regexp.MustCompile(`(?i)certificate|x509|tls`), "证书或加密连接错误"},
	{regexp.MustCompile(`(?i)connection reset|EOF|broken pipe`), "连接中断"},
	{regexp.MustCompile(`(?i)body .*(larger|exceeds|over)|too large`), "页面超过大小上限"},
}

// failedAfter is the crawl's "<error> (after n items on m pages)".
var failedAfter = regexp.MustCompile(`^(.*) \(after (\d+) items? on (\d+) pages?\)$`)

// reasonZH is a crawl reason in Chinese; a sentence no rule knows is kept,
// marked as the crawl's own words, so nothing a reader needs is lost.
func reasonZH(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !hasLatinWord(s) || hasHan(s) {
		return s // already in Chinese (a rules file's or a test's words)
	}
	if m := failedAfter.FindStringSubmatch(s); m != nil {
		return reasonZH(m[1]) + "（此前已读到 " + m[2] + " 条、" + m[3] + " 页）"
	}
	for _, r := range reasonRules {
		if loc := r.re.FindStringSubmatchIndex(s); loc != nil {
			if strings.HasPrefix(r.re.String(), "^") {
				return string(r.re.ExpandString(nil, r.zh, s, loc))
			}
			return r.zh
		}
	}
	return "采集错误（原文：" + s + "）"
}

var latinWord = regexp.MustCompile(`[A-Za-z]{2,}`)

func hasLatinWord(s string) bool { return latinWord.MatchString(s) }

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
