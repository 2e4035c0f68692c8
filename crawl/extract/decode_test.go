package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encode %q as GBK: %v", s, err)
	}
	return b
}

func TestDecode(t *testing.T) {
	// 镕 堃 喆 昇 are in GBK but not in GB2312: a GB2312 decoder loses them.
	const title = "朱镕基 张堃 陈喆 昇平镇 政务公开"
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>" + title + "</title></head><body><p>" + title + "</p></body></html>"
	}
	const metaGBK = `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`
	const metaGB2312 = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />`
	const metaUTF8 = `<meta charset="utf-8">`
	tests := []struct {
		name     string
		body     []byte
		ct       string
		wantEnc  string
		wantText string
	}{
		{"gbk meta http-equiv, no header", gbk(t, page(metaGBK)), "text/html", "gb18030", title},
		{"gb2312 meta holds gbk-only characters", gbk(t, page(metaGB2312)), "", "gb18030", title},
		{"meta charset gbk", gbk(t, page(`<meta charset="GBK">`)), "", "gb18030", title},
		{"header gb2312", gbk(t, page("")), "text/html; charset=gb2312", "gb18030", title},
		{"header x-gbk", gbk(t, page("")), "text/html;charset=x-gbk", "gb18030", title},
		{"header cp936", gbk(t, page("")), "text/html; charset=cp936", "gb18030", title},
		{"header gb18030", gbk(t, page("")), `text/html; charset="GB18030"`, "gb18030", title},
		{"utf-8 header and meta", []byte(page(metaUTF8)), "text/html; charset=utf-8", "utf-8", title},
		{"none, utf-8 bytes", []byte(page("")), "", "utf-8", title},
		{"none, gbk bytes", gbk(t, page("")), "", "gb18030", title},
		{"header utf-8, meta gbk, gbk bytes", gbk(t, page(metaGBK)), "text/html; charset=utf-8", "gb18030", title},
		{"header gbk, meta utf-8, utf-8 bytes", []byte(page(metaUTF8)), "text/html; charset=gbk", "utf-8", title},
		{"header utf-8 alone, gbk bytes", gbk(t, page("")), "text/html; charset=UTF-8", "gb18030", title},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, page(metaGBK)...), "text/html; charset=gbk", "utf-8", title},
		{"unknown label ignored", []byte(page(`<meta charset="no-such-charset">`)), "", "utf-8", title},
		{"sloppy header", gbk(t, page("")), "text/html;charset=gbk;", "gb18030", title},
		{"utf-8 cut mid-rune", []byte(page(metaUTF8))[:len(page(metaUTF8))-len("</p></body></html>")-1], "", "utf-8", "朱镕基"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.body, tt.ct)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.wantEnc {
				t.Errorf("encoding = %q, want %q", enc, tt.wantEnc)
			}
			if !strings.Contains(text, tt.wantText) {
				t.Errorf("text %q does not hold %q", text, tt.wantText)
			}
		})
	}
}

func TestDecodeGBKFile(t *testing.T) {
	text := readTestdata(t, "list/trs_index_3.gbk.html")
	for _, want := range []string{"张堃", "陈喆", "昇平镇"} {
		if !strings.Contains(text, want) {
			t.Errorf("decoded page lacks %q", want)
		}
	}
}
