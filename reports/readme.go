package reports

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetDefs lists the scorecard's sheets and columns for the 说明 sheet.
var sheetDefs = []struct {
	sheet, about string
	cols         []column
}{
	{"概览", "考核单位数、各等次单位数、单项否决、预警和采集情况，附落款", nil},
	{"综合排名", "全部单位按总分排名，被否决单位排在未被否决单位之后，待核实单位不排名、列在两者之间；部门、乡镇街道另有分组排名表；等级按颜色标出，被否决单位整行标红", rankingCols("rank_overall")},
	{"信息发布", "各单位按标准目录类别的发布数量、期间目标和完成率；附发布最多和最少单位的条形图", publishCols},
	{"月度趋势", "各单位每月发布数量，红色为低于月度最低发布数的空白月；附折线图", nil},
	{"发布及时性", "成文日期到发布日期的工作日数是否在时限内", timelinessCols},
	{"逾期发布明细", "逾期发布的每条信息，附页面链接和快照证据", lateItemCols},
	{"栏目更新", "栏目按更新类别是否超期、是否空白", freshnessCols},
	{"栏目问题明细", "每个不更新、空白或待核实的栏目", columnProblemCols},
	{"政策解读", "政策文件与政策解读的关联情况", interpretationCols},
	{"未关联解读明细", "未关联解读的每份政策文件", unlinkedCols},
	{"互动回应", "信箱来信的办理、答复和公开情况", lettersCols},
	{"信件问题明细", "超时未办或逾期答复的每封信件", letterProblemCols},
	{"超期未答复", "超过 3 个月未答复的信件（一年内的咨询信件触发否决）", longUnansweredCols},
	{"公开缺项明细", "已答复但公开页面缺少回复时间、答复单位或答复内容的信件", disclosureItemCols},
	{"舆情", "全区来信按话题、按月的封数（话题表见规则文件）；附折线图", nil},
	{"舆情突增", "某单位某话题当月来信明显多于前几个月的情况，及是否及时发布政策解读或通知公告回应", surgeCols},
	{"重复来信", "同一单位在时间窗口内收到的同一事项的多封来信，及最近一封是否得到实质性答复", repeatCols},
	{"敷衍答复", "答复过短、仅称已转办或与本单位多件答复雷同的单位，按敷衍答复数排序", boilerplateUnitCols},
	{"倒签补录", "发布日期早于此前已成功采集日期、疑似倒签或补录的信息（作为问题列出，默认不否决）", backDatedCols},
	{"预警", "尚未达到否决线的风险：实测与预警线单位相同（天、个、条、百分比）", warningSheetCols},
	{"采集完整性", "各单位的页面采集情况：采集失败或被拦截的单位不能视为未发布", coverageCols},
	{"采集核验", "每个未能完整采集的栏目、信箱和首页：核验结论、依据、网站自报与实际读到的条数；这些来源重新采集前，相关得分和否决为“待核实”", sourceCols},
	{"年报审核", "各单位上一年度政府信息公开工作年度报告：是否按时发布、表格能否读取、勾稽关系是否成立", annualCols},
	{"年报问题明细", "年度报告的每个问题（规则、单元格、应为、实为）和核对提示", annualCheckCols},
}

