package extract

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Field keys of the disclosure metadata block, in order of preference
// within a field (主题分类 before 主题词).
var detailLabels = newLabelSet(map[string][]string{
	"index":     {"索引号", "索取号"},
	"publisher": {"发布机构", "发文机关", "发布单位", "发文单位", "发布机关", "公开机构", "公开单位"},
	"docno":     {"文号", "发文字号", "发文文号", "文件编号"},
	"topic":     {"主题分类", "信息分类"},
	"topicword": {"主题词"},
	"validity":  {"有效性", "时效性", "效力状态"},
	"formed":    {"成文日期", "成文时间", "生成日期", "印发日期"},
	"published": {"发布日期", "发文日期", "公开日期"},
	"pubtime":   {"发布时间", "公开时间"}, // also the article info line, not only the metadata block
	"title":     {"标题", "名称", "文件名称"},
}, []string{
	"来源", "信息来源", "作者", "浏览次数", "访问次数", "点击数", "阅读次数", "浏览量", "字号",
	"分享到", "体裁分类", "组配分类", "服务对象", "关键词", "生效日期", "失效日期", "废止日期",
	"公开方式", "公开范围", "公开时限", "责任部门", "内容概述", "所属机构",
})

// Headings of the blocks that link an item to related items: a policy to
// its interpretation and back.
var relatedHeadings = []string{"相关链接", "相关解读", "政策解读", "政策原文", "相关文件", "相关政策", "原文链接", "解读链接", "相关阅读", "文件解读", "图文解读", "关联文件"}

// Link texts that are page furniture, not content.
var furnitureTexts = map[string]bool{
	"首页": true, "返回首页": true, "上一篇": true, "下一篇": true, "打印": true, "打印本页": true,
	"关闭": true, "关闭窗口": true, "返回顶部": true, "返回": true, "收藏": true, "分享": true,
	"网站地图": true, "联系我们": true, "【打印】": true, "【关闭】": true, "[打印]": true, "[关闭]": true,
	"【打印本页】": true, "【关闭窗口】": true, "[打印本页]": true, "[关闭窗口]": true,
}

func extractDetail(pageURL string, body string, ref time.Time) Detail {
	doc := parseHTML(body)
	root := doc.Get(0)
	segs := segments(root)
	found := detailLabels.scan(segs)

	var d Detail
	m := &d.Meta
	m.IndexNo, _ = first(found, "index")
	m.Publisher, _ = first(found, "publisher")
	m.DocNo, _ = first(found, "docno")
	m.Topic, _ = first(found, "topic", "topicword")
	m.Validity, _ = first(found, "validity")
	if v, ok := first(found, "formed"); ok {
		m.Formed = ParseDate(v, ref)
	}
	if v, ok := first(found, "published", "pubtime"); ok {
		m.Published = ParseDate(v, ref)
	}
	if !m.Published.OK {
		m.Published = metaPublished(doc, ref)
	}
	if !m.Formed.OK {
		m.Formed = signatureDate(root, ref)
	}
	// Found means a metadata block: the 发布时间 of an article info line
	// or a bare 标题 does not make one.
	for k := range found {
		if k != "title" && k != "pubtime" {
			m.Found = true
		}
	}
	labelTitle, _ := first(found, "title")
	d.Title = detailTitle(doc, labelTitle)
	d.Links = detailLinks(doc, segs, parseBase(pageURL))
	return d
}

// detailTitle picks the item's title: the ArticleTitle meta TRS and Hanweb
// pages carry, the first heading outside the page chrome, a 标题 label,
// and last the <title> without its site suffix.
func detailTitle(doc *goquery.Document, labelTitle string) string {
	for _, name := range []string{"ArticleTitle", "articletitle", "title"} {
		if v := clean(doc.Find(`meta[name="`+name+`"]`).AttrOr("content", "")); v != "" {
			return v
		}
	}
	for _, tag := range []string{"h1", "h2"} {
		var t string
		doc.Find(tag).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if inNoise(s.Get(0)) {
				return true
			}
			t = headingText(s.Get(0))
			return t == ""
		})
		if t != "" {
			return t
		}
	}
	if labelTitle != "" {
		return labelTitle
	}
	t := clean(doc.Find("title").First().Text())
	for _, sep := range []string{"_", " - ", "｜", "|", "—"} {
		if i := strings.Index(t, sep); i > 0 {
			t = strings.TrimSpace(t[:i])
		}
	}
	return t
}

