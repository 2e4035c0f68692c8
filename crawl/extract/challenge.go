package extract

import (
	"fmt"
	"regexp"
	"strings"
)

// challengeMarkers are strings that WAF and anti-bot products put in their
// challenge pages: Ruishu ($_ts), Jiasule (__jsl_clearance), Yunsuo, Safedog,
// Chuangyu and the generic Chinese wordings.
var challengeMarkers = []string{
	"$_ts", "__jsl_clearance", "jsl_clearance", "yunsuo_session_verify", "safedog", "waf.",
	"_waf_", "__waf", "cdn_sec_tc", "安全验证", "人机验证", "滑动验证", "访问验证", "请开启javascript",
	"请启用javascript", "浏览器安全检查", "访问被拦截", "访问已被拦截", "请求已被拦截",
	"可能对网站造成安全威胁", "网站防火墙", "访问频率过快", "访问过于频繁", "checking your browser",
	"just a moment", "captcha",
}

var (
	reCookieScript = regexp.MustCompile(`(?i)document\s*\.\s*cookie\s*=|location\s*\.\s*reload\s*\(|(?:window\.|document\.|self\.|top\.)?location(?:\.href)?\s*=|location\s*\.\s*replace\s*\(`)
	reAnchor       = regexp.MustCompile(`(?i)<a\s[^>]*href`)
	reScriptTag    = regexp.MustCompile(`(?i)<script`)
)

// tinyPage bounds what counts as a tiny page: challenge pages are a few
// hundred bytes to a few kilobytes of script, content pages are larger and
// full of links.
const tinyPage = 8 << 10

func isChallenge(status int, body string) (bool, string) {
	switch status {
	case 412, 403:
		return true, fmt.Sprintf("http %d: anti-bot block", status)
	case 521:
		return true, "http 521: javascript cookie challenge"
	case 429:
		return true, "http 429: rate limited"
	}
	if status != 0 && (status < 200 || status > 299) {
		return false, ""
	}
	links := len(reAnchor.FindAllStringIndex(body, 4))
	if links > 2 {
		return false, "" // a page with links has content, whatever scripts it runs
	}
	lower := strings.ToLower(body)
	for _, m := range challengeMarkers {
		if strings.Contains(lower, m) {
			return true, fmt.Sprintf("challenge page (%s)", m)
		}
	}
	if len(body) <= tinyPage && reScriptTag.MatchString(body) {
		if loc := reCookieScript.FindString(body); loc != "" && !hasListMarkup(lower) {
			return true, "tiny page with cookie/reload script: " + strings.Join(strings.Fields(loc), "")
		}
	}
	return false, ""
}

// hasListMarkup reports markup a list answer has even when it holds no
// links yet: a jpage datastore or list records.
func hasListMarkup(lower string) bool {
	return strings.Contains(lower, "<datastore") || strings.Contains(lower, "<record")
}