// readmeSheet writes 说明: what the workbook covers, the vetoes, and what
// every column means.
func readmeSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	const sheet = "说明"
	if err := b.addSheet(sheet); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 16, "B": 18, "C": 90} {
		if err := b.f.SetColWidth(sheet, col, col, w); err != nil {
			return fmt.Errorf("set widths of %s: %w", sheet, err)
		}
	}
	if err := b.print(sheet, 0); err != nil {
		return err
	}
	s := plainSink{b.f, sheet}
	n := 1
	put := func(cells ...excelize.Cell) error {
		err := s.row(n, cells)
		n++
		return err
	}
	if err := put(excelize.Cell{Value: b.title, StyleID: b.st.title}); err != nil {
		return err
	}
	n++
	groups := map[string]int{}
	var order []string
	var incomplete []string
	var vetoed []string
	var pending []string
	for _, r := range ranking.Rows {
		g := text(valueOf(ranking, r, "kind_group"))
		if groups[g] == 0 {
			order = append(order, g)
		}
		groups[g]++
		name := text(valueOf(ranking, r, "unit_name"))
		if v, ok := valueOf(ranking, r, "coverage_complete").(bool); ok && !v {
			incomplete = append(incomplete, name)
		}
		if p := valueOf(ranking, r, "pending"); p != nil && text(p) != "" {
			pending = append(pending, name+"："+text(p))
		}
		if v := text(valueOf(ranking, r, "vetoes")); v != "" {
			reason := text(valueOf(ranking, r, "veto_reasons"))
			vetoed = append(vetoed, name+"："+v+"（"+reason+"）")
		}
	}
	var covered []string
	for _, g := range order {
		covered = append(covered, fmt.Sprintf("%s %d 个", g, groups[g]))
	}
	kv := [][2]any{
		{"考核期间", fe.opts.period()},
		{"数据截止", firstValue(ranking, "cutoff")},
		{"覆盖单位", fmt.Sprintf("%d 个（%s）", len(ranking.Rows), strings.Join(covered, "，"))},
		{"规则版本", firstValue(ranking, "rule_version")},
		{"生成时间", generatedAt(fe.opts).Format("2006-01-02 15:04")},
		{"评分办法", "满分 100：信息发布 25、发布及时 15、栏目维护 20、政策解读 10、互动回应 30。某部分没有数据（如无信箱来信、无政策文件）时显示“—”，按其余部分折算为百分制，不按 0 分或满分计。≥90 优秀，≥80 良好，≥60 合格，否则不合格；触发单项否决即为不合格。"},
		{"数据截止说明", "所有数字按数据截止日（采集日）计算，不按打开表格的日期。考核期结束晚于数据截止日时，只计算到截止日：期间目标按截止日折算，截止日以后的月份不算空白月。"},
		{"待核实", "每个栏目、信箱和首页每次采集都有核验结论：完整、确认为空、不完整、可疑、被拦截、失败、需浏览器。只有“完整”和“确认为空”可作为扣分和否决的依据：空白栏目须确认为空，栏目不更新须完整读取，“无可用信箱”须信箱页面确实不存在（抓取失败不算），“首页不更新”须首页已打开。依据不足的得分部分显示“—”并注明待核实，不按 0 分也不按满分计；可能触发却无法排除的否决使等级为“待核实”，需重新采集的来源列在“采集核验”表。详情页打不开的信息列为“列出未核验”，不计入发布数量和及时率；网站上已删除（栏目不再列出且页面 404）的信息自删除之日起不再计入。"},
		{"单项否决", strings.Join(orNone(vetoed), "\n")},
		{"待核实单位", strings.Join(orNone(pending), "\n")},
		{"采集不完整", strings.Join(orNone(incomplete), "、") + "（这些单位有页面未采集到，相关指标待核实，不能视为未发布）"},
	}
	for _, p := range kv {
		v := p[1]
		if v == nil {
			v = "—"
		}
		if err := s.row(n, []excelize.Cell{
			{Value: p[0], StyleID: b.st.label},
			{Value: cellText(text(v)), StyleID: b.st.body[kWrap]},
		}); err != nil {
			return err
		}
		if err := b.f.MergeCell(sheet, fmt.Sprintf("B%d", n), fmt.Sprintf("C%d", n)); err != nil {
			return fmt.Errorf("merge on %s: %w", sheet, err)
		}
		// Merged cells do not grow with their text: size the row.
		if lines := textLines(text(v), 100); lines > 1 {
			if err := b.f.SetRowHeight(sheet, n, min(float64(14*lines+2), excelize.MaxRowHeight)); err != nil {
				return fmt.Errorf("row height on %s: %w", sheet, err)
			}
		}
		n++
	}
	n++
	if err := put(excelize.Cell{Value: "各表各列的含义", StyleID: b.st.subtitle}); err != nil {
		return err
	}
	if err := put(b.header([]column{{header: "工作表"}, {header: "列"}, {header: "含义"}})...); err != nil {
		return err
	}
	for _, d := range sheetDefs {
		if err := put(
			excelize.Cell{Value: d.sheet, StyleID: b.st.label},
			excelize.Cell{Value: "（本表）", StyleID: b.st.body[kText]},
			excelize.Cell{Value: d.about, StyleID: b.st.body[kWrap]},
		); err != nil {
			return err
		}
		for _, c := range d.cols {
			if c.def == "" {
				continue
			}
			if err := put(
				excelize.Cell{Value: d.sheet, StyleID: b.st.body[kText]},
				excelize.Cell{Value: c.header, StyleID: b.st.body[kText]},
				excelize.Cell{Value: c.def, StyleID: b.st.body[kWrap]},
			); err != nil {
				return err
			}
		}
	}
	return nil
}

func orNone(s []string) []string {
	if len(s) == 0 {
		return []string{"无"}
	}
	return s
}

// textLines estimates the lines text takes in a cell width wide characters,
// a CJK character counting two.
func textLines(s string, width int) int {
	lines := 0
	for _, part := range strings.Split(s, "\n") {
		w := 0
		for _, r := range part {
			if r >= 0x2E80 {
				w += 2
			} else {
				w++
			}
		}
		lines += 1 + w/width
	}
	return lines
}
