package reports

import (
	"context"
	"sort"

	"github.com/xuri/excelize/v2"
)

// 政务舆情 in the scorecard: what the public wrote about, month by month
// for the whole area (舆情), the surges and whether each was answered, the
// matters written about again and again, and the units whose replies say
// nothing. Every figure comes from the opinion macros (090_opinion.sql).

var (
	surgeCols = withUnit(
		column{name: "topic", header: "话题", kind: kText, width: 10, def: "规则文件话题表中的话题"},
		column{name: "month", header: "月份", kind: kText, width: 9, def: "来信突增的月份"},
		column{name: "letters", header: "来信数", kind: kInt, width: 8, def: "该单位当月该话题的来信数，不少于规则的最少封数，且不低于前几个月月均的规定倍数"},
		column{name: "answered", header: "已回应", kind: kBool, width: 8, def: "当月初至月末后规定工作日内，是否发布了含该话题词的政策解读或通知公告"},
		column{name: "answer_title", header: "回应信息", kind: kWrap, width: 26, def: "最早的一条回应信息标题"},
		column{name: "answer_date", header: "回应日期", kind: kDate, width: 11, def: "回应信息的发布日期"},
		column{name: "titles", header: "来信标题", kind: kWrap, width: 26, def: "突增来信的标题"},
		column{name: "answer_url", header: "网址", kind: kURL, width: 26, def: "回应信息地址"},
	)
	repeatCols = withUnit(
		column{name: "topic", header: "话题", kind: kText, width: 10, def: "最近一封来信的话题"},
		column{name: "letters", header: "来信数", kind: kInt, width: 8, def: "同一事项的来信封数（标题或内容高度相似，时间窗口内）"},
		column{name: "first_date", header: "首次来信", kind: kDate, width: 11, def: "第一封来信日期"},
		column{name: "last_date", header: "最近来信", kind: kDate, width: 11, def: "最近一封来信日期"},
		column{name: "closed", header: "已解决", kind: kBool, width: 8, def: "最近一封来信已有实质性答复（非敷衍答复）"},
		column{name: "title_list", header: "来信标题", kind: kWrap, width: 26, def: "各封来信标题"},
		column{name: "letter_list", header: "信件编号", kind: kWrap, width: 26, def: "各封来信编号"},
	)
	boilerplateUnitCols = withUnit(
		column{name: "boilerplate", header: "敷衍答复", kind: kInt, width: 9, def: "答复过短、仅称已转办或与本单位多件答复雷同的答复数"},
		column{name: "short", header: "过短", kind: kInt, width: 7, def: "字数少于规则下限的答复"},
		column{name: "forward_only", header: "仅转办", kind: kInt, width: 7, def: "只说已转交、转办的答复"},
		column{name: "template", header: "雷同", kind: kInt, width: 7, def: "与本单位其他多件答复几乎相同的答复"},
		column{name: "example", header: "示例", kind: kWrap, width: 26, def: "一件典型的敷衍答复原文"},
	)
)

func opinionSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := topicMonthSheet(ctx, b, fe, ranking); err != nil {
		return err
	}
	if err := b.detail(ctx, fe, ranking, "舆情突增", "来信突增的话题及回应情况", "sheet_surges", surgeCols); err != nil {
		return err
	}
	if err := b.detail(ctx, fe, ranking, "重复来信", "同一事项反复来信", "sheet_repeats", repeatCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "敷衍答复", "敷衍答复较多的单位", "sheet_boilerplate", boilerplateUnitCols)
}

// topicMonthSheet writes 舆情: letters of the whole area per topic (rows)
// and month (columns), and a line chart with one series per topic.
func topicMonthSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	t, err := fe.sheet(ctx, "sheet_topic_months")
	if err != nil {
		return err
	}
	var months, topics []string
	seenM, seenT := map[string]bool{}, map[string]bool{}
	counts := map[[2]string]any{}
	totals := map[string]int64{}
	for _, r := range t.Rows {
		m, tp := text(r[0])[:min(7, len(text(r[0])))], text(r[1])
		if !seenM[m] {
			seenM[m] = true
			months = append(months, m)
		}
		if !seenT[tp] {
			seenT[tp] = true
			topics = append(topics, tp)
		}
		counts[[2]string{tp, m}] = r[2]
		if n, ok := r[2].(int64); ok {
			totals[tp] += n
		}
	}
	sort.Strings(months)
	// Most written-about topics first; 其他 last.
	sort.SliceStable(topics, func(i, j int) bool {
		if (topics[i] == "其他") != (topics[j] == "其他") {
			return topics[j] == "其他"
		}
		if totals[topics[i]] != totals[topics[j]] {
			return totals[topics[i]] > totals[topics[j]]
		}
		return topics[i] < topics[j]
	})

	const sheet = "舆情"
	cols := []column{{name: "topic", header: "话题", kind: kText, width: 12, def: "规则文件话题表中的话题；不含任何话题词的来信计入“其他”"}}
	for _, m := range months {
		cols = append(cols, column{name: m, header: m, kind: kInt, width: 8})
	}
	cols = append(cols, column{name: "total", header: "合计", kind: kInt, width: 8})
	s, err := b.plainSheet(sheet, "全区来信话题月度分布（政务舆情）", subtitle(fe.opts, ranking), cols)
	if err != nil {
		return err
	}
	n := headerRow
	for _, tp := range topics {
		n++
		cells := []excelize.Cell{b.cell(sheet, 1, n, kText, tp, false)}
		for i, m := range months {
			v := counts[[2]string{tp, m}]
			if v == nil {
				v = int64(0)
			}
			cells = append(cells, b.cell(sheet, 2+i, n, kInt, v, false))
		}
		cells = append(cells, b.cell(sheet, 2+len(months), n, kInt, totals[tp], true))
		if err := s.row(n, cells); err != nil {
			return err
		}
	}
	if len(topics) == 0 || len(months) == 0 {
		return nil
	}
	return b.addLineChart(sheet, lineChart{title: "各话题每月来信数", firstCol: 2, firstRow: headerRow + 1,
		series: len(topics), months: len(months), at: n + 3, height: 360, marker: 4})
}
