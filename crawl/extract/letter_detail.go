package extract

import (
	"strings"
	"time"

	"golang.org/x/net/html"
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
	"content":  letterContentLabels,
	"reply":    letterReplyLabels,
}, []string{
	"来信人", "写信人", "留言人", "姓名", "联系电话", "是否公开", "浏览次数", "点击数", "查询码", "满意度", "评价",
	"附件", "相关附件", "回复信息", "答复信息", "办理情况",
})

// Wordings sites use for the letter's text and the answer's text.
var (
	letterContentLabels = []string{"来信内容", "留言内容", "信件内容", "诉求内容", "问题描述", "咨询内容",
		"投诉内容", "建议内容", "求助内容", "反映内容", "来信详情", "留言详情", "具体内容", "正文内容"}
	letterReplyLabels = []string{"回复内容", "答复内容", "回复意见", "答复意见", "办理结果", "处理结果",
		"回复正文", "答复正文", "办理意见", "处理意见", "反馈内容", "反馈意见", "办理内容"}
)

// extractLetterDetail reads what a letter's page shows. A page without a
// status wording but with a reply counts as replied: the reply is the fact
// the status would state. Some mailboxes answer a letter's page as JSON.
func extractLetterDetail(pageURL, body string, ref time.Time) Letter {
	if looksLikeJSON(body) {
		if l, ok := jsonLetterDetail(pageURL, body, ref); ok {
			return l
		}
	}
	doc := parseHTML(body)
	segs := segments(doc.Get(0))
	found := letterLabels.scan(segs)
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
	l.Content = textValue(letterLabels, segs, found["content"])
	if l.HasReplyContent {
		l.Reply = textValue(letterLabels, segs, found["reply"])
	}
	l.Type = letterType(l.TypeRaw)
	l.Status = normalizeStatus(l.StatusRaw)
	if l.Status == StatusUnknown && l.StatusRaw == "" && (l.HasReplyContent || l.Replied.OK) {
		l.Status = StatusReplied
	}
	return l
}

// textValue returns a labelled text in full. Labels give the first run of a
// value; a letter or a reply is often several paragraphs, so the value goes
// on through the runs of the same cell or block until the next label. A
// placeholder (暂无回复) is no text.
func textValue(ls *labelSet, segs []segment, vals []labelValue) string {
	for _, v := range vals {
		if v.value == "" {
			continue
		}
		at := -1
		for i, s := range segs {
			if s.node == v.node {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		// The value's block: for "label｜value" cells, the highest
		// ancestor of the value's first run that does not hold the label;
		// for "label：value" runs, the label run's own parent.
		start := at + 1
		var block *html.Node
		if start < len(segs) && strings.TrimSpace(segs[start].raw) != "" && strings.Contains(v.value, strings.TrimSpace(segs[start].raw)) {
			block = segs[start].node
			for block.Parent != nil && !contains(block.Parent, v.node) {
				block = block.Parent
			}
		} else {
			block = v.node.Parent
		}
		parts := []string{v.value}
		for j := start; j < len(segs); j++ {
			s := segs[j]
			if ls.isLabel(s.text) {
				break
			}
			if !contains(block, s.node) {
				if block == v.node.Parent && block != nil && block.Parent != nil && contains(block.Parent, s.node) {
					// "label：first paragraph" followed by sibling
					// paragraphs of the same block.
					block = block.Parent
				} else {
					break
				}
			}
			if j == start && strings.Contains(v.value, strings.TrimSpace(s.raw)) {
				continue // the run the label scan already took
			}
			parts = append(parts, strings.TrimSpace(s.raw))
		}
		t := strings.TrimSpace(strings.Join(parts, "\n"))
		if !hasContent(t) {
			return ""
		}
		return t
	}
	return ""
}

func contains(anc, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
}

// Field names of a letter's detail in JSON, first match wins; the rest are
// the list's names (letterFields).
var letterDetailFields = map[string][]string{
	"content": {"content", "letterContent", "questionContent", "question", "appealContent", "consultContent",
		"messageContent", "body", "detail"},
}

// jsonLetterText fills a letter read from a JSON answer with its text and
// its reply's text, markup stripped; what the row reader already found is
// kept.
func jsonLetterText(row any, l *Letter) {
	text := func(names []string) string {
		for _, n := range names {
			if x, ok := lookup(row, n); ok {
				return strings.TrimSpace(htmlFieldText(jsonDateText(x)))
			}
		}
		return ""
	}
	if l.Content == "" {
		if c := text(letterDetailFields["content"]); hasContent(c) {
			l.Content = c
		}
	}
	if l.Reply == "" {
		if r := text(letterFields["reply"]); hasContent(r) {
			l.Reply = r
		}
	}
}

// htmlFieldText turns a JSON field holding HTML ("<p>…</p>") into its
// text, a paragraph a line.
func htmlFieldText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	doc := parseHTML("<div>" + s + "</div>")
	var parts []string
	for _, seg := range segments(doc.Get(0)) {
		parts = append(parts, strings.TrimSpace(seg.raw))
	}
	return strings.Join(parts, "\n")
}
