package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSaysEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want bool
	}{
		{"notice", `<html><body><ul class="list"></ul><div class="empty">暂无信息</div></body></html>`, true},
		{"notice in a table cell", `<table><tr><td colspan="4">没有记录</td></tr></table>`, true},
		{"notice only in the footer", `<div class="list"></div><div class="footer">暂无信息</div>`, false},
		{"notice only in a script", `<ul></ul><script>var msg="暂无数据";</script>`, false},
		{"hanweb total 0", `<datastore><recordset></recordset><totalrecord>0</totalrecord></datastore>`, true},
		{"hanweb total 10", `<datastore><totalrecord>10</totalrecord></datastore>`, false},
		{"json total 0", `{"code":200,"data":{"total":0,"list":[]}}`, true},
		{"json total as string", `{"totalCount":"0","rows":[]}`, true},
		{"json total 20", `{"data":{"total":20,"list":[]}}`, false},
		{"a list", `<ul><li><a href="a.html">通知</a><span>2026-10-01</span></li></ul>`, false},
	} {
		if got := SaysEmpty(tc.body); got != tc.want {
			t.Errorf("%s: SaysEmpty = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPinnedRows(t *testing.T) {
	d := func(s string) Date { return ParseDate(s, time.Time{}) }
	items := func(dates ...string) []ListItem {
		var out []ListItem
		for _, s := range dates {
			out = append(out, ListItem{URL: "u" + s, Date: d(s)})
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		items []ListItem
		want  int
	}{
		{"newest first", items("2026-10-05", "2026-10-01", "2026-09-20"), 0},
		{"one pinned", items("2026-08-01", "2026-10-05", "2026-10-01"), 1},
		{"two pinned", items("2026-07-01", "2026-08-01", "2026-10-05", "2026-10-01"), 2},
		{"same day is not out of order", items("2026-10-05", "2026-10-05", "2026-10-01"), 0},
		{"undated row ends the count", append([]ListItem{{URL: "x"}}, items("2026-10-05")...), 0},
		{"empty", nil, 0},
	} {
		if got := PinnedRows(tc.items); got != tc.want {
			t.Errorf("%s: PinnedRows = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestCountDatedRows(t *testing.T) {
	ref := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	body := `<html><body><div class="nav"><ul><li>2026-10-01 导航</li></ul></div>
<ul class="letters"><li><span>关于路灯的咨询</span><span>2026-10-02</span></li><li><span>噪音投诉</span><span>2026年9月30日</span></li><li>没有日期</li></ul>
<table><tr><th>标题</th><th>时间</th></tr><tr><td>停车难</td><td>2026/09/01 10:00</td></tr></table></body></html>`
	if got := CountDatedRows(body, ref); got != 3 {
		t.Errorf("CountDatedRows = %d, want 3", got)
	}
}

func TestPageLinks(t *testing.T) {
	body := `<a href="/a.html">a</a><a href="b.html">b</a><a href="/a.html">again</a><a href="#top">top</a><a href="javascript:void(0)">js</a>`
	got := PageLinks("http://example.gov.cn/zwgk/index.html", body)
	want := []string{"http://example.gov.cn/a.html", "http://example.gov.cn/zwgk/b.html"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("PageLinks (-want +got):\n%s", d)
	}
}

func TestUndecodable(t *testing.T) {
	bin := []byte(strings.Repeat("\x81\xff\x00\xfe\xc0", 200))
	page := []byte("<html><body>" + strings.Repeat("政务公开", 100) + "\xff</body></html>")
	for _, tc := range []struct {
		name string
		body []byte
		ct   string
		want bool
	}{
		{"binary as utf-8", bin, "text/html; charset=utf-8", true},
		{"binary as gbk", bin, "text/html; charset=gbk", true},
		{"a page with one bad byte", page, "text/html; charset=utf-8", false},
	} {
		text, enc, err := Decode(tc.body, tc.ct)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := Undecodable(tc.body, text, enc); got != tc.want {
			t.Errorf("%s (%s): Undecodable = %v, want %v", tc.name, enc, got, tc.want)
		}
	}
}