// detailLinks collects the same-host links of the article body and of the
// related-item blocks, in page order, without duplicates.
func detailLinks(doc *goquery.Document, segs []segment, base *url.URL) []string {
	links := []string{}
	if base == nil {
		return links
	}
	self := resolve(nil, base.String())
	seen := map[string]bool{self: true}
	add := func(n *html.Node) {
		for _, a := range findAll(n, func(c *html.Node) bool { return c.Data == "a" }) {
			u := resolve(base, attr(a, "href"))
			if u == "" || seen[u] || furnitureTexts[squash(foldWidth(nodeText(a)))] || inNoise(a) {
				continue
			}
			// Same host only, and never the home page: broken markup can
			// wrap content in a reopened home link.
			if p, err := url.Parse(u); err != nil || siteHost(p) != siteHost(base) || p.Path == "" || p.Path == "/" {
				continue
			}
			seen[u] = true
			links = append(links, u)
		}
	}
	var blocks []*html.Node
	if c := contentNode(doc.Get(0)); c != nil {
		blocks = append(blocks, c)
	}
	blocks = append(blocks, relatedBlocks(segs)...)
	// Page order, whatever order the blocks were found in.
	for _, n := range findAll(doc.Get(0), func(n *html.Node) bool { return containsNode(blocks, n) }) {
		if !hasAncestorIn(n, blocks) {
			add(n)
		}
	}
	return links
}

func containsNode(ns []*html.Node, n *html.Node) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

func hasAncestorIn(n *html.Node, ns []*html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if containsNode(ns, p) {
			return true
		}
	}
	return false
}

// contentNode finds the article body: the element outside the page chrome
// whose own paragraphs and text runs hold the most text. Text inside links
// does not count, so link lists never win.
func contentNode(root *html.Node) *html.Node {
	score := map[*html.Node]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "a" || isNoise(n) {
				return
			}
		}
		if n.Type == html.TextNode {
			t := []rune(clean(n.Data))
			if len(t) == 0 || n.Parent == nil {
				return
			}
			// Text credits its block: the paragraph's parent when inside a
			// paragraph, else its own element.
			b := n.Parent
			for b != nil && isElem(b, "span", "font", "b", "strong", "em", "i", "u") {
				b = b.Parent
			}
			if isElem(b, "p") && b.Parent != nil {
				b = b.Parent
			}
			if b != nil {
				score[b] += len(t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	var best *html.Node
	for _, n := range findAll(root, func(n *html.Node) bool { return score[n] > 0 }) {
		if best == nil || score[n] > score[best] {
			best = n
		}
	}
	return best
}

// maxHeadingBytes bounds a related-items heading as a text run: the
// longest heading plus four characters, every one spaced out, at four
// bytes a character.
var maxHeadingBytes = func() int {
	n := 0
	for _, h := range relatedHeadings {
		n = max(n, utf8.RuneCountInString(h)+4)
	}
	return n*4 + n - 1
}()

// relatedBlocks finds the blocks introduced by a related-items heading: the
// smallest ancestor of the heading that also holds links. segs are the
// page's text runs.
func relatedBlocks(segs []segment) []*html.Node {
	var out []*html.Node
	for _, s := range segs {
		// A heading is a few characters, spaced out at most: skip prose
		// before squashing it.
		if len(s.text) > maxHeadingBytes {
			continue
		}
		t := squash(s.text)
		hit := false
		for _, h := range relatedHeadings {
			if strings.HasPrefix(strings.TrimLeft(t, "【[<"), h) && utf8.RuneCountInString(t) <= utf8.RuneCountInString(h)+4 {
				hit = true
				break
			}
		}
		if !hit || inNoise(s.node) {
			continue
		}
		for p := s.node.Parent; p != nil && !isElem(p, "body", "html"); p = p.Parent {
			if isElem(p, "a") {
				out = append(out, p) // the heading is itself the link
				break
			}
			if len(findAll(p, func(c *html.Node) bool { return c.Data == "a" && attr(c, "href") != "" })) > 0 {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// headingText is the text of a heading up to its first block element, since
// an unclosed <h1> swallows the rest of the page.
func headingText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case isElem(c, "div", "p", "table", "ul", "ol", "dl", "section", "article", "form", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "script", "style"):
				return false
			case c.Type == html.ElementNode:
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(n)
	return clean(b.String())
}

// siteHost identifies a website: host and port, without a "www." prefix or
// the scheme's default port, so http://www.x.gov.cn and http://x.gov.cn:80
// are one site.
func siteHost(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if port := u.Port(); port != "" && !(port == "80" && u.Scheme == "http") && !(port == "443" && u.Scheme == "https") {
		host += ":" + port
	}
	return host
}
