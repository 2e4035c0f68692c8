package extract

import "testing"

func TestExtractDetailGolden(t *testing.T) {
	tests := []struct {
		name, file, url string
	}{
		{"table", "detail/table.html", "http://qu.example.gov.cn/zwgk/zcwj/202603/t20260302_4815600.html"},
		{"dl", "detail/dl.html", "http://www.example.gov.cn/art/2026/1/30/art_1299_88.html"},
		{"span", "detail/span.html", "http://zhen.example.gov.cn/zwgk/zcjd/2026/0306/310.html"},
		{"nometa", "detail/nometa.html", "http://jd.example.gov.cn/gzdt/2026/0305/a9.html"},
		{"broken", "detail/broken.html", "http://qu.example.gov.cn/zwgk/tzgg/202602/t20260211_1.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, "detail_"+tt.name, ExtractDetail(tt.url, readTestdata(t, tt.file), ref))
		})
	}
}
