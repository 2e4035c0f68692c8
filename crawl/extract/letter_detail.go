package extract

import (
	"time"
)

// Labels of a letter's detail page.
var letterLabels = newLabelSet(map[string][]string{
	"no":       letterColumns["no"],
	"title":    letterColumns["title"],
	"type":     letterColumns["type"],
	"received": letterColumns["received"],
	"status":   letterColumns["status"],
	"handler":  letterColumns["handler"],
	"replied":  letterColumns["replied"],
	"reply":    {"回复内容", "答复内容", "回复意见", "答复意见", "办理结果", "处理结果", "回复正文", "答复正文"},
}, []string{
	"来信内容", "留言内容", "信件内容", "诉求内容", "来信人", "写信人", "留言人", "姓名", "联系电话",
	"是否公开", "浏览次数", "点击数", "满意度", "评价", "咨询内容", "问题描述",
})

// extractLetterDetail reads what a letter's page shows. A page without a
// status wording but with a reply counts as replied: the reply is the fact
// the status would state.
func extractLetterDetail(pageURL, body string, ref time.Time) Letter {
	if looksLikeJSON(body) {
		if l, ok := jsonLetterDetail(pageURL, body, ref); ok {
			return l
		}
	}
	doc := parseHTML(body)
	found := letterLabels.scan(segments(doc.Get(0)))
	var l Letter
	l.DetailURL = resolve(nil, pageURL)
	l.No, _ = first(found, "no")
	l.Title, _ = first(found, "title")
	if l.Title == "" {
		l.Title = detailTitle(doc, "")
	}
	l.TypeRaw, _ = first(found, "type")
	l.StatusRaw, _ = first(found, "status")
	l.Handler, l.ShowsHandler = first(found, "handler")
	if v, ok := first(found, "received"); ok {
		l.Received = ParseDate(v, ref)
	}
	var replied string
	replied, l.ShowsReplyTime = first(found, "replied")
	if l.ShowsReplyTime {
		l.Replied = ParseDate(replied, ref)
	}
	var reply string
	reply, l.ShowsReplyContent = first(found, "reply")
	l.HasReplyContent = hasContent(reply)
	l.Type = letterType(l.TypeRaw)
	l.Status = normalizeStatus(l.StatusRaw)
	if l.Status == StatusUnknown && l.StatusRaw == "" && (l.HasReplyContent || l.Replied.OK) {
		l.Status = StatusReplied
	}
	return l
}
