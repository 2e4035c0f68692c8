package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPreset(t *testing.T) {
	for _, name := range []string{"trs", "hanweb", "json", "generic", "auto", " TRS "} {
		t.Run(name, func(t *testing.T) {
			p, ok := Preset(name)
			if !ok || p.Family == "" || p.Name != p.Family {
				t.Errorf("Preset(%q) = %+v, %v", name, p, ok)
			}
		})
	}
	if _, ok := Preset("wordpress"); ok {
		t.Error("Preset(wordpress) found")
	}
}

func TestFirstRequest(t *testing.T) {
	tests := []struct {
		name string
		p    Profile
		col  string
		want Request
	}{
		{"trs", profile(t, "trs"), "http://qu.example.gov.cn/zwgk/bmdt/", Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/bmdt/", Page: 1}},
		{"json absolute", Profile{Family: "json", API: "http://h.example.gov.cn/api/content/list?channelId=12&pageNo={page}&pageSize={size}", PageSize: 15},
			"http://h.example.gov.cn/tzgg/", Request{Method: "GET", URL: "http://h.example.gov.cn/api/content/list?channelId=12&pageNo=1&pageSize=15", Page: 1}},
		{"json relative, default size", Profile{Family: "json", API: "/api/content/list?channelId=12&pageNo={page}&pageSize={size}"},
			"http://h.example.gov.cn/tzgg/", Request{Method: "GET", URL: "http://h.example.gov.cn/api/content/list?channelId=12&pageNo=1&pageSize=20", Page: 1}},
		{"json without api", Profile{Family: "json"}, "http://h.example.gov.cn/tzgg/", Request{Method: "GET", URL: "http://h.example.gov.cn/tzgg/", Page: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FirstRequest(tt.p, tt.col)); diff != "" {
				t.Errorf("FirstRequest (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractListErrors(t *testing.T) {
	req := Request{Method: "GET", URL: "http://h.example.gov.cn/list/", Page: 1}
	tests := []struct {
		name string
		p    Profile
		body string
	}{
		{"unknown family", Profile{Family: "wordpress"}, "<html></html>"},
		{"bad selector", Profile{Family: "generic", Item: "ul > > li["}, "<html></html>"},
		{"json not json", profile(t, "json"), "<html><body><a href='/a'>a</a><a href='/b'>b</a><a href='/c'>c</a></body></html>"},
		{"json no list", profile(t, "json"), `{"data":{"total":3}}`},
		{"json truncated", profile(t, "json"), `{"data":{"total":3,"list":[{"title":"a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ExtractList(tt.p, req, tt.body, ref); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestTRSColumnWithoutSlash(t *testing.T) {
	body := `<ul class="list"><li><a href="./202603/t20260305_1.html">a</a><span>2026-03-05</span></li></ul><script>createPageHTML(3, 0, "index", "shtml");</script>`
	got, err := ExtractList(profile(t, "trs"), Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/bmdt", Page: 1}, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := []Request{{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/bmdt/index_1.shtml", Page: 2}}
	if diff := cmp.Diff(want, got.Next); diff != "" {
		t.Errorf("Next (-want +got):\n%s", diff)
	}
}
