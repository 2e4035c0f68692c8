package reports

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/domain"
)

func TestReasonZH(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP 500 Internal Server Error":                                           "服务器返回错误（HTTP 500）",
		"http 412: anti-bot block":                                                 "被反爬虫机制拦截（HTTP 412）",
		"tiny page with cookie/reload script: document.cookie=":                    "疑似人机验证页面（仅含写入 cookie 或刷新的脚本）",
		"read 3 of the 10 items the site states":                                   "读到 3 条，网站标明 10 条",
		"stopped by max_pages after 200 pages, 3000 items of 4000 the site states": "达到采集上限（max_pages）停止：已读 200 页、3000 条，网站标明 4000 条",
		"stopped by max_items after 1 page, 1 item":                                "达到采集上限（max_items）停止：已读 1 页、1 条",
		"HTTP 503 Service Unavailable (after 12 items on 2 pages)":                 "服务器返回错误（HTTP 503）（此前已读到 12 条、2 页）",
		`Get "http://x/": dial tcp 127.0.0.1:1: connect: connection refused`:       "连接被拒绝",
		"WAF 挑战页":       "WAF 挑战页",
		"":              "",
		"something new": "采集错误（原文：something new）",
	} {
		if got := reasonZH(in); got != want {
			t.Errorf("reasonZH(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every sentence the crawl can give as a reason has its Chinese, with its
// figures, and a template edit that breaks the match fails here.
func TestEveryReasonTranslated(t *testing.T) {
	for _, r := range domain.Reasons {
		var vals []any
		n := strings.Count(r.EN, "{")
		for i := 0; i < n; i++ {
			vals = append(vals, 2+i)
		}
		if strings.HasPrefix(r.EN, "{err}") {
			vals[0] = "HTTP 503 Service Unavailable"
		}
		if strings.Contains(r.EN, "{bound}") {
			vals[0] = "max_pages (200)"
		}
		en := domain.ReasonText(r.Code, vals...)
		zh := reasonZH(en)
		if hasLatinWord(strings.NewReplacer("HTTP", "", "max_pages", "").Replace(zh)) || !hasHan(zh) {
			t.Errorf("%s: %q → %q, not Chinese", r.Code, en, zh)
		}
		for _, v := range vals {
			if n, ok := v.(int); ok && !strings.Contains(zh, strconv.Itoa(n)) {
				t.Errorf("%s: %q → %q lost the figure %d", r.Code, en, zh, n)
			}
		}
	}
}
