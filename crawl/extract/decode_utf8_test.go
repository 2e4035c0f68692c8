package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A page declaring GBK (in its meta, its header or both) but written in
// UTF-8 decodes as UTF-8: valid UTF-8 with multibyte sequences wins over a
// contrary declaration. Pure ASCII says nothing and leaves the
// declaration in charge.
func TestDecodeUTF8WinsOverDeclaration(t *testing.T) {
	const title = "关于印发《政务公开工作要点》的通知"
	page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><title>" + title + "</title></head><body></body></html>"
	for _, ct := range []string{"", "text/html; charset=gbk", "text/html; charset=gb2312"} {
		text, enc, err := Decode([]byte(page), ct)
		if err != nil {
			t.Fatal(err)
		}
		if enc != "utf-8" || !strings.Contains(text, title) {
			t.Errorf("header %q: encoding %q, text %q; want utf-8 holding the title", ct, enc, text)
		}
	}
	ascii := `<html><head><meta charset="gbk"><title>News</title></head></html>`
	if _, enc, err := Decode([]byte(ascii), ""); err != nil || enc != "gb18030" {
		t.Errorf("ascii page declaring gbk: encoding %q, %v; want the declaration kept", enc, err)
	}
	// Real GBK text is still GBK.
	if text, enc, err := Decode(gbk(t, page), ""); err != nil || enc != "gb18030" || !strings.Contains(text, title) {
		t.Errorf("gbk page: encoding %q, %v", enc, err)
	}
}

// FuzzDecode: whatever the bytes and header, the text is valid UTF-8.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`<meta charset="gbk"><title>政务公开</title>`), "text/html; charset=gbk")
	f.Add([]byte("\xd5\xfe\xce\xf1\xb9\xab\xbf\xaa"), "")
	f.Add([]byte("\xef\xbb\xbfabc"), "text/html; charset=utf-16")
	f.Add([]byte("\xff\xfea\x00"), "")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		text, _, err := Decode(body, ct)
		if err == nil && !utf8.ValidString(text) {
			t.Fatalf("Decode(%q, %q) = %q, not UTF-8", body, ct, text)
		}
	})
}
