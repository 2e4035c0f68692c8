package extract

import (
	"net/url"
	"testing"
)

func profile(tb testing.TB, name string) Profile {
	tb.Helper()
	p, ok := Preset(name)
	if !ok {
		tb.Fatalf("no preset %q", name)
	}
	return p
}

func TestExtractListGolden(t *testing.T) {
	hanwebForm := url.Values{
		"col": {"1"}, "appid": {"1"}, "webid": {"21"}, "path": {"/"}, "columnid": {"1234"},
		"sourceContentType": {"1"}, "unitid": {"5678"}, "webname": {"某某市人民政府"}, "permissiontype": {"0"},
	}
	custom := Profile{
		Name: "custom-json", Family: "json", API: "/api/search?page={page}&rows={size}", PageSize: 20,
		ItemsPath: "result.records", URLPath: "link.href", TitlePath: "docTitle", DatePath: "meta.pubDate", TotalPath: "result.totalCount",
	}
	tests := []struct {
		name    string
		file    string
		profile Profile
		req     Request
	}{
		{"trs_index", "list/trs_index.html", profile(t, "trs"), Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/bmdt/", Page: 1}},
		{"trs_index_3_gbk", "list/trs_index_3.gbk.html", profile(t, "trs"), Request{Method: "GET", URL: "http://xian.example.gov.cn/xxgk/tzgg/index_3.html", Page: 4}},
		{"trs_last", "list/trs_last.html", profile(t, "trs"), Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/zcwj/index_11.html", Page: 12}},
		{"trs_as_auto", "list/trs_index.html", profile(t, "auto"), Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/bmdt/index.html", Page: 1}},
		{"hanweb_col", "list/hanweb_col.html", profile(t, "hanweb"), Request{Method: "GET", URL: "http://www.example.gov.cn/col/col1234/index.html", Page: 1}},
		{"hanweb_proxy_16_30", "list/hanweb_proxy_16_30.xml", profile(t, "hanweb"), Request{Method: "POST",
			URL: "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=5", Form: hanwebForm, Page: 4}},
		{"hanweb_proxy_31_45", "list/hanweb_proxy_31_45.xml", profile(t, "hanweb"), Request{Method: "POST",
			URL: "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=45&perpage=5", Form: hanwebForm, Page: 7}},
		{"json_page1", "list/json_page1.json", Profile{Name: "json", Family: "json", API: "http://www.example.gov.cn/api/content/list?channelId=12&pageNo={page}&pageSize=20"},
			Request{Method: "GET", URL: "http://www.example.gov.cn/api/content/list?channelId=12&pageNo=1&pageSize=20", Page: 1}},
		{"json_last", "list/json_last.json", Profile{Name: "json", Family: "json", API: "http://www.example.gov.cn/api/content/list?channelId=12&pageNo={page}&pageSize=20"},
			Request{Method: "GET", URL: "http://www.example.gov.cn/api/content/list?channelId=12&pageNo=3&pageSize=20", Page: 3}},
		{"json_custom", "list/json_custom.json", custom, Request{Method: "GET", URL: "http://zhen.example.gov.cn/api/search?page=1&rows=20", Page: 1}},
		{"generic_list", "list/generic_list.html", profile(t, "generic"), Request{Method: "GET", URL: "http://zhen.example.gov.cn/news/list.html", Page: 1}},
		{"generic_last", "list/generic_last.html", profile(t, "generic"), Request{Method: "GET", URL: "http://zhen.example.gov.cn/news/list.html?page=4", Page: 4}},
		{"generic_list_under", "list/generic_list_under.html", profile(t, "generic"), Request{Method: "GET", URL: "http://zhen.example.gov.cn/tzgg/list/list_2.html", Page: 2}},
		{"generic_selectors", "list/generic_list.html", Profile{Name: "zhen-news", Family: "generic", Item: ".news-list li", Date: ".date", Next: ".pages a:contains('下一页')"},
			Request{Method: "GET", URL: "http://zhen.example.gov.cn/news/list.html", Page: 1}},
		{"auto_table", "list/auto_table.html", profile(t, "auto"), Request{Method: "GET", URL: "http://jd.example.gov.cn/rsxx/index.htm", Page: 1}},
		{"auto_div", "list/auto_div.html", profile(t, "auto"), Request{Method: "GET", URL: "http://qu.example.gov.cn/gzdt/", Page: 1}},
		{"auto_challenge", "challenge/jsl_cookie.html", profile(t, "auto"), Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/czyjs/", Page: 1}},
		{"hanweb_challenge", "challenge/ruishu_200.html", profile(t, "hanweb"), Request{Method: "GET", URL: "http://www.example.gov.cn/col/col1234/index.html", Page: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractList(tt.profile, tt.req, readTestdata(t, tt.file), ref)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "list_"+tt.name, got)
		})
	}
}
