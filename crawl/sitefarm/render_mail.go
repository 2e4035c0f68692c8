package sitefarm

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

const letterTimeLayout = "2006-01-02 15:04"

// Reply block labels (handler, time, content), by the mailbox's wording.
var replyLabels = [][3]string{
	{"答复单位", "答复时间", "答复内容"},
	{"办理单位", "回复时间", "回复内容"},
	{"答复单位", "回复时间", "答复内容"},
	{"办理单位", "答复时间", "回复内容"},
}

func renderMailList(u *unitModel, mode int, mm *mailModel, page int) response {
	letters := mm.letters[mode]
	n := max(1, (len(letters)+mm.pageSize-1)/mm.pageSize)
	if page < 0 || page >= n {
		return notFound()
	}
	slice := letters[page*mm.pageSize : min(len(letters), (page+1)*mm.pageSize)]
	var b strings.Builder
	pageStart(&b, u, mm.spec.name+"-"+u.spec.name)
	fmt.Fprintf(&b, `<div class="main"><div class="lm-title">%s</div><div class="xj-btn"><a href="/hdjl/%s/write.html">我要写信</a></div>`+"\n", esc(mm.spec.name), mm.spec.slug)
	b.WriteString(`<table class="letter-list" width="100%"><thead><tr><th>信件编号</th><th>标题</th><th>类型</th><th>来信时间</th><th>状态</th>`)
	if mm.spec.showHandler {
		b.WriteString("<th>办理单位</th>")
	}
	if mm.spec.showReplied {
		b.WriteString("<th>回复时间</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, l := range slice {
		fmt.Fprintf(&b, `<tr><td>%s</td><td><a href="%s" target="_blank">%s</a></td><td>%s</td><td>%s</td><td>%s</td>`,
			l.No, l.path, esc(l.Title), l.TypeRaw, l.Received.Format(letterTimeLayout), l.StatusRaw)
		if mm.spec.showHandler {
			fmt.Fprintf(&b, "<td>%s</td>", esc(l.Handler))
		}
		if mm.spec.showReplied {
			rep := ""
			if !l.Replied.IsZero() {
				rep = l.Replied.Format(letterTimeLayout)
			}
			fmt.Fprintf(&b, "<td>%s</td>", rep)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n")
	k := page + 1
	pageURL := func(k int) string { return fmt.Sprintf("%s?page=%d", mm.entry, k) }
	fmt.Fprintf(&b, `<div class="pages">共%d条 <a href="%s">首页</a> `, len(letters), pageURL(1))
	if k > 1 {
		fmt.Fprintf(&b, `<a href="%s">上一页</a> `, pageURL(k-1))
	}
	if k < n {
		fmt.Fprintf(&b, `<a href="%s">下一页</a> `, pageURL(k+1))
	} else {
		b.WriteString(`<span class="disabled">下一页</span> `)
	}
	fmt.Fprintf(&b, `<a href="%s">尾页</a> 第%d/%d页</div>`+"\n</div>\n", pageURL(n), k, n)
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}

type jsonLetter struct {
	LetterNo   string `json:"letterNo"`
	Title      string `json:"title"`
	Type       string `json:"type"`
	CreateTime string `json:"createTime"`
	Status     string `json:"status"`
	DeptName   string `json:"deptName"`
	ReplyTime  string `json:"replyTime"`
	DetailURL  string `json:"detailUrl"`
}

func renderMailAPI(u *unitModel, mode int, mm *mailModel, page, size int) response {
	if size <= 0 || size > 100 {
		size = mm.pageSize
	}
	letters := mm.letters[mode]
	rows := []jsonLetter{}
	if page >= 0 && page*size < len(letters) {
		for _, l := range letters[page*size : min(len(letters), (page+1)*size)] {
			row := jsonLetter{LetterNo: l.No, Title: l.Title, Type: l.TypeRaw, CreateTime: l.Received.Format(time.DateTime),
				Status: l.StatusRaw, DeptName: l.Handler, DetailURL: l.path}
			if !l.Replied.IsZero() {
				row.ReplyTime = l.Replied.Format(time.DateTime)
			}
			rows = append(rows, row)
		}
	}
	body, _ := json.Marshal(struct {
		Total int          `json:"total"`
		Rows  []jsonLetter `json:"rows"`
	}{len(letters), rows})
	return response{status: 200, ctype: "application/json;charset=UTF-8", body: body}
}

func renderLetter(u *unitModel, mm *mailModel, l *Letter) response {
	var b strings.Builder
	pageStart(&b, u, l.Title)
	b.WriteString(`<div class="main letter-detail">` + "\n<table class=\"letter\">\n")
	row := func(k, v string) { fmt.Fprintf(&b, "<tr><th>%s</th><td>%s</td></tr>\n", k, esc(v)) }
	row("信件编号", l.No)
	row("来信标题", l.Title)
	row("来信类型", l.TypeRaw)
	row("来信时间", l.Received.Format(time.DateTime))
	row("办理状态", l.StatusRaw)
	row("来信内容", l.Content)
	b.WriteString("</table>\n")
	if l.Status == "replied" {
		lb := replyLabels[mm.spec.statusWording%len(replyLabels)]
		b.WriteString(`<div class="reply"><h3>回复信息</h3><table>` + "\n")
		if l.ShowsHandler {
			row(lb[0], l.Handler)
		}
		if l.ShowsReplyTime {
			row(lb[1], l.Replied.Format(time.DateTime))
		}
		if l.ShowsReplyContent {
			row(lb[2], l.Reply)
		}
		b.WriteString("</table></div>\n")
	}
	b.WriteString("</div>\n")
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}
