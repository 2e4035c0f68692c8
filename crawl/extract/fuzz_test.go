package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// seedPages adds every saved page to a fuzz corpus, plus malformed bits.
func seedPages(f *testing.F) {
	f.Helper()
	for _, dir := range []string{"list", "detail", "mailbox", "home", "challenge"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", "<", "<![CDATA[", "<record><![CDATA[<a href=", "<datastore><totalrecord>99999999999999999999</totalrecord>",
		"createPageHTML(", "createPageHTML(countPage, x, 'index', 'html')", "var countPage = -1; createPageHTML(countPage, 0)",
		"<table><tr><td>索引号<td>", "<dl><dt>发布日期：<dd>", "索引号：发布机构：成文日期：", "{\"data\":{\"list\":[1,2,{}]}}",
		"{\"data\":{\"list\":[{\"url\":\"/a\",\"publishTime\":1e400}],\"total\":-5}}", "<a href=\"%zz\">下一页</a>",
		"<ul><li><a href='\x00'>t</a><span>2026-03-05</span></li></ul>", "\xff\xfe\xfd", "<h1><h1><h1>",
	} {
		f.Add(s)
	}
}

func FuzzExtractList(f *testing.F) {
	seedPages(f)
	profiles := []Profile{}
	for _, name := range []string{"trs", "hanweb", "json", "generic", "auto"} {
		p, _ := Preset(name)
		profiles = append(profiles, p)
	}
	profiles = append(profiles, Profile{Name: "sel", Family: "generic", Item: "li", Link: "a", Title: "a", Date: "span", Next: "a.next"})
	reqs := []Request{
		{Method: "GET", URL: "http://h.example.gov.cn/col/index.html", Page: 1},
		{Method: "POST", URL: "http://h.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=5", Page: 4},
		{Method: "GET", URL: "::bad url", Page: 0},
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, p := range profiles {
			for _, req := range reqs {
				res, err := ExtractList(p, req, body, ref)
				if err != nil {
					continue
				}
				if res.Items == nil || res.Next == nil {
					t.Fatalf("nil slices in %+v", res)
				}
				for _, n := range res.Next {
					if n.URL == "" || n.Page < 1 {
						t.Fatalf("bad next request %+v", n)
					}
				}
			}
		}
		NewestDatedLink("http://h.example.gov.cn/", body, ref)
		IsChallenge(200, body)
	})
}

func FuzzExtractDetail(f *testing.F) {
	seedPages(f)
	f.Fuzz(func(t *testing.T, body string) {
		d := ExtractDetail("http://h.example.gov.cn/a/b/1.html", body, ref)
		for _, l := range d.Links {
			if l == "" {
				t.Fatal("empty link")
			}
		}
		ExtractLetterDetail("http://h.example.gov.cn/mail/1.html", body, ref)
		for _, format := range []string{"html", "json"} {
			ExtractLetters(format, Request{Method: "GET", URL: "http://h.example.gov.cn/api/letters?page=1&size=20", Page: 1}, body, ref)
		}
		Decode([]byte(body), "text/html; charset=gbk")
		Decode([]byte(body), "")
	})
}
