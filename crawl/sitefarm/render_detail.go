package sitefarm

import (
	"fmt"
	"strings"
	"time"
)

// Label spellings of the metadata block, by the unit's label set:
// index, publisher, formed, published, doc number, topic, validity.
var metaLabels = [3][7]string{
	{"索 引 号：", "发布机构：", "成文日期：", "发布日期：", "文　　号：", "主题分类：", "有 效 性："},
	{"索引号:", "发文机关:", "成文日期:", "公开日期:", "发文字号:", "主题词:", "有效性:"},
	{"索引号", "发布机构", "成文日期", "发文日期", "文号", "主题分类", "有效性"},
}

// Detail date layouts by variant; formed dates use the date-only form.
var (
	pubLayouts    = [4]string{"2006-01-02", "2006年01月02日", "2006年1月2日 15:04", "2006-01-02 15:04"}
	formedLayouts = [4]string{"2006-01-02", "2006年01月02日", "2006年1月2日", "2006-01-02"}
)

func (it *Item) pubShown() string {
	t := it.PublishDate.Add(time.Duration(it.minuteOfD) * time.Minute)
	return t.Format(pubLayouts[it.fmtVar])
}

func (it *Item) formedShown() string {
	if it.FormedDate.IsZero() {
		return ""
	}
	return it.FormedDate.Format(formedLayouts[it.fmtVar])
}

func renderDetail(u *unitModel, it *Item) response {
	s := &u.spec
	lb := metaLabels[s.labels%3]
	type pair struct{ label, value string }
	pairs := []pair{
		{lb[0], it.IndexNo}, {lb[5], it.Topic},
		{lb[1], it.Publisher}, {lb[2], it.formedShown()},
		{lb[4], it.DocNo}, {lb[3], it.pubShown()},
		{lb[6], it.Validity},
	}
	var b strings.Builder
	pageStart(&b, u, it.Title)
	b.WriteString(`<div class="main detail">` + "\n")
	switch s.meta {
	case 0: // table, two pairs a row; empty cells stay
		b.WriteString(`<table class="xxgk-table" cellspacing="0"><tbody>` + "\n")
		for k := 0; k < len(pairs); k += 2 {
			b.WriteString("<tr>")
			for _, p := range pairs[k:min(k+2, len(pairs))] {
				fmt.Fprintf(&b, `<th>%s</th><td>%s</td>`, p.label, esc(p.value))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table>\n")
	case 1: // dl, empty fields left out
		b.WriteString(`<dl class="xxgk-info">` + "\n")
		for _, p := range pairs {
			if p.value != "" {
				fmt.Fprintf(&b, "<dt>%s</dt><dd>%s</dd>\n", p.label, esc(p.value))
			}
		}
		b.WriteString("</dl>\n")
	default: // div/span rows, empty fields left out
		b.WriteString(`<div class="meta">` + "\n")
		for _, p := range pairs {
			if p.value != "" {
				fmt.Fprintf(&b, `<div class="row"><span class="label">%s</span><span class="value">%s</span></div>`+"\n", p.label, esc(p.value))
			}
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(&b, "<h1 class=\"article-title\">%s</h1>\n", esc(it.Title))
	fmt.Fprintf(&b, `<div class="article-info"><span>来源：%s</span><span>发布时间：%s</span><span>浏览次数：<em id="hits"></em></span></div>`+"\n", esc(it.Publisher), it.pubShown())
	b.WriteString(`<div class="article-content">` + "\n")
	for _, para := range bodyParas(it) {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(para))
	}
	b.WriteString("</div>\n")
	if len(it.links) > 0 {
		head := "相关解读"
		if strings.Contains(it.Title, "解读") {
			head = "政策原文"
		} else if u.idx%2 == 1 {
			head = "相关链接"
		}
		fmt.Fprintf(&b, `<div class="related"><h3>%s</h3><ul>`+"\n", head)
		for _, l := range it.links {
			href := l.path
			if isForeign(it, l) {
				href = l.URL
			}
			fmt.Fprintf(&b, `<li><a href="%s" target="_blank">%s</a></li>`+"\n", href, esc(l.Title))
		}
		b.WriteString("</ul></div>\n")
	}
	b.WriteString(`<div class="share"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>` + "\n</div>\n")
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}

var paraStarts = []string{"为深入贯彻落实上级有关部署要求，", "近日，", "根据工作安排，", "为进一步做好相关工作，"}
var paraEnds = []string{"会议强调，要提高思想认识，压实工作责任，确保各项任务落到实处。",
	"下一步，将持续跟踪问效，推动工作取得新成效。", "各单位要结合实际，认真抓好贯彻落实。",
	"特此通知。", "现予以公布。"}

func bodyParas(it *Item) []string {
	h := it.cmsID
	return []string{
		paraStarts[h%len(paraStarts)] + it.Publisher + "围绕“" + it.Title + "”开展相关工作。",
		paraEnds[(h/7)%len(paraEnds)],
	}
}
