package reports

import (
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// English words a Chinese sheet may carry: names of standards and
// formats, not values.
var allowedWords = map[string]bool{
	"robots": true, "txt": true, "SHA": true, "HTML": true, "PDF": true, "URL": true,
	"WAF": true, "HTTP": true, "cookie": true, "true": true, "false": true,
}

// crawledText are the headers of columns that show a site's own text
// (titles, names, addresses), which is whatever the site wrote.
var crawledText = map[string]bool{
	"标题": true, "信件标题": true, "标题或栏目": true, "名称": true, "网址": true,
	"证据": true, "证据页面": true, "栏目": true, "最新信息": true, "最新信息网址": true,
}

var (
	addressRe = regexp.MustCompile(`(?i)\b(https?|file|javascript|ftp|mailto):[^\s，；、）]*`)
	hashRe    = regexp.MustCompile(`\b[0-9a-f]{16,64}\b`)
	fileRe    = regexp.MustCompile(`[^\s/]+\.(xlsx|html|pdf|doc|docx|txt)\b`)
	// a setting's name in the config or rules file (annual_report)
	keyRe   = regexp.MustCompile(`\b[a-z]+(_[a-z]+)+(\.[a-z_]+)*\b`)
	wordRe  = regexp.MustCompile(`[A-Za-z]{2,}`)
	runIDRe = regexp.MustCompile(`\br\d{8}(T\d{6}Z)?\b`)
)

// englishWords are the English words left in a cell once addresses,
// hashes and file names are taken out.
func englishWords(s string) []string {
	// A crawl run's id shown raw instead of as 采集批次.
	out := runIDRe.FindAllString(s, -1)
	s = addressRe.ReplaceAllString(s, "")
	s = fileRe.ReplaceAllString(s, "")
	s = hashRe.ReplaceAllString(s, "")
	s = keyRe.ReplaceAllString(s, "")
	for _, w := range wordRe.FindAllString(s, -1) {
		if !allowedWords[w] {
			out = append(out, w)
		}
	}
	return out
}

func TestEnglishWords(t *testing.T) {
	for in, want := range map[string]string{
		"ok":                           "ok",
		"采集结果 blocked，无法判断":            "blocked",
		"https://a.gov.cn/x/y.html":    "",
		"证据/0123456789abcdef0123.html": "",
		"被网站 robots.txt 禁止":            "",
		"r20261102":                    "r20261102",
		"批次 r20261207T162717Z":         "r20261207T162717Z",
		"未配置年报栏目（annual_report: true）": "",
		"2026-11-02 采集":                "",
	} {
		if got := strings.Join(englishWords(in), " "); got != want {
			t.Errorf("englishWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryCellChinese: no cell of any sheet of the scorecard or of any
// 问题清单 shows an English value (ok, blocked, a raw run id …); the
// fixture has failed, blocked and empty sources, so those values occur.
func TestEveryCellChinese(t *testing.T) {
	_, scorecard, units := workbooks(t)
	for _, path := range append([]string{scorecard}, units...) {
		f := open(t, path)
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			bad := 0
			header := map[int]string{}
			if len(rows) >= headerRow {
				for j, h := range rows[headerRow-1] {
					header[j] = h
				}
			}
			for i, r := range rows {
				for j, v := range r {
					if i >= headerRow && crawledText[header[j]] {
						continue
					}
					if w := englishWords(v); len(w) > 0 {
						ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
						if bad++; bad <= 5 {
							t.Errorf("%s %s!%s = %q: English %v", path, sheet, ref, v, w)
						}
					}
				}
			}
		}
	}
}
