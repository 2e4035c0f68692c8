package sitefarm

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

func pageCount(n, size int) int { return max(1, (n+size-1)/size) }

func pageSlice(items []*Item, page, size int) ([]*Item, bool) {
	if page < 0 || page >= pageCount(len(items), size) {
		return nil, false
	}
	return items[page*size : min(len(items), (page+1)*size)], true
}

// trsHref is the link a TRS list writes: relative to the column folder,
// "../" for an item owned by another column.
func trsHref(c *colModel, it *Item) string {
	if rest, ok := strings.CutPrefix(it.path, c.dir); ok {
		return "./" + rest
	}
	return "../" + strings.TrimPrefix(it.path, "/zwgk/")
}

func renderTRSList(u *unitModel, mode int, c *colModel, page int) response {
	items := c.items[mode]
	slice, ok := pageSlice(items, page, c.pageSize)
	if !ok {
		return notFound()
	}
	var b strings.Builder
	pageStart(&b, u, c.spec.name+" - "+u.spec.name)
	fmt.Fprintf(&b, `<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="./">%s</a></div>`+"\n", esc(c.spec.name))
	fmt.Fprintf(&b, `<div class="lm-title">%s</div>`+"\n<ul class=\"list\">\n", esc(c.spec.name))
	for _, it := range slice {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s" target="_blank">%s</a><span>%s</span></li>`+"\n",
			trsHref(c, it), esc(it.Title), esc(it.ListTitle), it.ListDate.Format(time.DateOnly))
	}
	b.WriteString("</ul>\n")
	if len(items) == 0 {
		b.WriteString(`<div class="empty">暂无信息</div>` + "\n")
	}
	n := pageCount(len(items), c.pageSize)
	if u.spec.varCount {
		fmt.Fprintf(&b, "<div class=\"page\"><script>\nvar countPage = %d;//共多少页\ncreatePageHTML(countPage, %d, \"index\", \"html\");\n</script></div>\n", n, page)
	} else {
		fmt.Fprintf(&b, "<div class=\"page\"><script>createPageHTML(%d, %d, \"index\", \"html\");</script></div>\n", n, page)
	}
	b.WriteString("</div>\n")
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}

const hanwebGroupSize = 3

func hanwebRecord(it *Item) string {
	return fmt.Sprintf(`<li><a href="%s" title="%s" target="_blank">%s</a><span>%s</span></li>`,
		it.path, esc(it.Title), esc(it.ListTitle), it.ListDate.Format(time.DateOnly))
}

func hanwebNextGroup(u *unitModel, c *colModel) string {
	return fmt.Sprintf(`<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&appid=1&webid=%d&path=/&columnid=%d&unitid=%d&webname=%s&permissiontype=0"></a>`,
		u.webID, c.num, 5000+u.idx, url.QueryEscape(u.spec.name))
}

func renderHanwebPage(u *unitModel, mode int, c *colModel) response {
	items := c.items[mode]
	first := items[:min(len(items), hanwebGroupSize*c.pageSize)]
	var b strings.Builder
	pageStart(&b, u, c.spec.name+"_"+u.spec.name)
	fmt.Fprintf(&b, `<div class="main"><div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; %s</div>`+"\n", esc(c.spec.name))
	fmt.Fprintf(&b, "<div class=\"default_pgContainer\" id=\"%d\"><script type=\"text/xml\"><datastore>\n<nextgroup><![CDATA[%s]]></nextgroup>\n<recordset>\n", c.num, hanwebNextGroup(u, c))
	for _, it := range first {
		fmt.Fprintf(&b, "<record><![CDATA[%s]]></record>\n", hanwebRecord(it))
	}
	fmt.Fprintf(&b, "</recordset>\n<totalrecord>%d</totalrecord></datastore></script></div>\n", len(items))
	fmt.Fprintf(&b, "<script type=\"text/javascript\">\nvar dataStore = $('#%d script').html();\n$('#%d').jpage({ dataStore: dataStore, totalRecord: %d, perPage: %d, proxyUrl: '/module/web/jpage/dataproxy.jsp', themeName: 'default', showMode: 'full', groupSize: %d, objectType: 1, webid: %d, columnid: %d, unitid: %d, webname: '%s', path: '/' });\n</script>\n</div>\n",
		c.num, c.num, len(items), c.pageSize, hanwebGroupSize, u.webID, c.num, 5000+u.idx, u.spec.name)
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}

func renderHanwebProxy(u *unitModel, mode int, c *colModel, form url.Values) response {
	items := c.items[mode]
	start := max(1, atoiDefault(form.Get("startrecord"), 1))
	end := min(len(items), atoiDefault(form.Get("endrecord"), start+hanwebGroupSize*c.pageSize-1))
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<datastore>\n")
	fmt.Fprintf(&b, "<nextgroup><![CDATA[%s]]></nextgroup>\n<recordset>\n", hanwebNextGroup(u, c))
	for k := start; k <= end; k++ {
		fmt.Fprintf(&b, "<record><![CDATA[%s]]></record>\n", hanwebRecord(items[k-1]))
	}
	fmt.Fprintf(&b, "</recordset>\n<totalrecord>%d</totalrecord>\n</datastore>\n", len(items))
	return response{status: 200, ctype: "text/xml;charset=UTF-8", body: []byte(b.String())}
}

