package extract

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestJpageMailbox reads a jact list page (no rows, a jpage call) and the
// proxy's dataStore answers: the first request asks for the first group
// with the page's ajaxParam as the form; a full answer asks for the next
// group; a short one, or dataStore = [];, is the last.
func TestJpageMailbox(t *testing.T) {
	ref := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	shell := `<html><body><div id="mailList"></div><script>
$("#mailList").jpage({ proxyUrl: "dataproxy_mailpublist.do", perPage: 2, groupSize: 2,
  ajaxParam: {sysid: "84", keyword: "", orderfield: 1, who: someVar}, dataBefore: '<table>' });
</script></body></html>`
	lp, err := ExtractLetters(MailAuto, Request{Method: "GET", URL: "http://a.test/jact/front/mailpublist.do?sysid=84", Page: 1}, shell, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := []Request{{Method: "POST", URL: "http://a.test/jact/front/dataproxy_mailpublist.do?endrecord=4&perpage=2&startrecord=1",
		Form: url.Values{"sysid": {"84"}, "keyword": {""}, "orderfield": {"1"}}, Page: 1}}
	if d := cmp.Diff(want, lp.Next); d != "" || len(lp.Letters) != 0 {
		t.Fatalf("list page: %d letters, next (-want +got):\n%s", len(lp.Letters), d)
	}
	row := func(no, id, title, status, date string) string {
		return `"<tr><td>` + no + `</td><td><a href='mailpubdetail.do?transactId=` + id + `' title='` + title + `'>` + title + `</a></td><td>` + status + `</td><td>` + date + `</td><td>12</td></tr>"`
	}
	full := "dataStore = [" + row("A1", "1", "关于东湖社区停车难的咨询", "已办结", "2026-11-20") + "," +
		row("A2", "2", "投诉解放路噪音扰民问题", "办理中", "2026-11-18") + "," +
		row("A3", "3", "建议改善高新区供暖不足", "已办结", "2026-11-12") + "," +
		row("A4", "4", "北站积水严重求助", "已受理", "2026-11-02") + "];"
	lp, err = ExtractLetters(MailAuto, want[0], full, ref)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lp.Letters {
		got = append(got, l.Title+"|"+l.Received.Time.Format("2006-01-02")+"|"+l.Status+"|"+l.DetailURL)
	}
	wantRows := []string{
		"关于东湖社区停车难的咨询|2026-11-20|replied|http://a.test/jact/front/mailpubdetail.do?transactId=1",
		"投诉解放路噪音扰民问题|2026-11-18|in_progress|http://a.test/jact/front/mailpubdetail.do?transactId=2",
		"建议改善高新区供暖不足|2026-11-12|replied|http://a.test/jact/front/mailpubdetail.do?transactId=3",
		"北站积水严重求助|2026-11-02|in_progress|http://a.test/jact/front/mailpubdetail.do?transactId=4",
	}
	if d := cmp.Diff(wantRows, got); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
	if len(lp.Next) != 1 || lp.Next[0].URL != "http://a.test/jact/front/dataproxy_mailpublist.do?endrecord=8&perpage=2&startrecord=5" ||
		lp.Next[0].Form.Get("sysid") != "84" || lp.Next[0].Method != "POST" || lp.LastPage {
		t.Errorf("after a full group: next %+v, last %v; want the POST for records 5-8", lp.Next, lp.LastPage)
	}
	// Single-quoted strings, a short group: the last.
	short := "var dataStore = ['<tr><td>A5</td><td><a href=\"mailpubdetail.do?transactId=5\">咨询翠苑小区学位申请的办理流程</a></td><td>已回复</td><td>2026-10-30</td></tr>'];"
	lp, err = ExtractLetters(MailAuto, lp.Next[0], short, ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(lp.Letters) != 1 || lp.Letters[0].Title != "咨询翠苑小区学位申请的办理流程" || len(lp.Next) != 0 || !lp.LastPage {
		t.Errorf("short group: %+v", lp)
	}
	lp, err = ExtractLetters(MailAuto, want[0], "dataStore = [];", ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(lp.Letters) != 0 || len(lp.Next) != 0 || !lp.LastPage || !lp.EmptyNotice {
		t.Errorf("empty first group: %+v; want last and empty", lp)
	}
}
