package queries

import (
	"math"
	"testing"
)

// The February 2026 scorecard of the fixture, checked by hand. February
// crosses 春节 (02-15..02-23 off, Saturdays 02-14 and 02-28 worked); the
// cutoff is 2026-03-02, the first complete run after the month (the
// incomplete run of 03-01 is skipped). Targets pro-rate by days: 部门
// 120 × 28/365 = 9.2055, 乡镇/街道 60 × 28/365 = 4.6027.
var februaryScores = []struct {
	unit          string
	total         float64
	grade, vetoes string
	rankGroup     int64
	rankAll       int64
	previous      float64 // January, as of its own cutoff 2026-02-02
	change        float64
}{
	// 发展改革委: 信息发布 3 items (i2, p1, j1) / 9.2055 × 25 = 8.1473;
	// 发布及时 i2 formed Sun 02-01 → 02-10 = 7 wd, p1 01-30 → 02-05 = 4 wd,
	// both ≤ 20 → 15; 栏目维护 工作动态 newest 02-10, 02-10 + 14 < 03-02 →
	// stale −5 → 15; 政策解读 p1 ↔ j1 → 1 × 10; 互动回应 L1 (咨询, Fri 02-13,
	// replied 02-27 = 5 wd, due 02-27, on time) and L2 (投诉, in progress,
	// due 03-12, not yet due): 0.5 × 10 + 1/1 × 15 + mean 5 wd → 5 = 25.
	// 73.1473 / 100 → 73.15 合格. January: 2 items / 10.1918 × 25 = 4.9059
	// + 15 + 20 (工作动态 kept fresh by i5 of 01-20, also listed there) + 30
	// (L4 answered in 4 wd) = 69.9059 over 90 → 77.67; 环比 −4.52.
	{"fgw", 73.15, "合格", "", 1, 1, 77.67, -4.52},
	// 教育局: 1 item (q1; q2 is dated in January) / 9.2055 × 25 = 2.7158;
	// q1 01-26 → 02-26 = 18 wd → 15; 栏目维护 动态 stale −5, 通知公告 stale
	// −1, 6 blank × −2 → 20 − 18 = 2; 政策解读 q1 links only to a 通知 → 0;
	// 互动回应 L7 (咨询 02-13, replied 03-02 = 7 wd > 5): 1 × 10 + 0 × 15 +
	// 5 × (15 − 7)/10 = 14. 33.7158 → 33.72, vetoes 1 (home 72 days), 4 (6
	// blank), 5 (L5 咨询 of 2025-11-10 unanswered > 3 months) → 不合格.
	// January: 0 published, 栏目维护 20 − 5 − 7 × 2 = 1 over 45 → 2.22.
	{"jyj", 33.72, "不合格", "首页不更新、空白栏目、互动回应差", 2, 4, 2.22, 31.5},
	// 城关镇: t2 / 4.6027 × 25 = 5.4315; t2 02-12 → 02-25 = 4 wd (02-13,
	// 02-14, 02-24, 02-25) → 15; 3 blank columns (政策文件 and 政策解读 are
	// first seen 04-01; 领导信息 never) → 14; no 政策文件 and no letters in
	// February → "—", scored over 60: 34.4315 / 60 → 57.39 不合格 (< 60).
	// January: 4.9059 + 15 + (20 − 5 − 6 = 9) over 60 → 48.18.
	{"cgz", 57.39, "不合格", "", 1, 2, 48.18, 9.21},
	// 东城街道: s2 / 4.6027 × 25 = 5.4315; s2 has no 成文日期 → "—";
	// 栏目维护 动态 newest 02-03 stale −5, 政策文件 blank −2 → 13; no
	// mailbox → 互动回应 "—" and veto 6. 18.4315 / 45 → 40.96 不合格.
	// January: 4.9059 + 13 over 45 → 39.79.
	{"dcjd", 40.96, "不合格", "无可用信箱", 2, 3, 39.79, 1.17},
}

func checkFebruaryScorecard(t *testing.T, tab *Table) {
	t.Helper()
	get := func(row []any, col string) any { return row[tab.Column(col)] }
	for _, w := range februaryScores {
		var row []any
		for _, r := range tab.Rows {
			if get(r, "unit_id") == w.unit {
				row = r
			}
		}
		if row == nil {
			t.Errorf("scorecard: no row for %s", w.unit)
			continue
		}
		near := func(col string, want float64) {
			if got, ok := get(row, col).(float64); !ok || math.Abs(got-want) > 0.005 {
				t.Errorf("%s %s = %v, want %v", w.unit, col, get(row, col), want)
			}
		}
		near("total", w.total)
		near("previous_total", w.previous)
		near("change", w.change)
		if got := get(row, "grade"); got != w.grade {
			t.Errorf("%s grade = %v, want %s", w.unit, got, w.grade)
		}
		if got := get(row, "vetoes"); got != w.vetoes {
			t.Errorf("%s vetoes = %v, want %q", w.unit, got, w.vetoes)
		}
		if got := get(row, "rank_in_group"); got != w.rankGroup {
			t.Errorf("%s rank_in_group = %v, want %d", w.unit, got, w.rankGroup)
		}
		if got := get(row, "rank_overall"); got != w.rankAll {
			t.Errorf("%s rank_overall = %v, want %d", w.unit, got, w.rankAll)
		}
	}
}
