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
		{"200 text-only block", 200, "challenge/block_text_only.html", true},
		{"200 noscript marker", 200, "challenge/slider_noscript.html", true},
		{"200 meta refresh to waf", 200, "challenge/meta_refresh_waf.html", true},
		// Markers in the text of real content are not a challenge.
		{"200 notice about 安全验证", 200, "challenge/notice_safety_check.html", false},
		{"200 letter about captcha", 200, "challenge/letter_captcha.html", false},
		{"200 trs list", 200, "list/trs_index.html", false},
		{"200 hanweb proxy", 200, "list/hanweb_proxy_31_45.xml", false},
		{"200 detail", 200, "detail/table.html", false},
		{"farm 200 waf", 200, "../../sitefarm/testdata/pages/waf_challenge.html", true},
		{"farm 412 waf", 412, "../../sitefarm/testdata/pages/waf_412.html", true},
		{"farm 200 412 body", 200, "../../sitefarm/testdata/pages/waf_412.html", true},
		{"farm json shell", 200, "../../sitefarm/testdata/pages/json_shell.html", false},
		{"farm letter", 200, "../../sitefarm/testdata/pages/mailbox_letter_replied.html", false},
		{"farm detail", 200, "../../sitefarm/testdata/pages/hanweb_detail_divspan.html", false},
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

// The same short page is a challenge or content depending on where the
// marker sits and how much the page says besides it.
func TestIsChallengeMarkerPlace(t *testing.T) {
	prose := "<p>为做好政府网站安全验证工作，请各单位于本月底前完成本单位网站的自查，并将结果报区大数据中心。逾期未报的，将在全区通报。</p>"
	tests := []struct {
		name, body string
		want       bool
	}{
		{"marker in title", `<html><head><title>安全验证</title></head><body><p>请稍候</p></body></html>`, true},
		{"marker in script", `<html><body><script>var c="captcha";</script></body></html>`, true},
		{"marker in script src", `<html><head><script src="/waf.check.js"></script></head><body></body></html>`, true},
		{"marker in meta", `<html><head><meta name="description" content="Just a moment..."></head><body></body></html>`, true},
		{"marker alone in text", `<html><body><p>安全验证</p></body></html>`, true},
		{"marker in prose", `<html><head><title>通知</title></head><body>` + prose + `</body></html>`, false},
		{"marker in a comment of a content page", `<html><body><!-- captcha -->` + prose + `</body></html>`, false},
		{"marker in a jpage record", `<html><body><script type="text/xml"><datastore><recordset><record><![CDATA[<li><a href="/art/1.html">网站安全验证通知</a><span>2026-03-05</span></li>]]></record></recordset></datastore></script></body></html>`, false},
		{"marker in a class of a content page", `<html><body><div class="captcha-box">` + prose + `</div></body></html>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, reason := IsChallenge(200, tt.body); got != tt.want {
				t.Errorf("IsChallenge = %v (%q), want %v", got, reason, tt.want)
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
