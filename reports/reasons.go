package reports

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/domain"
)

// The crawl states why a source is not verified in plain English (its
// log's language); a workbook states it in Chinese. The crawl's own
// sentences are translated from their one definition (domain.Reasons);
// reasonRules match the errors sites and networks give, first match wins,
// figures kept.
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
	{regexp.MustCompile(`(?i)connection refused`), "连接被拒绝"},
	{regexp.MustCompile(`(?i)no such host`), "域名无法解析"},
	{regexp.MustCompile(`(?i)deadline exceeded|timeout|timed out`), "连接超时"},
	{regexp.MustCompile(`(?i)certificate|x509|tls`), "证书或加密连接错误"},
	{regexp.MustCompile(`(?i)connection reset|EOF|broken pipe`), "连接中断"},
	{regexp.MustCompile(`(?i)body .*(larger|exceeds|over)|too large`), "页面超过大小上限"},
}

// reasonZH is a crawl reason in Chinese; a sentence no rule knows is kept,
// marked as the crawl's own words, so nothing a reader needs is lost.
func reasonZH(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !hasLatinWord(s) || hasHan(s) {
		return s // already in Chinese (a rules file's or a test's words)
	}
	if zh, ok := domain.ReasonZH(s, reasonZH); ok {
		return zh
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
