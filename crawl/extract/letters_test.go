package extract

import "testing"

func TestExtractLettersGolden(t *testing.T) {
	tests := []struct {
		name, format, file string
		req                Request
	}{
		{"list_html", "html", "mailbox/list.html", Request{Method: "GET", URL: "http://qu.example.gov.cn/hdjl/qzxx/", Page: 1}},
		{"list_numbered", "html", "mailbox/list_numbered.html", Request{Method: "GET", URL: "http://zhen.example.gov.cn/zxzx/list.asp?page=2", Page: 2}},
		{"list_json", "json", "mailbox/letters.json", Request{Method: "GET", URL: "http://www.example.gov.cn/api/letters?page=1&size=20", Page: 1}},
		{"list_json_last", "json", "mailbox/letters.json", Request{Method: "GET", URL: "http://www.example.gov.cn/api/letters?page=3&size=20", Page: 3}},
		{"list_json_bare", "json", "mailbox/letters_bare.json", Request{Method: "GET", URL: "http://zhen.example.gov.cn/api/mail/list?pageNo=1&pageSize=10", Page: 1}},
		{"list_blocked", "html", "challenge/jsl_cookie.html", Request{Method: "GET", URL: "http://qu.example.gov.cn/hdjl/qzxx/", Page: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractLetters(tt.format, tt.req, readTestdata(t, tt.file), ref)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "letters_"+tt.name, got)
		})
	}
}

func TestExtractLettersErrors(t *testing.T) {
	req := Request{Method: "GET", URL: "http://www.example.gov.cn/api/letters?page=1&size=20", Page: 1}
	for _, tt := range []struct{ name, format, body string }{
		{"bad json", "json", `{"total":3,"rows":[`},
		{"no rows", "json", `{"total":3,"items":{}}`},
		{"unknown format", "xml", `<letters/>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ExtractLetters(tt.format, req, tt.body, ref); err == nil {
				t.Errorf("ExtractLetters(%q) gave no error", tt.body)
			}
		})
	}
}

func TestExtractLetterDetailGolden(t *testing.T) {
	tests := []struct{ name, file, url string }{
		{"full", "mailbox/detail_full.html", "http://qu.example.gov.cn/hdjl/qzxx/detail.html?id=9790"},
		{"partial", "mailbox/detail_partial.html", "http://qu.example.gov.cn/hdjl/qzxx/detail.html?id=9755"},
		{"pending", "mailbox/detail_pending.html", "http://qu.example.gov.cn/hdjl/qzxx/detail.html?id=9700"},
		{"nostatus", "mailbox/detail_nostatus.html", "http://zhen.example.gov.cn/ly/show.asp?id=77"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, "letter_detail_"+tt.name, ExtractLetterDetail(tt.url, readTestdata(t, tt.file), ref))
		})
	}
}

func TestNormalizeStatus(t *testing.T) {
	tests := map[string]string{
		"已回复": StatusReplied, "已办结": StatusReplied, "已答复": StatusReplied, "已反馈": StatusReplied,
		" 已 回 复 ": StatusReplied, "办结": StatusReplied,
		"办理中": StatusInProgress, "处理中": StatusInProgress, "正在办理": StatusInProgress,
		"已受理": StatusInProgress, "已转办": StatusInProgress,
		"待回复": StatusUnreplied, "未回复": StatusUnreplied, "待处理": StatusUnreplied, "未办理": StatusUnreplied,
		"未办结": StatusUnreplied, "未答复": StatusUnreplied,
		"": StatusUnknown, "公开": StatusUnknown, "－": StatusUnknown,
	}
	for raw, want := range tests {
		t.Run(raw, func(t *testing.T) {
			if got := NormalizeStatus(raw); got != want {
				t.Errorf("NormalizeStatus(%q) = %q, want %q", raw, got, want)
			}
		})
	}
}

func TestNormalizeLetterType(t *testing.T) {
	tests := map[string]string{
		"咨询": "咨询", "咨询类": "咨询", "政策咨询": "咨询",
		"投诉": "投诉", "投诉举报": "投诉", "举报": "投诉",
		"建议": "建议", "意见建议": "建议", "意见": "建议",
		"求助": "求助", "求助类": "求助",
		"其他": "其他", "": "其他", "表扬": "其他",
	}
	for raw, want := range tests {
		t.Run(raw, func(t *testing.T) {
			if got := NormalizeLetterType(raw); got != want {
				t.Errorf("NormalizeLetterType(%q) = %q, want %q", raw, got, want)
			}
		})
	}
}
