package extract

import "testing"

func TestLetterDetailText(t *testing.T) {
	tests := []struct {
		name, body       string
		content, reply   string
		hasReply, status string
	}{
		{
			name: "pair lines over paragraphs",
			body: `<html><body><div class="xx">
<p>标题：小区电梯长期故障</p><p>来信时间：2026-03-02</p>
<div class="nr"><p>诉求内容：我们小区3号楼电梯已停运两个月。</p><p>物业一直说在等配件。</p></div>
<div class="hf"><p>回复单位：某某街道办事处</p><p>回复时间：2026-03-09</p>
<p>处理结果：经协调，物业已于3月8日更换主板，电梯恢复运行。</p></div>
</div></body></html>`,
			content: "我们小区3号楼电梯已停运两个月。\n物业一直说在等配件。",
			reply:   "经协调，物业已于3月8日更换主板，电梯恢复运行。",
			status:  StatusReplied,
		},
		{
			name: "placeholder is no reply",
			body: `<table><tr><td>信件标题</td><td>咨询入学</td></tr><tr><td>问题描述</td><td>请问户籍不在本区能否入学？</td></tr>
<tr><td>回复内容</td><td>暂无回复</td></tr></table>`,
			content: "请问户籍不在本区能否入学？",
			status:  StatusUnknown,
		},
		{
			name:    "json detail with markup",
			body:    `{"code":200,"data":{"title":"路灯不亮","letterContent":"<p>幸福路路灯不亮。</p><p>已有一周。</p>","replyContent":"已修复。","replyTime":"2026-03-05 10:00:00","status":"已办结"}}`,
			content: "幸福路路灯不亮。\n已有一周。",
			reply:   "已修复。",
			status:  StatusReplied,
		},
		{
			name:    "json detail without a reply",
			body:    `{"title":"噪音扰民","content":"夜间施工噪音大。","replyContent":"","status":"办理中"}`,
			content: "夜间施工噪音大。",
			status:  StatusInProgress,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ExtractLetterDetail("http://x.example.gov.cn/hdjl/1.html", tt.body, ref)
			if l.Content != tt.content {
				t.Errorf("Content = %q, want %q", l.Content, tt.content)
			}
			if l.Reply != tt.reply {
				t.Errorf("Reply = %q, want %q", l.Reply, tt.reply)
			}
			if l.Status != tt.status {
				t.Errorf("Status = %q, want %q", l.Status, tt.status)
			}
			if l.HasReplyContent != (tt.reply != "") {
				t.Errorf("HasReplyContent = %v with reply %q", l.HasReplyContent, l.Reply)
			}
		})
	}
}

// TestJSONListRowText: a mailbox API whose list rows carry the letter's
// text and reply fills Content and Reply from the rows, markup stripped,
// placeholders left out, without a detail page.
func TestJSONListRowText(t *testing.T) {
	body := `{"code":0,"data":{"total":3,"pages":1,"list":[
{"xjbh":"XJ20260301","xjbt":"幸福路路灯不亮","createTime":"2026-03-01 09:12:00","statusName":"已办结",
 "questionContent":"<p>幸福路中段路灯不亮。</p><p>已有一周，夜间行人不便。</p>",
 "replyContent":"经查，线路老化，已于3月4日更换，路灯恢复照明。","replyTime":"2026-03-04 16:00:00","replyDept":"城管局"},
{"xjbh":"XJ20260302","xjbt":"小区噪音扰民","createTime":"2026-03-02 20:30:00","statusName":"办理中",
 "questionContent":"夜间施工噪音大，影响休息。","replyContent":"暂无回复"},
{"xjbh":"XJ20260303","xjbt":"咨询公租房申请","createTime":"2026-03-03 10:00:00","statusName":"待回复"}]}}`
	page, err := ExtractLetters("json", Request{Method: "GET", URL: "http://x.example.gov.cn/api/letters?pageNo=1", Page: 1}, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ no, content, reply string }{
		{"XJ20260301", "幸福路中段路灯不亮。\n已有一周，夜间行人不便。", "经查，线路老化，已于3月4日更换，路灯恢复照明。"},
		{"XJ20260302", "夜间施工噪音大，影响休息。", ""},
		{"XJ20260303", "", ""},
	}
	if len(page.Letters) != len(want) {
		t.Fatalf("%d letters, want %d", len(page.Letters), len(want))
	}
	for i, w := range want {
		l := page.Letters[i]
		if l.No != w.no || l.Content != w.content || l.Reply != w.reply {
			t.Errorf("letter %d: %q content %q reply %q; want %q content %q reply %q", i, l.No, l.Content, l.Reply, w.no, w.content, w.reply)
		}
	}
}
