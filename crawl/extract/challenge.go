package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
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
	if m := firstMarker(lower); m != "" && !shellNotice(m, body) {
		// A marker only counts where challenge pages carry it: in their
		// scripts (noscript, http-equiv meta), as their whole title, or on
		// a page that says almost nothing else. A short notice about
		// 安全验证 work, or a letter about a captcha, is content.
		pg := splitPage(body)
		if cm := firstMarker(pg.script); cm != "" {
			return true, fmt.Sprintf("challenge page (%s)", cm)
		}
		for _, name := range pg.names {
			if cm := firstMarker(name); cm != "" && mostlyMarker(name) {
				return true, fmt.Sprintf("challenge page (%s)", cm)
			}
		}
		if pg.letters < minContentLetters && !hasListMarkup(lower) {
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

// enableJS are the wordings that ask for JavaScript: challenge pages say
// them, and so does every single-page application's <noscript>.
var enableJS = map[string]bool{"请开启javascript": true, "请启用javascript": true}

// shellNotice reports whether marker m, the first the page carries, is only
// a request to enable JavaScript on a page that loads script files and
// sets no cookie and reloads nothing: an application shell whose bundles
// build the page (a browser reads it), not a challenge.
func shellNotice(m, body string) bool {
	lower := strings.ToLower(body)
	return enableJS[m] && firstMarker(stripWord(lower, m)) == "" && !reCookieScript.MatchString(body) &&
		reScriptSrc.MatchString(lower)
}

var reScriptSrc = regexp.MustCompile(`<script\b[^>]*\ssrc\s*=`)

func stripWord(lower, w string) string { return strings.ReplaceAll(lower, w, " ") }

// hasListMarkup reports markup a list answer has even when it holds no
// links yet: a jpage datastore or list records.
func hasListMarkup(lower string) bool {
	return strings.Contains(lower, "<datastore") || strings.Contains(lower, "<record")
}

// firstMarker returns the first challenge marker in lower, or "".
func firstMarker(lower string) string {
	for _, m := range challengeMarkers {
		if strings.Contains(lower, m) {
			return m
		}
	}
	return ""
}

// minContentLetters is the least visible text, in letters outside marker
// wordings, that makes a page content: challenge and block pages say a
// sentence or two ("访问过于频繁，请稍后再试"), a detail page says more.
const minContentLetters = 40

// maxNameLetters is how many letters besides the marker a challenge page's
// title may hold ("云锁安全验证"); a page titled after an article about
// 安全验证 work holds more.
const maxNameLetters = 6

// titleSeps end the page name part of a title; a site name follows.
var titleSeps = []string{"_", " - ", "｜", "|", "—", "--"}

// mostlyMarker reports whether a lowercased title or meta value is little
// more than a marker wording, once its site name suffix is cut.
func mostlyMarker(name string) bool {
	for _, sep := range titleSeps {
		if i := strings.Index(name, sep); i > 0 {
			name = name[:i]
		}
	}
	return countLetters(stripMarkers(name)) <= maxNameLetters
}

func stripMarkers(lower string) string {
	for _, m := range challengeMarkers {
		lower = strings.ReplaceAll(lower, m, " ")
	}
	return lower
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// pageParts is what IsChallenge weighs on a page that holds a marker, all
// lowercased: the text and attributes of its scripts, noscript blocks and
// http-equiv meta tags, where a challenge works; the title and other meta
// values, which name the page; and how many letters its visible text holds
// outside marker wordings.
type pageParts struct {
	script  string
	names   []string
	letters int
}

func splitPage(body string) pageParts {
	var pg pageParts
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		pg.script = strings.ToLower(body)
		return pg
	}
	var script, text strings.Builder
	var walk func(n *html.Node, in string)
	walk = func(n *html.Node, in string) {
		switch n.Type {
		case html.TextNode:
			switch in {
			case "script", "noscript":
				script.WriteString(n.Data)
				script.WriteByte('\n')
			case "title":
				pg.names = append(pg.names, strings.ToLower(clean(n.Data)))
			default:
				text.WriteString(n.Data)
				text.WriteByte('\n')
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "noscript", "title":
				if n.Data == "script" && !isJavaScript(attr(n, "type")) {
					return // a jpage datastore or a template holds content, not a challenge
				}
				in = n.Data
				if n.Data == "script" {
					for _, a := range n.Attr {
						script.WriteString(a.Val)
						script.WriteByte('\n')
					}
				}
			case "meta":
				if attr(n, "http-equiv") != "" {
					script.WriteString(attr(n, "content"))
					script.WriteByte('\n')
				} else if v := attr(n, "content"); v != "" {
					pg.names = append(pg.names, strings.ToLower(clean(v)))
				}
			case "style", "template":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(root, "")
	pg.script = strings.ToLower(script.String())
	pg.letters = countLetters(stripMarkers(strings.ToLower(text.String())))
	return pg
}

// isJavaScript reports whether a script type attribute names a script the
// browser runs.
func isJavaScript(typ string) bool {
	typ = strings.ToLower(strings.TrimSpace(typ))
	return typ == "" || typ == "module" || strings.Contains(typ, "javascript") || strings.Contains(typ, "ecmascript")
}
