package reports

import (
	"strings"
	"testing"
)

// The fixture's street has its notices column blocked by a WAF: the
// 采集核验 sheet lists it with its verdict in Chinese and the reason, the
// street's 问题清单 says it must be crawled again, and its grade is not
// given with confidence.
func TestVerdictsInWorkbooks(t *testing.T) {
	_, path, units := workbooks(t)
	f := open(t, path)
	rows, err := f.GetRows("采集核验")
	if err != nil {
		t.Fatal(err)
	}
	hc := headerCols(t, f, "采集核验")
	var found []string
	for _, r := range rows[headerRow:] {
		if len(r) > hc["核验结论"]-1 && len(r) > 0 && r[0] != "合计" {
			found = append(found, r[0]+" "+r[hc["名称"]-1]+" "+r[hc["核验结论"]-1]+" "+r[hc["依据"]-1])
		}
	}
	if want := []string{"东城街道 通知公告 被拦截 WAF 挑战页"}; strings.Join(found, "|") != strings.Join(want, "|") {
		t.Errorf("采集核验 rows = %q, want %q", found, want)
	}

	var street string
	for _, p := range units {
		if strings.Contains(p, "东城街道") {
			street = p
		}
	}
	if street == "" {
		t.Fatal("no 问题清单 for 东城街道")
	}
	u := open(t, street)
	rows, err = u.GetRows("问题清单")
	if err != nil {
		t.Fatal(err)
	}
	var recrawl bool
	for _, r := range rows {
		if len(r) >= 4 && r[0] == "需重新采集：栏目" && r[1] == "通知公告" && strings.HasPrefix(r[3], "被拦截；WAF 挑战页；影响：") {
			recrawl = true
		}
	}
	if !recrawl {
		t.Errorf("东城街道 问题清单 has no 需重新采集 row for its blocked column:\n%q", rows)
	}
}
