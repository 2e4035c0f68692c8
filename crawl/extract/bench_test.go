package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchPage is one saved page and how the crawler would hand it over.
type benchPage struct {
	name string
	body string
	req  Request
	prof Profile
}

// farmPages is where the farm keeps pages it serves, saved for comparison.
const farmPages = "../sitefarm/testdata/pages"

// loadBenchPages reads the saved pages under testdata/<dir> whose names
// match own and the farm's pages whose names match farm, decoded as the
// crawler decodes them.
func loadBenchPages(b *testing.B, dir string, own, farm func(name string) bool) []benchPage {
	b.Helper()
	var out []benchPage
	add := func(pattern string, filter func(string) bool) {
		files, err := filepath.Glob(pattern)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			name := filepath.Base(f)
			if filter != nil && !filter(name) {
				continue
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			text, _, err := Decode(raw, "")
			if err != nil {
				b.Fatalf("decode %s: %v", f, err)
			}
			out = append(out, benchPage{name: name, body: text})
		}
	}
	add(filepath.Join("testdata", dir, "*"), own)
	add(filepath.Join(farmPages, "*"), farm)
	if len(out) == 0 {
		b.Fatalf("no pages for %s", dir)
	}
	return out
}

func BenchmarkExtractDetail(b *testing.B) {
	pages := loadBenchPages(b, "detail", nil, func(name string) bool {
		return strings.Contains(name, "_detail")
	})
	const u = "http://qu.example.gov.cn/zwgk/zcwj/202603/t20260302_4815600.html"
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			ExtractDetail(u, p.body, ref)
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
}

func BenchmarkExtractLetterDetail(b *testing.B) {
	pages := loadBenchPages(b, "mailbox",
		func(name string) bool { return strings.HasPrefix(name, "detail_") },
		func(name string) bool { return strings.HasPrefix(name, "mailbox_letter_") })
	const u = "http://qu.example.gov.cn/hdjl/qzxx/detail.html?id=9790"
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			ExtractLetterDetail(u, p.body, ref)
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
}

func BenchmarkExtractList(b *testing.B) {
	pages := loadBenchPages(b, "list", nil, func(name string) bool {
		column := strings.Contains(name, "_list") && !strings.HasPrefix(name, "mailbox")
		return column || name == "hanweb_dataproxy.xml" || strings.HasPrefix(name, "json_api_")
	})
	for i := range pages {
		p := &pages[i]
		family := p.name[:strings.IndexAny(p.name+"_", "_.")]
		prof, ok := Preset(family)
		if !ok {
			b.Fatalf("no preset for %s", p.name)
		}
		p.prof = prof
		switch {
		case p.name == "json_custom.json":
			p.prof = Profile{Name: "custom-json", Family: "json", API: "/api/search?page={page}&rows={size}", PageSize: 20,
				ItemsPath: "result.records", URLPath: "link.href", TitlePath: "docTitle", DatePath: "meta.pubDate", TotalPath: "result.totalCount"}
			p.req = Request{Method: "GET", URL: "http://zhen.example.gov.cn/api/search?page=1&rows=20", Page: 1}
		case strings.HasSuffix(p.name, ".xml"):
			p.req = Request{Method: "POST", URL: "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=5", Page: 4}
		case family == "json":
			p.req = Request{Method: "GET", URL: "http://www.example.gov.cn/api/content/list?channelId=12&pageNo=1&pageSize=20", Page: 1}
		default:
			p.req = Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/bmdt/index.html", Page: 1}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := ExtractList(p.prof, p.req, p.body, ref); err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
}