func renderJSONShell(u *unitModel, c *colModel) response {
	var b strings.Builder
	pageStart(&b, u, c.spec.name+"-"+u.spec.name)
	fmt.Fprintf(&b, `<div class="main" id="app"><h2 class="col-name">%s</h2>`+"\n<ul id=\"list\"></ul>\n<div id=\"pager\"></div>\n</div>\n", esc(c.spec.name))
	fmt.Fprintf(&b, "<script src=\"/js/jquery.min.js\"></script>\n<script>\nvar channelId = %d, pageSize = %d;\nfunction load(p){$.getJSON('/api/content/list?channelId='+channelId+'&pageNo='+p+'&pageSize='+pageSize,function(r){render(r.data)});}\nload(1);\n</script>\n", c.num, c.pageSize)
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}

type jsonListItem struct {
	ID          int    `json:"id"`
	Title       string `json:"title"`
	URL         string `json:"url"`
	PublishTime any    `json:"publishTime"`
	Source      string `json:"source"`
}

func renderJSONAPI(u *unitModel, mode int, c *colModel, page, size int) response {
	if size <= 0 || size > 100 {
		size = c.pageSize
	}
	items := c.items[mode]
	list := []jsonListItem{}
	if page >= 0 && page*size < len(items) {
		for _, it := range items[page*size : min(len(items), (page+1)*size)] {
			at := it.ListDate.Add(time.Duration(it.minuteOfD) * time.Minute)
			var pt any = at.UnixMilli()
			if c.pubStr {
				pt = at.Format(time.DateTime)
			}
			list = append(list, jsonListItem{ID: it.cmsID, Title: it.Title, URL: it.path, PublishTime: pt, Source: it.Publisher})
		}
	}
	type data struct {
		Total    int            `json:"total"`
		PageNo   int            `json:"pageNo"`
		PageSize int            `json:"pageSize"`
		Pages    int            `json:"pages"`
		List     []jsonListItem `json:"list"`
	}
	body, _ := json.Marshal(struct {
		Code int    `json:"code"`
		Msg  string `json:"msg"`
		Data data   `json:"data"`
	}{200, "操作成功", data{len(items), page + 1, size, pageCount(len(items), size), list}})
	return response{status: 200, ctype: "application/json;charset=UTF-8", body: body}
}

// genericPageURL is the URL of 1-based page k of a generic list.
func genericPageURL(u *unitModel, c *colModel, k int) string {
	if k <= 1 {
		return c.entry
	}
	if u.spec.genUnder {
		return fmt.Sprintf("%slist_%d.html", c.dir, k)
	}
	return fmt.Sprintf("%s?page=%d", c.entry, k)
}

func renderGenericList(u *unitModel, mode int, c *colModel, page int) response {
	items := c.items[mode]
	slice, ok := pageSlice(items, page, c.pageSize)
	if !ok {
		return notFound()
	}
	var b strings.Builder
	pageStart(&b, u, c.spec.name)
	fmt.Fprintf(&b, `<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="%s">%s</a></div>`+"\n", c.entry, esc(c.spec.name))
	b.WriteString(`<div class="sidebar"><h3>相关链接</h3><ul><li><a href="https://www.gov.cn/">中国政府网</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">网上办事</a></li></ul></div>` + "\n")
	more := c.entry
	for _, o := range u.cols {
		if o != c {
			more = o.entry
			break
		}
	}
	fmt.Fprintf(&b, `<div class="news-list"><div class="list-title"><span>%s</span><a class="more" href="%s">更多</a></div>`+"\n<ul>\n", esc(c.spec.name), more)
	for _, it := range slice {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span class="date">[%s]</span></li>`+"\n",
			it.path, esc(it.Title), esc(it.ListTitle), it.ListDate.Format("01-02"))
	}
	b.WriteString("</ul>\n")
	n := pageCount(len(items), c.pageSize)
	k := page + 1
	fmt.Fprintf(&b, `<div class="pages"><a href="%s">首页</a> `, genericPageURL(u, c, 1))
	if k > 1 {
		fmt.Fprintf(&b, `<a href="%s">上一页</a> `, genericPageURL(u, c, k-1))
	} else {
		b.WriteString(`<span>上一页</span> `)
	}
	if k < n {
		fmt.Fprintf(&b, `<a href="%s">下一页</a> `, genericPageURL(u, c, k+1))
	} else {
		b.WriteString(`<span>下一页</span> `)
	}
	fmt.Fprintf(&b, `<a href="%s">尾页</a> <span class="total">第%d/%d页</span></div>`+"\n</div>\n", genericPageURL(u, c, n), k, n)
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}
