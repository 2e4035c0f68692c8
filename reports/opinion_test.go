package reports

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOpinionSheets writes the scorecard and the 问题清单 of a store whose
// letters say something: three letters to 教育局 about 物业 in October (a
// surge over an empty baseline, answered by nothing), one of them answered
// by forwarding only; the other letters carry no text (其他).
func TestOpinionSheets(t *testing.T) {
	ctx := context.Background()
	db := fixture(t)
	for _, x := range []struct{ key, title, content, reply string }{
		{"L1", "锦绣花园物业费上涨不合理", "物业公司没有开业主大会就把物业费提高了三成。", "已转交相关部门办理。"},
		{"L2", "阳光家园电梯故障无人维修", "三号楼电梯故障一个多月，物业一直推说在等配件。",
			"经现场核查，物业服务企业已于本周更换电梯主板，特种设备检验机构检验合格后恢复运行，社区将跟踪落实。"},
		{"L3", "翠湖苑业委会选举不公开", "业主委员会换届选举没有公示候选人名单。", ""},
	} {
		var reply any
		if x.reply != "" {
			reply = x.reply
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO letter_texts VALUES ('edu', 'xx', ?, ?, ?, ?, 'r20261102', NULL)`,
			x.key, x.title, x.content, reply); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "scorecard.xlsx")
	if err := Scorecard(ctx, testOptions(db), path); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)

	rows, err := f.GetRows("舆情")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range rows[headerRow:] {
		got[r[0]] = r[1:]
	}
	if h := rows[headerRow-1]; !slices.Equal(h, []string{"话题", "2026-10", "合计"}) {
		t.Errorf("舆情 header = %q", h)
	}
	// edu's three letters are 物业; health's H1 and town's T2 have no text.
	if !slices.Equal(got["物业"], []string{"3", "3"}) || !slices.Equal(got["其他"], []string{"2", "2"}) || len(got) != 2 {
		t.Errorf("舆情 rows = %q, want 物业 3 and 其他 2", got)
	}
	charts := 0
	f.Pkg.Range(func(k, v any) bool {
		if name := k.(string); strings.HasPrefix(name, "xl/charts/chart") {
			if b, ok := v.([]byte); ok && strings.Contains(string(b), "各话题每月来信数") {
				charts++
			}
		}
		return true
	})
	if charts != 1 {
		t.Errorf("舆情 chart found %d times, want once", charts)
	}

	cols := headerCols(t, f, "舆情突增")
	surges, _ := f.GetRows("舆情突增")
	if len(surges) != headerRow+1 {
		t.Fatalf("舆情突增 has %d rows, want one surge", len(surges)-headerRow)
	}
	s := surges[headerRow]
	if s[cols["话题"]-1] != "物业" || s[cols["月份"]-1] != "2026-10" || s[cols["来信数"]-1] != "3" || s[cols["已回应"]-1] != "否" {
		t.Errorf("surge row = %q", s)
	}

	cols = headerCols(t, f, "敷衍答复")
	bp, _ := f.GetRows("敷衍答复")
	if len(bp) != headerRow+1 || bp[headerRow][cols["敷衍答复"]-1] != "1" || bp[headerRow][cols["仅转办"]-1] != "1" {
		t.Errorf("敷衍答复 rows = %q, want edu with one forward-only reply", bp[headerRow:])
	}
	if rep, _ := f.GetRows("重复来信"); len(rep) != headerRow {
		t.Errorf("重复来信 rows = %q, want none", rep[headerRow:])
	}

	opts := testOptions(db)
	opts.Units = []string{"edu"}
	paths, err := PerUnit(ctx, opts, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pf := open(t, paths[0])
	problems, _ := pf.GetRows("问题清单")
	var kinds []string
	for _, p := range problems {
		if len(p) > 0 && (strings.HasPrefix(p[0], "舆情") || strings.HasPrefix(p[0], "答复") || strings.HasPrefix(p[0], "重复")) {
			kinds = append(kinds, p[0])
		}
	}
	if !slices.Equal(kinds, []string{"舆情突增未回应", "答复敷衍"}) {
		t.Errorf("问题清单 opinion rows = %q, want 舆情突增未回应 and 答复敷衍", kinds)
	}
}
