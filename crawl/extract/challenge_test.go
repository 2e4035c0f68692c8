package extract

import "testing"

func TestIsChallenge(t *testing.T) {
	tests := []struct {
		name   string
		status int
		file   string // under testdata/, or "" for an empty body
		want   bool
	}{
		{"412 ruishu", 412, "challenge/ruishu_200.html", true},
		{"403 empty", 403, "", true},
		{"521 jiasule", 521, "challenge/jsl_cookie.html", true},
		{"200 ruishu", 200, "challenge/ruishu_200.html", true},
		{"200 cookie script", 200, "challenge/jsl_cookie.html", true},
		{"200 yunsuo", 200, "challenge/yunsuo.html", true},
		{"200 reload script", 200, "challenge/reload_tiny.html", true},
		{"200 json shell", 200, "challenge/json_shell.html", false},
		{"200 empty column", 200, "challenge/empty_list.html", false},
		{"200 trs list", 200, "list/trs_index.html", false},
		{"200 hanweb proxy", 200, "list/hanweb_proxy_31_45.xml", false},
		{"200 detail", 200, "detail/table.html", false},
		{"404", 404, "", false},
		{"500", 500, "", false},
		{"200 empty", 200, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := ""
			if tt.file != "" {
				body = readTestdata(t, tt.file)
			}
			got, reason := IsChallenge(tt.status, body)
			if got != tt.want {
				t.Errorf("IsChallenge(%d, %s) = %v (%q), want %v", tt.status, tt.file, got, reason, tt.want)
			}
			if got && reason == "" {
				t.Error("blocked without a reason")
			}
		})
	}
}

func TestJSONAnswerNeverChallenge(t *testing.T) {
	// An item titled 安全验证 in a JSON answer is content, not a WAF page.
	body := `{"data":{"total":1,"list":[{"title":"网络安全验证工作通知","url":"/a/1.html","publishTime":"2026-03-05"}]}}`
	got, err := ExtractList(profile(t, "json"), Request{Method: "GET", URL: "http://h.example.gov.cn/api?pageNo=1&pageSize=20", Page: 1}, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.Blocked || len(got.Items) != 1 {
		t.Errorf("got %+v, want one item, not blocked", got)
	}
}
