package sitefarm

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var reCharset = regexp.MustCompile(`(?i)charset\s*=\s*["']?([\w-]+)`)

func TestGBKUnits(t *testing.T) {
	f := startFarm(t, Options{})
	var gbk []*Unit
	for _, u := range f.Truth().Units {
		if u.Encoding == "gbk" {
			gbk = append(gbk, u)
		}
	}
	if len(gbk) == 0 {
		t.Fatal("demo farm has no GBK unit")
	}
	rare := 0
	for _, u := range gbk {
		for _, c := range u.Columns {
			pages := []string{c.URL}
			for _, it := range c.Items {
				pages = append(pages, it.URL)
				if strings.ContainsAny(it.Title, "镕堃喆昇") {
					rare++
				}
			}
			for k, p := range pages {
				status, h, body := get(t, p)
				if status != 200 {
					t.Fatalf("%s: status %d", p, status)
				}
				if ct := h.Get("Content-Type"); strings.Contains(strings.ToLower(ct), "charset") {
					t.Errorf("%s: HTTP header declares a charset: %q", p, ct)
				}
				if utf8.Valid(body) {
					t.Errorf("%s: body is valid UTF-8, want GBK bytes", p)
				}
				decls := reCharset.FindAllSubmatch(body, -1)
				if len(decls) != 1 || strings.ToLower(string(decls[0][1])) != "gbk" || !strings.Contains(string(body), `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`) {
					t.Errorf("%s: charset declarations %q, want only the gbk <meta>", p, decls)
				}
				text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
				if err != nil {
					t.Fatalf("%s: GB18030 decode: %v", p, err)
				}
				if k > 0 {
					it := c.Items[k-1]
					if !strings.Contains(string(text), "<h1 class=\"article-title\">"+escHTML(it.Title)+"</h1>") {
						t.Errorf("%s: decoded page lacks title %q", p, it.Title)
					}
				} else if len(c.Items) > 0 && !strings.Contains(string(text), escHTML(c.Items[0].Title)) {
					t.Errorf("%s: decoded list lacks first title %q", p, c.Items[0].Title)
				}
			}
		}
	}
	if rare == 0 {
		t.Error("no GBK title holds a character outside GB2312 (镕 堃 喆 昇)")
	}
}

// A title outside GB2312 must not survive a GB2312-only decoder: that is
// what makes the GBK unit a real test for the extractor.
func TestRareCharactersAreOutsideGB2312(t *testing.T) {
	for _, r := range "镕堃喆昇" {
		b, err := simplifiedchinese.GBK.NewEncoder().String(string(r))
		if err != nil {
			t.Fatalf("%c not in GBK: %v", r, err)
		}
		// GB2312 in EUC-CN uses A1–FE for both bytes.
		if len(b) == 2 && b[0] >= 0xA1 && b[1] >= 0xA1 {
			t.Errorf("%c encodes as %x, inside GB2312", r, b)
		}
	}
}
