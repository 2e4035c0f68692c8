package sitefarm

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata/pages")

// goldenPage is one page of the demo farm (seed 1) kept in testdata/pages
// with each unit's base URL written as http://uNN. The files double as
// fixtures of every shape the farm serves.
type goldenPage struct {
	file string
	url  func(t *Truth) string
	form url.Values // POST body when set
}

func goldenPages() []goldenPage {
	unit := func(t *Truth, id string) *Unit {
		for _, u := range t.Units {
			if u.ID == id {
				return u
			}
		}
		return nil
	}
	col := func(unit, cat string) func(*Truth) *Column {
		return func(t *Truth) *Column {
			for _, u := range t.Units {
				if u.ID == unit {
					return columnByCategory(u, cat)
				}
			}
			return nil
		}
	}
	entry := func(unit, cat string) func(*Truth) string {
		return func(t *Truth) string { return col(unit, cat)(t).URL }
	}
	firstLinked := func(unit, cat string) func(*Truth) string {
		return func(t *Truth) string {
			for _, it := range col(unit, cat)(t).Items {
				if len(it.Links) > 0 {
					return it.URL
				}
			}
			return ""
		}
	}
	api := func(unit, cat string, page int) func(*Truth) string {
		return func(t *Truth) string { return strings.Replace(col(unit, cat)(t).API, "{page}", fmt.Sprint(page), 1) }
	}
	letter := func(unitID, status string) func(*Truth) string {
		return func(t *Truth) string {
			for _, l := range unit(t, unitID).Mailboxes[0].Letters {
				if l.Status == status {
					return l.DetailURL
				}
			}
			return ""
		}
	}
	return []goldenPage{
		{file: "home.html", url: func(t *Truth) string { return unit(t, "u01").Home.URL }},
		{file: "robots.txt", url: func(t *Truth) string { return unit(t, "u01").BaseURL + "/robots.txt" }},
		{file: "trs_list.html", url: entry("u01", "部门动态")},
		{file: "trs_list_page2.html", url: func(t *Truth) string {
			return strings.Replace(col("u01", "部门动态")(t).URL, "index.html", "index_1.html", 1)
		}},
		{file: "trs_list_cross_column.html", url: entry("u01", "通知公告")},
		{file: "trs_detail_table.html", url: firstLinked("u01", "政策文件")},
		{file: "trs_gbk_list.html", url: entry("u02", "部门动态")},
		{file: "trs_gbk_detail_dl.html", url: firstLinked("u02", "政策解读")},
		{file: "hanweb_list.html", url: entry("u03", "部门动态")},
		{file: "hanweb_dataproxy.xml", url: func(t *Truth) string {
			return unit(t, "u03").BaseURL + "/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15"
		}, form: url.Values{"col": {"1"}, "appid": {"1"}, "webid": {"1"}, "path": {"/"}, "columnid": {"1208"},
			"sourceContentType": {"1"}, "unitid": {"5002"}, "webname": {"市卫生健康委员会"}, "permissiontype": {"0"}}},
		{file: "hanweb_detail_divspan.html", url: firstLinked("u03", "政策解读")},
		{file: "hanweb_detail_foreign_link.html", url: func(t *Truth) string {
			for _, it := range col("u07", "政策解读")(t).Items {
				if it.ForeignLink {
					return it.URL
				}
			}
			return ""
		}},
		{file: "json_shell.html", url: entry("u04", "部门动态")},
		{file: "json_api_epoch.json", url: api("u04", "部门动态", 1)},
		{file: "json_api_string.json", url: api("u04", "通知公告", 2)},
		{file: "json_detail.html", url: func(t *Truth) string { return col("u04", "政策文件")(t).Items[0].URL }},
		{file: "generic_list.html", url: entry("u05", "通知公告")},
		{file: "generic_list_last.html", url: func(t *Truth) string {
			c := col("u05", "通知公告")(t)
			return fmt.Sprintf("%s?page=%d", c.URL, pageCount(len(c.Items), c.PageSize))
		}},
		{file: "generic_detail_dl.html", url: func(t *Truth) string { return col("u05", "政策文件")(t).Items[0].URL }},
		{file: "waf_challenge.html", url: entry("u06", "财政预决算")},
		{file: "waf_412.html", url: entry("u07", "人事信息")},
		{file: "mailbox_list.html", url: func(t *Truth) string { return unit(t, "u01").Mailboxes[0].URL }},
		{file: "mailbox_letter_replied.html", url: letter("u01", "replied")},
		{file: "mailbox_letter_in_progress.html", url: letter("u01", "in_progress")},
		{file: "mailbox_api.json", url: func(t *Truth) string { return strings.Replace(unit(t, "u03").Mailboxes[0].URL, "{page}", "1", 1) }},
	}
}

func TestGoldenPages(t *testing.T) {
	f := startFarm(t, Options{})
	tr := f.Truth()
	for _, g := range goldenPages() {
		t.Run(g.file, func(t *testing.T) {
			u := g.url(tr)
			if u == "" {
				t.Fatal("no such page in the demo farm")
			}
			var body []byte
			if g.form != nil {
				_, body = post(t, u, g.form)
			} else {
				_, _, body = get(t, u)
			}
			for _, v := range tr.Units {
				body = bytes.ReplaceAll(body, []byte(v.BaseURL), []byte("http://"+v.ID))
			}
			path := filepath.Join("testdata", "pages", g.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, body, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if !bytes.Equal(want, body) {
				t.Errorf("%s differs from %s; run go test -update if the change is meant", u, path)
			}
		})
	}
}
